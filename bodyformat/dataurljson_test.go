package bodyformat

import (
	"encoding/base64"
	"net/url"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestDataURLJSONRead: a data: URL of a JSON type (application/json,
// text/json, +json) is read as the JSON document it holds, percent-encoded
// or base64, in a page's attribute, a JSON value and a script: its array
// of numbers and its members joined as a JSON body's are; a finding masks
// the payload.
func TestDataURLJSONRead(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		m := mobileNoZeroAt(r, 3, 7)
		a, b, c := m[:3], m[3:7], m[7:]
		id := synth.CNID18X(r)
		arr := "[" + a + "," + b + "," + c + "]"
		tels := `{"tel1":"` + a + `","tel2":"` + b + `","tel3":"` + c + `"}`
		idx := `{"idcard":"` + id[:17] + `","check":"✕"}`
		b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
		for _, row := range []struct{ ct, body, gone string }{
			{"text/html", `<a href="data:application/json,` + arr + `">x</a>`, "," + b + ","},
			{"text/html", `<a href='data:application/json,{"m":` + arr + `}'>x</a>`, "," + b + ","},
			{"text/html", `<a href="data:application/json,` + url.PathEscape(tels) + `">x</a>`, b},
			{"text/html", `<a href="data:text/json;charset=utf-8,` + url.PathEscape(idx) + `">x</a>`, id[6:14]},
			{"application/json", `{"u":"data:application/json;base64,` + b64(`{"m":`+arr+`}`) + `"}`, b64(`{"m":` + arr + `}`)},
			{"application/json", `{"u":"data:application/ld+json;base64,` + b64(tels) + `"}`, b64(tels)},
			{"text/html", `<script>fetch("data:application/json;base64,` + b64(idx) + `")</script>`, b64(idx)},
		} {
			res := mustInspect(t, eng, []byte(row.body), row.ct, "", Redact)
			if !res.Changed || strings.Contains(string(res.Body), row.gone) {
				t.Errorf("%s: leaks:\nin:  %q\nout: %q", row.ct, row.body, res.Body)
			}
			assertStable(t, eng, res, row.ct)
		}
	}
}

// TestDataURLJSONClean: data: URLs of JSON holding no identifier (config,
// chart numbers, a time series, sizes, a manifest, a payload that is no
// JSON) come out byte for byte.
func TestDataURLJSONClean(t *testing.T) {
	eng := testEngine(t)
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	for _, row := range []struct{ ct, body string }{
		{"text/html", `<a href="data:application/json,[180,1024,20480,7]">x</a>`},
		{"text/html", `<a href="data:application/json,{&quot;series&quot;:[[1733400000,5],[1733400060,7]]}">x</a>`},
		{"text/html", `<link rel="manifest" href="data:application/manifest+json,` + url.PathEscape(`{"name":"app","icons":[{"sizes":"192x192"}]}`) + `">`},
		{"application/json", `{"u":"data:application/json;base64,` + b64(`{"size":[1920,1080],"id":"825","qty":"1576"}`) + `"}`},
		{"text/html", `<a href="data:application/json,{&quot;ports&quot;:[8080,443]}">x</a>`},
		{"text/html", `<a href="data:application/json,not json [1,2]">x</a>`},
	} {
		res := mustInspect(t, eng, []byte(row.body), row.ct, "", Redact)
		if res.Changed || len(res.Findings) != 0 {
			t.Errorf("clean changed (%s):\nin:  %q\nout: %q", row.ct, row.body, res.Body)
		}
	}
}

// TestDataURLJSONNotNested: a JSON URL inside a JSON URL's document is
// read as text, not walked again: the work of a body of such URLs nested
// in each other grows with its length, not with the nesting (a budget of
// a fixed multiple of the body's length suffices at every size).
func TestDataURLJSONNotNested(t *testing.T) {
	eng := testEngine(t)
	for _, depth := range []int{8, 64, 128} {
		doc := `[1]`
		for range depth {
			doc = `["data:application/json,` + url.PathEscape(doc) + `"]`
		}
		body := []byte(`{"u":` + doc + `}`)
		if _, err := Inspect(eng, body, "application/json", "", Redact, Limits{MaxWork: 64 * int64(len(body))}); err != nil {
			t.Errorf("depth %d (%d bytes): %v", depth, len(body), err)
		}
	}
}
