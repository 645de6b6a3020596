package bodyformat

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// replacements returns how many U+FFFD a decoder of enc shows for b: the
// bytes of b that are not valid in enc (none, for a valid body).
func replacements(t *testing.T, enc encoding.Encoding, b []byte) int {
	t.Helper()
	text, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(string(text), "\uFFFD")
}

// TestLabelledTextAlsoReadAsUTF8: text of any type labelled gb18030 (or
// gbk, by its Content-Type or a page's <meta charset>) whose ID digits
// each follow a byte 0x81: GB18030 reads 0x81 '5' 0x81 '1' as one
// character, fetch().text() and a terminal behind curl read UTF-8 and
// show the digits. The ID is masked for both readers, the body stays as
// valid GB18030 as it was (a star in its bytes, or, where its own reading
// masks, written again in it), and Scan mode reports the
// ID and changes nothing.
func TestLabelledTextAlsoReadAsUTF8(t *testing.T) {
	eng := testEngine(t)
	id := synth.CNID18(rng(t.Name()))
	v := spaced81(id)
	for _, tc := range []struct{ ct, body string }{
		{"text/plain; charset=gb18030", "身份证 " + v},
		{"text/plain; charset=gb18030", `{"idCard":"` + v + `"}`},
		{"text/plain; charset=gbk", "id " + v + " end"},
		{"text/html; charset=gb18030", "<p>" + v + "</p>"},
		{"text/html", `<meta charset="gb18030"><p>` + v + "</p>"},
		{"text/csv; charset=gb18030", "name,id\nx," + v + "\n"},
		{"application/xml; charset=gb18030", "<r><id>" + v + "</id></r>"},
		{"application/x-www-form-urlencoded; charset=gb18030", "a=1&id=" + v},
		{"text/plain; charset=windows-1252", "id " + spaced81(id)},
	} {
		body := []byte(tc.body)
		res, err := Inspect(eng, body, tc.ct, "", Redact, Limits{})
		if err != nil {
			t.Errorf("%s %q: %v", tc.ct, body, err)
			continue
		}
		if strings.Contains(utf8Digits(res.Body), id) {
			t.Errorf("%s: the ID, as a UTF-8 reader shows it, went out: %q", tc.ct, res.Body)
		}
		if strings.Contains(gb18030Digits(t, res.Body), id) {
			t.Errorf("%s: the ID, as a GB18030 reader shows it, went out: %q", tc.ct, res.Body)
		}
		if replacements(t, simplifiedchinese.GB18030, res.Body) > replacements(t, simplifiedchinese.GB18030, body) {
			t.Errorf("%s: the body lost its charset: %q", tc.ct, res.Body)
		}
		if !maskedAroundDigits(body, res.Body) {
			t.Errorf("%s: more than the value changed: %q", tc.ct, res.Body)
		}
		if scan := mustInspect(t, eng, body, tc.ct, "", Scan); len(scan.Findings) == 0 || scan.Changed {
			t.Errorf("%s: Scan mode: %+v", tc.ct, scan.Findings)
		}
	}
}

// maskedAroundDigits reports whether out is in with at most the bytes
// from the one before its first digit to its last digit changed: the
// character of the body's charset the first digit ends.
func maskedAroundDigits(in, out []byte) bool {
	first := max(bytes.IndexAny(in, "0123456789")-1, 0)
	last := bytes.LastIndexAny(in, "0123456789")
	return last >= 0 && bytes.HasPrefix(out, in[:first]) && bytes.HasSuffix(out, in[last+1:])
}

// spaced81 returns s with a byte 0x81 before each of its bytes.
func spaced81(s string) string {
	var v strings.Builder
	for _, c := range []byte(s) {
		v.WriteByte(0x81)
		v.WriteByte(c)
	}
	return v.String()
}

// TestLabelledTextAlsoUTF8FoundOnce: an ID both in plain sight and hidden
// by 0x81 bytes in a text/plain body labelled gb18030: both are masked,
// and Scan mode counts the value the two readings find once.
func TestLabelledTextAlsoUTF8FoundOnce(t *testing.T) {
	eng := testEngine(t)
	id := synth.CNID18(rng(t.Name()))
	body := []byte("身份证 " + id + " 又 " + spaced81(id))
	res := mustInspect(t, eng, body, "text/plain; charset=gb18030", "", Redact)
	if strings.Contains(utf8Digits(res.Body), id) || strings.Contains(gb18030Digits(t, res.Body), id) {
		t.Errorf("an ID went out: %q", res.Body)
	}
	scan := mustInspect(t, eng, body, "text/plain; charset=gb18030", "", Scan)
	if len(scan.Findings) != 1 {
		t.Errorf("Scan mode: %d findings, want 1", len(scan.Findings))
	}
}

// TestLabelledTextAlsoUTF8CleanIntact: clean text in legacy charsets, with
// dates, order numbers, prices and a few of GB18030's four-byte
// characters (whose bytes hold two ASCII digits each), read in its label and as UTF-8, goes
// out byte for byte with nothing found; one holding a mobile is masked in
// its label's reading and its text around stays intact in its charset.
func TestLabelledTextAlsoUTF8CleanIntact(t *testing.T) {
	eng := testEngine(t)
	mob := synth.CNMobile(rng(t.Name()))
	clean := []string{
		"你好，订单 12345，共 3 件，2024年6月1日 10:30 发货。",
		"<p>价格 ¥1,299.00 · 库存 42 · 编号 A-2024-0601</p>",
		"第1章 第2节 第3页 第4行 第5列 第6项 第7条 第8款 第9号 第10号 第11号",
		"表情 😀😀😀😀😀😀😀😀😀 生僻字 㐀㐁㐂㐃 编号 1 2 3",
	}
	for _, enc := range []struct {
		label string
		enc   encoding.Encoding
	}{
		{"gb18030", simplifiedchinese.GB18030},
		{"gbk", simplifiedchinese.GBK},
		{"big5", traditionalchinese.Big5},
		{"shift_jis", japanese.ShiftJIS},
		{"euc-jp", japanese.EUCJP},
		{"euc-kr", korean.EUCKR},
	} {
		for _, text := range clean {
			b, err := enc.enc.NewEncoder().Bytes([]byte(text))
			if err != nil {
				continue // a character the charset does not hold
			}
			for _, ct := range []string{"text/plain", "text/html", "text/csv", "application/xml"} {
				ct += "; charset=" + enc.label
				res := mustInspect(t, eng, b, ct, "", Redact)
				if !bytes.Equal(res.Body, b) || len(res.Findings) > 0 {
					t.Errorf("%s %q: altered: %q %+v", ct, text, res.Body, res.Findings)
				}
			}
		}
		b, err := enc.enc.NewEncoder().Bytes([]byte("电话 " + mob + " 谢谢"))
		if err != nil {
			continue
		}
		res := mustInspect(t, eng, b, "text/plain; charset="+enc.label, "", Redact)
		text, _ := enc.enc.NewDecoder().Bytes(res.Body)
		if strings.Contains(string(text), mob) || strings.Contains(utf8Digits(res.Body), mob) || replacements(t, enc.enc, res.Body) > 0 {
			t.Errorf("%s: a mobile in plain sight: %q", enc.label, text)
		}
	}
	latin := []byte("caf\xe9 cr\xe8me 12,50 \x80 \u00e0 la carte, table 7, 2024-06-01")
	if res := mustInspect(t, eng, latin, "text/plain; charset=windows-1252", "", Redact); !bytes.Equal(res.Body, latin) {
		t.Errorf("windows-1252: altered: %q", res.Body)
	}
}

// TestLabelledTextAlsoUTF8StatefulFailsClosed: ISO-2022-JP spells its
// kanji in ASCII bytes after ESC $ B, which a UTF-8 reader shows as they
// are: an ID so spelled cannot be starred in place (a star there is half
// a kanji) and the body fails closed; clean ISO-2022-JP text passes byte
// for byte.
func TestLabelledTextAlsoUTF8StatefulFailsClosed(t *testing.T) {
	eng := testEngine(t)
	id := synth.CNID18(rng(t.Name()))
	body := []byte("ID \x1b$B!!" + id + "!!\x1b(B end")
	if _, err := Inspect(eng, body, "text/plain; charset=iso-2022-jp", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
		t.Errorf("an ID in JIS bytes: err %v, want ErrMalformed", err)
	}
	clean, err := japanese.ISO2022JP.NewEncoder().Bytes([]byte("こんにちは、注文 12345 です。"))
	if err != nil {
		t.Fatal(err)
	}
	if res := mustInspect(t, eng, clean, "text/plain; charset=iso-2022-jp", "", Redact); !bytes.Equal(res.Body, clean) {
		t.Errorf("clean ISO-2022-JP altered: %q", res.Body)
	}
}

// TestStarCharsWholeCharacters: starChars stars every byte of each
// character a span touches, in the charset's own character lengths, and
// leaves the characters around it as they were.
func TestStarCharsWholeCharacters(t *testing.T) {
	web := func(label string) *charset { return labelCharset(label) }
	for _, tc := range []struct {
		name       string
		cs         *charset
		b          string
		start, end int
		want       string
	}{
		{"gb18030 four-byte", csGB18030, "a\x815\x811b", 2, 3, "a****b"},
		{"gb18030 first of two", csGB18030, "\x815\x811\x815\x811", 1, 2, "****\x815\x811"},
		{"gb18030 two-byte before", csGB18030, "\xc4\xe3" + "138", 2, 5, "\xc4\xe3***"},
		{"gbk lone lead", csGBK, "\x81" + "5x", 1, 2, "\x81*x"},
		{"big5", csBig5, "\xa4\x40" + "12", 1, 3, "***2"},
		{"shift_jis", web("shift_jis"), "\x82\xa0" + "12", 0, 1, "**12"},
		{"euc-jp three-byte", web("euc-jp"), "\x8f\xa1\xa1" + "9", 1, 2, "***9"},
		{"euc-kr", web("euc-kr"), "\xb0\xa1" + "7", 1, 3, "***"},
		{"windows-1252", web("windows-1252"), "\xe9" + "12", 0, 2, "**2"},
		{"span past the end", csGB18030, "\x815", 1, 9, "\x81*"},
	} {
		got := starChars([]byte(tc.b), []detect.Finding{{Start: tc.start, End: tc.end}}, tc.cs)
		if string(got) != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestCharLenBadPairs: a lead byte and a byte past ASCII that is no trail
// of it are one bad character of two bytes, as the WHATWG decoders read
// them (the byte after starts the next); a lead byte an ASCII byte
// follows that is no trail of it is one of one byte.
func TestCharLenBadPairs(t *testing.T) {
	sjis := labelCharset("shift_jis")
	for _, tc := range []struct {
		cs   *charset
		p    string
		want int
	}{
		{csBig5, "\xf0\x9f\xa2\xb1", 2},
		{csBig5, "\xf0\xff", 2},
		{csBig5, "\xf0\x0a", 1},
		{csBig5, "\xf0\x20", 1},
		{csBig5, "\xa2\xb1", 2},
		{sjis, "\x81\xfd", 2},
		{sjis, "\x81\x20", 1},
		{sjis, "\xa3\xb1", 1},
		{csGB18030, "\x81\xff", 2},
		{csGB18030, "\x81\x30\x81\x30", 4},
		{csGB18030, "\x81\x30\x20", 1},
		{csGB18030, "\xff\xa3", 1},
	} {
		if got := charLen([]byte(tc.p), tc.cs); got != tc.want {
			t.Errorf("%s %x: charLen %d, want %d", tc.cs.name, tc.p, got, tc.want)
		}
	}
}
