package detect

import (
	"maps"
	"sync/atomic"
)

// protectedSnapshot is what a lookup of a ProtectedSet reads: an
// immutable base map, and the changes made since it was built in an
// overlay the set's writer changes in place (live), plus, while a new base
// is being built in the background, the overlay that base folds in
// (frozen). A lookup is one map lookup and one or two probes of a small
// open-addressed table: the speed of a plain map, whatever the changes.
//
// A change writes one slot of the live overlay (copied into a larger one
// when half full: a constant per change, amortised). When the live
// overlay holds overlayBound changes (a 32nd of the set, at least
// overlayMinBound) it is frozen, a fresh one takes the changes, and a
// goroutine builds the base with the frozen changes folded in, which then
// replaces base and frozen. Building costs the size of the set once per
// a 32nd of it changed: a constant per change, amortised. A scan sees
// every change made before it started, and may see some made while it
// runs (those written to the overlay it loaded); the set's generation,
// read before the scan and advanced after each change is written, tells a
// verdict cache that the contents moved on.
type protectedSnapshot struct {
	set    *ProtectedSet
	base   map[uint64]struct{}
	frozen *overlay // being folded into a new base; nil when no fold is under way
	live   *overlay // written in place by the set's writer (under its mu)
}

// has reports whether the snapshot holds the fingerprint v; it allocates
// nothing.
func (s *protectedSnapshot) has(v uint64) bool {
	if st := s.live.lookup(v); st != ovEmpty {
		return st == ovOn
	}
	if s.frozen != nil {
		if st := s.frozen.lookup(v); st != ovEmpty {
			return st == ovOn
		}
	}
	_, ok := s.base[v]
	return ok
}

// The states of an overlay slot.
const (
	ovEmpty uint32 = iota // no change of a fingerprint here: the older layers decide
	ovOn                  // the fingerprint was added
	ovOff                 // the fingerprint was removed
)

// overlayMinBound is the fewest changes an overlay takes before it is
// frozen and folded into the base.
const overlayMinBound = 256

// overlayBound is how many changes the live overlay of a set of n
// fingerprints takes before it is folded: a 32nd of n, so that the
// overlay stays within the faster caches beside the base (a lookup pays
// for both) while folding (a copy of the n, a pass over the overlay's
// slots) costs at most 32 + 4 entries per change, whatever n.
func overlayBound(n int) int {
	return max(overlayMinBound, n/overlayShare)
}

// overlayShare is the share of the set an overlay takes before it is
// folded.
const overlayShare = 32

// overlay is an open-addressed table (linear probing, at most half full)
// of fingerprints and their state, written by one writer while any number
// of lookups read it: a slot's fingerprint is stored before its state, and
// a lookup reads the state first, so a lookup that sees a state sees its
// fingerprint. A bit filter before the table (one bit of eight a slot,
// 1/16 of them set at most) sends most lookups of a fingerprint it does
// not hold on to the base after one load from the closest cache, as if
// there were no overlay. It starts small (a few cache lines, which the lookups keep
// warm) and is copied into one twice its size when half full, until it
// holds bound. Fingerprints are placed by a seeded mix of their bits, so
// that fingerprints chosen to share slots (by whoever can write the
// store) cannot make probes long without knowing the seed.
type overlay struct {
	seed   uint64
	mask   uint64
	slots  []overlaySlot
	filter []atomic.Uint64 // 8 bits a slot, one set for each fingerprint held
	fmask  uint64
	used   int // slots holding a fingerprint; the writer's
	bound  int // the most fingerprints it takes before it is folded
}

// overlaySlot is one fingerprint of an overlay and its state.
type overlaySlot struct {
	state atomic.Uint32
	fp    atomic.Uint64
}

// overlayMinSlots is the size of a fresh overlay.
const overlayMinSlots = 64

// newOverlay returns an empty overlay of the given slots (a power of two)
// taking up to bound fingerprints.
func newOverlay(slots, bound int, seed uint64) *overlay {
	return &overlay{
		seed: seed, mask: uint64(slots - 1), slots: make([]overlaySlot, slots),
		filter: make([]atomic.Uint64, slots/8), fmask: uint64(slots*8 - 1), bound: bound,
	}
}

// full reports whether the overlay holds its bound: it is then frozen and
// folded.
func (o *overlay) full() bool { return o.used >= o.bound }

// grown returns a copy of o twice its size. Only the set's writer calls
// it.
func (o *overlay) grown() *overlay {
	g := newOverlay(2*len(o.slots), o.bound, o.seed)
	for i := range o.slots {
		sl := &o.slots[i]
		if st := sl.state.Load(); st != ovEmpty {
			g.put(sl.fp.Load(), st == ovOn)
		}
	}
	return g
}

// mix returns the splitmix64 finaliser of v and the seed: its low bits
// place v in the table, its high bits in the filter.
func (o *overlay) mix(v uint64) uint64 {
	x := v ^ o.seed
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// home returns the first slot probed for v.
func (o *overlay) home(v uint64) uint64 { return o.mix(v) & o.mask }

// lookup returns the state of v in the overlay: ovEmpty when it holds
// no change of v.
func (o *overlay) lookup(v uint64) uint32 {
	x := o.mix(v)
	if b := x >> 32 & o.fmask; o.filter[b>>6].Load()&(1<<(b&63)) == 0 {
		return ovEmpty
	}
	for i := x & o.mask; ; i = (i + 1) & o.mask {
		sl := &o.slots[i]
		st := sl.state.Load()
		if st == ovEmpty || sl.fp.Load() == v {
			return st
		}
	}
}

// put records v as added (on) or removed, and reports false when v would
// need a slot and the table is half full (the writer then grows it, or
// freezes it when full). Only the set's writer calls it. The table is at
// most half full, so a probe ends.
func (o *overlay) put(v uint64, on bool) bool {
	st := ovOff
	if on {
		st = ovOn
	}
	x := o.mix(v)
	for i := x & o.mask; ; i = (i + 1) & o.mask {
		sl := &o.slots[i]
		switch {
		case sl.state.Load() == ovEmpty:
			if 2*(o.used+1) > len(o.slots) || o.full() {
				return false
			}
			b := x >> 32 & o.fmask
			o.filter[b>>6].Or(1 << (b & 63))
			sl.fp.Store(v)
			sl.state.Store(st)
			o.used++
			return true
		case sl.fp.Load() == v:
			sl.state.Store(st)
			return true
		}
	}
}

// fold returns a new base: base with the changes of o applied, and the
// entries it copied or visited (the work, for the tests). Neither base
// nor o is changed; o is no longer written (it is frozen).
func fold(base map[uint64]struct{}, o *overlay) (map[uint64]struct{}, int) {
	nb := maps.Clone(base)
	if nb == nil {
		nb = make(map[uint64]struct{})
	}
	for i := range o.slots {
		sl := &o.slots[i]
		switch sl.state.Load() {
		case ovOn:
			nb[sl.fp.Load()] = struct{}{}
		case ovOff:
			delete(nb, sl.fp.Load())
		}
	}
	return nb, len(base) + len(o.slots)
}
