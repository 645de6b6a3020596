package detect

import "math/bits"

// fpTrie is an immutable set of 64-bit fingerprints: a hash array mapped
// trie, 32 ways per level (5 bits of the fingerprint, lowest first), each
// node holding only its present children. Fingerprints are keyed hashes,
// so the trie is balanced: about log32(n) levels, 13 at most (64 bits).
//
// A change copies only the nodes on its path (at most trieDepth of at most
// 32 entries each), never the rest: adding or removing one fingerprint
// costs the same whatever the size of the set, and a scan holding an
// older root keeps reading it unchanged.
type fpTrie struct {
	root *trieNode
	n    int
}

// trieNode is one level of the trie: bitmap bit i is set when child i is
// present; kids holds the present children in order of i.
type trieNode struct {
	bitmap uint32
	kids   []trieKid
}

// trieKid is a fingerprint (node nil) or a deeper node.
type trieKid struct {
	fp   uint64
	node *trieNode
}

// trieDepth is the most levels a fingerprint's path crosses: 64 bits, 5
// per level.
const trieDepth = 13

// trieSlot returns the child index of fp at the level of shift and the
// position of that child in a node whose bitmap is bm.
func trieSlot(bm uint32, fp uint64, shift uint) (bit uint32, pos int) {
	bit = 1 << ((fp >> shift) & 31)
	return bit, bits.OnesCount32(bm & (bit - 1))
}

// has reports whether the set holds fp; it allocates nothing.
func (t fpTrie) has(fp uint64) bool {
	n := t.root
	for shift := uint(0); n != nil; shift += 5 {
		bit, pos := trieSlot(n.bitmap, fp, shift)
		if n.bitmap&bit == 0 {
			return false
		}
		k := n.kids[pos]
		if k.node == nil {
			return k.fp == fp
		}
		n = k.node
	}
	return false
}

// with returns the set with fp added, and the nodes it copied or made.
func (t fpTrie) with(fp uint64) (fpTrie, int) {
	root, added, work := trieAdd(t.root, fp, 0)
	if added {
		t.n++
	}
	t.root = root
	return t, work
}

// without returns the set with fp removed, and the nodes it copied.
func (t fpTrie) without(fp uint64) (fpTrie, int) {
	root, removed, work := trieRemove(t.root, fp, 0)
	if removed {
		t.n--
	}
	t.root = root
	return t, work
}

// trieAdd returns a copy of n's path with fp added.
func trieAdd(n *trieNode, fp uint64, shift uint) (*trieNode, bool, int) {
	if n == nil {
		return &trieNode{bitmap: 1 << ((fp >> shift) & 31), kids: []trieKid{{fp: fp}}}, true, 1
	}
	bit, pos := trieSlot(n.bitmap, fp, shift)
	if n.bitmap&bit == 0 {
		kids := make([]trieKid, 0, len(n.kids)+1)
		kids = append(append(append(kids, n.kids[:pos]...), trieKid{fp: fp}), n.kids[pos:]...)
		return &trieNode{bitmap: n.bitmap | bit, kids: kids}, true, 1
	}
	k := n.kids[pos]
	var child *trieNode
	added, work := false, 0
	switch {
	case k.node != nil:
		child, added, work = trieAdd(k.node, fp, shift+5)
	case k.fp == fp:
		return n, false, 0
	default:
		// two fingerprints share the slot: a node below holds both
		below := &trieNode{bitmap: 1 << ((k.fp >> (shift + 5)) & 31), kids: []trieKid{k}}
		child, added, work = trieAdd(below, fp, shift+5)
		work++
	}
	c := &trieNode{bitmap: n.bitmap, kids: append([]trieKid(nil), n.kids...)}
	c.kids[pos] = trieKid{node: child}
	return c, added, work + 1
}

// trieRemove returns a copy of n's path with fp removed; nil when nothing
// is left below.
func trieRemove(n *trieNode, fp uint64, shift uint) (*trieNode, bool, int) {
	if n == nil {
		return nil, false, 0
	}
	bit, pos := trieSlot(n.bitmap, fp, shift)
	if n.bitmap&bit == 0 {
		return n, false, 0
	}
	k := n.kids[pos]
	work := 0
	if k.node == nil {
		if k.fp != fp {
			return n, false, 0
		}
	} else {
		child, removed, w := trieRemove(k.node, fp, shift+5)
		if !removed {
			return n, false, 0
		}
		work = w
		if child != nil {
			if len(child.kids) == 1 && child.kids[0].node == nil {
				k = child.kids[0] // a node left holding one fingerprint folds into its slot
			} else {
				k = trieKid{node: child}
			}
			c := &trieNode{bitmap: n.bitmap, kids: append([]trieKid(nil), n.kids...)}
			c.kids[pos] = k
			return c, true, work + 1
		}
	}
	// the slot empties
	if len(n.kids) == 1 {
		return nil, true, work + 1
	}
	kids := make([]trieKid, 0, len(n.kids)-1)
	kids = append(append(kids, n.kids[:pos]...), n.kids[pos+1:]...)
	return &trieNode{bitmap: n.bitmap &^ bit, kids: kids}, true, work + 1
}
