package bodyformat

import (
	"bytes"
	"html"
	"strings"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A data: URL carries a whole document: an iframe's
// src="data:text/html,…", an image's src="data:image/svg+xml;base64,…",
// a link in a JSON value. The browser decodes it (percent escapes or
// base64) and renders it: 138<b></b>1234<!-- -->5678 in it is one mobile.
// A data: URL of a markup type is read as the document it holds, rendered;
// one of a JSON type is walked as the JSON document it holds
// (dataurljson.go); one of a text type that names a charset other than
// UTF-8 as the text it decodes to there (charsetTextType); a finding in
// it masks the URL's whole payload, as a base64 token is masked whole.
// (Other text types are read by the percent and base64 readings.)
// The URL runs as far as its context takes it (dataurlspan.go), and the
// escapes of that context are the URL's: an attribute's character
// references, a string literal's backslash escapes.

// maxDataURLHeader bounds the media type and parameters looked through
// for the ',' that starts a data: URL's payload.
const maxDataURLHeader = 128

// readDataURLs returns the findings of the data: URLs of text whose media
// type is markup, each spanning the URL's whole payload, in order. The
// URLs read never overlap: the next is looked for past the last one's
// end, so each byte is read by one URL at most.
func (in *inspector) readDataURLs(text []byte, hint detect.CategorySet, samples int) []detect.Finding {
	var fs []detect.Finding
	comma := -1 // the first ',' at or after the last search's start
	for i := 0; !in.failed(); {
		k := bytes.IndexByte(text[i:], ':') // rarer than any letter of "data"
		if k < 0 {
			break
		}
		i += k + 1
		at, ok := dataSchemeAt(text, i-1)
		if !ok {
			continue
		}
		if comma < i {
			// searched once up to each ',': data:data:data:… does not
			// look through the same header again
			c := bytes.IndexByte(text[i:], ',')
			if c < 0 {
				countReadingSteps(len(text) - i)
				break // no payload anywhere after
			}
			countReadingSteps(c + 1)
			comma = i + c
		}
		if comma-i > maxDataURLHeader {
			continue
		}
		header := strings.ToLower(string(text[i:comma]))
		mt, _, _ := strings.Cut(header, ";")
		if mt = strings.TrimSpace(mt); !markupMediaType(mt) && !jsonMediaType(mt) && !charsetTextType(mt, header) {
			continue
		}
		start := comma + 1
		sp := spanDataURL(text, at, start, !in.inView)
		i = max(sp.escEnd, start)
		if f, ok := in.readDataURL(text, start, sp, header, hint, samples); ok {
			fs = append(fs, f)
		}
	}
	return fs
}

// readDataURL reads the payload of one data: URL from text[start] as the
// document it holds: as written, with an attribute's character references
// decoded, with a string literal's escapes decoded. The first reading
// with a finding gives one finding that masks the payload it read.
func (in *inspector) readDataURL(text []byte, start int, sp dataURLSpan, header string, hint detect.CategorySet, samples int) (detect.Finding, bool) {
	raw := in.viewSrc.rawOf(text, start, sp.end)
	readings := [][]byte{raw}
	ends := []int{sp.end}
	if bytes.IndexByte(raw, '&') >= 0 {
		// an attribute's value reaches the URL's reader with its
		// references decoded, every named one (html's table): &lt;b&gt;
		// is a tag of the document
		readings, ends = append(readings, []byte(html.UnescapeString(string(raw)))), append(ends, sp.end)
	}
	if lit := in.viewSrc.rawOf(text, start, sp.escEnd); sp.quote != 0 && bytes.IndexByte(lit, '\\') >= 0 {
		// a string literal's: \" does not end it, \u0031 is a digit
		dec, _, ok := decodeEscapes(lit, nil, nil)
		if sp.css {
			dec, _, ok = decodeCSSEscapes(lit)
		}
		if ok {
			readings, ends = append(readings, dec), append(ends, sp.escEnd)
		}
	}
	for k, p := range readings {
		if in.failed() {
			break
		}
		doc, decoded, ok := dataURLPayload(p, header)
		if !ok {
			continue
		}
		var found []detect.Finding
		asText := false
		mt, _, _ := strings.Cut(header, ";")
		switch mt = strings.TrimSpace(mt); {
		case jsonMediaType(mt):
			found = in.dataJSON(doc, hint) // data:application/json,{…}
		case markupMediaType(mt):
			found = in.readMarkup(doc, hint, samples)
		default:
			found, asText = in.scan(doc, hint, samples), true // text in its charset
		}
		if len(found) == 0 && !asText && (decoded || k > 0) && bytes.IndexByte(doc, '<') < 0 {
			// decoded text with no markup (readMarkup reads none): read
			// as it is
			found = in.scan(doc, hint, samples)
		}
		if len(found) > 0 {
			f := found[0]
			f.Start, f.End = start, ends[k]
			f.Masked = base64Mask[:min(f.End-f.Start, len(base64Mask))]
			return f, true
		}
	}
	return detect.Finding{}, false
}

// charsetTextType reports a text media type (text/plain, text/csv…) of a
// data: URL whose header names a charset other than UTF-8: its payload is
// text only once decoded in that charset (GBK, UTF-16 of full-width
// digits), which the percent and base64 readings of the page do not know.
func charsetTextType(mt, header string) bool {
	if !strings.HasPrefix(mt, "text/") {
		return false
	}
	cs := dataURLCharset(header)
	return cs != nil && cs != csUTF8 && !cs.refused
}

// markupMediaType reports a media type a browser renders as markup.
func markupMediaType(mt string) bool {
	switch mt {
	case "text/html", "application/xhtml+xml", "image/svg+xml", "text/xml", "application/xml":
		return true
	}
	return false
}
