package bodyformat

import "hash/maphash"

// A field the joiner forgets (maxFields) while its text ends in digits a
// release masked as an open tail (fieldText.pausedRun) is remembered by
// its path, so that the field seen again starts with that state and the
// digits that continue the number go out masked too. The last
// maxPausedPaths such paths are kept exactly, by hash, and a path taken
// again is forgotten. A path pushed out of them by more (a stream of
// many keyed fields: a ticker's symbols, a tool's arguments) is not lost:
// it goes into a Bloom filter of pausedLostBits bits, which never
// forgets it, so the field seen again starts paused (fail closed for what
// was pushed out), and which says so of another path only at the rate
// its filling gives: with pausedLostHashes bits a path, about
// (1-e^(-3n/65536))^3 for n distinct paths pushed out (0.01% at 1,000,
// 5% at 10,000, 73% at 50,000; TestPausedPathsFalsePositiveRate counts
// it). A false positive stars the digits a new field's first piece
// starts with. Before, past maxPausedPaths every new field of the stream
// started paused, and any field's leading digits went out as stars
// (attack pass 31 F12).

// maxPausedPaths bounds the forgotten fields whose paused run is kept
// exactly.
const maxPausedPaths = 4 * maxFields

const (
	// pausedLostBits is the size of the filter of paths pushed out.
	pausedLostBits = 1 << 16
	// pausedLostHashes is how many of its bits a path sets.
	pausedLostHashes = 3
)

// pausedPaths are the paths of forgotten fields whose text ended in a
// masked open run.
type pausedPaths struct {
	seed  maphash.Seed
	kept  map[uint64]uint64 // a path's hash: when it was kept (the oldest is pushed out first)
	clock uint64
	lost  []uint64 // the Bloom filter of paths pushed out; nil until one is
	// pushed counts the paths pushed out into lost
	pushed int
}

// keep records that the forgotten field of path ended in a masked open
// run. Past maxPausedPaths the oldest kept path goes into the filter:
// the work is at most maxPausedPaths steps, a constant.
func (p *pausedPaths) keep(path string) {
	if p.kept == nil {
		p.kept = make(map[uint64]uint64)
	}
	h := maphash.String(p.seed, path)
	if _, ok := p.kept[h]; !ok && len(p.kept) >= maxPausedPaths {
		var oldest, at uint64
		for k, when := range p.kept {
			if at == 0 || when < at {
				oldest, at = k, when
			}
		}
		countPausedRead(len(p.kept))
		delete(p.kept, oldest)
		p.lose(oldest)
	}
	p.clock++
	p.kept[h] = p.clock
}

// take reports whether a new field of path continues a masked open run
// of a forgotten field of that path, and forgets that it does when the
// path was kept exactly (the filter forgets nothing).
func (p *pausedPaths) take(path string) bool {
	if len(p.kept) == 0 && p.lost == nil {
		return false
	}
	h := maphash.String(p.seed, path)
	if _, ok := p.kept[h]; ok {
		delete(p.kept, h)
		return true
	}
	return p.mayHaveLost(h)
}

// lose adds the path of hash h to the filter.
func (p *pausedPaths) lose(h uint64) {
	if p.lost == nil {
		p.lost = make([]uint64, pausedLostBits/64)
	}
	p.pushed++
	for _, b := range lostBits(h) {
		p.lost[b/64] |= 1 << (b % 64)
	}
}

// mayHaveLost reports whether the filter holds the path of hash h: always
// when it was pushed out, at the filter's rate when not.
func (p *pausedPaths) mayHaveLost(h uint64) bool {
	if p.lost == nil {
		return false
	}
	for _, b := range lostBits(h) {
		if p.lost[b/64]&(1<<(b%64)) == 0 {
			return false
		}
	}
	return true
}

// lostBits returns the filter's bits of the path of hash h: h's two
// halves combined (double hashing: the k-th bit is lo + k*hi).
func lostBits(h uint64) (b [pausedLostHashes]uint32) {
	lo, hi := uint32(h), uint32(h>>32)|1
	for k := range b {
		b[k] = (lo + uint32(k)*hi) % pausedLostBits
	}
	return b
}
