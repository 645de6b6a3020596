package bodyformat

import (
	"errors"
	"runtime"
	"strings"
	"testing"
)

// deepMarkupShapes are bodies of nothing but markup, or markup between
// single digits (attack pass 18): each tag costs the markup view a
// separator, a piece and an aside.
func deepMarkupShapes(n int) []struct{ name, ct, body string } {
	return []struct{ name, ct, body string }{
		{"xml nested", "application/xml", strings.Repeat("<a>", n) + strings.Repeat("</a>", n)},
		{"html div unclosed", "text/html", strings.Repeat("<div>", n)},
		{"html b with digits", "text/html", strings.Repeat("<b>1", n)},
		{"html br between digits", "text/html", strings.Repeat("1<br>", n)},
		{"rtf groups", "application/rtf", "{\\rtf1 " + strings.Repeat("{\\b 1}", n) + "}"},
		{"ndjson buffered", "application/x-ndjson", strings.Repeat(`{"a":"1"}`+"\n", n)},
	}
}

// allocatedPerByte returns the bytes f allocates per byte of an input n
// bytes long (counted, not timed).
func allocatedPerByte(n int, f func()) float64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return float64(after.TotalAlloc-before.TotalAlloc) / float64(n)
}

// TestMarkupViewAllocationPerByte: building the markup view of a body of
// tags allocates a bounded number of bytes per byte of the body (before:
// 60 to 110 for the view alone, 100 to 170 for the whole inspection;
// now 8 to 30 and 9 to 27).
func TestMarkupViewAllocationPerByte(t *testing.T) {
	for _, tc := range deepMarkupShapes(100_000)[:4] {
		html := tc.ct == "text/html"
		raw := []byte(tc.body)
		per := allocatedPerByte(len(raw), func() {
			if _, _, _, err := markupViewDocs(raw, html, nil); err != nil {
				t.Fatal(err)
			}
		})
		t.Logf("%s: the view allocates %.1f bytes per input byte", tc.name, per)
		if per > 32 {
			t.Errorf("%s: the markup view allocates %.1f bytes per input byte, want at most 32", tc.name, per)
		}
	}
}

// TestDeepBodiesAllocationPerByte: inspecting such bodies whole (the
// markup view, the hiding view, the engine; RTF; buffered NDJSON) stays
// within a bound of bytes per input byte.
func TestDeepBodiesAllocationPerByte(t *testing.T) {
	eng := testEngine(t)
	for _, tc := range deepMarkupShapes(200_000) {
		body := []byte(tc.body)
		per := allocatedPerByte(len(body), func() {
			if _, err := Inspect(eng, body, tc.ct, "", Redact, Limits{}); err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
		})
		t.Logf("%s: %.1f bytes allocated per input byte", tc.name, per)
		if per > 64 {
			t.Errorf("%s: %.1f bytes allocated per input byte, want at most 64", tc.name, per)
		}
	}
}

// TestTightMemoryRefusesDeepMarkup: the markup view charges what it holds
// before it allocates it, so a budget of six times the body's size
// refuses a body of tags (ErrMemory: a 503 in the handler; each charges
// 7 to 15 bytes a byte) and lets a page of text through (about 4).
func TestTightMemoryRefusesDeepMarkup(t *testing.T) {
	eng := testEngine(t)
	for _, tc := range deepMarkupShapes(100_000)[:4] {
		body := []byte(tc.body)
		l := &ledger{limit: 6 * int64(len(body))}
		_, err := Inspect(eng, body, tc.ct, "", Redact, Limits{Memory: l})
		if !errors.Is(err, ErrMemory) {
			t.Errorf("%s: %d bytes under a budget of %d: err %v, want ErrMemory", tc.name, len(body), l.limit, err)
		}
	}
	// a page of text with as many bytes, under the same budget, is read
	page := []byte("<html><body>" + strings.Repeat("<p>Hello world, this is a paragraph of text.</p>\n", 8_000) + "</body></html>")
	l := &ledger{limit: 6 * int64(len(page))}
	if _, err := Inspect(eng, page, "text/html", "", Redact, Limits{Memory: l}); err != nil {
		t.Errorf("a page of text, %d bytes, under a budget of %d: %v", len(page), l.limit, err)
	}
	t.Logf("a page of text, %d bytes, charged %d", len(page), l.charged)
}
