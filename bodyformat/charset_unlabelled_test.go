package bodyformat

import (
	"bufio"
	"bytes"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// fallbackEncodings are the charsets a browser in a Chinese or Japanese
// locale reads a body with no charset in, as x/text writes them.
var fallbackEncodings = []struct {
	label string
	enc   encoding.Encoding
}{
	{"gbk", simplifiedchinese.GBK},
	{"gb18030", simplifiedchinese.GB18030},
	{"big5", traditionalchinese.Big5},
	{"shift_jis", japanese.ShiftJIS},
}

// TestUnlabelledLegacyFullWidth: a mobile in full-width digits written in
// GBK, GB18030, Big5 or Shift_JIS, in a body with no charset (text, a
// page, JSON, an untyped body): a browser in that locale shows the digits,
// the UTF-8 reading only U+FFFD. The mobile is masked as that charset
// reads it, the body stays as valid in it as it was, the text around is
// intact, and Scan mode reports it and changes nothing.
func TestUnlabelledLegacyFullWidth(t *testing.T) {
	eng := testEngine(t)
	mob := synth.CNMobile(rng(t.Name()))
	for _, e := range fallbackEncodings {
		for _, tc := range []struct{ ct, text string }{
			{"text/plain", "電話 " + fullWidth(mob) + " 謝謝"},
			{"text/html", "<p>電話：" + fullWidth(mob) + "</p>"},
			{"application/json", `{"tel":"` + fullWidth(mob) + `","名":"王"}`},
			{"", "電話 " + fullWidth(mob)},
		} {
			body, err := e.enc.NewEncoder().Bytes([]byte(tc.text))
			if err != nil {
				t.Fatal(err)
			}
			res := mustInspect(t, eng, body, tc.ct, "", Redact)
			shown, _ := e.enc.NewDecoder().Bytes(res.Body)
			if strings.Contains(asciiDigits(string(shown)), mob) {
				t.Errorf("%s %q: the mobile went out: %q", e.label, tc.ct, shown)
			}
			if replacements(t, e.enc, res.Body) > 0 {
				t.Errorf("%s %q: the body lost its charset: %q", e.label, tc.ct, res.Body)
			}
			if pre := strings.Index(tc.text, fullWidth(mob)); !strings.HasPrefix(string(shown), tc.text[:pre]) {
				t.Errorf("%s %q: the text before the value changed: %q", e.label, tc.ct, shown)
			}
			if scan := mustInspect(t, eng, body, tc.ct, "", Scan); len(scan.Findings) != 1 || scan.Changed {
				t.Errorf("%s %q: Scan mode: %d findings, changed %v", e.label, tc.ct, len(scan.Findings), scan.Changed)
			}
		}
	}
}

// TestUnlabelledLegacyCleanIntact: clean text with no charset, written in
// each fallback charset (dates, prices, order numbers in full-width
// digits, 138年12345678), and the real Weibo posts of realtext-dev so
// written, go out as the UTF-8 reading alone leaves them, with nothing
// more found: the fallback readings alter none the same text in UTF-8
// does not (a name after 我叫 is masked in both); binary bodies go out
// byte for byte
// (a PNG, a ZIP, a gzip stream whose bytes decode in GB18030).
func TestUnlabelledLegacyCleanIntact(t *testing.T) {
	eng := testEngine(t)
	texts := []string{
		"訂單 １２３４５，共 ３ 件，２０２４年６月１日 １０：３０ 發貨。",
		"價格 1,299.00 · 庫存 ４２ · 編號 A-2024-0601 · 第１章 第２節",
		"138年12345678 電話請見官網",
		"电话 １３８ 号 １２３４ ５６７８ 不是一个号码",
	}
	if f, err := os.Open("../../shared/corpora/realtext-dev/clean.txt"); err == nil {
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			texts = append(texts, sc.Text())
		}
		f.Close()
	}
	altered := 0
	for _, e := range fallbackEncodings {
		for _, text := range texts {
			body, err := e.enc.NewEncoder().Bytes([]byte(text))
			if err != nil || isASCII(body) {
				continue // a character the charset does not hold
			}
			for _, ct := range []string{"text/plain", "text/html"} {
				res := mustInspect(t, eng, body, ct, "", Redact)
				// the same bytes read as UTF-8 alone, as before this reading
				asUTF8 := mustInspect(t, eng, body, ct+"; charset=utf-8", "", Redact)
				same := mustInspect(t, eng, []byte(text), ct, "", Redact) // the text in UTF-8
				if (!bytes.Equal(res.Body, asUTF8.Body) || len(res.Findings) != len(asUTF8.Findings)) && !same.Changed {
					t.Errorf("%s %s %q: altered by the %s reading: %q", e.label, ct, text, e.label, res.Body)
				}
				if !bytes.Equal(res.Body, body) {
					altered++
				}
			}
		}
	}
	// the UTF-8 reading alone alters a few (138年12345678 in GBK or Big5
	// bytes is 138��12345678 to it; GB18030's four-byte kaomoji hold
	// digits), as it did before the fallback readings
	t.Logf("%d texts in %d charsets, 2 types: %d altered, by the UTF-8 reading or as the text in UTF-8 is", len(texts), len(fallbackEncodings), altered)
	for _, b := range [][]byte{
		append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "\xa3\xb1\xa3\xb3\xa3\xb8\xa3\xb1\xa3\xb2\xa3\xb3\xa3\xb4\xa3\xb5\xa3\xb6\xa3\xb7\xa3\xb8"...),
		append([]byte("PK\x03\x04\x14\x00\x00\x00"), "\xa3\xb1\xa3\xb3\xa3\xb8\xa3\xb1\xa3\xb2\xa3\xb3\xa3\xb4\xa3\xb5\xa3\xb6\xa3\xb7\xa3\xb8"...),
	} {
		for _, ct := range []string{"", "application/octet-stream", "image/png", "application/zip"} {
			if res, err := Inspect(eng, b, ct, "", Redact, Limits{}); err == nil && !bytes.Equal(res.Body, b) {
				t.Errorf("%q binary %q: altered: %q", ct, b[:4], res.Body)
			}
		}
	}
}

// TestUnlabelledLegacyRandomBytes: random bytes with no charset, which are
// no UTF-8, go out as they came whatever charset they decode in.
func TestUnlabelledLegacyRandomBytes(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(9, 9))
	read := 0
	for k := 0; k < 3000; k++ {
		b := make([]byte, 4+r.IntN(60))
		for i := range b {
			if r.IntN(3) == 0 {
				b[i] = byte(0x20 + r.IntN(0x5f)) // some ASCII, digits among it
			} else {
				b[i] = byte(0x81 + r.IntN(0x7e))
			}
		}
		if len(unlabelledLegacy("text/plain", nil, b, utf8Of(b))) > 0 {
			read++
		}
		plain := mustInspect(t, eng, b, "text/plain; charset=utf-8", "", Redact)
		if res := mustInspect(t, eng, b, "text/plain", "", Redact); !bytes.Equal(res.Body, plain.Body) {
			t.Errorf("%q: altered: %q", b, res.Body)
		}
	}
	t.Logf("3000 random bodies, %d read in a fallback charset", read)
}
