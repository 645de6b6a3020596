package bodyformat

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// fullWidth returns the ASCII digits of s as full-width digits.
func fullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r - '0' + '０'
		}
		return r
	}, s)
}

// TestBOMLabelledLegacyReadBoth: a UTF-8 byte-order mark, then a mobile
// in full-width digits written in Big5, Shift_JIS or GB18030, labelled so
// (by Content-Type or <meta charset>): a browser reads UTF-8 (the mark
// wins), Python's requests or a terminal the label, and there the digits
// show. The mobile is masked for the label's reader, the body keeps its
// mark and stays valid in its label; the same mobile in UTF-8 after the
// mark (what the browser reads) is masked as before; and clean text so
// sent goes out byte for byte.
func TestBOMLabelledLegacyReadBoth(t *testing.T) {
	eng := testEngine(t)
	mob := synth.CNMobile(rng(t.Name()))
	const bom = "\xef\xbb\xbf"
	for _, e := range []struct {
		label string
		enc   encoding.Encoding
	}{
		{"big5", traditionalchinese.Big5},
		{"shift_jis", japanese.ShiftJIS},
		{"gb18030", simplifiedchinese.GB18030},
	} {
		for _, tc := range []struct{ ct, text string }{
			{"text/plain; charset=" + e.label, "電話 " + fullWidth(mob) + " 謝謝"},
			{"text/html; charset=" + e.label, "<p>電話 " + fullWidth(mob) + "</p>"},
			{"text/html", `<meta charset="` + e.label + `"><p>電話 ` + fullWidth(mob) + "</p>"},
			{"application/json; charset=" + e.label, `{"電話":"` + fullWidth(mob) + `"}`},
		} {
			enc, err := e.enc.NewEncoder().Bytes([]byte(tc.text))
			if err != nil {
				t.Fatal(err)
			}
			body := append([]byte(bom), enc...)
			res := mustInspect(t, eng, body, tc.ct, "", Redact)
			shown, _ := e.enc.NewDecoder().Bytes(bytes.TrimPrefix(res.Body, []byte(bom)))
			if !bytes.HasPrefix(res.Body, []byte(bom)) || strings.Contains(asciiDigits(string(shown)), mob) {
				t.Errorf("%s %s: the mobile went out to the label's reader: %q", e.label, tc.ct, shown)
			}
			if !strings.HasPrefix(tc.ct, "application/json") && replacements(t, e.enc, res.Body[len(bom):]) > replacements(t, e.enc, enc) {
				t.Errorf("%s %s: the body lost its charset: %q", e.label, tc.ct, res.Body)
			}
			if scan := mustInspect(t, eng, body, tc.ct, "", Scan); len(scan.Findings) == 0 || scan.Changed {
				t.Errorf("%s %s: Scan mode: %d findings, changed %v", e.label, tc.ct, len(scan.Findings), scan.Changed)
			}
			utf := []byte(bom + tc.text)
			if res := mustInspect(t, eng, utf, tc.ct, "", Redact); strings.Contains(asciiDigits(string(res.Body)), mob) {
				t.Errorf("%s %s: the mobile in UTF-8 after the mark went out: %q", e.label, tc.ct, res.Body)
			}
		}
		for _, text := range []string{
			"訂單 １２３４５，共 ３ 件，２０２４年６月１日 發貨。",
			"價格 1,299.00 · 庫存 42 · 編號 A-2024-0601 · 第1章 第2節 第3頁",
		} {
			enc, err := e.enc.NewEncoder().Bytes([]byte(text))
			if err != nil {
				continue
			}
			body := append([]byte(bom), enc...)
			for _, ct := range []string{"text/plain", "text/html", "application/json"} {
				ct += "; charset=" + e.label
				if res := mustInspect(t, eng, body, ct, "", Redact); !bytes.Equal(res.Body, body) || len(res.Findings) > 0 {
					t.Errorf("%s %q: altered: %q", ct, text, res.Body)
				}
			}
		}
	}
}

// asciiDigits returns s with full-width digits as ASCII ones and
// everything but digits dropped.
func asciiDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= '０' && r <= '９':
			b.WriteRune(r - '０' + '0')
		}
	}
	return b.String()
}
