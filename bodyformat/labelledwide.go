package bodyformat

import "github.com/piifilter/caddy-pii-filter/detect"

// A body labelled UTF-16 or UTF-32 (charset=utf-16le, utf-16, utf-32be,
// ucs-2, …), with or without a byte-order mark or NUL bytes, is read in
// its label and, as redacted so far, as UTF-8 too: fetch().text(),
// Response.json() and a terminal behind curl decode UTF-8 whatever the
// label says, and there "\xff\xfe手机 138…" (UTF-8 text after a UTF-16
// mark) or UTF-8 JSON ending in two NUL bytes shows the digits, while the
// label's reading sees CJK or U+FFFD. What the UTF-8 reading finds is
// starred as in a body sniffed as UTF-16 (starBytes): byte for byte, or by
// whole code units where that would leave a body valid in its label
// invalid, so the body keeps its charset and its length.

// labelledWideBody is charsetBody for a body whose Content-Type labels it
// UTF-16 or UTF-32 (cs, its order settled by wideCharset, after a
// byte-order mark of bom bytes): read in cs, then as UTF-8 bytes
// (wideThenUTF8). The copy the UTF-8 reading stars is charged to the
// memory budget (thenUTF8), as labelThenUTF8's and a sniffed UTF-16
// body's are. It returns nil when nothing changed.
func (in *inspector) labelledWideBody(b []byte, cs *charset, bom int, mt string, params map[string]string, hint detect.CategorySet, nest int) ([]byte, string, error) {
	return in.wideThenUTF8(b, cs, bom, mt, params, hint, nest)
}
