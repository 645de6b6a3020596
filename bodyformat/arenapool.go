package bodyformat

import (
	"sync"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// arenas holds the finding arenas of inspections that are over, their
// chunks of findings recycled (detect.Arena.Recycle), for the next
// inspection to carve again: a body of dense records carved some 26 KiB
// of findings a 16 KiB body, 350 KiB a 256 KiB one, all garbage once the
// result held copies of those it keeps.
var arenas sync.Pool

// takeArena gives the inspection an arena from arenas, when one is
// there.
func (in *inspector) takeArena() {
	if a, ok := arenas.Get().(*detect.Arena); ok {
		in.arena, in.pooledArena = *a, a
		*a = detect.Arena{}
	}
}

// giveArena recycles the inspection's arena and gives it to arenas. It is
// called once the inspection is over: its result holds copies of the
// findings it keeps (inspector.keep), never a finding carved from the
// arena, and what it found in its pieces is no longer read.
func (in *inspector) giveArena() {
	a := in.pooledArena
	if a == nil {
		a = new(detect.Arena)
	}
	in.arena.Recycle()
	*a, in.arena, in.pooledArena = in.arena, detect.Arena{}, nil
	arenas.Put(a)
}
