package detect

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestKeptOfRemembered checks that the addresses of dense customer
// records have their kept district remembered when emitted, so that
// their masks read them no second time, and that what was remembered is
// what keepDistrict keeps of the address as masked.
func TestKeptOfRemembered(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	text := synth.CustomersCSV(rand.New(rand.NewPCG(8, 8)), 64<<10)
	s := e.newScanner(text, 0)
	defer s.release()
	s.pass()
	addresses, remembered := 0, 0
	for _, h := range s.confirmed() {
		if h.cat != addressIndex {
			continue
		}
		addresses++
		if n, ok := s.keptOf(&h); ok {
			remembered++
			if want := keepDistrict(s.norm(&h)); !bytes.Equal(text[h.Start:h.Start+n], want) {
				t.Fatalf("remembered %q kept of an address, keepDistrict keeps %q", text[h.Start:h.Start+n], want)
			}
		}
	}
	if addresses == 0 || remembered != addresses {
		t.Errorf("%d of %d addresses had their kept district remembered, want all", remembered, addresses)
	}
}
