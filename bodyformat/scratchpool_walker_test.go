//go:build !race

package bodyformat

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// (The race detector drops sync.Pool items at random and hands them to
// other goroutines' Gets: which walker a Get returns is not defined
// under it.)

// TestScratchPoolWalker: an inspection of JSON walks with the walker and
// the sibling joins the inspection before it gave back, and one that read
// a string longer than maxPooledBuffer gives its walker to the collector,
// not to scratches.
func TestScratchPoolWalker(t *testing.T) {
	eng := testEngine(t)
	body := synth.CustomersJSON(rand.New(rand.NewPCG(15, 16)), 4<<10, true)
	drainScratches()
	mustInspect(t, eng, body, "application/json", "", Redact)
	s, ok := scratches.Get().(*scratch)
	if !ok || s.walker == nil || len(s.walker.joins) == 0 || len(s.siblings) == 0 {
		t.Fatalf("no walker, joins or sibling joins given back: %+v", s)
	}
	w, j := s.walker, s.siblings[0]
	scratches.Put(s)
	mustInspect(t, eng, body, "application/json", "", Redact)
	s, ok = scratches.Get().(*scratch)
	if !ok || s.walker != w || len(s.siblings) == 0 || s.siblings[0] != j {
		t.Fatal("the next inspection did not walk with the pooled walker and joins")
	}
	if s.walker.src != nil || s.walker.in != nil || len(s.walker.dec) != 0 {
		t.Fatal("a pooled walker holds its last body")
	}
	// a long string (escaped: decoded into the walker's buffer)
	long := []byte(`{"note":"` + strings.Repeat(`a\n`, maxPooledBuffer) + `"}`)
	mustInspect(t, eng, long, "application/json", "", Redact)
	s, ok = scratches.Get().(*scratch)
	if !ok || s.walker != nil {
		t.Fatalf("a walker that decoded %d bytes was pooled", 2*maxPooledBuffer)
	}
}
