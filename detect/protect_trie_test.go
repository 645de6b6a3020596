package detect

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestTrieMatchesAMap checks the trie against a map through random adds
// and removals, including fingerprints that share long prefixes of their
// 5-bit slots, and that an older root is left unchanged.
func TestTrieMatchesAMap(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var tr fpTrie
	want := map[uint64]bool{}
	pick := func() uint64 {
		if r.IntN(3) == 0 {
			return uint64(r.IntN(64)) << 55 // shared low slots: deep paths
		}
		return r.Uint64()
	}
	var keys []uint64
	for i := 0; i < 20000; i++ {
		var v uint64
		if len(keys) > 0 && r.IntN(2) == 0 {
			v = keys[r.IntN(len(keys))]
		} else {
			v = pick()
			keys = append(keys, v)
		}
		old, oldHas := tr, tr.has(v)
		if r.IntN(3) == 0 {
			tr, _ = tr.without(v)
			delete(want, v)
		} else {
			tr, _ = tr.with(v)
			want[v] = true
		}
		if old.has(v) != oldHas {
			t.Fatalf("step %d: an older root changed", i)
		}
		if tr.has(v) != want[v] || tr.n != len(want) {
			t.Fatalf("step %d: has %v n %d, want %v n %d", i, tr.has(v), tr.n, want[v], len(want))
		}
	}
	for _, v := range keys {
		if tr.has(v) != want[v] {
			t.Fatalf("%x: has %v, want %v", v, tr.has(v), want[v])
		}
	}
}

// TestChangeWorkIndependentOfSize: adding or removing one fingerprint
// copies at most trieDepth nodes whether the set holds a hundred or a
// hundred thousand.
func TestChangeWorkIndependentOfSize(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	for _, size := range []int{100, 100_000} {
		p := NewProtectedSet(key)
		r := rand.New(rand.NewPCG(3, uint64(size)))
		fps := make([]string, size)
		for i := range fps {
			fps[i] = fmt.Sprintf("%016x", r.Uint64())
		}
		if err := p.Replace(fps); err != nil {
			t.Fatal(err)
		}
		most := 0
		for i := 0; i < 200; i++ {
			fp := fmt.Sprintf("%016x", r.Uint64())
			w1, err := p.Change([]string{fp}, nil)
			if err != nil {
				t.Fatal(err)
			}
			w2, _ := p.Change(nil, []string{fp})
			most = max(most, w1, w2)
		}
		if most > trieDepth+1 {
			t.Errorf("size %d: one change copied %d nodes, want at most %d", size, most, trieDepth+1)
		}
		if p.Len() != size {
			t.Errorf("size %d: Len %d after adding and removing", size, p.Len())
		}
		if !p.Has(fps[size/2]) {
			t.Errorf("size %d: a fingerprint of Replace is gone", size)
		}
	}
}
