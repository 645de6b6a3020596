package bodyformat

import (
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// heldLedger is a Memory that takes bytes back (a *membudget.Lease's
// shape) and counts the bytes it holds.
type heldLedger struct{ held int64 }

func (l *heldLedger) Reserve(n int64) error { l.held += n; return nil }

func (l *heldLedger) Release(n int64) { l.held -= n }

// TestThenUTF8CopyCharged: the road of a body read in its charset and
// then as UTF-8 (thenUTF8) charges the copy the UTF-8 reading stars, as
// long as the body, before it is made, and gives it back when none is
// made: counted around the readings, the bytes held grow by the body's
// length when a value only the UTF-8 reading finds is starred (Redact),
// and not at all when the body is clean or nothing is written (Scan).
// A body UTF-16 only by its NUL bytes (sniffedWideBody) was read without
// the charge its labelled siblings made.
func TestThenUTF8CopyCharged(t *testing.T) {
	eng := testEngine(t)
	id := synth.CNID18(rng(t.Name()))
	dirty := []byte("身份证 " + spaced(id, "\x00"))
	clean := utf16LE("order 12, 3 items\r\nline 2: 1043 ms\r\n")
	for _, tc := range []struct {
		name string
		body []byte
		mode Mode
		kept bool // the starred copy is made and stays held
	}{
		{"dirty redact", dirty, Redact, true},
		{"dirty scan", dirty, Scan, false},
		{"clean redact", clean, Redact, false},
	} {
		l := &heldLedger{}
		lim := Limits{Memory: l}.withDefaults()
		in := &inspector{eng: eng, mode: tc.mode, lim: lim, meter: newMeter(lim)}
		var atStar int64 = -1
		n := int64(len(tc.body))
		out, _, err := in.thenUTF8(tc.body, 0, func() ([]byte, string, error) {
			return nil, FormatText, nil // the first reading: nothing held
		}, func(cur []byte, fs []detect.Finding) ([]byte, error) {
			atStar = l.held
			return starBytes(cur, fs, csUTF16LE), nil
		})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if tc.kept && (out == nil || atStar < n) {
			t.Errorf("%s: the copy made with %d bytes held, want %d charged before it", tc.name, atStar, n)
		}
		want := int64(0)
		if tc.kept {
			want = n
		}
		// the UTF-8 reading's own findings may stay charged (owed in
		// batches): none of them is as long as the body here
		if l.held < want || l.held >= want+n {
			t.Errorf("%s: %d bytes held after the readings, want %d (the copy's, given back when none is made)", tc.name, l.held, want)
		}
	}
	// on the road itself: a sniffed UTF-16 body's copy is charged too
	for _, tc := range []struct {
		body []byte
		kept bool
	}{{dirty, true}, {clean, false}} {
		l := &heldLedger{}
		lim := Limits{Memory: l}.withDefaults()
		in := &inspector{eng: eng, mode: Redact, lim: lim, meter: newMeter(lim)}
		_, _, err := in.sniffedWideBody(tc.body, csUTF16LE, "text/plain", nil, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		if n := int64(len(tc.body)); tc.kept && l.held < n {
			t.Errorf("sniffed UTF-16, starred: %d bytes held, want at least the copy's %d", l.held, n)
		}
	}
}
