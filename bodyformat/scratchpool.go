package bodyformat

import (
	"sync"
	"unsafe"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// scratches holds the working memory of inspections that are over, for
// the next inspection: the finding arena, its chunks of findings
// recycled (detect.Arena.Recycle), the spare JSON walker with its
// scratch buffers and array joins (jsonwalkers.go), and the joins of
// objects' siblings (jsonsiblings.go). A body of dense records carved
// some 26 KiB of findings a 16 KiB body, 350 KiB a 256 KiB one, and made
// its joins anew: all garbage once its result held copies of what it
// keeps. What is pooled holds no slice of a body: the arena's chunks are
// cleared, the walker keeps its own buffers alone, a join its own copies.
var scratches sync.Pool

// scratch is what scratches holds of one inspection.
type scratch struct {
	arena    detect.Arena
	walker   *jsonWalker
	siblings []*textJoin
}

// maxPooledBuffer bounds the capacity of a buffer given back to
// scratches: a walker or a join that read a long string (megabytes)
// gives its buffers to the collector instead, so that a pooled scratch
// stays small whatever bodies came before.
const maxPooledBuffer = 64 << 10

// takeScratch gives the inspection the working memory of one that is
// over, when scratches has one.
func (in *inspector) takeScratch() {
	s, ok := scratches.Get().(*scratch)
	if !ok {
		return
	}
	in.arena, in.spareWalker, in.siblings = s.arena, s.walker, s.siblings
	*s = scratch{}
	in.pooledScratch = s
}

// giveScratch gives the inspection's working memory to scratches. It is
// called once the inspection is over: its result holds copies of the
// findings it keeps (inspector.keep), never a finding carved from the
// arena, and nothing it read is read any more.
func (in *inspector) giveScratch() {
	s := in.pooledScratch
	if s == nil {
		s = new(scratch)
	}
	in.arena.Recycle()
	s.arena, in.arena = in.arena, detect.Arena{}
	if w := in.spareWalker; w != nil && pooledWalker(w) {
		*w = jsonWalker{dec: w.dec[:0], offs: w.offs[:0], key: w.key[:0], esc: w.esc[:0], joins: w.joins}
		s.walker = w
	}
	s.siblings = in.siblings[:0]
	for _, j := range in.siblings {
		if j.pooled() {
			s.siblings = append(s.siblings, j)
		}
	}
	in.spareWalker, in.siblings, in.pooledScratch = nil, nil, nil
	scratches.Put(s)
}

// pooledWalker reports whether w's buffers are small enough to pool.
func pooledWalker(w *jsonWalker) bool {
	if max(cap(w.dec), 4*cap(w.offs), cap(w.key), cap(w.esc)) > maxPooledBuffer {
		return false
	}
	for _, a := range w.joins {
		if !a.elems.pooled() {
			return false
		}
		for k := range a.keyed {
			if !a.keyed[k].pooled() {
				return false
			}
		}
		for k := range a.deeper {
			if !a.deeper[k].pooled() {
				return false
			}
		}
	}
	return true
}

// pooled reports whether j's buffers are small enough to pool.
func (j *textJoin) pooled() bool {
	return max(cap(j.key), cap(j.text), cap(j.segs)*int(unsafe.Sizeof(joinSeg{})), cap(j.covered)*int(unsafe.Sizeof(span{}))) <= maxPooledBuffer
}
