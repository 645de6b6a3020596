package bodyformat

import (
	"slices"
	"strings"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A data: URL may carry a JSON document (data:application/json,[…],
// data:application/json;base64,…): the script that fetches it reads it
// with JSON.parse, so its arrays' numbers and its members split over
// values are one number to it as they are in a JSON body. Its payload,
// once decoded (dataURLPayload), is walked by the JSON walker as a body
// of JSON is; a finding masks the whole payload.

// jsonMediaType reports whether mt (lower case) names JSON.
func jsonMediaType(mt string) bool {
	return mt == "application/json" || mt == "text/json" || mt == "application/x-json" || strings.HasSuffix(mt, "+json")
}

// dataJSON returns the findings of doc, the decoded payload of a data:
// URL of a JSON type, walked as a JSON document, without adding them to
// the body's (the caller masks the payload with one of them); none when
// doc is no valid JSON (the caller reads it as text), or when it is read
// inside another such URL's document (a URL in it is read as text once,
// so that walks never nest).
func (in *inspector) dataJSON(doc []byte, hint detect.CategorySet) []detect.Finding {
	if in.inDataJSON || !looksLikeJSON(doc) || in.failed() {
		return nil
	}
	mark, counted := in.mark(), in.counted()
	esc, escOffs := in.esc, in.escOffs // the piece's reading, the caller's
	in.esc, in.escOffs, in.inDataJSON = nil, nil, true
	_, err := in.walkJSON(doc, hint, 0, false)
	in.esc, in.escOffs, in.inDataJSON = esc, escOffs, false
	fs := slices.Clone(in.findings[mark.n:])
	var counted1 detect.Category // a category the walk counted
	for c, n := range in.summary.Counts {
		if n > mark.summary.Counts[c] {
			counted1 = c
		}
	}
	found := in.counted() > counted
	in.rollback(mark)
	if err != nil || !found {
		return nil
	}
	if len(fs) == 0 {
		// kept only as counts (Limits.SamplesOnly)
		fs = []detect.Finding{{Category: counted1}}
	}
	return fs
}
