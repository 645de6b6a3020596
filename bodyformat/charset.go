package bodyformat

import (
	"bytes"
	"cmp"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// Bodies are inspected as UTF-8. A body written in another charset (GBK,
// GB18030, Big5, UTF-16, UTF-32) is decoded to UTF-8 first, inspected as
// usual, and, when redacted, written back in its own charset, byte-order
// mark included; a body nothing was changed in is passed on as it came.
// Which charset a body is in is settled by chooseCharset.

// charset is a character encoding a body can be written in.
type charset struct {
	name     string            // its canonical label, for errors and tests
	enc      encoding.Encoding // nil for UTF-8, which is read as it is
	unit     int               // bytes a code unit: 1 (ASCII-compatible), 2 (UTF-16) or 4 (UTF-32)
	big      bool              // UTF-16 or UTF-32 in big-endian order
	bom      string            // its byte-order mark, "" when it has none
	fffd     bool              // it can hold U+FFFD, the replacement character
	open     bool              // UTF-16 or UTF-32 of no declared order: a label, never a body's charset
	stateful bool              // escape sequences switch it away from ASCII (ISO-2022-JP): ASCII bytes are not ASCII text
	refused  bool              // a charset never read (csRefused): the body cannot be inspected
}

// The charsets a body is read in.
var (
	csUTF8    = &charset{name: "utf-8", unit: 1, bom: "\xef\xbb\xbf", fffd: true}
	csGBK     = &charset{name: "gbk", enc: webGBK{}, unit: 1}                     // charset_gbk.go
	csGB18030 = &charset{name: "gb18030", enc: webGB18030{}, unit: 1, fffd: true} // charset_gb18030.go
	csBig5    = &charset{name: "big5", enc: traditionalchinese.Big5, unit: 1}
	csUTF16LE = &charset{name: "utf-16le", enc: unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM),
		unit: 2, bom: "\xff\xfe", fffd: true}
	csUTF16BE = &charset{name: "utf-16be", enc: unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM),
		unit: 2, big: true, bom: "\xfe\xff", fffd: true}
	csUTF32LE = &charset{name: "utf-32le", enc: utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM),
		unit: 4, bom: "\xff\xfe\x00\x00", fffd: true}
	csUTF32BE = &charset{name: "utf-32be", enc: utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM),
		unit: 4, big: true, bom: "\x00\x00\xfe\xff", fffd: true}
	csUTF16 = &charset{name: "utf-16", unit: 2, open: true}
	csUTF32 = &charset{name: "utf-32", unit: 4, open: true}
)

// wideCharsets are UTF-32 and UTF-16 in both orders, in the order their
// byte-order marks and NUL patterns are tried: UTF-32 first, since its
// little-endian mark begins with UTF-16's.
var wideCharsets = []*charset{csUTF32LE, csUTF32BE, csUTF16LE, csUTF16BE}

// charsetLabels maps the labels of the charsets read, as labelKey spells
// them, to their charset. The GB2312 labels are GBK's, as WHATWG maps
// them (a browser reads and writes them as GBK) and as their servers read
// them: Python's gb2312 codec and Java's GB2312 know two-byte codes only
// (thenStrictGBK). Only gb18030 names GB18030. Labels of UTF-16 and
// UTF-32 not listed are read by wideLabel.
var charsetLabels = map[string]*charset{
	"utf8": csUTF8, "unicode11utf8": csUTF8, "unicode20utf8": csUTF8, "xunicode20utf8": csUTF8,

	"gbk": csGBK, "cp936": csGBK, "ms936": csGBK, "windows936": csGBK, "xgbk": csGBK,
	"gb2312": csGBK, "gb231280": csGBK, "csgb2312": csGBK, "euccn": csGBK, "xeuccn": csGBK, "chinese": csGBK,
	"isoir58": csGBK, "csiso58gb231280": csGBK,

	"gb18030": csGB18030,

	"big5": csBig5, "big5hkscs": csBig5, "cnbig5": csBig5, "csbig5": csBig5, "xxbig5": csBig5, "cp950": csBig5,
	"windows950": csBig5,

	"unicode": csUTF16LE, "csunicode": csUTF16LE, "unicodefeff": csUTF16LE, "unicodefffe": csUTF16BE,
}

// labelCharset returns the charset a label names, or nil for none or one
// not read (which leaves the body read as UTF-8).
func labelCharset(label string) *charset {
	key := labelKey(label)
	if cs, ok := charsetLabels[key]; ok {
		return cs
	}
	if cs := wideLabel(key); cs != nil {
		return cs
	}
	return webCharset(key, label)
}

// labelKey spells a charset label as charsetLabels does: lower case, with
// everything but letters and digits dropped ("UTF_16-LE" → "utf16le").
func labelKey(label string) string {
	var b strings.Builder
	for i := 0; i < len(label); i++ {
		switch c := label[i]; {
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b.WriteByte(c)
		}
	}
	return b.String()
}

// wideLabel reads a label that names UTF-16 or UTF-32 in any spelling
// (x-utf-16le, ucs-2, utf32-big, …), since a body declared in either must
// never be read as UTF-8. The order is that of the label, or open.
func wideLabel(key string) *charset {
	var le, be, open *charset
	switch {
	case strings.Contains(key, "utf16") || strings.Contains(key, "ucs2"):
		le, be, open = csUTF16LE, csUTF16BE, csUTF16
	case strings.Contains(key, "utf32") || strings.Contains(key, "ucs4"):
		le, be, open = csUTF32LE, csUTF32BE, csUTF32
	default:
		return nil
	}
	switch {
	case strings.HasSuffix(key, "le") || strings.Contains(key, "little"):
		return le
	case strings.HasSuffix(key, "be") || strings.Contains(key, "big"):
		return be
	}
	return open
}

// chooseCharset returns the charset a body of media type mt is read in,
// and the length of the byte-order mark it opens with (0 for none). In
// order of precedence:
//  1. a Content-Type charset of UTF-16 or UTF-32, in the order of the
//     body's byte-order mark, else of the label, else (label "utf-16" or
//     "utf-32") the order its NUL bytes show, else little-endian;
//  2. a refused label (refusedLabel), whatever byte-order mark the body
//     opens with: a reader of the label (Python's requests) does not give
//     the mark precedence;
//  3. a byte-order mark, unless it is a stray one (strayBOM);
//  4. any other Content-Type charset read;
//  5. for HTML and XML, the document's own declaration (markupCharset);
//  6. UTF-16 or UTF-32 recognised by its NUL bytes (sniffWide), where no
//     charset but UTF-8 was declared (an unknown label declares none),
//     or as UTF-16 CJK text in a body that is no plausible UTF-8
//     (sniffCJKWide);
//  7. UTF-8, the charset of a body whose label is unknown, unless its
//     bytes are not UTF-8: then the label may name a charset a client
//     reads and the filter does not (an EBCDIC code page), and the body
//     is refused (csRefused; with a byte-order mark, at step 2).
func chooseCharset(mt string, params map[string]string, b []byte, valid *bodyUTF8) (*charset, int) {
	decl := labelCharset(params["charset"])
	// "binary" (what file(1) calls bytes) names no charset any client reads
	unknown := decl == nil && labelKey(params["charset"]) != "" && labelKey(params["charset"]) != "binary"
	if decl != nil && decl.unit > 1 {
		return wideCharset(decl, b)
	}
	if refusedLabel(mt, decl, unknown, b) {
		return csRefused, 0 // whatever mark the body opens with
	}
	if cs := bomCharset(b, 0); cs != nil && !strayBOM(cs, b) {
		return cs, len(cs.bom)
	}
	if decl == nil {
		decl = markupCharset(mt, b)
	}
	if decl != nil && decl != csUTF8 {
		return decl, 0
	}
	if cs := sniffWide(b, 0); cs != nil {
		return cs, 0
	}
	if cs := sniffCJKWide(b, valid); cs != nil {
		return cs, 0
	}
	if unknown && decl == nil && !valid.whole() {
		return csRefused, 0
	}
	return csUTF8, 0
}

// wideCharset settles the byte order of a body declared UTF-16 or UTF-32
// (decl): that of its byte-order mark, else of the label, else of its NUL
// bytes, else little-endian. A mark of another charset is not one: the
// body is read as declared.
func wideCharset(decl *charset, b []byte) (*charset, int) {
	if cs := bomCharset(b, decl.unit); cs != nil {
		return cs, len(cs.bom)
	}
	if !decl.open {
		return decl, 0
	}
	if cs := sniffWide(b, decl.unit); cs != nil {
		return cs, 0
	}
	if decl.unit == 2 {
		return csUTF16LE, 0
	}
	return csUTF32LE, 0
}

// bomCharset returns the charset whose byte-order mark b opens with, or
// nil. unit, when not 0, limits the marks looked for to charsets of that
// code unit.
func bomCharset(b []byte, unit int) *charset {
	for _, cs := range wideCharsets {
		if (unit == 0 || cs.unit == unit) && bytes.HasPrefix(b, []byte(cs.bom)) {
			return cs
		}
	}
	if (unit == 0 || unit == 1) && bytes.HasPrefix(b, []byte(csUTF8.bom)) {
		return csUTF8
	}
	return nil
}

// strayBOM reports whether the byte-order mark of cs that b opens with is
// a UTF-16 or UTF-32 one put before UTF-8 text: what follows it has no NUL
// byte and is valid UTF-8 (in its first sniffLen bytes), which UTF-16 or
// UTF-32 text with any ASCII character in it is not. Such a body is read
// as if the mark were not one, so that a mark cannot hide UTF-8 text from
// the engine while a reader that ignores marks reads it.
func strayBOM(cs *charset, b []byte) bool {
	rest := b[len(cs.bom):]
	rest = rest[:min(len(rest), sniffLen)]
	return cs.unit > 1 && len(rest) > 0 && bytes.IndexByte(rest, 0) < 0 && utf8.Valid(trimPartialRune(rest))
}

// sniffWide returns the UTF-16 or UTF-32 charset (of code unit unit, when
// not 0) the head of b reads as mostly-ASCII text in (wideText), or nil. A
// head without a NUL byte, as UTF-8 text has none, is not looked into.
func sniffWide(b []byte, unit int) *charset {
	if bytes.IndexByte(b[:min(len(b), sniffLen)], 0) < 0 {
		return nil
	}
	for _, cs := range wideCharsets {
		if (unit == 0 || cs.unit == unit) && wideText(b, cs) {
			return cs
		}
	}
	return nil
}

// wideText reports whether the head of b (sniffLen bytes) reads as
// text in cs, UTF-16 or UTF-32: at least two characters, all of them text
// (textRune) with surrogates paired, and at least half of them ASCII,
// which is the NUL-byte pattern ({"a" in UTF-16LE is { 00 " 00 a 00), or
// the first of them ASCII (openedASCII). Neither binary data nor ASCII or
// CJK text in another charset reads so. A character cut off at the end of
// the head is not counted.
func wideText(b []byte, cs *charset) bool {
	head := b[:min(len(b), sniffLen)]
	chars, ascii := 0, 0
	for i := 0; i+cs.unit <= len(head); i += cs.unit {
		r := codeUnit(head[i:], cs)
		if cs.unit == 2 && utf16.IsSurrogate(r) {
			if r >= 0xdc00 {
				return false // a low surrogate alone
			}
			if i+4 > len(head) {
				break // a pair cut off by the end of the head
			}
			if lo := codeUnit(head[i+2:], cs); lo < 0xdc00 || lo > 0xdfff {
				return false
			}
			r, i = 0x10000, i+2 // a character beyond the BMP
		}
		if !textRune(r) {
			return false
		}
		chars++
		if r < utf8.RuneSelf {
			ascii++
		}
	}
	return chars >= 2 && (2*ascii >= chars || openedASCII(head, cs))
}

// openedASCII reports whether head opens with an ASCII character in cs,
// UTF-16 or UTF-32: the NUL pattern of its first code unit (22 00 00 00
// is '"' in UTF-32LE) by which JSON readers tell the charset of a body
// without a byte-order mark (RFC 4627 section 3; Python's json.loads of
// bytes and requests' Response.json() look at the first unit alone, as
// Jackson does), whatever the rest of it is: a JSON string of full-width
// digits in UTF-32 is read as them, though few of its characters are
// ASCII.
func openedASCII(head []byte, cs *charset) bool {
	if len(head) < cs.unit {
		return false
	}
	r := codeUnit(head, cs)
	return r > 0 && r < utf8.RuneSelf && textRune(r)
}

// codeUnit returns the code unit of cs (UTF-16 or UTF-32) that b begins
// with. A UTF-32 unit beyond Unicode may come out negative.
func codeUnit(b []byte, cs *charset) rune {
	var u uint32
	for k := range cs.unit {
		if cs.big {
			u = u<<8 | uint32(b[k])
		} else {
			u |= uint32(b[k]) << (8 * k)
		}
	}
	return rune(u)
}

// textRune reports whether r can be a character of text: not NUL nor
// another control but white space, not a surrogate, not a noncharacter
// U+xxFFFE or U+xxFFFF (U+FFFE is a byte-order mark read in the wrong
// order), and within Unicode.
func textRune(r rune) bool {
	switch {
	case r == '\t', r == '\n', r == '\v', r == '\f', r == '\r':
		return true
	case r < 0x20, r >= 0x7f && r < 0xa0, r > utf8.MaxRune, utf16.IsSurrogate(r), r&0xfffe == 0xfffe:
		return false
	}
	return true
}

// markupLimit is how far into an HTML or XML document its charset
// declaration is looked for, as a browser's prescan does.
const markupLimit = 1024

// markupCharset returns the charset an HTML or XML document declares in
// its first markupLimit bytes, or nil: by <meta charset="…"> or <meta
// http-equiv="Content-Type" content="…; charset=…"> in HTML, by <?xml
// … encoding="…"?> in XML. A declaration of UTF-16 or UTF-32 is ignored,
// as browsers ignore it: a document whose declaration reads as ASCII is in
// neither.
func markupCharset(mt string, b []byte) *charset {
	head := b[:min(len(b), markupLimit)]
	var label string
	switch {
	case mt == "text/html":
		label = cmp.Or(metaCharset(head), xmlEncoding(head))
	case mt == "application/xhtml+xml":
		label = cmp.Or(xmlEncoding(head), metaCharset(head))
	case mt == "text/xml" || mt == "application/xml" || strings.HasSuffix(mt, "+xml"):
		label = xmlEncoding(head)
	}
	if cs := labelCharset(label); cs != nil && cs.unit == 1 {
		return cs
	}
	return nil
}

// metaCharset returns the charset label of the first <meta> tag in head
// that declares one, or "". As a browser's prescan, it goes on after the
// end of a tag that declares none: each byte of head is read a bounded
// number of times, however many <meta tags it holds.
func metaCharset(head []byte) string {
	lower := asciiLower(head)
	for {
		i := bytes.Index(lower, []byte("<meta"))
		if i < 0 {
			return ""
		}
		countReadingSteps(i + len("<meta"))
		lower = lower[i+len("<meta"):]
		if len(lower) == 0 || !isSpaceByte(lower[0]) && lower[0] != '/' {
			continue // <metadata>, …
		}
		tag := lower
		end := bytes.IndexByte(tag, '>')
		if end >= 0 {
			tag = tag[:end]
		}
		countReadingSteps(len(tag))
		if label := attrValue(tag, "charset"); label != "" {
			return label
		}
		if end < 0 {
			return "" // no tag ends after it, so none that follows does
		}
		lower = lower[end:] // the look goes on after the tag, each byte read once
	}
}

// xmlEncoding returns the encoding an XML declaration at the start of head
// names, or "".
func xmlEncoding(head []byte) string {
	decl, ok := bytes.CutPrefix(head, []byte("<?xml"))
	if !ok || len(decl) == 0 || !isSpaceByte(decl[0]) {
		return ""
	}
	if end := bytes.Index(decl, []byte("?>")); end >= 0 {
		decl = decl[:end]
	}
	return attrValue(decl, "encoding")
}

// attrValue returns the value, quoted or not, of the first name=value pair
// in tag, or "". The name counts where it starts tag or follows white
// space, a quote, '/' or ';': the charset parameter inside
// content="text/html; charset=gbk" counts, data-charset=… does not.
func attrValue(tag []byte, name string) string {
	for at := 0; ; {
		i := bytes.Index(tag[at:], []byte(name))
		if i < 0 {
			return ""
		}
		i += at
		at = i + len(name)
		if i > 0 && !isSpaceByte(tag[i-1]) && !strings.ContainsRune(`;"'/`, rune(tag[i-1])) {
			continue
		}
		rest := bytes.TrimLeft(tag[at:], " \t\n\r\f")
		if len(rest) == 0 || rest[0] != '=' {
			continue
		}
		rest = bytes.TrimLeft(rest[1:], " \t\n\r\f\"'")
		if end := bytes.IndexAny(rest, " \t\n\r\f\"';/>"); end >= 0 {
			rest = rest[:end]
		}
		return string(rest)
	}
}

// asciiLower returns a copy of b with ASCII capitals in lower case, and
// every other byte as it is.
func asciiLower(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}

// charsetBody inspects a body like body, in the charset it is written in
// (chooseCharset): it decodes the body to UTF-8, inspects that through
// body and writes a redacted result back in the body's charset, after the
// same byte-order mark. It returns nil when nothing changed. A UTF-8 body
// without a mark goes to body as it is, at no cost, and so does a
// multipart body: its parts have types of their own.
func (in *inspector) charsetBody(b []byte, mt string, params map[string]string, hint detect.CategorySet, nest int) ([]byte, string, error) {
	if pdfFile(b) {
		return in.pdfBody(b, mt, params, hint, nest)
	}
	if out, format, ok, err := in.compressedFile(b, mt, hint, nest); ok {
		return out, format, err // a gzip file or zlib stream, whatever its type says
	}
	return in.charsetText(b, mt, params, hint, nest)
}

// pdfBody inspects a PDF: its strings, as a viewer shows them (pdf.go),
// whatever its type says; one that is text by its type or first bytes is
// read as text too (a reader that takes it for text shows every byte),
// after its strings are masked. It returns nil when nothing changed.
func (in *inspector) pdfBody(b []byte, mt string, params map[string]string, hint detect.CategorySet, nest int) ([]byte, string, error) {
	out, err := in.pdf(b, hint, nest)
	if err != nil || !textual(mt) && !sniffText(b) {
		return out, FormatPDF, err
	}
	src := b
	if out != nil {
		src = out
	}
	red, _, err := in.charsetText(src, mt, params, hint, nest)
	if red == nil {
		red = out
	}
	return red, FormatPDF, err
}

// charsetText is charsetBody for content that is no compressed file or
// PDF.
func (in *inspector) charsetText(b []byte, mt string, params map[string]string, hint detect.CategorySet, nest int) ([]byte, string, error) {
	if httpMessageType(mt) {
		out, err := in.httpMessages(b, nest)
		return out, FormatHTTPMessage, err // headers as text, the body by its own
	}
	read := func(b []byte) ([]byte, string, error) { return in.charsetRead(b, mt, params, hint, nest) }
	switch {
	case untypedBinary(mt) && cborSniffed(b, in.lim.MaxDepth), cborType(mt):
		// an untyped body that is CBOR, or one labelled CBOR: its items,
		// then its bytes as a reader that takes it for text reads them
		return in.framedThenRead(b, FormatCBOR, func(b []byte) ([]byte, error) { return in.cborBody(b, restReadAfter) },
			func(b []byte) bool { return cborParses(b, in.lim.MaxDepth) },
			func(b []byte) bool { return cborFirstParses(b, in.lim.MaxDepth) }, read)
	case msgpackType(mt):
		return in.framedThenRead(b, FormatMsgpack, func(b []byte) ([]byte, error) { return in.msgpackBody(b, restReadAfter) },
			msgpackParses, msgpackFirstParses, read)
	}
	rest := func(r []byte) ([]byte, error) {
		out, _, err := in.charsetRead(r, mt, params, hint, nest)
		return out, err
	}
	if out, format, ok, err := in.binaryBody(b, mt, rest); ok {
		return out, format, err // binary: no charset
	}
	red, format, err := in.charsetRead(b, mt, params, hint, nest)
	if err == nil && in.mode == Redact {
		// bytes of a binary framing that do not parse in it, masked as
		// text, may parse once masked
		err = in.refuseItemsAfterMask(red, mt, in.framingWalk(mt), nil)
	}
	return red, format, err
}

// charsetRead is charsetText for content of no binary framing.
func (in *inspector) charsetRead(b []byte, mt string, params map[string]string, hint detect.CategorySet, nest int) ([]byte, string, error) {
	if strings.HasPrefix(mt, "multipart/") {
		return in.body(b, mt, params, hint, nest)
	}
	valid := utf8Of(b) // (looked for once, by whichever check asks first)
	cs, bom := chooseCharset(mt, params, b, valid)
	if cs == csUTF8 && bom > 0 {
		if decl := bomLabel(mt, params, b); decl != nil {
			return in.bomLabelStrict(b, decl, mt, params, hint, nest)
		}
	}
	if bom == 0 && cs.unit == 1 && !cs.refused {
		if wide := nulPatternCharset(b); wide != nil { // whatever the label: charset_nulpattern.go
			return in.nulPatternBody(b, wide, cs, mt, params, hint, nest, valid)
		}
	}
	if cs == csUTF8 && bom == 0 {
		return in.utf8Body(b, mt, params, hint, nest, valid)
	}
	return in.labelledText(b, cs, bom, mt, params, hint, nest)
}

// labelledText is charsetText for a body in cs, after a byte-order mark of
// bom bytes, that is not UTF-8 without one.
func (in *inspector) labelledText(b []byte, cs *charset, bom int, mt string, params map[string]string, hint detect.CategorySet, nest int) ([]byte, string, error) {
	if cs.refused {
		return nil, "", fmt.Errorf("%w: the body is declared in %s", ErrMalformed, cs.name)
	}
	return in.strictGBKToo(b, cs, hint, func() ([]byte, string, error) { // charset_gbkstrict.go
		return in.labelReadings(b, cs, bom, mt, params, hint, nest)
	})
}

// labelReadings is labelledText for a body not refused: read in its
// label, and as UTF-8 too where a receiver may read it so.
func (in *inspector) labelReadings(b []byte, cs *charset, bom int, mt string, params map[string]string, hint detect.CategorySet, nest int) ([]byte, string, error) {
	if utf8Reader(mt) && cs.unit == 1 && bom == 0 && (cs.stateful || !isASCII(b)) {
		return in.labelAndUTF8(b, cs, mt, params, hint, nest)
	}
	if alsoUTF8(b, cs, bom) {
		return in.labelThenUTF8(b, cs, mt, params, hint, nest)
	}
	return in.inCharset(b, cs, bom, mt, params, hint, nest)
}

// utf8Body is charsetText for a body read as UTF-8 without a byte-order
// mark (valid tells how much of it is UTF-8): as UTF-8 and, when no
// charset is labelled, in the legacy charsets its bytes read as
// (unlabelledBody), or in the charset its markup declares over a UTF-8
// label (declaredBody), or as the mojibake a UTF-8 reader shows
// (bodyThenMojibake).
func (in *inspector) utf8Body(b []byte, mt string, params map[string]string, hint detect.CategorySet, nest int, valid *bodyUTF8) ([]byte, string, error) {
	if css := unlabelledLegacy(mt, params, b, valid); len(css) > 0 {
		return in.unlabelledBody(b, css, mt, params, hint, nest)
	}
	if decl := declaredOverLabel(params, b, valid); decl != nil {
		return in.declaredBody(b, decl, mt, params, hint, nest)
	}
	if mojibakeShown(mt, params, b, valid) {
		return in.bodyThenMojibake(b, mt, params, hint, nest)
	}
	defer in.bodyValid(b, valid)()
	return in.body(b, mt, params, hint, nest)
}

// inCharset inspects b, written in cs after a byte-order mark of bom
// bytes, as charsetBody does: decoded to UTF-8, inspected through body,
// and written back in cs; a body in UTF-16 or UTF-32 (by its NUL bytes or
// its label) is then read as UTF-8 bytes too (sniffedWideBody,
// labelledWideBody). It returns nil when nothing changed.
func (in *inspector) inCharset(b []byte, cs *charset, bom int, mt string, params map[string]string, hint detect.CategorySet, nest int) ([]byte, string, error) {
	if cs.unit > 1 && bom == 0 && !sniffedWide(cs, bom, params) && bytes.IndexByte(b, 0) < 0 && len(in.eng.FindSampled(b, hint, 0)) > 0 {
		// declared UTF-16 or UTF-32, but without a mark or a single NUL
		// byte: a client that guesses (Python's requests does for JSON)
		// reads it as UTF-8, and there it holds personal data
		return nil, "", fmt.Errorf("%w: the body is declared %s but reads as UTF-8 text", ErrMalformed, cs.name)
	}
	if sniffedWide(cs, bom, params) {
		return in.sniffedWideBody(b, cs, mt, params, hint, nest)
	}
	if cs.unit > 1 {
		return in.labelledWideBody(b, cs, bom, mt, params, hint, nest)
	}
	return in.decodedBody(b, cs, bom, mt, params, hint, nest)
}

// decodedBody is charsetBody for a body in cs, after a byte-order mark of
// bom bytes, that is not UTF-8 without one: decoded, inspected, encoded
// again.
func (in *inspector) decodedBody(b []byte, cs *charset, bom int, mt string, params map[string]string, hint detect.CategorySet, nest int) ([]byte, string, error) {
	text, err := cs.decode(b[bom:])
	if err != nil {
		return nil, "", err
	}
	out, format, err := in.body(text, mt, params, hint, nest)
	if err != nil || out == nil || in.mode != Redact || bytes.Equal(out, text) {
		return nil, format, err
	}
	enc, err := cs.encode(out, b[:bom])
	return enc, format, err
}

// decode returns b, written in cs, in UTF-8: b itself when it is UTF-8, or
// ASCII in an ASCII-compatible charset; else one new copy, sized ahead
// (decodedLen). Bytes not valid in cs become U+FFFD.
func (cs *charset) decode(b []byte) ([]byte, error) {
	if cs.enc == nil || cs.unit == 1 && !cs.stateful && isASCII(b) {
		return b, nil
	}
	out, _, err := transform.Append(cs.enc.NewDecoder(), make([]byte, 0, decodedLen(cs, b)), b)
	if err != nil { // x/text decoders replace what they cannot read
		return nil, fmt.Errorf("%w: cannot read the body as %s", ErrMalformed, cs.name)
	}
	return out, nil
}

// encode returns the UTF-8 text, after bom, in cs. A character cs cannot
// hold is ErrMalformed: the body fails closed. U+FFFD is the exception: it
// stands for bytes that were invalid in the body to begin with, and
// becomes '?' in a charset without it.
func (cs *charset) encode(text, bom []byte) ([]byte, error) {
	dst := append(make([]byte, 0, len(bom)+encodedLen(cs, text)), bom...)
	if cs.enc == nil || cs.unit == 1 && !cs.stateful && isASCII(text) {
		return append(dst, text...), nil
	}
	var t transform.Transformer = cs.enc.NewEncoder()
	if !cs.fffd {
		t = transform.Chain(runes.Map(replaceFFFD), t)
	}
	out, _, err := transform.Append(t, dst, text)
	if err != nil {
		return nil, fmt.Errorf("%w: the redacted body cannot be written in %s", ErrMalformed, cs.name)
	}
	return out, nil
}

// replaceFFFD maps U+FFFD to '?', and every other rune to itself.
func replaceFFFD(r rune) rune {
	if r == utf8.RuneError {
		return '?'
	}
	return r
}

// decodedLen returns about how many bytes b, written in cs, takes in UTF-8:
// exactly for valid UTF-16 and UTF-32 and for GBK, GB18030 and Big5
// characters of two bytes, so that decoding rarely grows its buffer.
func decodedLen(cs *charset, b []byte) int {
	if cs.unit == 1 {
		return legacyDecodedLen(b)
	}
	n := 3 // a code unit cut off at the end becomes U+FFFD
	for i := 0; i+cs.unit <= len(b); i += cs.unit {
		switch r := codeUnit(b[i:], cs); {
		case r < 0 || r > utf8.MaxRune:
			n += 3 // U+FFFD
		case r < 0x80:
			n++
		case r < 0x800 || cs.unit == 2 && utf16.IsSurrogate(r):
			n += 2 // a surrogate pair is four bytes
		case r < 0x10000:
			n += 3
		default:
			n += 4
		}
	}
	return n
}

// legacyDecodedLen is decodedLen for GBK, GB18030 and Big5: an ASCII byte
// is one byte in UTF-8, a two-byte character three, a four-byte GB18030
// character (its second byte a digit) four.
func legacyDecodedLen(b []byte) int {
	n := 0
	for i := 0; i < len(b); {
		switch {
		case b[i] < utf8.RuneSelf:
			n, i = n+1, i+1
		case i+3 < len(b) && b[i+1] >= '0' && b[i+1] <= '9':
			n, i = n+4, i+4
		default:
			n, i = n+3, i+2
		}
	}
	return n
}

// encodedLen returns about how many bytes the UTF-8 text takes in cs: as
// many in UTF-8; in GBK, GB18030 and Big5 one an ASCII character, four one
// beyond the BMP and two any other; in UTF-16 two a character, four one
// beyond the BMP; in UTF-32 four.
func encodedLen(cs *charset, text []byte) int {
	if cs.enc == nil {
		return len(text) // UTF-8
	}
	n := 0
	for _, c := range text {
		switch {
		case !utf8.RuneStart(c):
		case cs.unit == 1 && c < utf8.RuneSelf:
			n++
		case c >= 0xf0 && cs.unit < 4:
			n += 4 // beyond the BMP: a surrogate pair, or four bytes in GB18030
		case cs.unit == 1:
			n += 2
		default:
			n += cs.unit
		}
	}
	return n
}

// isASCII reports whether b holds only ASCII bytes.
func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
