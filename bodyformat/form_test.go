package bodyformat

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

const ctForm = "application/x-www-form-urlencoded"

// TestFormRedactsEveryCategory sends each kind of personal data, plain and
// obfuscated, as a form value between clean fields.
func TestFormRedactsEveryCategory(t *testing.T) {
	eng := testEngine(t)
	for _, c := range piiCases {
		t.Run(c.name, func(t *testing.T) {
			value := c.value(rng(c.name))
			head, tail := "a=1&page=2&", "&z=%E4%BD%A0%E5%A5%BD&empty=&flag"
			body := []byte(head + url.QueryEscape(c.key) + "=" + url.QueryEscape(value) + tail)
			res := mustInspect(t, eng, body, ctForm, "", Redact)
			if res.Format != FormatForm || !res.Changed {
				t.Fatalf("Format %q Changed %v", res.Format, res.Changed)
			}
			if !hasCategory(res.Findings, c.cat) {
				t.Errorf("no %s finding in %s", c.cat, body)
			}
			out := string(res.Body)
			if !strings.HasPrefix(out, head) || !strings.HasSuffix(out, tail) {
				t.Errorf("fields around the value changed: %s", out)
			}
			q, err := url.ParseQuery(out)
			if err != nil {
				t.Fatalf("output does not parse: %v: %s", err, out)
			}
			if got := q.Get(c.key); got == value || !strings.Contains(got, "*") {
				t.Errorf("%s = %q, want it masked", c.key, got)
			}
			if keys := formKeys(out); !slices.Equal(keys, []string{"a", "page", c.key, "z", "empty", "flag"}) {
				t.Errorf("fields out of order: %q", keys)
			}
			assertStable(t, eng, res, ctForm)
		})
	}
}

// formKeys returns the field names of a form in order.
func formKeys(form string) []string {
	var keys []string
	for piece := range strings.SplitSeq(form, "&") {
		k, _, _ := strings.Cut(piece, "=")
		k, _ = url.QueryUnescape(k)
		keys = append(keys, k)
	}
	return keys
}

// formNames returns the names of the fields of a form that have a '='.
func formNames(form string) []string {
	var names []string
	for piece := range strings.SplitSeq(form, "&") {
		if k, _, ok := strings.Cut(piece, "="); ok {
			names = append(names, k)
		}
	}
	return names
}

// TestFormEdgeCases checks spellings a form decoder meets: '+' as a space
// inside a grouped number, percent-encoded full-width digits, an invalid
// escape (the piece is scanned raw), a piece without '=', a name hinted by
// its field name only, and JSON inside a value.
func TestFormEdgeCases(t *testing.T) {
	eng := testEngine(t)
	r := rng("form edge")
	mobile, name, id := synth.CNMobile(r), synth.CNName(r), synth.CNID18(r)
	for _, c := range []struct {
		name  string
		body  string
		cat   detect.Category
		parse bool // the output must parse with url.ParseQuery
	}{
		{"plus as space", "tel=" + synth.Grouped(mobile, "+", 3, 4, 4) + "&x=1", detect.CNMobile, true},
		{"encoded full-width", "mobile=" + url.QueryEscape(synth.FullWidth(mobile)), detect.CNMobile, true},
		{"lower-case escapes", "msg=" + strings.ToLower(url.QueryEscape("电话："+mobile)), detect.CNMobile, true},
		{"invalid escape", "x=1&mobile=%zz:" + mobile + "&y=2", detect.CNMobile, false},
		{"truncated escape", "mobile=" + mobile + "%E4", detect.CNMobile, false},
		{"no equals sign", "a=1&" + mobile + "&b=2", detect.CNMobile, true},
		{"name by field", "realName=" + url.QueryEscape(name), detect.CNName, true},
		{"name by encoded field", url.QueryEscape("姓名") + "=" + url.QueryEscape(name), detect.CNName, true},
		{"json value", "data=" + url.QueryEscape(`{"realName":"`+name+`","id":7}`), detect.CNName, true},
		{"id in key-less value", "=" + id, detect.CNID, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := mustInspect(t, eng, []byte(c.body), ctForm, "", Redact)
			if !res.Changed || !hasCategory(res.Findings, c.cat) {
				t.Fatalf("Changed %v, findings %+v", res.Changed, res.Findings)
			}
			out := string(res.Body)
			if strings.Contains(out, mobile) || strings.Contains(out, url.QueryEscape(name)) || strings.Contains(out, id) {
				t.Errorf("personal data left in %s", out)
			}
			if _, err := url.ParseQuery(out); c.parse && err != nil {
				t.Errorf("output does not parse: %v: %s", err, out)
			}
		})
	}
}

// TestFormOnlySpansChange checks that only the finding's bytes are
// rewritten: the rest of the value keeps its original escaping.
func TestFormOnlySpansChange(t *testing.T) {
	eng := testEngine(t)
	mobile := synth.CNMobile(rng("spans"))
	body := "msg=%E8%AF%B7%E6%89%93+" + mobile + "%20%21"
	res := mustInspect(t, eng, []byte(body), ctForm, "", Redact)
	want := "msg=%E8%AF%B7%E6%89%93+" + mobile[:3] + "%2A%2A%2A%2A" + mobile[7:] + "%20%21"
	if string(res.Body) != want {
		t.Errorf("got  %s\nwant %s", res.Body, want)
	}
}

// TestFormUnchanged checks that a clean form comes back as the same slice
// and that Scan mode reports without rewriting.
func TestFormUnchanged(t *testing.T) {
	eng := testEngine(t)
	r := rng("form clean")
	clean := []byte("orderNo=" + synth.OrderNumber(r) + "&ts=" + synth.TimestampMillis(r) + "&q=" + url.QueryEscape(cleanValue(r)))
	dirty := []byte("mobile=" + synth.CNMobile(r))
	for _, c := range []struct {
		name     string
		body     []byte
		mode     Mode
		findings int
	}{
		{"clean scan", clean, Scan, 0},
		{"clean redact", clean, Redact, 0},
		{"dirty scan", dirty, Scan, 1},
		{"empty", []byte{}, Redact, 0},
		{"separators only", []byte("&&=&"), Redact, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := mustInspect(t, eng, c.body, ctForm, "", c.mode)
			if res.Changed || !sameSlice(res.Body, c.body) || len(res.Findings) != c.findings {
				t.Errorf("Changed %v same %v findings %d", res.Changed, sameSlice(res.Body, c.body), len(res.Findings))
			}
		})
	}
}

func TestDecodeForm(t *testing.T) {
	for _, c := range []struct {
		raw     string
		want    string
		offs    []int32
		changed bool
	}{
		{"a+b", "a b", []int32{0, 1, 2, 3}, true},
		{"%41b", "Ab", []int32{0, 3, 4}, true},
		{"%e5%bc%a0", "张", []int32{0, 3, 6, 9}, true},
		{"", "", []int32{0}, false},
		{"ab", "ab", []int32{0, 1, 2}, false},
		// a bad escape stays as it is, the good ones are decoded
		{"%4", "%4", []int32{0, 1, 2}, false},
		{"%zz%31", "%zz1", []int32{0, 1, 2, 3, 6}, true},
		{"100%+%31", "100% 1", []int32{0, 1, 2, 3, 4, 5, 8}, true},
		{"a%", "a%", []int32{0, 1, 2}, false},
	} {
		dec, offs, changed := decodeForm([]byte(c.raw), nil, nil, true)
		if changed != c.changed || string(dec) != c.want || !slices.Equal(offs, c.offs) {
			t.Errorf("decodeForm(%q) = %q %v %v; want %q %v %v", c.raw, dec, offs, changed, c.want, c.offs, c.changed)
		}
	}
}

// TestInspectFormLenient checks that a stray '%' does not hide the rest of
// a value, and that personal data sent as a field name is masked.
func TestInspectFormLenient(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	id, mobile := synth.CNID18(r), synth.CNMobile(r)
	pct := func(s string) string {
		var b strings.Builder
		for i := 0; i < len(s); i++ {
			fmt.Fprintf(&b, "%%%02X", s[i])
		}
		return b.String()
	}
	body := "note=100%+off+" + pct(mobile) + "&" + pct(id) + "=1&a=b"
	res := mustInspect(t, eng, []byte(body), ctForm, "", Redact)
	out := string(res.Body)
	for _, g := range []string{mobile, id, pct(mobile), pct(id)} {
		if strings.Contains(out, g) {
			t.Errorf("%q survives in %s", g, out)
		}
	}
	if !strings.HasPrefix(out, "note=100%+off+") || !strings.HasSuffix(out, "=1&a=b") {
		t.Errorf("the rest of the form changed: %s", out)
	}
	assertStable(t, eng, res, ctForm)
}

// FuzzInspectForm checks, on any input labelled a form: no panic; a form
// that parses still parses after redaction, with the same field names in
// the same order (a piece without '=' is a value, and may be redacted).
func FuzzInspectForm(f *testing.F) {
	f.Add(formBody(300, true))
	f.Add([]byte("mobile=%zz:" + synth.CNMobile(rng("fuzz form")) + "&a=%E4%BD%A0&&=x&y"))
	f.Add([]byte("data=" + url.QueryEscape(`{"realName":"`+synth.CNName(rng("fuzz form"))+`"}`)))
	eng := testEngine(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		res, err := Inspect(eng, body, ctForm, "", Redact, Limits{})
		if err != nil {
			t.Fatalf("Inspect: %v", err)
		}
		if _, err := url.ParseQuery(string(body)); err != nil {
			return
		}
		if _, err := url.ParseQuery(string(res.Body)); err != nil {
			t.Fatalf("form stopped parsing: %v\nin:  %q\nout: %q", err, body, res.Body)
		}
		in, out := formNames(string(body)), formNames(string(res.Body))
		if len(in) != len(out) {
			t.Fatalf("fields added or lost: %q → %q", in, out)
		}
		for k := range in {
			// a name changes only where it holds personal data of its own,
			// in some reading of it (50923021447E7 is a card as a number
			// parser shows it; \xb7A509201E7 shows 509201E7 apart from
			// the letter in GBK, a fallback of a form with no charset)
			// (a '+' kept as a plus too, as findPlusKept reads a value:
			// +2100000100 is a phone)
			dec, _, _ := decodeForm([]byte(in[k]), nil, nil, false)
			kept, _, _ := decodePercentEscapes([]byte(in[k]), nil, nil, false, false)
			if in[k] != out[k] && !foundInSomeCharset(eng, dec) && !foundInSomeCharset(eng, kept) && !strings.Contains(string(dec), "\\") {
				t.Fatalf("field name %q changed to %q without a finding in it", in[k], out[k])
			}
		}
	})
}

// foundInSomeCharset reports whether text holds a finding read as UTF-8 or
// in one of the fallback charsets a body with no charset is read in (or
// one of those readings cannot read it: FindText's error).
func foundInSomeCharset(eng *detect.Engine, text []byte) bool {
	if fs, err := FindText(eng, text, 0); err != nil || len(fs) > 0 {
		return true
	}
	for _, cs := range fallbackCharsets {
		if dec, err := cs.decode(text); err == nil {
			if fs, err := FindText(eng, dec, 0); err != nil || len(fs) > 0 {
				return true
			}
		}
	}
	return false
}
