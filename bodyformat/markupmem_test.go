package bodyformat

import (
	"errors"
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

// TestTightMemoryRefusesDeepMarkup: the markup view charges what it holds
// before it allocates it, so a budget of six times the body's size
// refuses a body of tags (ErrMemory: a 503 in the handler; each charges
// 7 to 15 bytes a byte) and lets a page of text through (about 5: 3.7
// before the arrays of pieces and asides a growth replaces were charged).
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
