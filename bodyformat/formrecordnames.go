package bodyformat

import (
	"net/url"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A form is a record as a JSON object is (recordnames.go):
// a=<name>&b=<ID>&c=<mobile> names its a though its field name says
// nothing. The values of fields that name nothing and found nothing of
// their own are kept (at most maxRecordNameVals, each at most
// maxRecordNameRaw bytes as written), and read as the record's names once
// the form is read, when one of its values held a resident ID or a
// mobile.

// formRecord is what a form keeps of its fields for its names.
type formRecord struct {
	ids   bool     // a value held a person's identifier
	names [][2]int // the values that may be names, where they stand in the form
}

// field notes the value b[start:end] of a field (neutral: under a name
// that names nothing, neutralField) and fs, what its reading found.
func (rec *formRecord) field(neutral bool, start, end int, fs []detect.Finding) {
	switch {
	case holdsRecordID(fs):
		rec.ids = true
	case neutral && len(fs) == 0 && end-start >= 4 && end-start <= maxRecordNameRaw && len(rec.names) < maxRecordNameVals:
		rec.names = append(rec.names, [2]int{start, end})
	}
}

// recordNames reads the values rec kept as its names when it holds an
// identifier, and masks the names found in them.
func (r *formReader) recordNames(rec formRecord) {
	if !rec.ids {
		return
	}
	for _, v := range rec.names {
		raw := r.out.src[v[0]:v[1]]
		text, offs, decoded := decodeForm(raw, r.dec[:0], r.offs[:0], true)
		if decoded {
			r.dec, r.offs = text, offs
		} else {
			text = raw
		}
		if len(text) == 0 || text[0] < 0x80 {
			continue // a name is two Han characters or more: no ASCII first
		}
		for _, f := range r.in.recordNames(text) {
			if r.in.mode != Redact {
				continue
			}
			rs, re := f.Start, f.End
			if decoded {
				rs, re = rawSpan(offs, f.Start, f.End)
			}
			r.replace(v[0]+rs, v[0]+re, []byte(url.QueryEscape(f.Masked)))
		}
	}
}
