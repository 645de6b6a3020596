package fieldtext

import (
	"mime"
	"strings"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
)

// redactWords reads a parameter value made of RFC 2047 encoded words
// (filename="=?GBK?B?…?=": Chrome's download-name logic and Python's
// email package decode them) as the text they decode to, in the charset
// each names (bodyformat.DecodeWords), with the hint of its name. On a
// finding the whole value is written back as the decoded text with the
// masks, Q-encoded in UTF-8 where it is not plain ASCII (mime.QEncoding),
// and the findings are returned; nil when the group is no such value
// or its text holds nothing, and the value is then read as it is.
func redactWords(find Finder, ps []param) []detect.Finding {
	if len(ps) != 1 || ps[0].ext || ps[0].stray || !strings.Contains(ps[0].text, "=?") {
		return nil
	}
	p := &ps[0]
	text, ok := bodyformat.DecodeWords(p.text)
	if !ok {
		return nil
	}
	dec, offs := percentDecode(text, false) // a lenient receiver decodes escapes in it too
	findings := findAll(find, dec, bodyformat.HintForKey(p.base))
	if len(findings) == 0 {
		return nil
	}
	if offs != nil {
		for k := range findings {
			findings[k].Start, findings[k].End = int(offs[findings[k].Start]), int(offs[findings[k].End])
		}
	}
	out := p.encode(mime.QEncoding.Encode("utf-8", masked([]byte(text), findings)))
	p.out = &out
	return findings
}
