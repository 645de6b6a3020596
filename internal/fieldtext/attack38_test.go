package fieldtext

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestAttack38HostIPv6Groups: an IPv6 literal is skipped whole
// (ipLiteral), yet its groups may be written in decimal digits only, so
// "[::138:1234:5678]" is a valid address that carries a mobile grouped
// exactly as one is written, and "[2001:db8:<ID in four-digit groups>]"
// an ID: Host and X-Forwarded-Host pass it to the upstream and to the
// logs unread. A random address is hexadecimal; one whose groups hold a
// whole valid mobile or checksummed ID in decimal is a message.
func TestAttack38HostIPv6Groups(t *testing.T) {
	r := rand.New(rand.NewPCG(38, 11))
	m := synth.CNMobile(r)
	id := synth.CNID18(r)
	for strings.HasSuffix(id, "X") {
		id = synth.CNID18(r)
	}
	find := testFinder()
	for name, host := range map[string]string{
		"mobile 3-4-4":       "[::" + m[:3] + ":" + m[3:7] + ":" + m[7:] + "]",
		"mobile with port":   "[::" + m[:3] + ":" + m[3:7] + ":" + m[7:] + "]:443",
		"mobile unbracketed": "::" + m[:3] + ":" + m[3:7] + ":" + m[7:],
		"id four-digit":      "[" + id[:2] + ":" + id[2:6] + ":" + id[6:10] + ":" + id[10:14] + ":" + id[14:18] + "::]",
	} {
		t.Run(name, func(t *testing.T) {
			out, fs := RedactHost(find, host)
			if len(fs) == 0 {
				t.Errorf("RedactHost(%q) = %q: no finding", host, out)
			}
		})
	}
}
