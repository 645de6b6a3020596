package bodyformat

import (
	"bytes"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestBOMShiftsLabelAlignment: the filter reads the bytes after
// a UTF-8 mark in the label (bomLabelBody: b[3:]), but a reader of the
// label that does not know the mark (Python's requests r.text, iconv -f
// gbk, a terminal in a GBK locale) decodes from byte 0: EF BB is one GBK
// character and BF pairs with the first byte after the mark, so the
// bytes after it are read one byte out of step. After BF A1, the bytes
// A3 B1 A3 B3 … are full-width digits to that reader and other
// characters (A1 A3, B1 A3, …) to the filter.
func TestBOMShiftsLabelAlignment(t *testing.T) {
	eng := testEngine(t)
	mob := synth.CNMobile(rng(t.Name()))
	var fw strings.Builder
	for _, c := range mob {
		fw.WriteString("\xa3")
		fw.WriteByte(byte(0xb0 + c - '0'))
	}
	for _, label := range []string{"gbk", "gb18030", "big5"} {
		for _, tmpl := range []string{"\xa1%s", "\xa1%s\xa1\xa1", `{"a":"` + "\xa1%s" + `"}`} {
			body := []byte("\xef\xbb\xbf" + strings.Replace(tmpl, "%s", fw.String(), 1))
			for _, ct := range []string{"text/plain", "text/html", "application/json", "text/event-stream"} {
				ct += "; charset=" + label
				res, err := Inspect(eng, body, ct, "", Redact, Limits{})
				if err != nil {
					continue
				}
				cs := labelCharset(label)
				shown, _ := cs.enc.NewDecoder().Bytes(res.Body) // from byte 0, mark and all
				if strings.Contains(asciiDigits(string(shown)), mob) {
					t.Errorf("%s: a %s reader from byte 0 shows the mobile: in %q out %q shown %q", ct, label, body, res.Body, shown)
				}
			}
		}
	}
}

// TestBOMFromZeroCleanIntact: clean Chinese and Japanese text with numbers
// that are no personal data (dates, prices, order numbers), after a UTF-8
// byte-order mark and labelled in its legacy charset, goes out byte for
// byte although it is now also read from byte 0; and an ASCII mobile in
// it, which both alignments read, is counted once in Scan mode.
func TestBOMFromZeroCleanIntact(t *testing.T) {
	eng := testEngine(t)
	mob := synth.CNMobile(rng(t.Name()))
	texts := []string{
		"今天天气很好，订单２０２４年１月１日已发货，价格１２８元。",
		`{"msg":"您的订单 20240101-8842 已发货","total":"¥128.00"}`,
		"<p>營業時間 09:00-18:00，電話請見官網。</p>",
		"「東京」は２０２４年に１２３４万人。",
	}
	for _, label := range []string{"gbk", "gb18030", "big5", "shift_jis"} {
		cs := labelCharset(label)
		for _, text := range texts {
			enc, err := cs.enc.NewEncoder().Bytes([]byte(text))
			if err != nil {
				continue // not writable in this charset
			}
			body := append([]byte("\xef\xbb\xbf"), enc...)
			for _, ct := range []string{"text/plain", "text/html", "application/json"} {
				ct += "; charset=" + label
				res := mustInspect(t, eng, body, ct, "", Redact)
				if res.Body != nil && !bytes.Equal(res.Body, body) {
					t.Errorf("%s: clean body altered: %q -> %q", ct, body, res.Body)
				}
			}
		}
		body := append([]byte("\xef\xbb\xbf"), []byte("tel "+mob+" ok")...)
		body = append(body, 0xa1) // not UTF-8: read in the label
		res, err := Inspect(eng, body, "text/plain; charset="+label, "", Scan, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Changed || len(res.Findings) != 1 {
			t.Errorf("%s Scan: changed %v, %d findings, want unchanged and 1", label, res.Changed, len(res.Findings))
		}
	}
}
