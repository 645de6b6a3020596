package fieldtext

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestRedactHostIPv6Masked: a mobile or an ID in an IPv6 literal's
// decimal groups is starred where it stands, the brackets, colons and
// port kept; a zone's mask keeps the ']' after it.
func TestRedactHostIPv6Masked(t *testing.T) {
	r := rand.New(rand.NewPCG(39, 1))
	m := synth.CNMobile(r)
	for _, tc := range []struct{ host, want string }{
		{"[::" + m[:3] + ":" + m[3:7] + ":" + m[7:] + "]:443", "[::***:****:****]:443"},
		{"[2001:db8:" + m[:3] + ":" + m[3:7] + ":" + m[7:] + "::1]", "[2001:db8:***:****:****::1]"},
	} {
		if out, fs := RedactHost(testFinder(), tc.host); len(fs) == 0 || out != tc.want {
			t.Errorf("RedactHost(%q) = %q, %d findings: want %q", tc.host, out, len(fs), tc.want)
		}
	}
	host := "[fe80::1%25" + m + "]:443"
	out, fs := RedactHost(testFinder(), host)
	if len(fs) == 0 || strings.Contains(out, m) || !strings.HasPrefix(out, "[fe80::1%25") || !strings.HasSuffix(out, "]:443") {
		t.Errorf("RedactHost(%q) = %q, %d findings: want the mobile masked, brackets and port kept", host, out, len(fs))
	}
}

// TestRedactHostIPv6Clean: ordinary IPv6 literals, zones and IPv4 mapped
// addresses hold nothing; of random addresses (half behind a mainland
// carrier's decimal prefix, 2408:8207:), fewer than one in a thousand
// has decimal groups that spell a mobile 3-4-4 (measured: 1 in 5000,
// "…:132:3803:5642:…"), the price of reading them.
func TestRedactHostIPv6Clean(t *testing.T) {
	find := testFinder()
	for _, host := range []string{
		"2001:db8::1", "[2001:db8::1]:8443", "fe80::1%eth0", "[fe80::1%25eth0]:443", "::ffff:10.0.0.1",
		"[::ffff:192.168.1.100]:8080", "[2408:8207:1851:2130::1]", "[2409:8a1e:6b52:1e30::12]:443",
	} {
		if out, fs := RedactHost(find, host); out != host || len(fs) != 0 {
			t.Errorf("RedactHost(%q) = %q, %d findings: want it kept", host, out, len(fs))
		}
	}
	r := rand.New(rand.NewPCG(39, 2))
	found := 0
	const n = 5000
	for k := range n {
		groups := make([]string, 8)
		for i := range groups {
			groups[i] = strconv.FormatUint(uint64(r.Uint32N(1<<16)), 16)
		}
		if k%2 == 0 {
			groups[0], groups[1] = "2408", "8207" // a mainland carrier's prefix
		}
		host := "[" + strings.Join(groups, ":") + "]:" + strconv.Itoa(1+r.IntN(65535))
		if out, fs := RedactHost(find, host); len(fs) > 0 {
			found++
			t.Logf("random address %q: %q, %v", host, out, fs[0].Category)
		}
	}
	if found > n/1000 {
		t.Errorf("%d of %d random addresses have findings: want fewer than one in a thousand", found, n)
	}
}
