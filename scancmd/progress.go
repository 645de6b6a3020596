package scancmd

import (
	"fmt"
	"io"
	"time"
)

// Progress is shown only for inputs that take a while: after
// progressDelay and progressMinBytes, and then at most once per
// progressInterval.
const (
	progressDelay    = 500 * time.Millisecond
	progressMinBytes = 1 << 20
	progressInterval = 250 * time.Millisecond
)

// progress draws a single self-overwriting status line on a terminal. A nil
// *progress does nothing, so callers need not check whether it is enabled.
type progress struct {
	w     io.Writer
	now   func() time.Time
	start time.Time
	last  time.Time
	shown bool // a line is on screen and must be cleared before other output
}

// newProgress returns a progress line drawn on w, which should be a
// terminal.
func newProgress(w io.Writer, now func() time.Time) *progress {
	if now == nil {
		now = time.Now
	}
	return &progress{w: w, now: now, start: now()}
}

// update redraws the line if enough time has passed since the last one.
func (p *progress) update(bytes int64, findings int) {
	if p == nil || bytes < progressMinBytes {
		return
	}
	t := p.now()
	elapsed := t.Sub(p.start)
	if elapsed < progressDelay || (p.shown && t.Sub(p.last) < progressInterval) {
		return
	}
	p.last = t
	p.shown = true
	mb := float64(bytes) / 1e6
	fmt.Fprintf(p.w, "\r\x1b[Kpii-scan: %.1f MB processed, %.1f MB/s, %d findings",
		mb, mb/elapsed.Seconds(), findings)
}

// clear erases the line, if one is shown, so that other output starts on a
// clean line; the next update draws it again.
func (p *progress) clear() {
	if p == nil || !p.shown {
		return
	}
	p.shown = false
	io.WriteString(p.w, "\r\x1b[K")
}
