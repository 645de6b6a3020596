package fieldtext

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestRedactName: an identifier glued to a letter of a header's name is
// found by its digits alone and starred where it stands; one standing
// apart is found as text; ordinary names with digits come back as they
// are.
func TestRedactName(t *testing.T) {
	r := rand.New(rand.NewPCG(39, 3))
	m, id := synth.CNMobile(r), synth.CNID18(r)
	find := testFinder()
	for _, tc := range []struct{ name, raw, kept string }{
		{"X-U" + id, id[:17], "X-U"},
		{"X-Tel" + m, m, "X-Tel"},
		{"X-" + m, m, "X-"},
		{"X-" + m[:3] + "-" + m[3:7] + "-" + m[7:] + "a", m[3:7], "X-"},
	} {
		out, fs := RedactName(find, tc.name)
		if len(fs) == 0 || strings.Contains(out, tc.raw) || !strings.HasPrefix(out, tc.kept) {
			t.Errorf("RedactName(%q) = %q, %d findings: want %q masked, %q kept", tc.name, out, len(fs), tc.raw, tc.kept)
		}
	}
	for _, name := range []string{"", "Accept", "X-B3-TraceId", "Sec-CH-UA-Platform-Version", "X-Request-ID", "X-Forwarded-For", "Content-MD5", "X-Api-Version-2024", "X-" + synth.CNMobileBadPrefix(r)} {
		if out, fs := RedactName(find, name); out != name || len(fs) != 0 {
			t.Errorf("RedactName(%q) = %q, %d findings: want it kept", name, out, len(fs))
		}
	}
}

// TestNameAndHostOneJoin: a header's name and a host label are read by
// the one join (joinReadings): the same token finds the same categories
// either way, no digit run of its identifier is left in either, and the
// host's glued identifier is starred where the name's is written in the
// mask style.
func TestNameAndHostOneJoin(t *testing.T) {
	r := rand.New(rand.NewPCG(40, 5))
	m, id := synth.CNMobile(r), synth.CNID18(r)
	find := testFinder()
	for _, tok := range []string{"u" + id, "tel" + m, "x-" + m[:3] + "-" + m[3:7] + "-" + m[7:] + "a", "id" + id + "tel" + m} {
		nOut, nfs := RedactName(find, tok)
		hOut, hfs := RedactHost(find, tok+".shop.example")
		cats := func(fs []detect.Finding) detect.CategorySet {
			var c detect.CategorySet
			for _, f := range fs {
				c = c.With(f.Category)
			}
			return c
		}
		if len(nfs) == 0 || cats(nfs) != cats(hfs) {
			t.Errorf("%s: name finds %v, host %v", tok, cats(nfs), cats(hfs))
		}
		for _, raw := range []string{m[3:7], id[6:14]} {
			if strings.Contains(tok, raw) && (strings.Contains(nOut, raw) || strings.Contains(hOut, raw)) {
				t.Errorf("%s: %q left in %q or %q", tok, raw, nOut, hOut)
			}
		}
		if !strings.HasSuffix(hOut, ".shop.example") || strings.Trim(strings.TrimSuffix(hOut, ".shop.example"), "*xuteliad-") != "" {
			t.Errorf("%s: host written %q, want its identifier starred in place", tok, hOut)
		}
	}
}
