package bodyformat

import (
	"strings"
	"sync"

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
// other clients do. A body declared in one cannot be inspected: it fails
// closed (ErrMalformed, the on_error outcome).

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
