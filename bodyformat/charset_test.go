package bodyformat

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// The x/text encodings the fixtures are written in and the redacted bodies
// read back with, independently of the charsets of charset.go.
var (
	xUTF16LE = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	xUTF16BE = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	xUTF32LE = utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM)
	xUTF32BE = utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM)
)

// encodeIn writes the UTF-8 text s in enc (nil: UTF-8), after bom.
func encodeIn(t testing.TB, enc encoding.Encoding, bom, s string) []byte {
	t.Helper()
	if enc == nil {
		return []byte(bom + s)
	}
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("fixture %q cannot be written in %v: %v", s, enc, err)
	}
	return append([]byte(bom), b...)
}

// decodeStrict reads b, written in enc (nil: UTF-8), as UTF-8, failing the
// test unless b is valid in enc: no replacement character comes out, and
// writing the text in enc again gives b back.
func decodeStrict(t testing.TB, enc encoding.Encoding, b []byte) string {
	t.Helper()
	if enc == nil {
		if !utf8.Valid(b) {
			t.Fatalf("not UTF-8: %q", b)
		}
		return string(b)
	}
	text, err := enc.NewDecoder().Bytes(b)
	if err != nil || bytes.ContainsRune(text, utf8.RuneError) {
		t.Fatalf("not valid in %v (%v): %q", enc, err, b)
	}
	if again, err := enc.NewEncoder().Bytes(text); err != nil || !bytes.Equal(again, b) {
		t.Fatalf("%q does not round-trip through %v: %v", b, enc, err)
	}
	return string(text)
}

// jsonShape returns the keys of a JSON document, recursively, with every
// value but objects and arrays left out: what redaction must not change.
func jsonShape(t testing.TB, doc string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, doc)
	}
	var shape func(any) any
	shape = func(v any) any {
		switch v := v.(type) {
		case map[string]any:
			m := map[string]any{}
			for k, x := range v {
				m[k] = shape(x)
			}
			return m
		case []any:
			s := make([]any, len(v))
			for k, x := range v {
				s[k] = shape(x)
			}
			return s
		}
		return nil
	}
	return shape(v)
}

// charsetCase is a body in a charset: its Content-Type, its encoding and
// byte-order mark, and how it is built, with personal data or clean.
type charsetCase struct {
	name, ct string
	enc      encoding.Encoding // nil: UTF-8
	bom      string
	format   string
	build    func(r *rand.Rand, pii bool) (body string, values []string)
}

// jsonRecord builds a JSON document with Chinese keys: a customer record,
// or an order with clean values.
func jsonRecord(r *rand.Rand, pii bool) (string, []string) {
	if !pii {
		return fmt.Sprintf(`{"订单号":%q,"日期":%q,"金额":%q,"状态":"已发货"}`,
			synth.OrderNumber(r), synth.Date(r), synth.Price(r)), nil
	}
	rec := newRecord(r)
	return fmt.Sprintf(`{"姓名":%s,"手机":%q,"身份证号":%q,"地址":%s,"邮箱":%q,"备注":"已发货","items":[1,2]}`,
			jsonString(rec.Name), rec.Mobile, rec.ID, jsonString(rec.Address), rec.Email),
		[]string{rec.Name, rec.Mobile, rec.ID, rec.Address, rec.Email}
}

// htmlRecord builds an HTML page in GBK that says so in a <meta> tag.
func htmlRecord(r *rand.Rand, pii bool) (string, []string) {
	head := `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"><title>订单</title></head>`
	if !pii {
		return head + `<body><p>状态：已发货</p><p>订单：` + synth.OrderNumber(r) + `</p></body></html>`, nil
	}
	name, mobile := synth.CNName(r), synth.CNMobile(r)
	return head + `<body><p>姓名：` + name + `</p><p>手机：` + mobile + `</p></body></html>`, []string{name, mobile}
}

// xmlRecord builds an XML document that declares GB2312.
func xmlRecord(r *rand.Rand, pii bool) (string, []string) {
	mobile, id := synth.CNMobile(r), synth.CNID18(r)
	values := []string{mobile, id}
	if !pii {
		mobile, id, values = synth.OrderNumber(r), synth.Date(r), nil
	}
	return `<?xml version="1.0" encoding="GB2312"?><用户><手机>` + mobile + `</手机><身份证>` + id + `</身份证></用户>`, values
}

// big5Record builds plain text in traditional Chinese.
func big5Record(r *rand.Rand, pii bool) (string, []string) {
	mobile, id, email := synth.CNMobile(r), synth.CNID18(r), synth.Email(r)
	values := []string{mobile, id, email}
	if !pii {
		mobile, id, email, values = synth.OrderNumber(r), synth.Date(r), "無", nil
	}
	return "聯絡資料\n手機：" + mobile + "\n身分證：" + id + "\n電郵：" + email + "\n", values
}

// charsetCases are the bodies every charset test runs over.
var charsetCases = []charsetCase{
	{"gbk json", "application/json; charset=GBK", simplifiedchinese.GBK, "", FormatJSON, jsonRecord},
	{"gbk html meta", "text/html", simplifiedchinese.GBK, "", FormatHTML, htmlRecord},
	{"gb2312 xml declaration", "application/xml", simplifiedchinese.GB18030, "", FormatXML, xmlRecord},
	{"gb18030 json", "application/json; charset=gb18030", simplifiedchinese.GB18030, "", FormatJSON, jsonRecord},
	{"big5 text", "text/plain; charset=big5", traditionalchinese.Big5, "", FormatText, big5Record},
	{"utf-16le json bom", "application/json", xUTF16LE, "\xff\xfe", FormatJSON, jsonRecord},
	{"utf-16be json declared", "application/json; charset=utf-16be", xUTF16BE, "", FormatJSON, jsonRecord},
	{"utf-16 json declared, order sniffed", "application/json; charset=utf-16", xUTF16BE, "", FormatJSON, jsonRecord},
	{"utf-16le json sniffed", "application/json", xUTF16LE, "", FormatJSON, jsonRecord},
	{"utf-16le json untyped", "", xUTF16LE, "", FormatJSON, jsonRecord},
	{"utf-16le octet-stream", "application/octet-stream", xUTF16LE, "", FormatJSON, jsonRecord},
	{"utf-32le bom", "text/plain", xUTF32LE, "\xff\xfe\x00\x00", FormatText, big5Record},
	{"utf-32be bom untyped", "", xUTF32BE, "\x00\x00\xfe\xff", FormatJSON, jsonRecord},
	{"utf-32le json sniffed", "application/json", xUTF32LE, "", FormatJSON, jsonRecord},
	{"utf-8 bom json", "application/json", nil, "\xef\xbb\xbf", FormatJSON, jsonRecord},
}

// TestCharsetRedacts checks each charset: the personal data is found,
// the redacted body is in the body's charset (byte-order mark included),
// holds none of the values, keeps its structure, and is stable.
func TestCharsetRedacts(t *testing.T) {
	eng := testEngine(t)
	for _, c := range charsetCases {
		t.Run(c.name, func(t *testing.T) {
			src, values := c.build(rng(t.Name()), true)
			body := encodeIn(t, c.enc, c.bom, src)
			res := mustInspect(t, eng, body, c.ct, "", Redact)
			if !res.Changed || res.Format != c.format || !hasCategory(res.Findings, detect.CNMobile) {
				t.Fatalf("Changed %v Format %q findings %v", res.Changed, res.Format, res.Findings)
			}
			if !bytes.HasPrefix(res.Body, []byte(c.bom)) {
				t.Fatalf("byte-order mark lost: %q", res.Body[:min(len(res.Body), 8)])
			}
			text := decodeStrict(t, c.enc, res.Body[len(c.bom):])
			for _, v := range values {
				if strings.Contains(text, v) {
					t.Errorf("%q survives in %s", v, text)
				}
			}
			checkShape(t, c.format, src, text)
			assertStable(t, eng, res, c.ct)
		})
	}
}

// checkShape checks that redaction kept a document's structure: a JSON
// document's keys, a markup document's tags and labels.
func checkShape(t *testing.T, format, src, text string) {
	t.Helper()
	switch format {
	case FormatJSON:
		if want, got := jsonShape(t, src), jsonShape(t, text); !reflect.DeepEqual(want, got) {
			t.Errorf("structure changed: %v → %v", want, got)
		}
	case FormatHTML, FormatXML:
		if want, got := tagsRE.FindAllString(src, -1), tagsRE.FindAllString(text, -1); !reflect.DeepEqual(want, got) {
			t.Errorf("markup changed: %q → %q", want, got)
		}
	}
	for _, label := range []string{"姓名：", "手机：", "手機："} {
		if strings.Contains(src, label) && !strings.Contains(text, label) {
			t.Errorf("label %q lost: %s", label, text)
		}
	}
}

// TestCharsetCleanUntouched checks that a clean body in each charset comes
// back as the very input, in both modes.
func TestCharsetCleanUntouched(t *testing.T) {
	eng := testEngine(t)
	for _, c := range charsetCases {
		t.Run(c.name, func(t *testing.T) {
			src, _ := c.build(rng(t.Name()), false)
			body := encodeIn(t, c.enc, c.bom, src)
			for _, mode := range []Mode{Scan, Redact} {
				res := mustInspect(t, eng, body, c.ct, "", mode)
				if res.Changed || !sameSlice(res.Body, body) || len(res.Findings) != 0 {
					t.Errorf("mode %d: Changed %v, same body %v, findings %v", mode, res.Changed, sameSlice(res.Body, body), res.Findings)
				}
			}
		})
	}
}

// TestCharsetScanLeavesBody checks that Scan mode finds the personal data
// in another charset and returns the input.
func TestCharsetScanLeavesBody(t *testing.T) {
	eng := testEngine(t)
	src, _ := jsonRecord(rng(t.Name()), true)
	body := encodeIn(t, xUTF16LE, "", src)
	res := mustInspect(t, eng, body, "", "", Scan)
	if res.Changed || !sameSlice(res.Body, body) || !hasCategory(res.Findings, detect.CNID) {
		t.Errorf("Changed %v, same body %v, findings %v", res.Changed, sameSlice(res.Body, body), res.Findings)
	}
}

// TestCharsetCompressed checks a gzipped GBK body: the redacted body is
// identity-encoded GBK.
func TestCharsetCompressed(t *testing.T) {
	eng := testEngine(t)
	src, values := jsonRecord(rng(t.Name()), true)
	body := compress(t, "gzip", encodeIn(t, simplifiedchinese.GBK, "", src))
	res := mustInspect(t, eng, body, "application/json; charset=gbk", "gzip", Redact)
	if !res.Changed || res.Encoding != "" {
		t.Fatalf("Changed %v Encoding %q", res.Changed, res.Encoding)
	}
	text := decodeStrict(t, simplifiedchinese.GBK, res.Body)
	for _, v := range values {
		if strings.Contains(text, v) {
			t.Errorf("%q survives in %s", v, text)
		}
	}
}

// TestChooseCharset checks which charset a body is read in, and how long
// a byte-order mark is taken to be.
func TestChooseCharset(t *testing.T) {
	le := func(s string) string { return string(encodeIn(t, xUTF16LE, "", s)) }
	be := func(s string) string { return string(encodeIn(t, xUTF16BE, "", s)) }
	for _, c := range []struct {
		ct, body, want string
		bom            int
	}{
		{"", "plain text", "utf-8", 0},
		{"text/plain; charset=utf-8", "plain text", "utf-8", 0},
		{"text/plain; charset=GBK", "plain", "gbk", 0},
		{"text/plain; charset=cp936", "plain", "gbk", 0},
		{"text/plain; charset=gb2312", "plain", "gbk", 0}, // WHATWG: a GBK label
		{"text/plain; charset=\"GB_2312-80\"", "plain", "gbk", 0},
		{"text/plain; charset=Big5-HKSCS", "plain", "big5", 0},
		{"text/plain; charset=shift_jis", "plain", "shift_jis", 0},     // a WHATWG charset: read as declared
		{"text/plain; charset=klingon", "plain", "utf-8", 0},           // unknown: as before, UTF-8
		{"text/plain; charset=nonsense", le(`{"a":1}`), "utf-16le", 0}, // unknown: the bytes decide
		{"text/plain; charset=utf-8", le(`{"a":1}`), "utf-16le", 0},
		{"", le(`{"a":1}`), "utf-16le", 0},
		{"", be(`{"a":1}`), "utf-16be", 0},
		{"", string(encodeIn(t, xUTF32LE, "", `{"a":1}`)), "utf-32le", 0},
		{"", string(encodeIn(t, xUTF32BE, "", `{"a":1}`)), "utf-32be", 0},
		{"", "\xff\xfe" + le("姓名"), "utf-16le", 2},
		{"", "\xfe\xff" + be("姓名"), "utf-16be", 2},
		{"", "\xff\xfe\x00\x00a\x00\x00\x00", "utf-32le", 4},
		{"", "\x00\x00\xfe\xff\x00\x00\x00a", "utf-32be", 4},
		{"", "\xef\xbb\xbfplain", "utf-8", 3},
		{"text/plain; charset=gbk", "\xfe\xff" + be("姓名"), "utf-16be", 2}, // the mark wins
		{"text/plain; charset=gbk", "\xef\xbb\xbf" + "plain", "utf-8", 3},
		{"", "\xff\xfe tel 123 \xc3", "utf-8", 0}, // a stray mark before UTF-8 text
		// declared UTF-16 or UTF-32 is never read as UTF-8
		{"application/json; charset=utf-16", `{"a":"b"}`, "utf-16le", 0},
		{"application/json; charset=UTF-16", be("姓名"), "utf-16le", 0}, // no NULs to tell the order by
		{"application/json; charset=utf-16", be(`{"a":"b"}`), "utf-16be", 0},
		{"application/json; charset=utf-16le", "\xfe\xff" + be("a"), "utf-16be", 2},
		{"application/json; charset=utf-16", "\xef\xbb\xbf{}", "utf-16le", 0},
		{"application/json; charset=x-UTF_16BE", "{}", "utf-16be", 0},
		{"application/json; charset=ucs-2", "{}", "utf-16le", 0},
		{"application/json; charset=utf-32", "{}", "utf-32le", 0},
		{"application/json; charset=utf-32be", "{}", "utf-32be", 0},
		{"application/json; charset=utf-16", "\xff\xfe\x00\x00", "utf-16le", 2},
		// markup declarations
		{"text/html", `<!doctype html><html><head><META Charset="GBK"></head>`, "gbk", 0},
		{"text/html", `<meta http-equiv="Content-Type" content="text/html; charset=big5">`, "big5", 0},
		{"text/html", `<meta name="x-charset-note" content="gbk"><p>`, "utf-8", 0},
		{"text/html", `<metadata charset="gbk">`, "utf-8", 0},
		{"text/html", `<meta charset="utf-16">`, "utf-8", 0}, // ASCII-readable, so not UTF-16
		{"text/html; charset=utf-8", `<meta charset="gbk">`, "utf-8", 0},
		{"text/html; charset=nonsense", `<meta charset="gbk">`, "gbk", 0},
		{"text/html", strings.Repeat(" ", markupLimit) + `<meta charset="gbk">`, "utf-8", 0},
		{"application/xml", `<?xml version="1.0" encoding="GB2312"?><a/>`, "gbk", 0},
		{"image/svg+xml", `<?xml version='1.0' encoding='gbk'?><svg/>`, "gbk", 0},
		{"application/xml", ` <?xml version="1.0" encoding="gbk"?><a/>`, "utf-8", 0},
		{"application/xhtml+xml", `<html><meta charset="big5"/>`, "big5", 0},
		{"text/plain", `<meta charset="gbk">`, "utf-8", 0},
	} {
		mt, params := mediaType(c.ct)
		cs, bom := chooseCharset(mt, params, []byte(c.body), utf8Of([]byte(c.body)))
		if cs.name != c.want || bom != c.bom {
			t.Errorf("chooseCharset(%q, %q) = %s, %d; want %s, %d", c.ct, c.body, cs.name, bom, c.want, c.bom)
		}
	}
}

// TestSniffWide checks the NUL-pattern sniffer on text and on binary.
func TestSniffWide(t *testing.T) {
	for _, c := range []struct {
		head string
		want string // "" for none
	}{
		{"{\x00\"\x00a\x00\"\x00", "utf-16le"},
		{"\x00{\x00\"\x00a", "utf-16be"},
		{"{\x00\x00\x00\"\x00\x00\x00", "utf-32le"},
		{"\x00\x00\x00{\x00\x00\x00\"", "utf-32be"},
		{"a\x00=\xd8\x00\xde", "utf-16le"},          // a surrogate pair
		{"a\x00b\x00=\xd8", "utf-16le"},             // a pair cut off by the end of the head
		{"a\x00b\x00\x00\xde", ""},                  // a lone low surrogate
		{"a\x00b\x00=\xd8c\x00", ""},                // a high surrogate with no low one
		{"a\x00", ""},                               // one character is too little to tell
		{"a\x00\x01\x00", ""},                       // a control
		{"a\x00\x00\x00\x00\x00\x00\x00", ""},       // NUL characters
		{"\x01\x00\x02\x00\x03\x00\x04\x00", ""},    // binary counters
		{"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ""}, // an image
		{"plain ASCII text", ""},                    // no NUL pattern
		{"\x13Y\rT\x1aZ", ""},                       // CJK without ASCII: nothing to tell it by
		{"a\x00\xfe\xffb\x00", ""},                  // a noncharacter
		{"\x00\x00\x11\x00a\x00\x00\x00", ""},       // beyond Unicode
	} {
		got := ""
		if cs := sniffWide([]byte(c.head), 0); cs != nil {
			got = cs.name
		}
		if got != c.want {
			t.Errorf("sniffWide(%q) = %q, want %q", c.head, got, c.want)
		}
	}
}

// TestCharsetInvalidBytes checks that bytes invalid in the declared
// charset are read as replacement characters, not refused, and that the
// redacted body holds them as the charset can.
func TestCharsetInvalidBytes(t *testing.T) {
	eng := testEngine(t)
	mobile := synth.CNMobile(rng(t.Name()))
	gbk := append(encodeIn(t, simplifiedchinese.GBK, "", "手机："+mobile+" "), 0xff, 'x')
	res := mustInspect(t, eng, gbk, "text/plain; charset=gbk", "", Redact)
	text := decodeStrict(t, simplifiedchinese.GBK, res.Body)
	if !res.Changed || strings.Contains(text, mobile) || !strings.HasSuffix(text, " ?x") {
		t.Errorf("GBK with an invalid byte: Changed %v, %q", res.Changed, text)
	}
	u16 := append(encodeIn(t, xUTF16LE, "", "tel "+mobile+" "), 0x00, 0xdc, 'x', 0)
	res = mustInspect(t, eng, u16, "text/plain; charset=utf-16le", "", Redact)
	out, _ := xUTF16LE.NewDecoder().Bytes(res.Body)
	if !res.Changed || bytes.Contains(out, []byte(mobile)) || !bytes.HasSuffix(out, []byte(" \uFFFDx")) {
		t.Errorf("UTF-16 with a lone surrogate: Changed %v, %q", res.Changed, out)
	}
	odd := append(encodeIn(t, xUTF16LE, "", "tel "+mobile), 'x')
	if res = mustInspect(t, eng, odd, "text/plain; charset=utf-16le", "", Redact); !res.Changed {
		t.Errorf("UTF-16 of odd length not redacted")
	}
}

// TestCharsetFailsClosed checks that a redacted body that cannot be
// written back in its charset is an error, not passed on: Big5-HKSCS 0x8862
// reads as two characters, Ê and a combining macron, that Big5 has no code
// for.
func TestCharsetFailsClosed(t *testing.T) {
	eng := testEngine(t)
	mobile := synth.CNMobile(rng(t.Name()))
	body := append([]byte("\x88\x62 tel "), mobile...)
	_, err := Inspect(eng, body, "text/plain; charset=big5", "", Redact, Limits{})
	if !errors.Is(err, ErrMalformed) {
		t.Errorf("err = %v, want ErrMalformed", err)
	}
	if res := mustInspect(t, eng, body, "text/plain; charset=big5", "", Scan); !hasCategory(res.Findings, detect.CNMobile) {
		t.Errorf("Scan found %v", res.Findings)
	}
}

// TestCharsetMultipartAsIs checks that a multipart body is not decoded as
// a whole, whatever charset its Content-Type names.
func TestCharsetMultipartAsIs(t *testing.T) {
	mt, params := mediaType("multipart/form-data; boundary=x; charset=utf-16")
	in := &inspector{eng: testEngine(t), mode: Redact, lim: Limits{}.withDefaults()}
	body := []byte("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n")
	if out, format, err := in.charsetBody(body, mt, params, 0, 0); err != nil || out != nil || format != FormatMultipart {
		t.Errorf("charsetBody = %q, %q, %v", out, format, err)
	}
}

// TestCharsetBuffers checks that decoding and re-encoding size their
// buffers ahead instead of growing them, and that ASCII in an
// ASCII-compatible charset is not copied.
func TestCharsetBuffers(t *testing.T) {
	r := rng(t.Name())
	src, _ := jsonRecord(r, true)
	src += "😀"
	for _, c := range []struct {
		cs  *charset
		enc encoding.Encoding
	}{
		{csGBK, simplifiedchinese.GBK}, {csGB18030, simplifiedchinese.GB18030},
		{csUTF16LE, xUTF16LE}, {csUTF16BE, xUTF16BE}, {csUTF32LE, xUTF32LE}, {csUTF32BE, xUTF32BE},
	} {
		s := src
		if c.cs == csGBK {
			s = strings.TrimSuffix(src, "😀") // not in GBK
		}
		b := encodeIn(t, c.enc, "", s)
		text, err := c.cs.decode(b)
		if err != nil || string(text) != s {
			t.Fatalf("%s: decode = %q, %v", c.cs.name, text, err)
		}
		if cap(text) > len(text)+3 {
			t.Errorf("%s: decoding grew its buffer: %d for %d bytes", c.cs.name, cap(text), len(text))
		}
		out, err := c.cs.encode(text, nil)
		if err != nil || !bytes.Equal(out, b) {
			t.Fatalf("%s: encode = %q, %v", c.cs.name, out, err)
		}
		if cap(out) != len(out) {
			t.Errorf("%s: encoding grew its buffer: %d for %d bytes", c.cs.name, cap(out), len(out))
		}
	}
	ascii := []byte(`{"a":"b"}`)
	if text, _ := csGBK.decode(ascii); !sameSlice(text, ascii) {
		t.Error("ASCII in GBK was copied")
	}
}

// FuzzInspectCharset checks that no body in any charset makes Inspect
// panic or give back more memory than it charged, and that a body valid in the charset it is read in comes back
// redacted without error and still valid in it.
func FuzzInspectCharset(f *testing.F) {
	r := rng("fuzz charset")
	for _, c := range charsetCases {
		src, _ := c.build(r, true)
		f.Add(encodeIn(f, c.enc, c.bom, src), uint8(0))
	}
	f.Add([]byte("\xff\xfe tel \x00\xd8"), uint8(3))
	f.Add([]byte("\xd5\xc5\xff1\x003\x00"), uint8(1))
	f.Add([]byte("id 1\x001\x000\x001\x000\x005\x001\x009\x009\x000\x000\x001\x000\x001\x001\x002\x003\x004\x00"), uint8(7)) // UTF-16 by its NUL bytes
	f.Add([]byte("\xef\xbb\xbf\xb5\xe7 tel 138\x811\x822345678 ok"), uint8(2))                                               // a mark before a strict GBK reading (attack pass 33, F4)
	f.Add([]byte("\xef\xbb\xbf{\"t\":\"138\x811\x822345678\"}"), uint8(1))
	f.Add([]byte("\xb5\xe7 tel 138\xa1\xa012345678 ok"), uint8(11)) // gb2312
	cts := []string{"", "application/json; charset=gbk", "text/plain; charset=gbk",
		"application/json; charset=utf-16le", "text/plain; charset=utf-16be",
		"application/json; charset=utf-16", "text/html", "application/json",
		"text/plain; charset=shift_jis", "text/plain; charset=iso-2022-jp", "text/plain; charset=euc-kr",
		"text/plain; charset=gb2312"}
	eng := testEngine(f)
	f.Fuzz(func(t *testing.T, body []byte, pick uint8) {
		ct := cts[int(pick)%len(cts)]
		l := &heldLedger{}
		res, err := Inspect(eng, body, ct, "", Redact, Limits{Memory: l})
		if l.held < 0 {
			t.Fatalf("%q: %d bytes held: more given back than charged", body, l.held)
		}
		mt, params := mediaType(ct)
		cs, bom := chooseCharset(mt, params, body, utf8Of(body))
		if cs.refused || cs.enc == nil {
			return
		}
		if wide := nulPatternCharset(body); wide != nil && bom == 0 && cs.unit == 1 {
			// read, and written back where it masks, as a JSON reader
			// decodes it by its NUL pattern whatever the label
			// (nulPatternBody): valid in its label, it comes out valid in
			// the label or whole in the wide charset (masked in the wide
			// reading, a body that was no whole text there is written
			// back whole, U+FFFD for its odd byte)
			if err == nil && validIn(cs, body) && !validIn(cs, res.Body) && !wholeIn(wide, res.Body) {
				t.Fatalf("valid %s body %q redacted to invalid %q (nor whole in %s)", cs.name, body, res.Body, wide.name)
			}
			return
		}
		if !validIn(cs, body[bom:]) {
			return
		}
		switch {
		case err != nil && mt == "text/html" && errors.Is(err, ErrMalformed):
			// markup that fails closed whatever its charset
		case err != nil && errors.Is(err, ErrMalformed) && cs.unit > 1 && bom == 0 && bytes.IndexByte(body, 0) < 0:
			// declared UTF-16/32 without a mark or a NUL byte, and read as
			// UTF-8 it holds personal data: fails closed (charsetBody)
		case err != nil:
			t.Fatalf("valid %s body %q: %v", cs.name, body, err)
		case utf8Reader(mt) && cs.unit == 1 && bom == 0 && !utf8.Valid(body) && utf8.Valid(res.Body) && !validIn(cs, res.Body):
			// JSON or an event stream a UTF-8 reader (fetch) reads as
			// UTF-8 whatever its label: what that reading masks goes out
			// as it wrote it, UTF-8 (labelAndUTF8)
		case !bytes.HasPrefix(res.Body, body[:bom]) || !validIn(cs, res.Body[bom:]):
			t.Fatalf("valid %s body %q redacted to invalid %q", cs.name, body, res.Body)
		}
	})
}

// wholeIn reports whether b decodes in cs and encodes back to itself, a
// U+FFFD it holds written as one (validIn without the replacement
// character's check).
func wholeIn(cs *charset, b []byte) bool {
	text, err := cs.enc.NewDecoder().Bytes(b)
	if err != nil {
		return false
	}
	again, err := cs.enc.NewEncoder().Bytes(text)
	return err == nil && bytes.Equal(again, b)
}

// validIn reports whether b is valid in cs: it decodes without a
// replacement character and encodes back to itself.
func validIn(cs *charset, b []byte) bool {
	text, err := cs.enc.NewDecoder().Bytes(b)
	if err != nil || bytes.ContainsRune(text, utf8.RuneError) {
		return false
	}
	again, err := cs.enc.NewEncoder().Bytes(text)
	return err == nil && bytes.Equal(again, b)
}
