package bodyformat

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// mathDigits is s with its ASCII digits as mathematical bold digits
// (U+1D7CE…), characters GB18030 has as four-byte codes and GBK lacks.
func mathDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return 0x1d7ce + r - '0'
		}
		return r
	}, s)
}

// TestGBKLabelWritesBack: a body labelled gbk is read with the GB18030
// decoder and a redacted one written back so a GBK receiver reads what
// was left alone from the same bytes: the euro sign stays the byte 80,
// ASCII and stars stay ASCII, a four-byte code (mathematical digits too
// few to be anything) stays its four bytes instead of '?' and a digit
// each; a mobile in mathematical digits is masked.
func TestGBKLabelWritesBack(t *testing.T) {
	r := rng(t.Name())
	m, m2 := synth.CNMobile(r), synth.CNMobile(r)
	enc := simplifiedchinese.GB18030.NewEncoder()
	short, err := enc.String(mathDigits("12"))
	if err != nil || len(short) != 8 {
		t.Fatalf("mathematical digits in GB18030: %x %v", short, err)
	}
	mathMobile, err := enc.String(mathDigits(m2))
	if err != nil {
		t.Fatal(err)
	}
	body := "\x80 5 " + short + " \xb5\xe7\xbb\xb0 " + m + " ; " + mathMobile + " ok"
	for _, label := range []string{"gbk", "x-gbk", "cp936"} {
		res, err := Inspect(testEngine(t), []byte(body), "text/plain; charset="+label, "", Redact, Limits{})
		if err != nil {
			t.Fatalf("%s: %v", label, err)
		}
		out := string(res.Body)
		if !strings.HasPrefix(out, "\x80 5 "+short+" \xb5\xe7\xbb\xb0 ") || !strings.HasSuffix(out, " ok") {
			t.Errorf("%s: what was left alone changed bytes: %q", label, out)
		}
		if strings.Contains(out, m) || strings.Contains(out, mathMobile) || strings.Contains(out, mathMobile[8:24]) {
			t.Errorf("%s: a mobile went out: %q", label, out)
		}
		if !strings.Contains(out, "*") {
			t.Errorf("%s: nothing masked: %q", label, out)
		}
		if strings.Contains(out, "?") {
			t.Errorf("%s: a character became '?': %q", label, out)
		}
		text, err := csGBK.decode(res.Body)
		if err != nil || bytes.ContainsRune(text, '\ufffd') {
			t.Errorf("%s: written back unreadable: %q %v", label, text, err)
		}
	}
}

// TestGBKEncoderEuro: the GBK encoder writes U+20AC as 80 wherever it
// stands, in a buffer too small for the text too, and every other
// character as GB18030 does.
func TestGBKEncoderEuro(t *testing.T) {
	text := "€a€€你𝟎€"
	want := "\x80a\x80\x80\xc4\xe3" + mustGB18030(t, "𝟎") + "\x80"
	got, err := csGBK.encode([]byte(text), nil)
	if err != nil || string(got) != want {
		t.Fatalf("encode: %x %v, want %x", got, err, want)
	}
	e := csGBK.enc.NewEncoder()
	var out []byte
	dst := make([]byte, 4) // one four-byte code
	src := []byte(text)
	for len(src) > 0 {
		n, m, err := e.Transform(dst, src, true)
		out, src = append(out, dst[:n]...), src[m:]
		if err != nil && n == 0 && m == 0 {
			t.Fatalf("no progress: %v", err)
		}
	}
	if string(out) != want {
		t.Errorf("small buffer: %x, want %x", out, want)
	}
}

// mustGB18030 is s in GB18030.
func mustGB18030(t *testing.T, s string) string {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
