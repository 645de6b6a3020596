package bodyformat

import (
	"fmt"
	"slices"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A body of any type labelled in another one-byte-unit charset (GBK,
// GB18030, Big5, Shift_JIS, windows-1252, …: by its Content-Type or a
// page's <meta charset>) is read in that charset and, as redacted so far,
// as UTF-8 too: fetch().text(), many scripts and a terminal behind curl
// decode UTF-8 whatever the label says, and there 0x81 '5' 0x81 '1' …,
// one GB18030 character for each two digits, shows the digits. What the
// UTF-8 reading finds is starred in the body's bytes, whole characters of
// its charset at a time, so the body keeps its charset and stays valid in
// it. JSON, JSON lines and event streams are read both ways by
// labelAndUTF8 instead.

// alsoUTF8 reports whether a body b in cs, after a byte-order mark of bom
// bytes, is read as UTF-8 too (labelThenUTF8): cs is a one-byte-unit
// charset other than UTF-8 and the bytes do not read the same in both
// (b is not ASCII, or cs switches away from ASCII by escapes).
func alsoUTF8(b []byte, cs *charset, bom int) bool {
	return cs.unit == 1 && cs != csUTF8 && !cs.refused && bom == 0 && (cs.stateful || !isASCII(b))
}

// labelThenUTF8 inspects b, in the one-byte-unit charset cs (alsoUTF8),
// in cs (inCharset), then its bytes as redacted so far as UTF-8 text
// (read: each invalid sequence a U+FFFD, as a UTF-8 decoder shows it).
// What the second reading finds is starred over the whole characters of cs
// it falls in (starChars); a value the first reading also found is
// counted once. In a stateful charset (ISO-2022-JP) a star cannot be
// written in place, and a value only the UTF-8 reading finds fails the
// body closed (ErrMalformed). The copy the second reading stars is
// charged to the memory budget (thenUTF8). It returns nil when nothing
// changed.
func (in *inspector) labelThenUTF8(b []byte, cs *charset, mt string, params map[string]string, hint detect.CategorySet, nest int) ([]byte, string, error) {
	return in.thenUTF8(b, hint, func() ([]byte, string, error) {
		return in.inCharset(b, cs, 0, mt, params, hint, nest)
	}, func(cur []byte, fs []detect.Finding) ([]byte, error) {
		if cs.stateful {
			return nil, fmt.Errorf("%w: the body reads differently in %s and in UTF-8", ErrMalformed, cs.name)
		}
		return starChars(cur, fs, cs), nil
	})
}

// starChars returns a copy of b, in the stateless one-byte-unit charset
// cs, with every byte of the characters of cs that the spans of fs
// (offsets in b) touch a star: a star is ASCII, and so a character of
// every such charset, so the body stays as valid in cs as it was, and
// keeps its length. The spans are merged first, and the characters walked
// once from the start (charLen): linear in b.
func starChars(b []byte, fs []detect.Finding, cs *charset) []byte {
	spans := make([][2]int, 0, len(fs))
	for _, f := range fs {
		spans = append(spans, [2]int{max(f.Start, 0), min(f.End, len(b))})
	}
	slices.SortFunc(spans, func(x, y [2]int) int { return x[0] - y[0] })
	out := slices.Clone(b)
	i, k := 0, 0 // i: the start of the character the walk is at; k: the next span
	for k < len(spans) && i < len(b) {
		s, e := spans[k][0], spans[k][1]
		for k+1 < len(spans) && spans[k+1][0] < e {
			k++
			e = max(e, spans[k][1])
		}
		k++
		if e <= s {
			continue
		}
		for i < len(b) {
			countReadingSteps(1)
			n := charLen(b[i:], cs)
			if i+n > s {
				break // the character at i holds the span's first byte
			}
			i += n
		}
		for i < e && i < len(b) {
			countReadingSteps(1)
			n := charLen(b[i:], cs)
			for j := i; j < i+n; j++ {
				out[j] = '*'
			}
			i += n
		}
	}
	return out
}

// charLen returns the length of the character of cs (a stateless
// one-byte-unit charset) that p opens with, as the WHATWG decoder of cs
// reads it: a lead byte an ASCII byte follows that is no trail of it is
// one character (an error) and the ASCII byte starts the next; one that a
// byte past ASCII follows is read with it, as one character (an error
// when that byte is no trail: Big5 F0 9F). A single-byte charset
// (windows-1252, the ISO-8859 family, KOI8) has characters of one byte.
func charLen(p []byte, cs *charset) int {
	c := p[0]
	if c < 0x80 {
		return 1
	}
	in := func(k int, lo, hi byte) bool { return k < len(p) && p[k] >= lo && p[k] <= hi }
	switch cs.name {
	case "gbk", "gb18030":
		if c == 0x80 || c == 0xff {
			return 1
		}
		if in(1, '0', '9') {
			if in(2, 0x81, 0xfe) && in(3, '0', '9') {
				return 4
			}
			return 1
		}
		if in(1, 0x40, 0x7e) || in(1, 0x80, 0xff) {
			return 2
		}
	case "big5":
		if c >= 0x81 && c <= 0xfe && (in(1, 0x40, 0x7e) || in(1, 0x80, 0xff)) {
			return 2
		}
	case "shift_jis":
		if (c >= 0x81 && c <= 0x9f || c >= 0xe0 && c <= 0xfc) && (in(1, 0x40, 0x7e) || in(1, 0x80, 0xff)) {
			return 2
		}
	case "euc-jp":
		switch {
		case c == 0x8e && in(1, 0xa1, 0xdf):
			return 2
		case c == 0x8f && in(1, 0xa1, 0xfe) && in(2, 0xa1, 0xfe):
			return 3
		case c >= 0xa1 && c <= 0xfe && in(1, 0xa1, 0xfe):
			return 2
		}
	case "euc-kr":
		if c >= 0x81 && c <= 0xfe && in(1, 0x41, 0xfe) {
			return 2
		}
	}
	return 1
}
