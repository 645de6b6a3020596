package bodyformat

import (
	"unicode/utf8"

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

// declaredOverLabel returns the charset the markup of b, of media type mt,
// declares when the Content-Type labels it UTF-8 but the declaration names
// another one-byte-unit charset, the bytes are not UTF-8 and they read as
// something in the declared charset (readIn); else nil.
func declaredOverLabel(mt string, params map[string]string, b []byte) *charset {
	if labelCharset(params["charset"]) != csUTF8 {
		return nil
	}
	decl := markupCharset(mt, b)
	if decl == nil || decl == csUTF8 || decl.enc == nil || utf8.Valid(b) || !readIn(b, decl, false) {
		return nil
	}
	return decl
}

// declaredBody inspects b, labelled UTF-8 and declared in decl
// (declaredOverLabel), as UTF-8 and then in decl.
func (in *inspector) declaredBody(b []byte, decl *charset, mt string, params map[string]string, hint detect.CategorySet, nest int) ([]byte, string, error) {
	return in.unlabelledBody(b, []*charset{decl}, mt, params, hint, nest)
}
