package bodyformat

import (
	"strings"
	"testing"
)

// statementDecoys are candidates that never close (each a statement's
// value at a line's start, read to the end of the run of them), put
// before a script's data literal: they must not keep it from being read.
var statementDecoys = map[string]string{
	"bracket lines": "[\n",
	"brace lines":   "{\n",
	"mixed lines":   "[\n{a:\n",
	"calls":         "f(\n[\n",
	"assignments":   "x =\n[ 1,\n",
}

// TestStatementDocsAfterUnclosedCandidates: lines of unclosed "[" or "{"
// (each a candidate, each read to where the run of them stops being a
// literal) before a data literal whose members spell a mobile: the
// literal is still read as one, however many lines stand before it (the
// scan goes on after an unclosed candidate and does not try the ones
// nested in it again), in a script body and in a page; the same script
// with a clean literal comes out byte for byte.
func TestStatementDocsAfterUnclosedCandidates(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	m := mobileNoZeroAt(r, 3, 7)
	a, b, c := m[:3], m[3:7], m[7:]
	lits := []string{
		"var u = {mobile: '" + a + "', m2: '" + b + "', m3: '" + c + "'};\n",
		"var u = {\"mobile\": [\"" + a + "\", \"" + b + "\", \"" + c + "\"]};\n",
	}
	clean := "var u = {size: '" + a + "', w: '" + b + "', h: '" + c + "'};\n"
	filler := strings.Repeat("var cfg = {debug: false, retries: 3};\n", 20)
	for name, unit := range statementDecoys {
		for _, k := range []int{1, 200, 5000} {
			decoy := "var x =\n" + strings.Repeat(unit, k) + "0\n;\n"
			for _, lit := range lits {
				body := decoy + filler + lit + filler
				docs := statementDocs([]byte(body))
				at := strings.Index(body, lit) + len("var u = ")
				if !hasDocAt(docs, at) {
					t.Errorf("%s k=%d: literal not among the statements' documents", name, k)
				}
				for _, ct := range []string{"application/javascript", "text/html"} {
					in := body
					if ct == "text/html" {
						in = "<html><body><script>\n" + body + "</script></body></html>"
					}
					res := mustInspect(t, eng, []byte(in), ct, "", Redact)
					if strings.Contains(string(res.Body), b) {
						t.Errorf("%s k=%d %s: split mobile kept (%d bytes)", name, k, ct, len(in))
					}
				}
			}
			body := decoy + filler + clean + filler
			for _, ct := range []string{"application/javascript", "text/html"} {
				in := body
				if ct == "text/html" {
					in = "<html><body><script>\n" + body + "</script></body></html>"
				}
				res := mustInspect(t, eng, []byte(in), ct, "", Redact)
				if res.Changed || len(res.Findings) != 0 {
					t.Errorf("%s k=%d %s: clean script changed", name, k, ct)
				}
			}
		}
	}
}

// TestStatementDocsNestedInUnclosed: a literal nested in a candidate that
// never closes is still read: one closed before what made the candidate
// none (walked on its own), one at a line's start after that point, and
// one deeper than jsValueLen keeps without allocating.
func TestStatementDocsNestedInUnclosed(t *testing.T) {
	lit := "{mobile: '138', m2: '1234'}"
	for _, body := range []string{
		"var x = [\n" + lit + ",\n f()];",
		"var x = [\n[\n1 2\n" + lit + "\n",
		"var x = " + strings.Repeat("[", 100) + "\n" + lit + "\n;",
		"var x = " + strings.Repeat("[\n", 100) + lit + strings.Repeat("]", 100) + ".map(f);",
	} {
		at := strings.Index(body, lit)
		if !hasDocOver(statementDocs([]byte(body)), at, at+len(lit)) {
			t.Errorf("%q: nested literal not read", body)
		}
	}
}

// hasDocOver reports whether one of docs holds lo to hi.
func hasDocOver(docs []wrapping, lo, hi int) bool {
	for _, d := range docs {
		if d.lo <= lo && hi <= d.hi {
			return true
		}
	}
	return false
}

// hasDocAt reports whether one of docs starts at lo.
func hasDocAt(docs []wrapping, lo int) bool {
	for _, d := range docs {
		if d.lo == lo {
			return true
		}
	}
	return false
}
