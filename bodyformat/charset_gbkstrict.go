package bodyformat

import (
	"slices"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A browser reads a body labelled gbk through the WHATWG gb18030 decoder
// (charset_gbk.go), where 81 31 82 32 is one four-byte character; the
// server behind it does not: Python's gbk codec (Django's request.encoding,
// r.content.decode("gbk")) and Java's GBK charset know two-byte codes only,
// and read a lead byte an ASCII byte follows as an error and the ASCII byte
// as itself. "tel 138\x811\x822345678" is 138�1�2345678 there, and
// 13812345678 with errors="ignore". So a GBK-labelled body holding a lead
// byte a digit follows is read as such a decoder shows it too
// (strictGBKView, errors dropped: the digits glued), after every reading in
// its label (thenStrictGBK), whichever road reads it in the label
// (strictGBKToo): labelled, after a UTF-8 byte-order mark (the decoder
// reads the mark as GBK bytes, from byte 0), or declared by its markup;
// what that finds is starred over the whole characters the browser reads
// (starChars), so the body keeps its length, stays as valid GBK as it was,
// and is byte for byte what it was outside the stars.

// strictGBK reports whether a body b in cs, read from its first byte, is
// read as a two-byte GBK decoder shows it too: cs is GBK (every GBK and
// GB2312 label) and b holds a lead byte (81 to FE) a digit follows, which
// only a four-byte code or an error starts, where the two decoders
// differ. A byte-order mark does not count: the decoder reads its bytes as
// GBK (EF BB is a character, BF a lead byte).
func strictGBK(b []byte, cs *charset) bool {
	if cs != csGBK {
		return false
	}
	for i := 0; i+1 < len(b); i++ {
		countReadingSteps(1)
		switch c := b[i]; {
		case c < 0x81 || c == 0xff:
		case b[i+1] >= '0' && b[i+1] <= '9':
			return true
		case gbkTrail(b[i+1]):
			i++ // a two-byte character: its trail byte is no lead
		}
	}
	return false
}

// strictGBKToo inspects b, a body read in the label cs, with read (every
// reading of the label), and then, when strictGBK, as a two-byte GBK
// decoder shows it (thenStrictGBK): the one road by which every body read
// in a GBK label, whatever else reads it (a byte-order mark before it,
// a markup declaration over a UTF-8 label), gets the strict view.
func (in *inspector) strictGBKToo(b []byte, cs *charset, hint detect.CategorySet, read func() ([]byte, string, error)) ([]byte, string, error) {
	if !strictGBK(b, cs) {
		return read()
	}
	return in.thenStrictGBK(b, hint, read)
}

// gbkTrail reports whether c is the trail byte of a two-byte GBK code.
func gbkTrail(c byte) bool {
	return c >= 0x40 && c <= 0x7e || c >= 0x80 && c <= 0xfe
}

// strictGBKView returns b, in GBK, as a two-byte GBK decoder shows it
// with its errors dropped (Python's gbk codec with errors="ignore"): each
// two-byte code the character GBK and GB18030 share for it, 80 the euro
// sign (code page 936), and a lead byte no trail byte follows, or FF,
// nothing, the ASCII byte after it itself. It returns for each byte of
// the result the offset in b it comes from (one more entry: len(b)).
func strictGBKView(b []byte) ([]byte, []int32) {
	n := legacyDecodedLen(b)
	m := mapped{dst: make([]byte, 0, n), offs: make([]int32, 0, n+1)}
	dec := webGB18030{}.NewDecoder()
	var buf [4]byte
	for i := 0; i < len(b); {
		countReadingSteps(1)
		switch c := b[i]; {
		case c < 0x80:
			j := i + 1
			for j < len(b) && b[j] < 0x80 {
				j++
			}
			countReadingSteps(j - i)
			m.copy(b, i, j)
			i = j
		case c == 0x80:
			m.rune('\u20ac', i)
			i++
		case c < 0xff && i+1 < len(b) && gbkTrail(b[i+1]):
			dec.Reset()
			if k, _, err := dec.Transform(buf[:], b[i:i+2], true); err == nil {
				m.bytes(buf[:k], i)
			}
			i += 2
		default:
			i++ // an error: dropped
		}
	}
	return m.done(len(b))
}

// thenStrictGBK reads b, a GBK-labelled body (strictGBK), with first (the
// readings of its label), then its bytes as redacted so far as a
// two-byte GBK decoder shows them (strictGBKView). A value the first
// readings also found is counted once; what the second reading finds is
// starred over the characters the browser reads (starChars). The view and
// its offsets are charged to the memory budget while they are read. It
// returns nil when nothing changed.
func (in *inspector) thenStrictGBK(b []byte, hint detect.CategorySet, first func() ([]byte, string, error)) ([]byte, string, error) {
	n := len(in.findings)
	out, format, err := first()
	if err != nil || in.failed() {
		return out, format, err
	}
	cur := b
	if out != nil {
		cur = out
	}
	ch, room := in.chargeReading(cur, 5*int64(legacyDecodedLen(cur))+4)
	defer ch.done()
	if !room {
		return nil, format, nil
	}
	view, offs := strictGBKView(cur)
	fs := in.read(view, hint)
	if in.failed() {
		return nil, format, nil
	}
	for k := range fs {
		fs[k].Start, fs[k].End = rawSpan(offs, fs[k].Start, fs[k].End)
	}
	in.account(dropFoundBefore(slices.Clone(fs), in.findings[n:]))
	if len(fs) == 0 || in.mode != Redact {
		return out, format, nil
	}
	return starChars(cur, fs, csGBK), format, nil
}
