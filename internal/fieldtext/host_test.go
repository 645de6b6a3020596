package fieldtext

import (
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/net/idna"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestRedactHost: an identifier in a host is found however it is glued
// into a label (a letter, a hyphen, a port, digits grouped, full-width
// digits in a punycode label), masked where it stands, the other labels
// kept; an ID whose check character is an 'X' keeps it under the mask.
func TestRedactHost(t *testing.T) {
	r := rand.New(rand.NewPCG(38, 1))
	m, id, idx := synth.CNMobile(r), synth.CNID18(r), synth.CNID18X(r)
	wide, err := idna.Punycode.ToASCII(synth.FullWidth(m))
	if err != nil {
		t.Fatal(err)
	}
	find := testFinder()
	for _, tc := range []struct{ host, raw, kept string }{
		{m + ".shop.example", m, ".shop.example"},
		{"u" + id + ".shop.example", id, "u"},
		{"u" + idx + ".shop.example:8443", idx[:17], ".shop.example:8443"},
		{"u" + strings.ToLower(idx) + ".shop.example", idx[:17], ".shop.example"},
		{"cdn-" + m + ".example", m, "cdn-"},
		{"a" + m[:3] + "-" + m[3:7] + "-" + m[7:] + ".example", m[3:7], ".example"},
		{wide + ".shop.example", wide, ".shop.example"},
	} {
		out, fs := RedactHost(find, tc.host)
		if len(fs) == 0 || strings.Contains(out, tc.raw) || !strings.Contains(out, tc.kept) {
			t.Errorf("RedactHost(%q) = %q, %d findings: want %q masked, %q kept", tc.host, out, len(fs), tc.raw, tc.kept)
		}
		if len(out) < len(tc.host)-1 {
			t.Errorf("RedactHost(%q) = %q: masked more than the identifier", tc.host, out)
		}
	}
}

// TestRedactHostCleanKept: IP literals, ports, punycode and hosts of
// numbers that are no identifiers come back as they are.
func TestRedactHostCleanKept(t *testing.T) {
	r := rand.New(rand.NewPCG(38, 2))
	cn, err := idna.ToASCII("中国")
	if err != nil {
		t.Fatal(err)
	}
	find := testFinder()
	for _, host := range []string{
		"", "10.0.0.1", "10.0.0.1:8080", "[::1]", "[::1]:443", "::1", "[2001:db8::1]:8443",
		"localhost:2019", "www.example.com:443", cn + ".example", "xn--zz.example",
		synth.CNMobileBadPrefix(r) + ".cdn.example", "u" + synth.CNIDBadCheck(r) + ".example",
		"e" + synth.TraceID(r) + ".cdn.example", synth.UUID(r) + ".svc.example",
		"o" + synth.SnowflakeID(r) + ".cdn.example", "1-2-3-4.nip.io", "192-168-1-100.sslip.io",
		strings.Repeat("xn--"+strings.Repeat("a", 70)+".", 3) + "example",
	} {
		if out, fs := RedactHost(find, host); out != host || len(fs) != 0 {
			t.Errorf("RedactHost(%q) = %q, %d findings: want it kept", host, out, len(fs))
		}
	}
}

// TestIPLiteral: addresses with a short port are literals; a zone (free
// text), a long port or a name is not.
func TestIPLiteral(t *testing.T) {
	for host, want := range map[string]bool{
		"10.0.0.1": true, "10.0.0.1:65535": true, "[::1]": true, "[::1]:80": true, "::1": true,
		"[fe80::1%25eth0]": false, "fe80::1%13812345678": false, "10.0.0.1:138123456789": false,
		"[::1]:x": false, "[::1": false, "example.com": false, "010.0.0.1": false,
	} {
		if got := ipLiteral(host); got != want {
			t.Errorf("ipLiteral(%q) = %v, want %v", host, got, want)
		}
	}
}

// TestRedactHostLinear: a long host of punycode labels and digit runs is
// read in bytes proportional to its length (each byte by the text and
// digit readings, each label of at most 63 bytes decoded once), counted
// through the finder.
func TestRedactHostLinear(t *testing.T) {
	find := testFinder()
	for _, unit := range []string{"xn--" + strings.Repeat("7g7c", 14) + ".", "a1234567890b.", "1-"} {
		var read []int
		for _, n := range []int{1 << 12, 1 << 14} {
			host := strings.Repeat(unit, n/len(unit)) + "example"
			bytesRead := 0
			counted := func(text []byte, hint detect.CategorySet) []detect.Finding {
				bytesRead += len(text)
				return find(text, hint)
			}
			RedactHost(counted, host)
			if bytesRead > 8*len(host) {
				t.Errorf("unit %q, host of %d bytes: %d bytes read", unit, len(host), bytesRead)
			}
			read = append(read, bytesRead)
		}
		if read[1] > 5*read[0] {
			t.Errorf("unit %q: %d then %d bytes read for a host four times as long", unit, read[0], read[1])
		}
	}
}
