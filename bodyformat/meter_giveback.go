package bodyformat

// releaser is a Memory that takes bytes back (a *membudget.Lease).
type releaser interface{ Release(n int64) }

// meterMark is what a meter had charged at a point, so that a reading of
// many pieces one after another (pipelined HTTP messages) gives back what
// one piece charged once it is read and dropped: the memory held stays
// bounded by one piece, not by their count.
type meterMark int64

// mark returns the point to give back to.
func (m *meter) mark() meterMark { return meterMark(m.charged) }

// giveBack gives back to the Memory what was charged since mk, but keep
// bytes (what the piece leaves held: its replacement). A Memory that
// takes nothing back keeps it all.
func (m *meter) giveBack(mk meterMark, keep int64) {
	r, ok := m.mem.(releaser)
	n := m.charged - int64(mk) - max(keep, 0)
	if !ok || n <= 0 {
		return
	}
	m.charged -= n
	r.Release(n)
}

// release gives back n bytes charged before whose memory the inspection
// no longer holds (a PDF stream's decoder and text, read through).
func (m *meter) release(n int64) {
	m.giveBack(meterMark(m.charged-min(max(n, 0), m.charged)), 0)
}
