package bodyformat

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestWebCharsetsRedacted: a body declared in a charset a browser reads
// (Shift_JIS, EUC-JP, ISO-2022-JP, EUC-KR, windows-1252) is decoded,
// inspected and written back in its charset, with no digit of the value
// left in any spelling.
func TestWebCharsetsRedacted(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 21))
	eng := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for _, c := range []struct {
		label string
		enc   encoding.Encoding
		wide  bool // the value is written in full-width digits
	}{
		{"Shift_JIS", japanese.ShiftJIS, true},
		{"x-sjis", japanese.ShiftJIS, true},
		{"EUC-JP", japanese.EUCJP, true},
		{"ISO-2022-JP", japanese.ISO2022JP, true},
		{"EUC-KR", korean.EUCKR, true},
		{"windows-1252", charmap.Windows1252, false},
		{"latin1", charmap.Windows1252, false},
	} {
		mobile := synth.CNMobile(r)
		value := mobile
		if c.wide {
			value = synth.FullWidth(mobile)
		}
		text := "電話: " + value + " / tel " + value + "\n"
		if c.enc == charmap.Windows1252 {
			text = "Téléphone: " + value + "\n"
		}
		body := encodeIn(t, c.enc, "", text)
		res := mustInspect(t, eng, body, "text/plain; charset="+c.label, "", Redact)
		if !res.Changed || !hasCategory(res.Findings, detect.CNMobile) {
			t.Errorf("%s: not redacted: %+v", c.label, res.Findings)
			continue
		}
		out := decodeStrict(t, c.enc, res.Body)
		if bytes.Contains([]byte(out), []byte(value)) || bytes.Contains([]byte(out), []byte(mobile)) {
			t.Errorf("%s: value survives: %q", c.label, out)
		}
	}
}

// TestRefusedCharsets: UTF-7 and the WHATWG replacement charsets are never
// read as UTF-8: the body cannot be inspected.
func TestRefusedCharsets(t *testing.T) {
	eng := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	body := []byte("tel +ADEAMwA4-12345678 and ~{#1#3#8~}")
	for _, label := range []string{"utf-7", "UTF7", "unicode-1-1-utf-7", "hz-gb-2312", "iso-2022-kr", "ISO-2022-CN",
		// Python's names for them: requests decodes r.text by the label
		"u7", "hz", "hz_gb_2312", "iso2022_kr", "iso2022_jp_2"} {
		_, err := Inspect(eng, body, "text/plain; charset="+label, "", Redact, Limits{})
		if !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: err %v, want ErrMalformed", label, err)
		}
	}
	// an unknown label declares nothing: the body is read as UTF-8
	if _, err := Inspect(eng, body, "text/plain; charset=no-such-charset", "", Redact, Limits{}); err != nil {
		t.Errorf("unknown label: %v", err)
	}
	// unless it is not UTF-8: a client that knows the label (Python's
	// cp037, an EBCDIC code page where F1 F3 F8 is 138) reads text the
	// filter cannot
	ebcdic := []byte{0xA3, 0x85, 0x93, 0x40} // "tel " in cp037
	for _, c := range synth.CNMobile(rand.New(rand.NewPCG(23, 23))) {
		ebcdic = append(ebcdic, 0xF0+byte(c-'0'))
	}
	for _, label := range []string{"cp037", "IBM500", "no-such-charset"} {
		if _, err := Inspect(eng, ebcdic, "text/plain; charset="+label, "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s on bytes that are not UTF-8: err %v, want ErrMalformed", label, err)
		}
	}
}

// TestWideLabelOnNarrowBody: a body declared UTF-16 whose bytes are plain
// ASCII (no mark, no NUL byte) holds its identifiers for any client that
// reads it as UTF-8: it cannot be inspected as declared and fails closed.
// Real UTF-16 text without NUL bytes (all CJK) is still read as declared.
func TestWideLabelOnNarrowBody(t *testing.T) {
	r := rand.New(rand.NewPCG(22, 22))
	eng := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	body := []byte(`{"tel":"` + synth.CNMobile(r) + `"}`)
	for _, label := range []string{"utf-16", "utf-16le", "utf-32be"} {
		_, err := Inspect(eng, body, "application/json; charset="+label, "", Redact, Limits{})
		if !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: err %v, want ErrMalformed", label, err)
		}
	}
	clean := []byte(`{"ok":true}`)
	if _, err := Inspect(eng, clean, "application/json; charset=utf-16", "", Redact, Limits{}); err != nil {
		t.Errorf("clean narrow body: %v", err)
	}
	wide := encodeIn(t, xUTF16LE, "", "电话"+synth.FullWidth(synth.CNMobile(r)))
	if bytes.IndexByte(wide, 0) >= 0 {
		t.Fatal("fixture has a NUL byte: every code unit should be above U+00FF")
	}
	res := mustInspect(t, eng, wide, "text/plain; charset=utf-16le", "", Redact)
	if !hasCategory(res.Findings, detect.CNMobile) {
		t.Errorf("UTF-16 text without NUL bytes not read as declared: %+v", res.Findings)
	}
}

// gbkPercent percent-encodes every byte of s written in GBK, as a GBK
// page's form submits it.
func gbkPercent(t *testing.T, s string) string {
	var b strings.Builder
	for _, c := range encodeIn(t, csGBK.enc, "", s) {
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// TestGBKForm: a form a GBK page submits (no charset, GBK bytes percent-
// encoded) is read as GBK where it is not UTF-8: what the same form in
// UTF-8 gives away (a name behind its field name or a label) is found in
// it too.
func TestGBKForm(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 23))
	eng := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	utf8Percent := func(s string) string { return url.QueryEscape(s) }
	found := 0
	for range 10 {
		name := synth.CNName(r)
		for _, form := range []func(enc func(string) string) string{
			func(enc func(string) string) string { return "realName=" + enc(name) },
			func(enc func(string) string) string { return enc("姓名") + "=" + enc(name) },
			func(enc func(string) string) string { return "note=" + enc("姓名："+name+"，电话：") },
		} {
			want := mustInspect(t, eng, []byte(form(utf8Percent)), "application/x-www-form-urlencoded", "", Redact)
			if !hasCategory(want.Findings, detect.CNName) {
				continue
			}
			found++
			body := form(func(s string) string { return gbkPercent(t, s) })
			res := mustInspect(t, eng, []byte(body), "application/x-www-form-urlencoded", "", Redact)
			if !hasCategory(res.Findings, detect.CNName) || strings.Contains(string(res.Body), gbkPercent(t, name)) {
				t.Errorf("%s (%s): %+v -> %s", body, name, res.Findings, res.Body)
			}
		}
	}
	if found < 20 {
		t.Fatalf("only %d of 30 UTF-8 forms give a name away: the fixture tests little", found)
	}
}
