package bodyformat

import (
	"bytes"
	"strings"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A data: URL carries a whole document: an iframe's
// src="data:text/html,…", an image's src="data:image/svg+xml;base64,…",
// a link in a JSON value. The browser decodes it (percent escapes or
// base64) and renders it: 138<b></b>1234<!-- -->5678 in it is one mobile.
// A data: URL of a markup type is read as the document it holds, rendered;
// a finding in it masks the URL's whole payload, as a base64 token is
// masked whole. (Text types are read by the percent and base64 readings.)

// maxDataURLHeader bounds the media type and parameters looked through
// for the ',' that starts a data: URL's payload.
const maxDataURLHeader = 128

// readDataURLs returns the findings of the data: URLs of text whose media
// type is markup, each spanning the URL's whole payload, in order.
func (in *inspector) readDataURLs(text []byte, hint detect.CategorySet, samples int) []detect.Finding {
	var fs []detect.Finding
	for i := 0; !in.failed(); {
		k := bytes.IndexByte(text[i:], ':') // rarer than any letter of "data"
		if k < 0 {
			break
		}
		i += k + 1
		if i < len("data:") || !hasPrefixFold(text[i-len("data:"):], "data") {
			continue
		}
		comma := bytes.IndexByte(text[i:min(len(text), i+maxDataURLHeader)], ',')
		if comma < 0 {
			continue
		}
		header := strings.ToLower(string(text[i : i+comma]))
		mt, _, _ := strings.Cut(header, ";")
		if !markupMediaType(strings.TrimSpace(mt)) {
			continue
		}
		start := i + comma + 1
		end := start
		for end < len(text) && !dataURLEnd(text[end]) {
			end++
		}
		i = end
		doc, ok := in.dataURLPayload(text[start:end], strings.HasSuffix(header, ";base64"))
		if !ok {
			continue
		}
		if found := in.readMarkup(doc, hint, samples); len(found) > 0 {
			f := found[0]
			f.Start, f.End = start, end
			f.Masked = base64Mask[:min(end-start, len(base64Mask))]
			fs = append(fs, f)
		}
	}
	return fs
}

// dataURLPayload decodes a data: URL's payload: base64, or percent
// escapes.
func (in *inspector) dataURLPayload(p []byte, base64 bool) ([]byte, bool) {
	if base64 {
		doc, ok := decodeBase64Text(nil, p)
		return doc, ok
	}
	if doc, _, changed := decodeForm(p, nil, nil, false); changed {
		return doc, true
	}
	return p, true
}

// markupMediaType reports a media type a browser renders as markup.
func markupMediaType(mt string) bool {
	switch mt {
	case "text/html", "application/xhtml+xml", "image/svg+xml", "text/xml", "application/xml":
		return true
	}
	return false
}

// dataURLEnd reports a byte that ends a data: URL written in an
// attribute, a string or CSS: a quote, white space, a ')'.
func dataURLEnd(c byte) bool {
	switch c {
	case '"', '\'', '`', ')', ' ', '\t', '\n', '\r', '\f':
		return true
	}
	return false
}
