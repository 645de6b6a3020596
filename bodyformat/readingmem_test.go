package bodyformat

import (
	"bytes"
	"encoding/hex"
	"errors"
	"testing"
)

// readingShapes are 8 MiB (1 MiB under -race) text bodies (and a sparse binary one) with one
// thing, or a few, that a reading of the piece decodes: each such reading
// is built whole, five bytes a byte of the piece.
func readingShapes() map[string][]byte {
	size := 8 << 20
	if raceEnabled {
		size = 1 << 20 // still a reading's budget, still charges counted per reading
	}
	prose := bytes.Repeat([]byte("the quick brown fox jumps over the lazy dog and runs away "), size/58)
	with := func(s string) []byte {
		b := append([]byte(nil), prose...)
		copy(b[len(b)/2:], s)
		return b
	}
	bin := make([]byte, size) // sparse: zeros, one byte in 512 set
	x := uint32(1)
	for i := 0; i < len(bin); i += 512 {
		x = x*1664525 + 1013904223
		bin[i] = byte(x >> 24)
	}
	copy(bin[len(bin)/2:], "a+b%31")
	random := make([]byte, size) // read as markup too, and every reading of its view
	for i := range random {
		x = x*1664525 + 1013904223
		random[i] = byte(x >> 24)
	}
	return map[string][]byte{
		"plus":      with("a+b"),
		"backslash": with(`a\nb`),
		"percent":   with("a+b%31c"),
		"charref":   with("a&#49;b"),
		"fullwidth": with("a１２３b"),
		"mix":       with(`a+b\n%31&#49;１２ l0O`),
		"binary":    bin,
		"random":    random,
		"hex":       bytes.Repeat([]byte(hex.EncodeToString([]byte("the quick brown fox "))+" "), size/41),
	}
}

// reservations is a Memory that records every charge, what is held at
// once at most, and takes bytes back.
type reservations struct{ total, held, peak int64 }

func (r *reservations) Reserve(n int64) error {
	r.total += n
	r.held += n
	r.peak = max(r.peak, r.held)
	return nil
}

func (r *reservations) Release(n int64) { r.held -= n }

// TestReadingsRefusedPastTheBudget: a body whose readings need more than
// the budget (three times the body: not a reading's five bytes a byte)
// fails with ErrMemory, never inspected without them; and the readings
// are charged a few times a body, not per byte.
func TestReadingsRefusedPastTheBudget(t *testing.T) {
	eng := testEngine(t)
	shapes := readingShapes() // 72 MiB: built once
	body := shapes["percent"]
	r := &reservations{}
	if _, err := Inspect(eng, body, "text/plain", "", Redact, Limits{Memory: r}); err != nil {
		t.Fatal(err)
	}
	if r.peak < readingCost(len(body)) {
		t.Fatalf("held at most %d, want a reading's %d at least", r.peak, readingCost(len(body)))
	}
	l := &ledger{limit: 3 * int64(len(body))}
	_, err := Inspect(eng, body, "text/plain", "", Redact, Limits{Memory: l})
	if !errors.Is(err, ErrMemory) || !errors.Is(err, errLedgerFull) {
		t.Fatalf("err = %v, want ErrMemory wrapping the refusal", err)
	}
	// readings are charged per reading, not per byte or per group of edits
	for _, name := range []string{"percent", "mix"} {
		l := &ledger{}
		if _, err := Inspect(eng, shapes[name], "text/plain", "", Redact, Limits{Memory: l}); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d charges", name, l.charges)
		if l.charges > 60 {
			t.Errorf("%s: %d charges", name, l.charges)
		}
	}
}
