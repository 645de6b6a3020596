package bodyformat

import (
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// JSON readers tell UTF-16 and UTF-32 from UTF-8 by the NUL pattern of a
// body's first four bytes alone (RFC 4627 section 3; Python's
// json.detect_encoding behind json.loads of bytes and requests'
// Response.json(), Jackson's ByteSourceJsonBootstrapper), and then decode
// the whole body in it, lone surrogates passed through (Python's
// surrogatepass) and C1 controls and noncharacters kept as characters
// of a JSON string. sniffWide asks more of a head before it calls a body
// UTF-16 or UTF-32 (every character text, surrogates paired), as it
// answers whether bytes are text at all (sniffText): one odd character
// there, and it sniffs nothing. Such a body, which a JSON reader still
// reads in the wide charset, is read in it as well (nulPatternBody): first
// in it, then, as redacted so far, as UTF-8 by every reading a UTF-8 body
// gets (utf8Body). Reading in addition is fail-closed: a body that is no
// such text (binary data that opens with, say, 0A 00) finds nothing in the
// wide reading and goes on byte for byte as it came. The JSON reader
// looks at the NUL pattern whatever charset the Content-Type names (Django's
// json.loads(request.body), Flask's get_json, Jackson's readValue(byte[])),
// so a body labelled in an ASCII-compatible charset (windows-1252,
// iso-8859-1, us-ascii, gbk…) is read in the wide charset too, and then in
// its label as labelledText reads it.

// nulPatternCharset returns the UTF-16 or UTF-32 charset a JSON reader
// decodes b in by the NUL bytes of its first four (00 00 xx xx UTF-32BE,
// 00 xx UTF-16BE, xx 00 00 00 UTF-32LE, xx 00 UTF-16LE otherwise, as
// Python's json.detect_encoding), when the code unit b opens with in it is
// an ASCII character of text (openedASCII), as every JSON document's
// first character is, and, in UTF-32, every code unit is within Unicode
// (withinUnicode); else nil. Binary data opening with a control or a
// unit beyond ASCII (a TrueType font's 00 01 00 00, an icon's 00 00 01 00)
// is not taken for it.
func nulPatternCharset(b []byte) *charset {
	if len(b) < 4 {
		return nil
	}
	var cs *charset
	switch {
	case b[0] == 0 && b[1] != 0:
		cs = csUTF16BE
	case b[0] == 0:
		cs = csUTF32BE
	case b[1] != 0:
		return nil // no NUL byte where a JSON reader looks for one: UTF-8
	case b[2] != 0 || b[3] != 0:
		cs = csUTF16LE
	default:
		cs = csUTF32LE
	}
	if !openedASCII(b, cs) || cs.unit == 4 && !withinUnicode(b, cs) {
		return nil
	}
	return cs
}

// nulPatternJSON reports whether head, the first bytes of a body, opens
// a JSON document in the charset its NUL pattern names
// (nulPatternCharset): JSON white space, then '{', '[' or '"'. A JSON
// reader takes such a body for JSON whatever its type says (Django's
// json.loads(request.body), requests' Response.json() on an
// application/octet-stream answer), so sniffText calls it text, though
// one odd character in its head keeps sniffWide from calling it UTF-16
// or UTF-32 text (attack pass 31 F7). An image, an archive or a font
// opens with a magic number, no such code unit.
func nulPatternJSON(head []byte) bool {
	cs := nulPatternCharset(head)
	if cs == nil {
		return false
	}
	for i := 0; i+cs.unit <= len(head); i += cs.unit {
		switch codeUnit(head[i:], cs) {
		case ' ', '\t', '\n', '\r':
			continue
		case '{', '[', '"':
			return true
		}
		return false
	}
	return false
}

// withinUnicode reports whether every whole UTF-32 code unit of b (in cs)
// is within Unicode. A body with one beyond it is read by no JSON reader:
// Python's utf-32 codec and Jackson's UTF32Reader fail on it. The walk
// stops at the first such unit.
func withinUnicode(b []byte, cs *charset) bool {
	for i := 0; i+4 <= len(b); i += 4 {
		countReadingSteps(1)
		if r := codeUnit(b[i:], cs); r < 0 || r > utf8.MaxRune {
			return false
		}
	}
	return true
}

// nulPatternBody inspects b, a body labelled in label (UTF-8 when it is
// unlabelled) whose NUL pattern a JSON reader decodes in cs
// (nulPatternCharset), in cs (chargedDecodedBody: a lone surrogate or a
// unit beyond Unicode is U+FFFD, which the engine reads through as it reads
// through the character a receiver passes) and then, as redacted so far, as
// utf8Body reads it, or labelledText in a label other than UTF-8. The wide
// reading goes first: it writes a mask back in cs over whole code units,
// which keeps the units after it where they were, while a UTF-8 reading's
// mask may change the body's length. A value both readings find is masked
// and counted once (in Scan mode too: the readings mask a copy, charged to
// the memory budget, and the body goes out as it came). It returns nil when
// nothing changed.
func (in *inspector) nulPatternBody(b []byte, cs, label *charset, mt string, params map[string]string, hint detect.CategorySet, nest int, valid *bodyUTF8) ([]byte, string, error) {
	if err := in.reserve(2 * int64(len(b))); err != nil { // the wide reading's text as redacted, and written back in cs
		return nil, "", err
	}
	mode := in.mode
	in.mode = Redact
	defer func() { in.mode = mode }()
	wide, err := in.chargedDecodedBody(b, cs, mt, params, hint, nest)
	if err != nil {
		return nil, "", err
	}
	cur := b
	if wide != nil {
		cur, valid = wide, utf8Of(wide)
	}
	var out []byte
	var format string
	if label == csUTF8 {
		out, format, err = in.utf8Body(cur, mt, params, hint, nest, valid)
	} else {
		out, format, err = in.labelledText(cur, label, 0, mt, params, hint, nest)
	}
	if err != nil {
		return nil, format, err
	}
	if out == nil {
		out = wide
	}
	if mode != Redact {
		return nil, format, nil
	}
	return out, format, nil
}
