package bodyformat

import (
	"bytes"
	"encoding/base64"
	"strings"
)

// dataURLPayload decodes a data: URL's payload p as a browser does, by its
// header (lower case, the media type and parameters): tabs and line breaks
// out, then percent escapes, then base64 when the header ends in ";base64"
// (spaces before "base64" allowed), with ASCII white space taken out, then
// the charset a charset parameter names. decoded reports whether anything
// was.
func dataURLPayload(p []byte, header string) (doc []byte, decoded, ok bool) {
	if bytes.ContainsAny(p, "\t\n\r") {
		// a URL's reader takes tabs and line breaks out first:
		// 138<line break>12345678 is 13812345678, %3<tab>1 is '1'
		p = bytes.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return -1
			}
			return r
		}, p)
		decoded = true
	}
	if dataURLBase64(header) {
		if bytes.IndexByte(p, '%') >= 0 {
			p = percentKeepingPlus(p)
		}
		tok := bytes.Map(func(r rune) rune {
			if r < 0x80 && isSpaceByte(byte(r)) {
				return -1
			}
			return r
		}, p)
		if cs := dataURLCharset(header); cs != nil {
			// a legacy charset (GBK, Big5) or UTF-16 of any text (full-width
			// digits have no NUL byte to sniff): its bytes are no UTF-8
			// text until decoded
			if b, err := base64.RawStdEncoding.DecodeString(string(bytes.TrimRight(tok, "="))); err == nil {
				if text, ok := decodeNamedCharset(cs, b); ok {
					return text, true, true
				}
			}
		}
		doc, ok := decodeBase64Text(nil, tok)
		return doc, true, ok
	}
	doc, _, percent := decodeForm(p, nil, nil, false)
	if !percent {
		doc = p
	}
	decoded = decoded || percent
	if cs := dataURLCharset(header); cs != nil {
		if text, ok := decodeNamedCharset(cs, doc); ok && !bytes.Equal(text, doc) {
			return text, true, true
		}
	}
	return doc, decoded, true
}

// dataURLBase64 reports whether a data: URL's header marks its payload
// base64: it ends in ';', spaces, "base64", as the Fetch standard reads
// it.
func dataURLBase64(header string) bool {
	h := strings.TrimRight(header, " \t\n\r\f")
	rest, ok := strings.CutSuffix(h, "base64")
	return ok && strings.HasSuffix(strings.TrimRight(rest, " "), ";")
}

// dataURLCharset returns the charset a data: URL's header names in a
// charset parameter, or nil.
func dataURLCharset(header string) *charset {
	for _, param := range strings.Split(header, ";")[1:] {
		if name, value, ok := strings.Cut(strings.TrimSpace(param), "="); ok && strings.TrimSpace(name) == "charset" {
			return labelCharset(strings.Trim(strings.TrimSpace(value), `"`))
		}
	}
	return nil
}

// decodeNamedCharset decodes b, a data: URL's payload, in cs, the charset
// its header names: UTF-16 and UTF-32 a code unit at a time
// (decodeWideMapped: "utf-16" by its byte-order mark, else little-endian,
// as a browser reads it), another by its decoder; ok is false for UTF-8
// (read as it is) and charsets never read.
func decodeNamedCharset(cs *charset, b []byte) ([]byte, bool) {
	switch {
	case cs.refused:
		return nil, false
	case cs.unit > 1:
		text, _ := decodeWideMapped(b, cs)
		return text, true
	case cs.enc == nil:
		return nil, false
	}
	text, err := cs.decode(b)
	return text, err == nil
}

// percentKeepingPlus decodes the percent escapes of a base64 payload; a
// '+' is base64's, not a space.
func percentKeepingPlus(p []byte) []byte {
	dec, offs, _ := decodeForm(p, nil, nil, true)
	for k, c := range dec {
		if c == ' ' && p[offs[k]] == '+' {
			dec[k] = '+'
		}
	}
	return dec
}
