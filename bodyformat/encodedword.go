package bodyformat

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"regexp"
)

// wordDecoder decodes RFC 2047 encoded words (=?GBK?B?…?=) in every
// charset DecodeLabelled reads, UTF-16 and UTF-32 too, as Chrome's
// download-name logic, Python's email package and Apache Commons
// FileUpload decode a file name; mime.WordDecoder itself knows only
// UTF-8, ISO-8859-1 and US-ASCII.
var wordDecoder = mime.WordDecoder{CharsetReader: func(label string, input io.Reader) (io.Reader, error) {
	raw, err := io.ReadAll(input)
	if err != nil {
		return nil, err
	}
	if labelCharset(label) == csUTF8 {
		return bytes.NewReader(raw), nil // utf8, unicode-1-1-utf-8: UTF-8 all the same
	}
	text, _, ok := DecodeLabelled(label, raw)
	if !ok {
		return nil, fmt.Errorf("bodyformat: encoded word in charset %q not read", label)
	}
	return bytes.NewReader(text), nil
}}

// DecodeWords returns s with its RFC 2047 encoded words decoded (in
// UTF-8, GBK, Big5, UTF-16, … : any charset DecodeLabelled reads), and
// whether there were any. s comes back as it is when it holds none, or a
// word in a charset not read.
func DecodeWords(s string) (string, bool) {
	d, err := wordDecoder.DecodeHeader(s)
	if err != nil || d == s {
		return s, false
	}
	return d, true
}

// extValue matches an RFC 2231/8187 ext-value in a header block,
// name*=charset'lang'value or its first section name*0*=…: its charset
// (1) and its percent-encoded value (2).
var extValue = regexp.MustCompile(`\*(?:0\*)?=\s*"?([A-Za-z0-9_.:-]+)'[A-Za-z0-9-]*'([^\s;"]*)`)

// decodeExtValues returns b with the value of each ext-value decoded in
// the charset it names (filename*=gbk”%A3%B1… is full-width digits to
// Werkzeug), when DecodeLabelled reads that charset; others are left to
// the percent decoding of the whole block.
func decodeExtValues(b []byte) []byte {
	return extValue.ReplaceAllFunc(b, func(m []byte) []byte {
		sub := extValue.FindSubmatchIndex(m)
		dec, _ := PercentDecoded(m[sub[4]:sub[5]], false)
		text, _, ok := DecodeLabelled(string(m[sub[2]:sub[3]]), dec)
		if !ok {
			return m
		}
		return append(append([]byte(nil), m[:sub[4]]...), text...)
	})
}
