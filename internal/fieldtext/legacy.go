package fieldtext

import (
	"strings"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
)

// findAll returns the findings of dec, a piece as percent-decoded, read
// as UTF-8 and, when its bytes are no UTF-8, in each legacy charset that
// shows a cluster of digits in it (bodyformat.FindLegacyDigits: a GBK
// application decodes %A3%B1%A3%B3… as full-width digits), with spans
// in dec. The legacy readings are for detection only: a finding's span
// covers the escapes it was read from, which the mask replaces.
func findAll(find Finder, dec []byte, hint detect.CategorySet) []detect.Finding {
	return bodyformat.FindLegacyDigits(dec, find(dec, hint), func(text []byte) []detect.Finding {
		return find(text, hint)
	})
}

// inCharset decodes raw, an RFC 8187 ext-value's percent-encoded part,
// in the charset its charset'language' prefix names (a gbk value's %A3%B1… is
// full-width digits), with for each decoded byte the offset in raw it
// comes from (one more entry: len(raw)). Overlong UTF-8 forms are not
// folded there: C0 B1 is a GBK character. ok is false for a prefix of
// UTF-8, of no charset, or of one not read so (bodyformat.DecodeLabelled):
// raw is then read as UTF-8 (percentDecode).
func inCharset(prefix, raw string) (_ []byte, _ []int32, ok bool) {
	label, _, _ := strings.Cut(prefix, "'")
	if label == "" {
		return nil, nil, false
	}
	dec, offs := bodyformat.PercentDecoded([]byte(raw), false)
	text, csOffs, ok := bodyformat.DecodeLabelled(label, dec)
	if !ok {
		return nil, nil, false
	}
	if offs != nil {
		for i, o := range csOffs {
			csOffs[i] = offs[o]
		}
	}
	return text, csOffs, true
}
