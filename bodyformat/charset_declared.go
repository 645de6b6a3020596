package bodyformat

import (
	"bytes"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A body labelled UTF-8 by its Content-Type whose markup declares another
// charset (<?xml … encoding="GBK"?>, <meta charset=gbk>) is read by a
// browser in UTF-8, the label winning; but the XML parsers an upstream or
// an API client hands the bytes to (Java's DocumentBuilder, lxml,
// ElementTree, .NET's XmlDocument) follow the declaration, and so do
// scrapers that parse a page's bytes (BeautifulSoup). So when its bytes
// are not UTF-8 and the declaration's charset shows something in them
// (legacyLook), such a body is read as UTF-8 and then, as redacted so far,
// in the declaration's charset (unlabelledBody's road): a mask is written
// back in the charset of the reading that found it, and a body whose mask
// cannot be written in the declaration's charset is refused (encode).

// declaredLookMin is the fewest bytes of a body labelled UTF-8 its markup
// declaration is looked for in (declaredLook): more than a browser's
// prescan (markupLimit), as the readers that follow a declaration look
// further. BeautifulSoup looks for a <meta> in the first 2048 bytes or
// the first twentieth of the document, whichever is more.
const declaredLookMin = 64 << 10

// declaredLook returns the head of b its markup declaration is looked for
// in over a UTF-8 label: its first declaredLookMin bytes or its first
// twentieth, whichever is more (BeautifulSoup's window and more). The
// look reads each byte of it a bounded number of times (metaCharset), so
// a body costs time linear in its length.
func declaredLook(b []byte) []byte {
	return b[:min(len(b), max(declaredLookMin, len(b)/20))]
}

// declaredOverLabel returns the charset the markup of b declares when the
// Content-Type labels it UTF-8 but the declaration names another
// one-byte-unit charset, the bytes are not UTF-8 (valid) and they read as
// something in the declared charset (readIn); else nil. The declaration
// is looked for whatever the media type (an XML parser or a scraper handed
// the bytes of a text/plain or JSON response follows it), in
// declaredLook: an XML declaration at the start, after white space as
// BeautifulSoup allows, or a <meta> declaring a charset. Reading in the
// declared charset comes in addition to UTF-8, so looking further and
// wider than a browser fails closed.
func declaredOverLabel(params map[string]string, b []byte, valid *bodyUTF8) *charset {
	if labelCharset(params["charset"]) != csUTF8 || valid.whole() {
		return nil
	}
	head := declaredLook(b)
	for _, label := range []string{xmlEncoding(bytes.TrimLeft(head, " \t\n\r")), metaCharset(head)} {
		decl := labelCharset(label)
		if decl != nil && decl.unit == 1 && decl != csUTF8 && decl.enc != nil && readIn(b, decl, false) {
			return decl
		}
	}
	return nil
}

// declaredBody inspects b, labelled UTF-8 and declared in decl
// (declaredOverLabel), as UTF-8 and then in decl, and, declared GBK, as
// a two-byte GBK decoder shows it (strictGBKToo: Java's DocumentBuilder
// and lxml read a declared GBK or GB2312 so).
func (in *inspector) declaredBody(b []byte, decl *charset, mt string, params map[string]string, hint detect.CategorySet, nest int) ([]byte, string, error) {
	return in.strictGBKToo(b, decl, hint, func() ([]byte, string, error) {
		return in.unlabelledBody(b, []*charset{decl}, mt, params, hint, nest)
	})
}
