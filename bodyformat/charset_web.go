package bodyformat

import (
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
)

// Beyond the Chinese charsets and UTF-16/32, a body may be declared in any
// charset a browser reads (the WHATWG Encoding Standard: Shift_JIS,
// EUC-JP, ISO-2022-JP, EUC-KR, windows-1252, the ISO-8859 family, KOI8,
// …). Such a body is decoded and inspected like a GBK one: Shift_JIS and
// EUC-KR hold full-width digits and CJK labels, ISO-2022-JP spells them in
// plain ASCII bytes after an escape sequence.
//
// A few charsets are refused rather than read: UTF-7, which spells any
// digit in letters (+ADE-), and the WHATWG "replacement" charsets
// (HZ-GB-2312, ISO-2022-KR, ISO-2022-CN), which browsers do not decode but
// other clients do, under their WHATWG labels or Python's. A body declared
// in one cannot be inspected: it fails closed (ErrMalformed, the on_error
// outcome). So does a body under a label the filter does not know whose
// bytes are not UTF-8 (chooseCharset): a client that knows the label
// (Python's cp037, where F1 F3 F8 is 138) reads text the filter cannot.

// csRefused stands for a declared charset that is never read.
var csRefused = &charset{name: "a charset that cannot be inspected", unit: 1, refused: true}

// webCharsets holds the charsets made for WHATWG labels, by canonical
// name: a few dozen at most, since only known labels make one.
var webCharsets sync.Map // string → *charset

// webCharset returns the charset a label names in the WHATWG Encoding
// Standard, csRefused for UTF-7 and the replacement charsets, or nil for
// a label no receiver knows.
func webCharset(key, label string) *charset {
	if key == "utf7" || strings.HasSuffix(key, "utf7") {
		return csRefused
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		if key == "u7" || strings.HasPrefix(key, "hz") || strings.HasPrefix(key, "iso2022") {
			// Python's names of UTF-7, HZ and the ISO-2022 family
			// (u7, hz_gb_2312, iso2022_jp_2): they spell text in plain
			// ASCII bytes a reader that knows them decodes
			return csRefused
		}
		return nil
	}
	name, err := htmlindex.Name(enc)
	if err != nil || name == "replacement" {
		return csRefused
	}
	if cs, ok := charsetLabels[labelKey(name)]; ok {
		return cs
	}
	if cs := wideLabel(labelKey(name)); cs != nil {
		return cs
	}
	if v, ok := webCharsets.Load(name); ok {
		return v.(*charset)
	}
	cs := &charset{name: name, enc: enc, unit: 1, stateful: name == "iso-2022-jp"}
	v, _ := webCharsets.LoadOrStore(name, cs)
	return v.(*charset)
}

// decodeGB18030Mapped decodes b, read as GB18030, to UTF-8, with for each
// byte of the result the offset in b it comes from (one more entry:
// len(b)); ok is false when b holds no GB18030 character. It reads one
// character at a time, so a byte that is not GB18030 stands for itself.
func decodeGB18030Mapped(b []byte) (_ []byte, _ []int32, ok bool) {
	dec := csGB18030.enc.NewDecoder()
	out := make([]byte, 0, len(b)+len(b)/2)
	offs := make([]int32, 0, len(b)+len(b)/2+1)
	var buf [8]byte
	for i := 0; i < len(b); {
		n := 1
		if c := b[i]; c >= 0x81 && c <= 0xfe && i+1 < len(b) {
			n = 2
			if d := b[i+1]; d >= '0' && d <= '9' && i+3 < len(b) {
				n = 4
			}
		}
		r := rune(utf8.RuneError)
		if n > 1 {
			dec.Reset()
			if m, _, err := dec.Transform(buf[:], b[i:i+n], true); err == nil && m > 0 {
				r, _ = utf8.DecodeRune(buf[:m])
			}
		} else if b[i] < utf8.RuneSelf {
			r = rune(b[i])
		}
		if n > 1 && r != utf8.RuneError {
			ok = true
		} else {
			n = 1
			if b[i] < utf8.RuneSelf {
				r = rune(b[i])
			}
		}
		m := len(out)
		out = utf8.AppendRune(out, r)
		for range len(out) - m {
			offs = append(offs, int32(i))
		}
		i += n
	}
	return out, append(offs, int32(len(b))), ok
}
