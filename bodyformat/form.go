package bodyformat

import (
	"bytes"
	"net/url"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// formReader holds the scratch buffers of one form.
type formReader struct {
	in   *inspector
	out  splicer
	dec  []byte
	offs []int32
	key  []byte
}

// form inspects an application/x-www-form-urlencoded body: each value is
// percent-decoded ('+' as a space) and scanned with the hint of its field
// name; in Redact mode only the findings' spans are replaced (by their
// masks, query-escaped), so every other byte and the order of the fields
// stay as they were. A piece with an invalid escape is scanned as it is. A
// piece without '=' is scanned as a value without a hint; field names are
// not scanned.
func (in *inspector) form(b []byte) []byte {
	r := &formReader{in: in, out: splicer{src: b}}
	for start := 0; start <= len(b); {
		end := bytes.IndexByte(b[start:], '&')
		if end < 0 {
			end = len(b)
		} else {
			end += start
		}
		valStart := start
		var hint detect.CategorySet
		if eq := bytes.IndexByte(b[start:end], '='); eq >= 0 {
			name := b[start : start+eq]
			if dec, _, ok := decodeForm(name, r.key[:0], nil, false); ok {
				r.key, name = dec, dec
			}
			hint = keyHint(name)
			valStart = start + eq + 1
		}
		r.value(valStart, end, hint)
		start = end + 1
	}
	return r.out.result()
}

// value inspects the value b[start:end] of a form.
func (r *formReader) value(start, end int, hint detect.CategorySet) {
	raw := r.out.src[start:end]
	text, offs, decoded := decodeForm(raw, r.dec[:0], r.offs[:0], true)
	if decoded {
		r.dec, r.offs = text, offs
	} else {
		text = raw
	}
	if len(text) < minTextLen {
		return
	}
	in := r.in
	if decoded && looksLikeJSON(text) {
		if out, _ := in.json(text, hint, 0, false); out != nil {
			r.out.replace(start, end, []byte(url.QueryEscape(string(out))))
		}
		return
	}
	fs := in.find(text, hint)
	if len(fs) == 0 {
		return
	}
	if in.mode != Redact {
		return
	}
	for _, f := range fs {
		rs, re := f.Start, f.End
		if decoded {
			rs, re = rawSpan(offs, f.Start, f.End)
		}
		r.out.replace(start+rs, start+re, []byte(url.QueryEscape(f.Masked)))
	}
}

// decodeForm appends the percent-decoded raw ('+' as a space) to dst and,
// when track is set, appends to offs the offset in raw each decoded byte
// came from, followed by len(raw). ok is false when raw holds a '%' not
// followed by two hex digits.
func decodeForm(raw, dst []byte, offs []int32, track bool) (_ []byte, _ []int32, ok bool) {
	for i := 0; i < len(raw); {
		c, start := raw[i], i
		switch c {
		case '+':
			c = ' '
			i++
		case '%':
			if i+3 > len(raw) {
				return dst, offs, false
			}
			hi, lo := unhex(raw[i+1]), unhex(raw[i+2])
			if hi < 0 || lo < 0 {
				return dst, offs, false
			}
			c = byte(hi<<4 | lo)
			i += 3
		default:
			i++
		}
		dst = append(dst, c)
		if track {
			offs = append(offs, int32(start))
		}
	}
	if track {
		offs = append(offs, int32(len(raw)))
	}
	return dst, offs, true
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
