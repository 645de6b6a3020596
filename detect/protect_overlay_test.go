package detect

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
)

// hexFP spells v as Finding.Fingerprint does.
func hexFP(v uint64) string { return fmt.Sprintf("%016x", v) }

// TestOverlayMatchesAMap checks the set against a map through random adds
// and removals that grow it past several folds and shrink it to nothing
// again, with lookups running alongside (the race detector watches the
// writer and the readers), fingerprints that share their overlay slots
// included.
func TestOverlayMatchesAMap(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	p := NewProtectedSet([]byte("0123456789abcdef0123456789abcdef"))
	want := map[uint64]bool{}
	var keys []uint64
	pick := func() uint64 {
		if len(keys) > 0 && r.IntN(2) == 0 {
			return keys[r.IntN(len(keys))]
		}
		v := r.Uint64()
		if r.IntN(4) == 0 {
			v = uint64(r.IntN(64)) // small values: many share a neighbourhood
		}
		keys = append(keys, v)
		return v
	}
	stop := make(chan struct{})
	var readers sync.WaitGroup
	for range 2 {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for i := uint64(0); ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				if s := p.load(); s != nil {
					s.has(i % 64)
				}
			}
		}()
	}
	check := func(step int) {
		t.Helper()
		if p.Len() != len(want) {
			t.Fatalf("step %d: Len %d, want %d", step, p.Len(), len(want))
		}
		for v, on := range want {
			if p.Has(hexFP(v)) != on {
				t.Fatalf("step %d: %x: has %v, want %v", step, v, !on, on)
			}
		}
	}
	for step := 0; step < 30000; step++ {
		grow := step < 15000 // then mostly removals, down to nothing
		v := pick()
		if r.IntN(4) == 0 || !grow && r.IntN(5) > 0 {
			if _, err := p.Change(nil, []string{hexFP(v)}); err != nil {
				t.Fatal(err)
			}
			delete(want, v)
		} else {
			if _, err := p.Change([]string{hexFP(v)}, nil); err != nil {
				t.Fatal(err)
			}
			want[v] = true
		}
		if s := p.load(); s == nil != (len(want) == 0) {
			t.Fatalf("step %d: snapshot %v with %d held", step, s, len(want))
		}
		if p.Has(hexFP(v)) != want[v] {
			t.Fatalf("step %d: %x: has %v, want %v", step, v, !want[v], want[v])
		}
		if step%997 == 0 {
			check(step)
			p.folds.Wait()
			check(step)
		}
	}
	for _, v := range keys { // down to nothing
		if _, err := p.Change(nil, []string{hexFP(v)}); err != nil {
			t.Fatal(err)
		}
		delete(want, v)
	}
	close(stop)
	readers.Wait()
	p.folds.Wait()
	check(-1)
	if p.load() != nil {
		t.Fatal("an empty set still publishes contents")
	}
}

// TestChangeWorkIndependentOfSize: adding or removing one fingerprint
// costs a constant amortised whether the set holds a hundred or a hundred
// thousand: the slots written, the overlays made and the entries the folds
// copy (in the background or not), summed over many changes. Before, a
// change rebuilt the whole set; the count of work per change is the proof,
// not a clock.
func TestChangeWorkIndependentOfSize(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	const rounds = 60000 // three changes each: several folds at either size
	for _, size := range []int{100, 100_000} {
		p := NewProtectedSet(key)
		r := rand.New(rand.NewPCG(3, uint64(size)))
		fps := make([]string, size)
		for i := range fps {
			fps[i] = hexFP(r.Uint64())
		}
		if err := p.Replace(fps); err != nil {
			t.Fatal(err)
		}
		work, most, changes := 0, 0, 0
		prev := ""
		for i := 0; i < rounds; i++ {
			// a fresh fingerprint in, the previous one out, one of the
			// first ones out or back in: the size stays where it is
			fresh, old := hexFP(r.Uint64()), fps[r.IntN(size)]
			w1, err := p.Change([]string{fresh}, nil)
			if err != nil {
				t.Fatal(err)
			}
			w2, _ := p.Change(nil, []string{prev})
			var w3 int
			if r.IntN(2) == 0 {
				w3, _ = p.Change(nil, []string{old})
			} else {
				w3, _ = p.Change([]string{old}, nil)
			}
			prev = fresh
			work += w1 + w2 + w3
			changes += 3
			most = max(most, w1, w2, w3)
		}
		p.folds.Wait()
		total := work + int(p.foldWork.Load())
		perChange := float64(total) / float64(changes)
		t.Logf("size %d (held %d): %d changes, work %.2f a change amortised (%d of it by folds), the most in one change %d", size, p.Len(), changes, perChange, p.foldWork.Load(), most)
		// a fold copies the set once a 32nd of it changed: per change at
		// most 1 slot, 4 slots of the overlays grown on the way, 32
		// entries of the base and 4 slots of the overlay folded, and as
		// many again if a fold is done in line
		if limit := float64(1 + 4 + 2*(overlayShare+4)); perChange > limit {
			t.Errorf("size %d: %.2f work a change amortised, want at most %.0f", size, perChange, limit)
		}
		if p.Len() < size/2 || p.Len() > size+1 || !p.Has(prev) {
			t.Errorf("size %d: Len %d after the changes", size, p.Len())
		}
	}
}

// TestChangeAllocations: a change that fits in the live overlay allocates
// what parsing its fingerprints takes, whatever the size of the set.
func TestChangeAllocations(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	for _, size := range []int{100, 100_000} {
		p := NewProtectedSet(key)
		r := rand.New(rand.NewPCG(5, uint64(size)))
		fps := make([]string, size)
		for i := range fps {
			fps[i] = hexFP(r.Uint64())
		}
		if err := p.Replace(fps); err != nil {
			t.Fatal(err)
		}
		add, remove := []string{hexFP(r.Uint64())}, []string{fps[0]}
		n := testing.AllocsPerRun(100, func() {
			_, _ = p.Change(add, remove)
			_, _ = p.Change(remove, add)
		})
		t.Logf("size %d: %v allocations for two changes of two fingerprints", size, n)
		if n > 6 {
			t.Errorf("size %d: %v allocations for two changes of two fingerprints", size, n)
		}
	}
}

// TestReplaceKeepsGenerationOfSameContents: a full read of the store that
// finds what the set holds does not advance the generation (a verdict
// cache keeps its verdicts); one that differs does.
func TestReplaceKeepsGenerationOfSameContents(t *testing.T) {
	p := NewProtectedSet([]byte("0123456789abcdef0123456789abcdef"))
	a, b, c := hexFP(1), hexFP(2), hexFP(3)
	if err := p.Replace([]string{a, b}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Change([]string{c}, []string{a}); err != nil {
		t.Fatal(err)
	}
	g := p.Generation()
	if err := p.Replace([]string{c, b}); err != nil || p.Generation() != g {
		t.Fatalf("the same contents advanced the generation (%v)", err)
	}
	if err := p.Replace([]string{a, b}); err != nil || p.Generation() == g {
		t.Fatalf("other contents kept the generation (%v)", err)
	}
	if _, err := p.Change([]string{a}, nil); err != nil || p.Generation() == g+0 {
		t.Fatal("generation")
	}
}

// TestOverlayProbesStayShort: fingerprints that share their home slot
// under one seed spread under another, and a full overlay (half its
// slots) is still found and still refuses a fingerprint it lacks in a
// bounded probe.
func TestOverlayProbesStayShort(t *testing.T) {
	o := newOverlay(2*overlayMinBound, overlayMinBound, 1)
	var same []uint64
	home := o.home(0)
	for v := uint64(1); len(same) < 16; v++ {
		if o.home(v) == home {
			same = append(same, v)
		}
	}
	other := newOverlay(2*overlayMinBound, overlayMinBound, 2)
	homes := map[uint64]bool{}
	for _, v := range same {
		homes[other.home(v)] = true
	}
	if len(homes) < 8 {
		t.Errorf("16 fingerprints of one home slot share %d under another seed", len(homes))
	}
	for v := uint64(0); o.put(v, v%2 == 0); v++ {
	}
	if o.used != overlayMinBound {
		t.Fatalf("a full overlay holds %d, want %d", o.used, overlayMinBound)
	}
	for v := uint64(0); v < overlayMinBound; v++ {
		if want := map[bool]uint32{true: ovOn, false: ovOff}[v%2 == 0]; o.lookup(v) != want {
			t.Fatalf("%d: state %d, want %d", v, o.lookup(v), want)
		}
	}
	if o.lookup(1<<40) != ovEmpty {
		t.Fatal("a fingerprint not in the overlay found")
	}
}

// TestGenerationFollowsTheContents: a lookup that reads a generation
// after a change advanced it to that value sees the change, while changes
// are made on another goroutine through grown, frozen and folded
// overlays. A verdict cache keys its verdicts by the generation read
// before the scan, so a verdict stored under a generation never misses a
// change made before it.
func TestGenerationFollowsTheContents(t *testing.T) {
	p := NewProtectedSet([]byte("0123456789abcdef0123456789abcdef"))
	const changes = 5000
	var mu sync.Mutex
	madeAt := map[uint64]uint64{} // generation → the fingerprint its change added
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := uint64(1); i <= changes; i++ {
			if _, err := p.Change([]string{hexFP(i)}, nil); err != nil {
				t.Error(err)
				return
			}
			g := p.Generation()
			mu.Lock()
			madeAt[g] = i
			mu.Unlock()
		}
	}()
	checked := 0
	for running := true; running; {
		select {
		case <-done:
			running = false
		default:
		}
		g := p.Generation()
		mu.Lock()
		v, ok := madeAt[g]
		mu.Unlock()
		if !ok {
			continue
		}
		checked++
		if s := p.load(); s == nil || !s.has(v) {
			t.Fatalf("generation %d read, the fingerprint its change added not seen", g)
		}
	}
	if checked == 0 {
		t.Fatal("no generation checked")
	}
}

// TestBatchChangeFoldsInBounds: one change of 50,000 fingerprints to an
// empty set freezes many overlays in a row; they are folded in line and
// by the one background goroutine, at a constant amortised work per
// fingerprint, and the set holds them all.
func TestBatchChangeFoldsInBounds(t *testing.T) {
	p := NewProtectedSet([]byte("0123456789abcdef0123456789abcdef"))
	r := rand.New(rand.NewPCG(9, 9))
	const k = 50_000
	add := make([]string, k)
	for i := range add {
		add[i] = hexFP(r.Uint64())
	}
	work, err := p.Change(add, nil)
	if err != nil {
		t.Fatal(err)
	}
	p.folds.Wait()
	perChange := float64(work+int(p.foldWork.Load())) / k
	t.Logf("%d fingerprints in one change: work %.1f each (%d in line, %d in the background)", k, perChange, work, p.foldWork.Load())
	if limit := float64(1 + 4 + 2*(overlayShare+4)); perChange > limit {
		t.Errorf("work %.1f a fingerprint, want at most %.0f", perChange, limit)
	}
	if p.Len() != k || !p.Has(add[0]) || !p.Has(add[k-1]) {
		t.Fatalf("Len %d after adding %d", p.Len(), k)
	}
	if s := p.load(); s.frozen != nil {
		t.Fatal("a frozen overlay left unfolded")
	}
}
