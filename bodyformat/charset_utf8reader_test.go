package bodyformat

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// utf8Digits returns the ASCII digits (and check characters X) of b as a
// UTF-8 decoder shows it (fetch's Response.json(), EventSource): invalid
// bytes are U+FFFD, which a reader skips.
func utf8Digits(b []byte) string {
	var sb strings.Builder
	for _, c := range utf8View(b) {
		if c >= '0' && c <= '9' || c == 'X' {
			sb.WriteByte(c)
		}
	}
	return sb.String()
}

// gb18030Digits returns the digits of b as a GB18030 decoder shows it.
func gb18030Digits(t *testing.T, b []byte) string {
	t.Helper()
	text, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil {
		t.Fatal(err)
	}
	return utf8Digits(text)
}

// TestLabelIgnoredByJSONReaders: JSON, JSON lines and event streams
// labelled gb18030 (or gbk) whose digits each follow a byte 0x81, which
// GB18030 reads as four-byte characters while fetch and EventSource read
// UTF-8 and show the digits: the ID is masked in both readings (or the
// body fails closed); a masked body stays valid in its format.
func TestLabelIgnoredByJSONReaders(t *testing.T) {
	eng := testEngine(t)
	id := synth.CNID18(rng(t.Name()))
	var v strings.Builder
	for _, c := range []byte(id) {
		v.WriteByte(0x81)
		v.WriteByte(c)
	}
	doc := `{"idCard":"` + v.String() + `"}`
	for _, tc := range []struct{ ct, body string }{
		{"application/json; charset=gb18030", doc},
		{"application/json; charset=gbk", doc},
		{"application/problem+json; charset=GB18030", doc},
		{"application/x-ndjson; charset=gb18030", doc + "\n" + `{"a":"b"}` + "\n"},
		{"text/event-stream; charset=gb18030", "data: " + doc + "\n\n"},
	} {
		res, err := Inspect(eng, []byte(tc.body), tc.ct, "", Redact, Limits{})
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Errorf("%s: %v", tc.ct, err)
			}
			continue // failed closed
		}
		if strings.Contains(utf8Digits(res.Body), id) {
			t.Errorf("%s: the ID, as a UTF-8 reader shows it, went out: %q", tc.ct, res.Body)
		}
		if strings.Contains(gb18030Digits(t, res.Body), id) {
			t.Errorf("%s: the ID, as a GB18030 reader shows it, went out: %q", tc.ct, res.Body)
		}
		if scan := mustInspect(t, eng, []byte(tc.body), tc.ct, "", Scan); len(scan.Findings) == 0 || scan.Changed {
			t.Errorf("%s: Scan mode: %+v", tc.ct, scan.Findings)
		}
		for l := range strings.SplitSeq(string(res.Body), "\n") {
			l = strings.TrimPrefix(l, "data: ")
			if l != "" && !json.Valid(utf8View([]byte(l))) {
				t.Errorf("%s: a redacted line is not JSON: %q", tc.ct, l)
			}
		}
	}
}

// TestLabelBothReadingsKeepGBK: JSON written in GBK with its label is read
// in GBK as before: a clean body goes out byte for byte, and one holding a
// mobile is masked and stays GBK, its Chinese text intact; a UTF-8 body
// mislabelled gbk is read as UTF-8 and keeps its UTF-8 text. HTML and
// text keep their label alone.
func TestLabelBothReadingsKeepGBK(t *testing.T) {
	eng := testEngine(t)
	mob := synth.CNMobile(rng(t.Name()))
	for _, tc := range []struct{ name, ct, text string }{
		{"json", "application/json; charset=gbk", `{"城市":"北京","备注":"订单 12345，共 3 件"}`},
		{"ndjson", "application/x-ndjson; charset=gb18030", `{"内容":"你好"}` + "\n" + `{"内容":"2024年6月1日"}` + "\n"},
		{"sse", "text/event-stream; charset=gbk", "data: {\"内容\":\"你好 42\"}\n\n"},
		{"text", "text/plain; charset=gb18030", "你好，订单 12345"},
	} {
		gbk := encodeIn(t, simplifiedchinese.GBK, "", tc.text)
		if res := mustInspect(t, eng, gbk, tc.ct, "", Redact); !bytes.Equal(res.Body, gbk) {
			t.Errorf("%s: clean GBK body altered: %q", tc.name, res.Body)
		}
		if res := mustInspect(t, eng, []byte(tc.text), tc.ct, "", Redact); !bytes.Equal(res.Body, []byte(tc.text)) {
			t.Errorf("%s: clean UTF-8 body labelled GBK altered: %q", tc.name, res.Body)
		}
	}
	gbk := encodeIn(t, simplifiedchinese.GBK, "", `{"城市":"北京","手机":"`+mob+`"}`)
	res := mustInspect(t, eng, gbk, "application/json; charset=gbk", "", Redact)
	text, err := simplifiedchinese.GBK.NewDecoder().Bytes(res.Body)
	if err != nil || strings.Contains(string(text), mob) || !strings.Contains(string(text), `"城市":"北京"`) || !json.Valid(text) {
		t.Errorf("GBK JSON with a mobile: %q (%v)", text, err)
	}
	utf := `{"城市":"北京","手机":"` + mob + `"}`
	res = mustInspect(t, eng, []byte(utf), "application/json; charset=gbk", "", Redact)
	if !utf8.Valid(res.Body) || strings.Contains(string(res.Body), mob) || !strings.Contains(string(res.Body), `"城市":"北京"`) {
		t.Errorf("UTF-8 JSON labelled gbk with a mobile: %q", res.Body)
	}
	// a legacy Latin-1 body keeps its bytes, masked or not
	for _, tc := range []struct{ body, want string }{
		{`{"city":"Montr` + "\xe9" + `al","tel":"` + mob + `"}`, `{"city":"Montr` + "\xe9" + `al","tel":"` + mob[:3] + "****" + mob[7:] + `"}`},
		{`{"city":"Montr` + "\xe9" + `al","n":"12345"}`, `{"city":"Montr` + "\xe9" + `al","n":"12345"}`},
	} {
		if res := mustInspect(t, eng, []byte(tc.body), "application/json; charset=iso-8859-1", "", Redact); string(res.Body) != tc.want {
			t.Errorf("Latin-1 JSON: %q", res.Body)
		}
	}
}
