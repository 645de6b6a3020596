package bodyformat

import (
	"unicode/utf8"

	"golang.org/x/text/encoding"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A request target or a header field percent-decodes to bytes its
// receiver may read in a legacy charset: Tomcat with URIEncoding=GBK,
// PHP's mb_convert_encoding, a Chinese service of its day read
// %A3%B1%A3%B3%A3%B8… as the full-width digits of a mobile, and an
// RFC 8187 ext-value (name*=gbk''…) names its charset. The two functions
// here give the field layer (internal/fieldtext) those readings, each
// with the offset in the bytes every decoded byte comes from, so that a
// finding in them masks the escapes it was read from.

// FindLegacyDigits returns fs, the findings of b read as UTF-8, merged
// with those of b read in each fallback charset (GB18030, Big5,
// Shift_JIS) whose decoding shows a cluster of digits its UTF-8 reading
// cannot (legacyLook: five digits, one of them no ASCII digit), with
// spans in b. find reads one decoding. Bytes are read in a charset only
// when they hold a byte pair a wide digit opens with there
// (wideDigitCharsets, as an unlabelled stream's lines are); otherwise fs
// comes back as it is. Valid UTF-8 is read too, by the same rule as a
// valid UTF-8 body's mojibake lines (mojibakeLines): D2 BB is U+04BB in
// UTF-8 and 一 in GBK, so %D2%BB3812345678 is a mobile to a GBK
// application. A decoding that shows no such cluster (a GBK word, 你好,
// the GBK reading of UTF-8 Chinese) is never read: it is for detection
// only, and b is never rewritten here. One pass a charset.
func FindLegacyDigits(b []byte, fs []detect.Finding, find func([]byte) []detect.Finding) []detect.Finding {
	if isASCII(b) {
		return fs
	}
	set := wideDigitCharsets(b)
	for k, cs := range fallbackCharsets {
		if cs == nil || set&(1<<k) == 0 {
			continue
		}
		var look legacyLook
		text, offs, cluster := decodeCharsMapped(b, cs.enc, &look)
		if !cluster {
			continue
		}
		gfs := find(text)
		for k := range gfs {
			gfs[k].Start, gfs[k].End = rawSpan(offs, gfs[k].Start, gfs[k].End)
		}
		fs = mergeFindings(fs, gfs)
	}
	return fs
}

// DecodeLabelled decodes b in the charset label names (gbk, gb18030, big5,
// shift_jis, euc-kr, windows-1252, … as a browser knows them), with for
// each decoded byte the offset in b it comes from and one more entry,
// len(b). ok is false when the label names UTF-8, a charset that switches
// by escape sequences (ISO-2022-JP), one never read, or none bodyformat
// knows: b is then read as UTF-8. UTF-16 and UTF-32 are decoded a code unit
// at a time (decodeWideMapped). A byte sequence the charset does not hold
// decodes to U+FFFD, one byte at a time.
func DecodeLabelled(label string, b []byte) (text []byte, offs []int32, ok bool) {
	cs := labelCharset(label)
	if cs != nil && cs.unit > 1 {
		text, offs = decodeWideMapped(b, cs)
		return text, offs, true
	}
	if cs == nil || cs.enc == nil || cs.stateful || cs.refused {
		return nil, nil, false
	}
	text, offs, _ = decodeCharsMapped(b, cs.enc, nil)
	return text, offs, true
}

// decodeCharsMapped decodes b in enc, an ASCII-compatible charset whose
// characters are at most four bytes long, one character at a time (the
// shortest run of bytes, from one to four, that decodes to no U+FFFD),
// so each decoded byte maps to the offset its character starts at; where
// no run decodes, the bytes the decoder reads as one bad character (a
// lead byte alone, or with a byte that is no trail of it and no ASCII,
// as the WHATWG decoder reads them: Big5 F0 9F is one) stand for U+FFFD,
// so what follows is read from where the decoder reads it. When look is
// not nil every character is added to it, and cluster reports whether it
// found a digit cluster (legacyLook.add). At most five decodings of at
// most four bytes a byte of b.
func decodeCharsMapped(b []byte, enc encoding.Encoding, look *legacyLook) (_ []byte, _ []int32, cluster bool) {
	dec := enc.NewDecoder()
	var m mapped
	m.grow(len(b) + len(b)/2)
	var buf [16]byte
	for i := 0; i < len(b); {
		countReadingSteps(1)
		n, out := 1, []byte(nil)
		if b[i] < utf8.RuneSelf {
			out = b[i : i+1]
		} else {
			for n = 1; n <= 4 && i+n <= len(b); n++ {
				countReadingSteps(1)
				dec.Reset()
				k, used, err := dec.Transform(buf[:], b[i:i+n], true)
				if err == nil && used == n && k > 0 && !hasRuneError(buf[:k]) {
					out = buf[:k]
					break
				}
			}
			if out == nil {
				n, out = badRun(dec, b[i:min(i+4, len(b))], i+4 >= len(b)), runeErrorBytes
			}
		}
		m.bytes(out, i)
		if look != nil {
			for _, c := range string(out) {
				cluster = look.add(c) || cluster
			}
		}
		i += n
	}
	text, offs := m.done(len(b))
	return text, offs, cluster
}

// badRun returns how many bytes of p, which opens with a bad character
// of dec's charset (no run of p decodes to no U+FFFD), dec reads as that
// character: it decodes into room for U+FFFD alone. At least one.
func badRun(dec *encoding.Decoder, p []byte, atEOF bool) int {
	var one [len(string(utf8.RuneError))]byte
	dec.Reset()
	_, n, _ := dec.Transform(one[:], p, atEOF)
	return max(n, 1)
}

// runeErrorBytes is U+FFFD in UTF-8, what a byte no charset decodes from
// stands for.
var runeErrorBytes = []byte(string(utf8.RuneError))

// hasRuneError reports whether the UTF-8 text p holds U+FFFD.
func hasRuneError(p []byte) bool {
	for _, c := range string(p) {
		if c == utf8.RuneError {
			return true
		}
	}
	return false
}
