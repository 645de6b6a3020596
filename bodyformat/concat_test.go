package bodyformat

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestConcatenatedStringsRead: string literals a script joins are read
// joined, in a script block, JSONP, JavaScript, plain text and a JSON
// value holding code; text whose '+' joins no literals is left alone.
func TestConcatenatedStringsRead(t *testing.T) {
	r := rng(t.Name())
	m, id := synth.CNMobile(r), synth.CNID18(r)
	for _, c := range []struct{ ct, body, raw string }{
		{"text/html", `<p>hi</p><script>var t = "` + m[:3] + `" + "` + m[3:7] + `" + "` + m[7:] + `";</script>`, m[3:]},
		{"application/javascript", `cb({"ok":1}); var p = '` + id[:6] + `' +` + "\n" + `  '` + id[6:14] + `'+"` + id[14:] + `";`, id[6:]},
		{"text/plain", "tel: `" + m[:5] + "` + `" + m[5:] + "`", m[5:]},
		{"application/json", `{"code":"var t=\"` + m[:4] + `\"+\"` + m[4:] + `\""}`, m[4:]},
		// comments where white space may stand
		{"application/javascript", `x("` + m[:3] + `"/**/+/* " */"` + m[3:7] + `" // "` + "\n" + `+ "` + m[7:] + `")`, m[3:]},
		// literals side by side: CSS content, Python, C
		{"text/css", `.t::after { content: "` + m[:3] + `" "` + m[3:7] + `"/**/"` + m[7:] + `" }`, m[3:]},
		{"text/html", `<style>p::after{content:'` + id[:6] + `' '` + id[6:] + `'}</style><p>x</p>`, id[6:]},
		{"text/plain", `tel = ("` + m[:5] + `"` + "\n" + `       "` + m[5:] + `")`, m[5:]},
		// an array a script joins with join('') or a short separator
		{"text/html", `<script>document.write(['` + m[:3] + `', '` + m[3:7] + `',"` + m[7:] + `"].join(''))</script>`, m[3:]},
		{"application/javascript", `x([ "` + id[:6] + `" ,"` + id[6:14] + `", "` + id[14:] + `" ] .join( "" ))`, id[6:]},
		{"application/javascript", `x(["` + m[:3] + `","` + m[3:7] + `","` + m[7:] + `"].join("-"))`, m[3:]},
		// literals spelled with escapes, then joined
		{"application/javascript", `x("` + escapeAll(m[:3]) + `" + "` + m[3:] + `")`, m[3:]},
		{"text/html", `<script>x('\x` + fmt.Sprintf("%x", m[0]) + `\x` + fmt.Sprintf("%x", m[1]) + `' + '` + m[2:] + `')</script>`, m[2:]},
		{"text/css", `a::after{content:"\` + fmt.Sprintf("%x", m[0]) + ` \` + fmt.Sprintf("%x", m[1]) + ` " "` + m[2:] + `"}`, m[2:]},
		// template literals and String.prototype.concat
		{"application/javascript", "x(`" + m[:3] + "${ '' }" + m[3:7] + "${\"" + m[7:9] + "\"}" + m[9:] + "`)", m[3:7]},
		{"application/javascript", "x(`" + m[:3] + "${" + m[3:7] + "}" + m[7:] + "`)", m[3:7] + "}"},
		{"text/html", `<script>t = "` + id[:6] + `".concat("` + id[6:14] + `", '` + id[14:] + `')</script>`, id[6:]},
		// literals in parentheses around the '+'
		{"application/javascript", `var a = ("` + m[:3] + `") + ( "` + m[3:7] + `" )+("` + m[7:] + `");`, m[3:]},
	} {
		res := mustInspect(t, testEngine(t), []byte(c.body), c.ct, "", Redact)
		if len(res.Findings) == 0 || strings.Contains(string(res.Body), c.raw) {
			t.Errorf("%s %q: %+v -> %q", c.ct, c.body, res.Findings, res.Body)
		}
	}
	for _, body := range []string{`total = "12" + "34"`, `a + b = 13812345678`, `"x" + 1 + "y"`} {
		res := mustInspect(t, testEngine(t), []byte(body), "text/plain", "", Redact)
		if strings.Contains(body, "138") != hasCategory(res.Findings, detect.CNMobile) {
			t.Errorf("%q: %+v", body, res.Findings)
		}
	}
	// an array joined with a comma is a list (a JSON array of strings is
	// read joined too: TestArrayStringsJoined)
	for _, body := range []string{`x(["` + m[:3] + `","` + m[3:] + `"].join(","))`} {
		res := mustInspect(t, testEngine(t), []byte(body), "text/plain", "", Redact)
		if hasCategory(res.Findings, detect.CNMobile) {
			t.Errorf("%q: %+v", body, res.Findings)
		}
	}
}

// TestDecodeConcatMaps: the joints go, every other byte keeps its offset.
func TestDecodeConcatMaps(t *testing.T) {
	in := `a="13" + '8'+` + "`1`;"
	dec, offs, ok := decodeConcat([]byte(in))
	if !ok || string(dec) != `a="1381`+"`;" {
		t.Fatalf("%q %v", dec, ok)
	}
	for k := range dec {
		if in[offs[k]] != dec[k] {
			t.Errorf("byte %d %q maps to %d %q", k, dec[k], offs[k], in[offs[k]])
		}
	}
	if _, _, ok := decodeConcat([]byte("1 + 2 = 3")); ok {
		t.Error("a sum read as joined strings")
	}
}

// TestIndexJoinStartIsIndexAny checks indexJoinStart finds what
// bytes.IndexAny finds, short texts and long, invalid UTF-8 included.
func TestIndexJoinStartIsIndexAny(t *testing.T) {
	r := rng(t.Name())
	atoms := []string{"a", "1", "\"", "'", "`", "$", "手", "\xff", "\xe6\x89", " ", "{"}
	for range 5000 {
		var b strings.Builder
		for range r.IntN(24) {
			b.WriteString(atoms[r.IntN(len(atoms))])
		}
		text := []byte(b.String())
		if got, want := indexJoinStart(text), bytes.IndexAny(text, "\"'`$"); got != want {
			t.Fatalf("%q: %d, want %d", text, got, want)
		}
	}
}
