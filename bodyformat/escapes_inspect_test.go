package bodyformat

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"
)

// uEscape spells every character of s as a \uXXXX escape (surrogate pairs
// above the Basic Multilingual Plane), as Python's json.dumps does with
// ensure_ascii.
func uEscape(s string) string {
	var b strings.Builder
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, `\u%04x`, u)
	}
	return b.String()
}

// xEscape spells every byte of an ASCII s as a \xXX escape.
func xEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, `\x%02x`, s[i])
	}
	return b.String()
}

// TestInspectEscapesOutsideJSON checks that escaped identifiers are found
// and redacted wherever a receiver would decode them: server-sent events,
// a <script> block, JSONP, plain text, and JSON that strict parsing
// rejects. Neither the raw value nor its escaped spelling may survive.
func TestInspectEscapesOutsideJSON(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	rec := newRecord(r)
	escID, escMobile := uEscape(rec.ID), uEscape(rec.Mobile)
	escName, escAddr := uEscape(rec.Name), uEscape(rec.Address)
	for _, c := range []struct {
		name, ct, body string
		gone           []string // what must not survive
	}{
		{"sse", "text/event-stream",
			`data: {"delta": "` + escID + `"}` + "\n\n" + `data: {"delta": "tel ` + escMobile + `"}` + "\n\n",
			[]string{escID, escMobile}},
		{"script", "text/html",
			`<script>window.__DATA__ = {"user":{"idCard":"` + escID + `","name":"` + escName + `","address":"` + escAddr + `"}};</script>`,
			[]string{escID, escName, escAddr}},
		{"jsonp", "application/javascript",
			`cb({"mobile":"` + escMobile + `","id":"` + escID + `"})`,
			[]string{escMobile, escID}},
		{"js hex escapes", "application/javascript",
			`var m = "` + xEscape(rec.Mobile) + `";`,
			[]string{xEscape(rec.Mobile)}},
		{"python nan", "application/json",
			`{"score": NaN, "idCard": "` + escID + `", "mobile": "` + escMobile + `"}`,
			[]string{escID, escMobile}},
		{"trailing bytes", "application/json",
			`{"idCard": "` + escID + `"} trailing`,
			[]string{escID}},
		{"fullwidth colon escape", "application/json",
			`{"note": "` + uEscape("手机") + `\uff1a` + rec.Mobile + `", "x": Infinity}`,
			[]string{rec.Mobile}},
		{"escaped label", "text/plain",
			uEscape("姓名：") + escName + `, ` + escMobile,
			[]string{escName, escMobile}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
			out := string(res.Body)
			for _, g := range append(c.gone, rec.ID, rec.Mobile) {
				if strings.Contains(out, g) {
					t.Errorf("%q survives in %s", g, out)
				}
			}
			if !res.Changed {
				t.Errorf("nothing redacted in %s", out)
			}
			assertStable(t, eng, res, c.ct)
		})
	}
}

// TestInspectEscapesKeepCleanText checks that text whose backslashes are
// not personal data comes back unchanged.
func TestInspectEscapesKeepCleanText(t *testing.T) {
	eng := testEngine(t)
	for _, body := range []string{
		`C:\new\table\x41.txt`,
		`{"path": "C:\\new\\u0041", "re": "\\d{11}"}`,
		`data: {"delta": "\u4f60\u597d"}`,
	} {
		res := mustInspect(t, eng, []byte(body), "text/plain", "", Redact)
		if res.Changed || len(res.Findings) > 0 {
			t.Errorf("%q changed to %q (%d findings)", body, res.Body, len(res.Findings))
		}
	}
}

// TestInspectJSONKeys checks that personal data used as an object key is
// found and masked, plain or escaped, and that the document stays valid
// JSON with its values in place.
func TestInspectJSONKeys(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	rec := newRecord(r)
	body := `{"` + rec.Mobile + `": {"n": 1}, "` + uEscape(rec.ID) + `": [2], "email:` + rec.Email + `": null, "plain": "ok"}`
	res := mustInspect(t, eng, []byte(body), "application/json", "", Redact)
	out := string(res.Body)
	for _, g := range []string{rec.Mobile, rec.ID, uEscape(rec.ID), rec.Email} {
		if strings.Contains(out, g) {
			t.Errorf("%q survives in %s", g, out)
		}
	}
	var v map[string]any
	if err := json.Unmarshal(res.Body, &v); err != nil || len(v) != 4 || v["plain"] != "ok" {
		t.Errorf("redacted document %s: %v, %d members", out, err, len(v))
	}
	assertStable(t, eng, res, "application/json")
}
