package bodyformat

import (
	"bytes"
	"net/url"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// formReader holds the scratch buffers of one form.
type formReader struct {
	in      *inspector
	out     splicer
	masked  map[int]bool // values a number across values masks whole, by start (formsiblings.go)
	dec     []byte
	offs    []int32
	key     []byte
	kept    []byte // a value decoded with its '+' kept (findPlusKept)
	nameDec []byte // a value decoded to tell whether it may be a name (nameCandidate)
	// edits are the replacements of the form's spans, written in order
	// once it is read (a record's name is masked after the fields that
	// follow it: formrecordnames.go)
	edits []splice
}

// replace notes that b[from:to] becomes repl.
func (r *formReader) replace(from, to int, repl []byte) {
	r.edits = append(r.edits, splice{from, to, repl})
}

// form inspects an application/x-www-form-urlencoded body: each value is
// percent-decoded ('+' as a space) and scanned with the hint of its field
// name; in Redact mode only the findings' spans are replaced (by their
// masks, query-escaped), so every other byte and the order of the fields
// stay as they were. Escapes are decoded one by one (decodeForm). A piece
// without '=' is scanned as a value without a hint. Field names are
// scanned too: personal data sent as a field name is masked in it.
func (in *inspector) form(b []byte) []byte {
	r := &formReader{in: in, out: splicer{src: b}, masked: in.formSiblings(b)}
	var rec formRecord
	eachFormField(b, func(start, valStart, end int) {
		var hint, deny detect.CategorySet
		if valStart > start {
			eq := valStart - 1
			r.key, _, _ = decodeForm(b[start:eq], r.key[:0], nil, false)
			hint, deny = keyWords(r.key)
			r.value(start, eq, 0) // the name is read as text too
		}
		in.deny = deny // the value is read under its field's name (denied)
		fs := r.value(valStart, end, hint)
		in.deny = 0
		rec.field(valStart > start && len(fs) == 0 && neutralField(r.key, hint, deny) && r.nameCandidate(b[valStart:end]), valStart, end, fs)
	})
	r.recordNames(rec)
	slices.SortStableFunc(r.edits, func(x, y splice) int { return x.from - y.from })
	for _, e := range r.edits {
		r.out.replace(e.from, e.to, e.repl)
	}
	return r.out.result()
}

// eachFormField calls field for every field of the form b, in order: it
// spans b[start:end], its value starts at valStart (after the '=', or at
// start for a piece without one).
func eachFormField(b []byte, field func(start, valStart, end int)) {
	for start := 0; start <= len(b); {
		end := bytes.IndexByte(b[start:], '&')
		if end < 0 {
			end = len(b)
		} else {
			end += start
		}
		valStart := start
		if eq := bytes.IndexByte(b[start:end], '='); eq >= 0 {
			valStart = start + eq + 1
		}
		field(start, valStart, end)
		start = end + 1
	}
}

// value inspects the value b[start:end] of a form and returns what it
// found in it (nil: nothing, or a number across values).
func (r *formReader) value(start, end int, hint detect.CategorySet) []detect.Finding {
	raw := r.out.src[start:end]
	text, offs, decoded := decodeForm(raw, r.dec[:0], r.offs[:0], true)
	if decoded {
		r.dec, r.offs = text, offs
	} else {
		text = raw
	}
	if r.masked[start] {
		// part of a number across values (formsiblings.go): counted there,
		// masked whole; digits only, so nothing else is read in it
		if r.in.mode == Redact {
			r.replace(start, end, maskWhole(text))
		}
		return nil
	}
	// a form a GBK page submitted: bytes that are not UTF-8, or UTF-8 of
	// no Chinese character (D0 BB is Cyrillic in UTF-8, 谢 in GBK)
	gbk := decoded && !isASCII(text) && (!utf8.Valid(text) || !hasHan(text))
	if len(text) < minTextFor(hint) && !gbk {
		return nil
	}
	in := r.in
	if decoded && looksLikeJSON(text) {
		if out, _ := in.json(text, hint, 0, false); out != nil {
			r.replace(start, end, []byte(url.QueryEscape(string(out))))
		}
		return nil
	}
	var fs []detect.Finding
	if in.binaryFields {
		// a binary body's field: every byte a form parser hands on
		// (findBinaryField), its GB18030 reading included
		fs, gbk = in.findBinaryField(text, hint), false
	} else if decoded && bytes.IndexByte(raw, '+') >= 0 {
		// the value read with its '+' kept too (findPlusKept)
		r.kept, _, _ = decodePercentEscapes(raw, r.kept[:0], nil, false, false)
		fs = in.findPlusKept(text, r.kept, hint)
	} else {
		fs = in.find(text, hint)
	}
	if gbk {
		// a form a GBK page submitted: browsers send it without a charset
		// (realName=%D5%C5%C8%FD), and the server reads it as GBK
		if gb, gbOffs, ok := decodeGB18030Mapped(text); ok {
			gfs := in.find(gb, hint|gbKeyHint(r.key))
			for k := range gfs {
				gfs[k].Start, gfs[k].End = rawSpan(gbOffs, gfs[k].Start, gfs[k].End)
			}
			fs = mergeFindings(fs, gfs)
		}
	}
	if len(fs) == 0 || in.mode != Redact {
		return fs
	}
	for _, f := range fs {
		rs, re := f.Start, f.End
		if decoded {
			rs, re = rawSpan(offs, f.Start, f.End)
		}
		// a span that is no UTF-8, or UTF-8 of no Chinese character
		// (GBK's 姚 is D2 A6, Cyrillic Ҧ in UTF-8), was read as GBK: its
		// mask is written so, as the value's own bytes are judged (gbk)
		span := text[f.Start:f.End]
		inGBK := gbk && (!utf8.Valid(span) || !hasHan(span))
		r.replace(start+rs, start+re, []byte(url.QueryEscape(formMask(f.Masked, inGBK))))
	}
	return fs
}

// formMask is a mask as a form value holds it: in GB18030 for a span
// read as GBK (a form sent without a charset, which the server decodes
// whole so: a UTF-8 mask there is mojibake beside its GBK label), else as
// it is.
func formMask(mask string, gbk bool) string {
	if !gbk || isASCII([]byte(mask)) {
		return mask
	}
	if b, err := csGB18030.encode([]byte(mask), nil); err == nil {
		return string(b)
	}
	return mask
}

// decodeForm appends the percent-decoded raw ('+' as a space) to dst and,
// when track is set, appends to offs the offset in raw each decoded byte
// came from, followed by len(raw). Each escape is decoded on its own, as
// PHP and Python's parse_qs do: a '%' not followed by two hex digits stays
// as it is and leaves the other escapes decoded. %uXXXX is decoded too, as
// ASP.NET does. changed reports whether anything was decoded.
func decodeForm(raw, dst []byte, offs []int32, track bool) (_ []byte, _ []int32, changed bool) {
	return decodePercentEscapes(raw, dst, offs, track, true)
}

// PercentDecoded is the one percent decoder of field values, URI parts
// and form bodies (decodeForm), '+' read as a space only when plus is set
// (a query or a form, not a path). It returns raw itself and nil offsets
// when nothing decodes; otherwise offs[i] is the offset in raw of the
// escape or byte decoded byte i came from, and offs[len(dec)] is len(raw).
func PercentDecoded(raw []byte, plus bool) (dec []byte, offs []int32) {
	if bytes.IndexByte(raw, '%') < 0 && (!plus || bytes.IndexByte(raw, '+') < 0) {
		return raw, nil // nothing to decode (a log's header values, most pieces of a URI)
	}
	dec, offs, changed := decodePercentEscapes(raw, nil, nil, true, plus)
	if !changed {
		return raw, nil
	}
	return dec, offs
}

// decodePercentEscapes is decodeForm with '+' read as a space only when plus is
// set.
func decodePercentEscapes(raw, dst []byte, offs []int32, track, plus bool) (_ []byte, _ []int32, changed bool) {
	dst = slices.Grow(dst, len(raw)) // decoding never lengthens: one allocation, not a chain of growths
	if track {
		offs = slices.Grow(offs, len(raw)+1)
	}
	for i := 0; i < len(raw); {
		c, start := raw[i], i
		i++
		switch c {
		case '+':
			if plus {
				c, changed = ' ', true
			}
		case '%':
			if r, n := percentU(raw[i:]); n > 0 {
				// %u0031, as ASP.NET and JavaScript's unescape decode it
				m := len(dst)
				dst = utf8.AppendRune(dst, r)
				if track {
					for range len(dst) - m {
						offs = append(offs, int32(start))
					}
				}
				i += n
				changed = true
				continue
			}
			if i+2 <= len(raw) {
				if hi, lo := unhex(raw[i]), unhex(raw[i+1]); hi >= 0 && lo >= 0 {
					c, changed = byte(hi<<4|lo), true
					i += 2
				}
			}
		}
		dst = append(dst, c)
		if track {
			offs = append(offs, int32(start))
		}
	}
	if track {
		offs = append(offs, int32(len(raw)))
	}
	return dst, offs, changed
}

// hasHan reports whether the UTF-8 text holds a Chinese character.
func hasHan(text []byte) bool {
	for _, r := range string(text) {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// gbKeyHint is the hint of a field name that is not UTF-8, read as GBK.
func gbKeyHint(key []byte) detect.CategorySet {
	if isASCII(key) || utf8.Valid(key) && hasHan(key) {
		return 0
	}
	gb, _, ok := decodeGB18030Mapped(key)
	if !ok {
		return 0
	}
	return keyHint(gb)
}

// percentU decodes the "uXXXX" of a %uXXXX escape at the start of s and
// returns the rune and its length, or n == 0.
func percentU(s []byte) (r rune, n int) {
	if len(s) < 5 || s[0]|0x20 != 'u' {
		return 0, 0
	}
	for _, c := range s[1:5] {
		d := unhex(c)
		if d < 0 {
			return 0, 0
		}
		r = r<<4 | rune(d)
	}
	if r >= 0xD800 && r <= 0xDFFF {
		r = utf8.RuneError
	}
	return r, 5
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
