package bodyformat

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// wideBE returns s in UTF-16BE without a byte-order mark.
func wideBE(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

// fromUTF16 returns b read as UTF-16 (big-endian or not), an odd last
// byte dropped.
func fromUTF16(b []byte, big bool) string {
	units := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if big {
			units = append(units, uint16(b[i])<<8|uint16(b[i+1]))
		} else {
			units = append(units, uint16(b[i])|uint16(b[i+1])<<8)
		}
	}
	return string(utf16.Decode(units))
}

// cjkParagraph is Chinese text long enough to fill a sniffed head.
var cjkParagraph = strings.Repeat("这是一个很长的中文段落，", 30)

// TestMarklessCJKUTF16Read: UTF-16 text without a byte-order mark or a
// charset that opens with Chinese (few NUL bytes in its head, or none)
// and then gives an ID: a Windows export, read by Python's
// .decode("utf-16"). Untyped, as application/octet-stream, text/plain
// (labelled UTF-8 too) and JSON, little- and big-endian, an odd byte at
// the end too, it is sniffed as UTF-16 text and the ID is masked as a
// UTF-16 reader shows it (and as a UTF-8 reader does); the body keeps its
// length.
func TestMarklessCJKUTF16Read(t *testing.T) {
	eng := testEngine(t)
	id := synth.CNID18(rng(t.Name()))
	for _, big := range []bool{false, true} {
		enc := utf16LE
		if big {
			enc = wideBE
		}
		for _, tail := range []string{"", "\x00\x7f"[:1]} {
			body := append(enc(cjkParagraph+"身份证号"+id+"。"), tail...)
			for _, ct := range []string{"", "application/octet-stream", "text/plain", "text/plain; charset=utf-8", "application/json"} {
				if !IsText(ct, body[:min(len(body), sniffLen)]) {
					t.Errorf("big %v %q: not sniffed as text", big, ct)
					continue
				}
				res := mustInspect(t, eng, body, ct, "", Redact)
				if got := fromUTF16(res.Body, big); strings.Contains(got, id) || !strings.Contains(got, "身份证号") {
					t.Errorf("big %v, tail %q, %q: as UTF-16: %q", big, tail, ct, got)
				}
				if strings.Contains(visibleDigits(res.Body), id) {
					t.Errorf("big %v, tail %q, %q: as UTF-8: %q", big, tail, ct, res.Body)
				}
				if len(res.Body) != len(body)+len(tail) { // an odd last byte is written back as U+FFFD
					t.Errorf("big %v, tail %q, %q: length %d, want %d", big, tail, ct, len(res.Body), len(body))
				}
			}
		}
	}
}

// TestMarklessCJKUTF16WithoutNUL: UTF-16 Chinese text without a single
// NUL byte (no ASCII, no character U+xx00), a head long, whose ID is
// written in full-width digits, is told by its bytes that are not UTF-8
// and masked as a UTF-16 reader shows it; a short such body is not told
// (a legacy charset's text reads so), and passes as it came.
func TestMarklessCJKUTF16WithoutNUL(t *testing.T) {
	eng := testEngine(t)
	id := synth.CNID18(rng(t.Name()))
	wide := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r - '0' + '０'
		}
		if r == 'X' {
			return 'Ｘ'
		}
		return r
	}, id)
	para := strings.Repeat("这是很长的中文段落，", 30)
	for _, big := range []bool{false, true} {
		enc := utf16LE
		if big {
			enc = wideBE
		}
		body := enc(para + "身份证号" + wide + "。")
		if bytes.IndexByte(body, 0) >= 0 {
			t.Fatal("the body holds a NUL byte")
		}
		res := mustInspect(t, eng, body, "", "", Redact)
		if got := fromUTF16(res.Body, big); strings.Contains(got, wide) || !strings.HasPrefix(got, para) {
			t.Errorf("big %v: as UTF-16: %q", big, got)
		}
		if short := enc("身份证号" + wide); sniffCJKWide(short, utf8Of(short)) != nil {
			t.Errorf("big %v: a short body without NUL bytes was told", big)
		}
	}
}

// TestMarklessCJKUTF16CleanIntact: clean UTF-16 Chinese text without a
// mark, with dates, amounts and order numbers, goes out byte for byte with
// nothing found, in both orders.
func TestMarklessCJKUTF16CleanIntact(t *testing.T) {
	eng := testEngine(t)
	for _, text := range []string{
		cjkParagraph + "订单 12345，共 3 件，2024年6月1日发货。",
		cjkParagraph + "\r\n价格：¥1,299.00\r\n库存：42\r\n",
		strings.Repeat("日本語のテキスト、注文番号 7 件。", 20),
	} {
		for _, b := range [][]byte{utf16LE(text), wideBE(text)} {
			for _, ct := range []string{"", "application/octet-stream", "text/plain"} {
				res := mustInspect(t, eng, b, ct, "", Redact)
				if !bytes.Equal(res.Body, b) || len(res.Findings) > 0 {
					t.Errorf("%q %q: altered: %+v", ct, text[:30], res.Findings)
				}
			}
		}
	}
}

// TestCJKWideSniffKeepsOthers: what is not UTF-16 CJK text is not sniffed
// as it: real binaries (PNG, ZIP, gzip, a font's head), random bytes,
// text in UTF-8, ASCII, Latin-1 and the legacy CJK charsets sent without
// a label.
// Through Inspect, binaries pass byte for byte.
func TestCJKWideSniffKeepsOthers(t *testing.T) {
	eng := testEngine(t)
	var pngBuf bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	r := rng(t.Name())
	for i := range img.Pix {
		img.Pix[i] = byte(r.IntN(256))
	}
	img.Set(0, 0, color.White)
	if err := png.Encode(&pngBuf, img); err != nil {
		t.Fatal(err)
	}
	var zipBuf bytes.Buffer
	zw := zip.NewWriter(&zipBuf)
	f, _ := zw.Create("a.txt")
	_, _ = f.Write([]byte(cjkParagraph))
	_ = zw.Close()
	var gzBuf bytes.Buffer
	gw := gzip.NewWriter(&gzBuf)
	_, _ = gw.Write(utf16LE(cjkParagraph))
	_ = gw.Close()
	font := append([]byte("\x00\x01\x00\x00\x00\x0a\x00\x80\x00\x03\x00\x20"+
		"cmap\x12\x34\x56\x78\x00\x00\x00\xac\x00\x00\x10\x00"+
		"glyf\x9a\xbc\xde\xf0\x00\x00\x10\xac\x00\x01\x20\x00"), utf16BE(cjkParagraph)...)
	gbk, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(cjkParagraph + "订单 12345"))
	big5, _ := traditionalchinese.Big5.NewEncoder().Bytes([]byte(strings.Repeat("這是一個很長的中文段落，", 30)))
	sjis, _ := japanese.ShiftJIS.NewEncoder().Bytes([]byte(strings.Repeat("日本語のテキスト、注文番号。", 20)))
	bodies := map[string][]byte{
		"png":       pngBuf.Bytes(),
		"zip":       zipBuf.Bytes(),
		"gzip":      gzBuf.Bytes(),
		"font":      font,
		"utf-8":     []byte(cjkParagraph),
		"ascii":     []byte(strings.Repeat("hello world, the quick brown fox jumps over it. ", 20)),
		"latin-1":   []byte(strings.Repeat("caf\xe9 cr\xe8me br\xfbl\xe9e \xe0 la carte, ", 20)),
		"gbk":       gbk,
		"big5":      big5,
		"shift_jis": sjis,
	}
	for name, b := range bodies {
		if cs := sniffCJKWide(b, utf8Of(b)); cs != nil {
			t.Errorf("%s: sniffed as %s", name, cs.name)
		}
	}
	for _, name := range []string{"png", "zip", "gzip", "font"} {
		b := bodies[name]
		for _, ct := range []string{"", "application/octet-stream"} {
			if IsText(ct, b[:min(len(b), sniffLen)]) {
				t.Errorf("%s as %q: sniffed as text", name, ct)
			}
		}
	}
	rnd := rand.New(rand.NewPCG(7, 9))
	for k := range 2000 {
		b := make([]byte, 64+rnd.IntN(1024))
		for i := range b {
			b[i] = byte(rnd.Uint32())
		}
		if cs := sniffCJKWide(b, utf8Of(b)); cs != nil {
			t.Fatalf("random bytes #%d: sniffed as %s", k, cs.name)
		}
		if res := mustInspect(t, eng, b, "", "", Redact); !bytes.Equal(res.Body, b) {
			t.Fatalf("random bytes #%d: altered", k)
		}
	}
}
