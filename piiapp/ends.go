package piiapp

import "container/heap"

// endHeap holds the ends of the timed protections in force, earliest
// first, so that the state turns each off when it ends at a cost of its
// own (a heap operation), not a pass over the whole list. An entry whose
// record changed since it was pushed is only a wake-up: the record, read
// again when the entry is popped, decides.
type endHeap []protectionEnd

// protectionEnd is when fingerprint fp's timed protection ends (Unix ms).
type protectionEnd struct {
	until int64
	fp    string
}

func (h endHeap) Len() int           { return len(h) }
func (h endHeap) Less(i, j int) bool { return h[i].until < h[j].until }
func (h endHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }

// Push and Pop are heap.Interface's: use heap.Push and heap.Pop.
func (h *endHeap) Push(x any) { *h = append(*h, x.(protectionEnd)) }

// Pop is heap.Interface's.
func (h *endHeap) Pop() any {
	old := *h
	e := old[len(old)-1]
	*h = old[:len(old)-1]
	return e
}

// add schedules fp's end.
func (h *endHeap) add(fp string, until int64) { heap.Push(h, protectionEnd{until, fp}) }

// ended pops and returns the fingerprints whose scheduled end is at or
// before t.
func (h *endHeap) ended(t int64) []string {
	var out []string
	for h.Len() > 0 && (*h)[0].until <= t {
		out = append(out, heap.Pop(h).(protectionEnd).fp)
	}
	return out
}
