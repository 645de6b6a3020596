package detect

import (
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestPooledHitsBounded checks what a released scanner keeps of its hits:
// those of a dense 1 MiB body of customer records (about 44,000 hits and
// the names found next to them), so that the next such scan does not make
// them again, and never more than maxPooledHitBytes.
func TestPooledHitsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("scans 1 MiB")
	}
	e := MustCompile(Policy{FingerprintKey: []byte("pool")})
	text := synth.CustomersCSV(rand.New(rand.NewPCG(1, 1)), 1<<20)
	s := e.newScanner(text, 0)
	s.pass()
	if f := s.finish(10); len(f) < 40000 {
		t.Fatalf("%d findings in 1 MiB of customer records, want a dense body", len(f))
	}
	hits, tail := cap(s.hits), cap(s.tailBuf)
	s.release()
	if hits == 0 || (hits+tail)*int(unsafe.Sizeof(hit{})) > maxPooledHitBytes {
		t.Fatalf("a dense 1 MiB body grew %d+%d hits: more than the pooled bound of %d bytes", hits, tail, maxPooledHitBytes)
	}
	if cap(s.hits) != hits || cap(s.tailBuf) != tail {
		t.Fatalf("release dropped the hits of a dense 1 MiB body (%d+%d hits)", hits, tail)
	}

	big := &scanner{hits: make([]hit, 0, maxPooledHitBytes/int(unsafe.Sizeof(hit{}))+1)}
	big.release()
	if big.hits != nil || big.tailBuf != nil {
		t.Fatalf("release kept %d hits, beyond the bound", cap(big.hits))
	}
}
