package bodyformat

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestArraysJoinedOutsideJSON: an identifier cut into the elements of an
// array literal (strings in any quotes, nested arrays, holes, null and
// comments between them) that stands outside a
// JSON document (a <script> block, an event's data, a log line, JSON with
// trailing bytes) is found as the client joining them shows it, and no
// part of it goes out raw.
func TestArraysJoinedOutsideJSON(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		id, mob := synth.CNID18(r), mobileNoZeroAt(r, 3, 7)
		arrays := []string{
			`["` + id[:6] + `","` + id[6:12] + `","` + id[12:] + `"]`,
			`['` + id[:6] + `', '` + id[6:12] + `', '` + id[12:] + `']`,
			`[["` + id[:6] + `"],["` + id[6:12] + `"],["` + id[12:] + `"]]`,
			"[\n  \"" + mob[:3] + "\",\n  \"" + mob[3:7] + "\", /* x */ null,\n  \"" + mob[7:] + "\"\n]",
			`["` + mob[:3] + `",,u'` + mob[3:7] + `', undefined, "` + mob[7:] + `"]`,
		}
		for _, a := range arrays {
			for _, w := range []struct{ ct, pre, post string }{
				{"text/html", `<script type="application/json">`, `</script>`},
				{"text/html", `<p>x</p><script>window.__DATA__ = `, `;</script>`},
				{"text/event-stream", "data: ", "\n\n"},
				{"text/plain", "2026-12-05 INFO got ", " from upstream"},
				{"application/json", `{"a":1} `, ""},
			} {
				body := w.pre + a + w.post
				res := mustInspect(t, eng, []byte(body), w.ct, "", Redact)
				for _, part := range []string{id[6:12], mob[3:7]} {
					if strings.Contains(a, part) && bytes.Contains(res.Body, []byte(part)) {
						t.Errorf("%s %q -> %q", w.ct, body, res.Body)
					}
				}
			}
		}
	}
}

// TestArraysBehindDecoys: a '[' inside a string, a regular expression or
// prose before an array starts a reading that takes everything up to the
// array's first quote for one element; the array is looked for again from
// that '[' and read joined. Arrays made by new Array(…) and Array.of(…)
// are read as literals are.
func TestArraysBehindDecoys(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		m := mobileNoZeroAt(r, 3, 7)
		a, b, c := m[:3], m[3:7], m[7:]
		for _, body := range []string{
			`<script>var q = "['"; var d = ['` + a + `','` + b + `','` + c + `'];</script>`,
			`<p>it's [' here</p><script>var d = ['` + a + `','` + b + `','` + c + `'];</script>`,
			`<script>var q = '["'; var d = ["` + a + `","` + b + `","` + c + `"];</script>`,
			"<script>var q = /[`/; var d = [`" + a + "`,`" + b + "`,`" + c + "`];</script>",
			`<script>var q = '[ "'; var d = [ "` + a + `", "` + b + `", "` + c + `" ];</script>`,
			`<script>var q = ['x', '["'], d = ["` + a + `","` + b + `","` + c + `"];</script>`,
			`<script>var q = '["', p = '["'; var d = ["` + a + `","` + b + `","` + c + `"];</script>`,
		} {
			res := mustInspect(t, eng, []byte(body), "text/html", "", Redact)
			if bytes.Contains(res.Body, []byte(b)) {
				t.Errorf("%q -> %q", body, res.Body)
			}
		}
		for _, call := range []string{
			`<script>var p = new Array("` + a + `", "` + b + `", "` + c + `").join("");</script>`,
			`<script>var p = Array.of('` + a + `','` + b + `','` + c + `').join('');</script>`,
			`<script>var p = Array("` + a + `",` + "\n" + `"` + b + `", /* x */ "` + c + `");</script>`,
		} {
			if res := mustInspect(t, eng, []byte(call), "text/html", "", Redact); bytes.Contains(res.Body, []byte(b)) {
				t.Errorf("%q -> %q", call, res.Body)
			}
		}
		plain := `note ["x] then ["` + a + `", "` + b + `", "` + c + `"]`
		if res := mustInspect(t, eng, []byte(plain), "text/plain", "", Redact); bytes.Contains(res.Body, []byte(b)) {
			t.Errorf("%q -> %q", plain, res.Body)
		}
	}
	// a bracket ending a string with no array after it changes nothing
	for _, clean := range []string{
		`<script>var q = '["'; var n = 1380;</script>`,
		`<script>var re = /[a-z]/; var d = ["a", "b"];</script>`,
		`<script>var u = new Uint8Array(16); var a = Array("138", "x"); myArray("138", "1234");</script>`,
	} {
		if res := mustInspect(t, eng, []byte(clean), "text/html", "", Redact); res.Changed {
			t.Errorf("%q -> %q", clean, res.Body)
		}
	}
}

// TestArraysMixedNumbersJoined: outside a JSON document an integer joins
// a string of digits next to it (["110105", 1990010112, "1234"]: an ID
// cut where its birth date and two more digits read as a time), while
// arrays of numbers alone stay apart. (A script that is a JSON document
// behind an assignment is walked as JSON, where a time joins only under
// a phone or ID key: TestTimeSplitNumbersJoined.)
func TestArraysMixedNumbersJoined(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		id := synth.CNID18(r)
		for id[17] == 'X' || id[6] == '0' || id[16] == '0' {
			id = synth.CNID18(r)
		}
		m := mobileNoZeroAt(r, 3, 7, 10)
		for _, c := range []struct{ body, secret string }{
			{`<script>var d = ["` + id[:6] + `",` + id[6:16] + `,"` + id[16:] + `"].join("");</script>`, id[6:14]},
			{`<script>show([` + m[:10] + `,"` + m[10:] + `"].join(""));</script>`, m[3:7]},
			{`<script>var d = ["` + m[:3] + `",+` + m[3:7] + `,"` + m[7:] + `"].join('');</script>`, m[3:7]},
		} {
			res := mustInspect(t, eng, []byte(c.body), "text/html", "", Redact)
			if bytes.Contains(res.Body, []byte(c.secret)) {
				t.Errorf("%q -> %q", c.body, res.Body)
			}
		}
	}
	for _, clean := range []string{
		`<script>chart.setData([180, 1024, 2048]); var p = [1.5, "138", 1234];</script>`,
		`<script>var row = ["name", 138, "qty", 12345678];</script>`,
	} {
		if res := mustInspect(t, eng, []byte(clean), "text/html", "", Redact); res.Changed {
			t.Errorf("%q -> %q", clean, res.Body)
		}
	}
}

// TestWrappedJSONWalked: a JSON document behind a wrapper (")]}'",
// "while(1);", "for(;;);", a JSONP callback, an assignment in a script)
// is walked as JSON: its arrays are joined, and once the client strips
// the wrapper what is left is still valid JSON (a number holding an
// identifier becomes a string). A document assigned in a script (var
// data = …;) is a statement's, read as among other statements: its
// numbers join under a phone or ID name or key only
// (TestAssignedNumbersReadAsAmongStatements).
func TestWrappedJSONWalked(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		id, mob := synth.CNID18(r), mobileNoZeroAt(r, 3, 7)
		docs := []string{
			`["` + id[:6] + `","` + id[6:12] + `","` + id[12:] + `"]`,
			`{"a":[` + mob[:3] + `,` + mob[3:7] + `,` + mob[7:] + `]}`,
			`{"` + mob + `":{"id":"` + id + `"}}`,
			`{"tel":[` + mob[:3] + `,` + mob[3:7] + `,` + mob[7:] + `]}`,
		}
		for k, doc := range docs {
			for _, w := range []struct{ ct, pre, post string }{
				{"application/json", ")]}'\n", ""},
				{"application/json", ")]}',\n", ""},
				{"application/json", "while(1);", ""},
				{"application/json", "for(;;);", ""},
				{"application/javascript", "cb(", ");"},
				{"application/javascript", "cb (", ") ;\n//# sourceMappingURL=cb.js.map\n"},
				{"application/javascript", "/**/ typeof cb === 'function' && cb(", ");"},
				{"text/javascript", "var data = ", ";\n"},
				{"text/plain", "window.__DATA__=", ";"},
			} {
				body := w.pre + doc + w.post
				res := mustInspect(t, eng, []byte(body), w.ct, "", Redact)
				out := string(res.Body)
				inner, ok := strings.CutPrefix(out, w.pre)
				if inner, ok = strings.CutSuffix(inner, w.post); !ok || !json.Valid([]byte(inner)) {
					t.Errorf("%s %q -> %q: the document is no longer valid JSON", w.ct, body, out)
				}
				if k == 1 && strings.HasSuffix(strings.TrimSpace(w.pre), "=") {
					if res.Changed {
						t.Errorf("%s %q -> %q: a script's numbers joined under no phone or ID name or key", w.ct, body, out)
					}
					continue
				}
				for _, part := range []string{id[6:12], mob[3:7]} {
					if strings.Contains(doc, part) && strings.Contains(out, part) {
						t.Errorf("%s %q -> %q", w.ct, body, out)
					}
				}
				assertStable(t, eng, res, w.ct)
			}
		}
	}
}

// TestArraysNotJoined: arrays whose elements a client does not show as
// one number (chart data and other arrays of numbers, a time series,
// coordinates, a list of
// words, footnotes in prose) find nothing, and text with brackets that
// holds no document is read as text.
func TestArraysNotJoined(t *testing.T) {
	eng := testEngine(t)
	for _, body := range []string{
		`points = [[1764900000, 5], [1764900060, 7], [1764900120, 9]];`,
		`{"p":1} [116.397, 39.908, 116.401, 39.912]`,
		`tags = ["red", "green", "blue"];`,
		`See [1] and [2]; also [3, 4] of 2026 [5].`,
		`option = {series: [{data: [150, 2304, 1800]}]}; ports = [1358, 8080, 443];`,
		`[` + strings.Repeat(`"a",`, 50) + `"b"] trailing`,
	} {
		res := mustInspect(t, eng, []byte(body), "text/plain", "", Redact)
		if res.Changed || len(res.Findings) != 0 {
			t.Errorf("%q -> %q %v", body, res.Body, res.Findings)
		}
	}
}

// mobileNoZeroAt returns a synthetic mobile none of whose digits at the
// given offsets is 0: cut there, each piece is an integer JSON accepts.
func mobileNoZeroAt(r *rand.Rand, at ...int) string {
	for {
		m := synth.CNMobile(r)
		ok := true
		for _, k := range at {
			ok = ok && m[k] != '0'
		}
		if ok {
			return m
		}
	}
}
