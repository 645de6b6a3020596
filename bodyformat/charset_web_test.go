package bodyformat

import (
	"bytes"
	"errors"
	"math/rand/v2"
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
	for _, label := range []string{"utf-7", "UTF7", "unicode-1-1-utf-7", "hz-gb-2312", "iso-2022-kr", "ISO-2022-CN"} {
		_, err := Inspect(eng, body, "text/plain; charset="+label, "", Redact, Limits{})
		if !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: err %v, want ErrMalformed", label, err)
		}
	}
	// an unknown label declares nothing: the body is read as UTF-8
	if _, err := Inspect(eng, body, "text/plain; charset=no-such-charset", "", Redact, Limits{}); err != nil {
		t.Errorf("unknown label: %v", err)
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
