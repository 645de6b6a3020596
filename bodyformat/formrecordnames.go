package bodyformat

import (
	"net/url"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A form is a record as a JSON object is (recordnames.go):
// a=<name>&b=<ID>&c=<mobile> names its a though its field name says
// nothing. The values of fields that name nothing, found nothing of their
// own and have a name's shape once decoded (nameShaped) are kept, each at
// most maxRecordNameRaw bytes decoded, every one of them (as in JSON:
// decoys push no name out), and read as the record's names once the form is
// read, when one of its values held a resident ID or a mobile.

// formRecord is what a form keeps of its fields for its names.
type formRecord struct {
	ids   bool     // a value held a person's identifier
	names [][2]int // the values that may be names, where they stand in the form
}

// field notes the value b[start:end] of a field (candidate: under a name
// that names nothing, of a name's shape: formReader.nameCandidate) and
// fs, what its reading found.
func (rec *formRecord) field(candidate bool, start, end int, fs []detect.Finding) {
	switch {
	case holdsRecordID(fs):
		rec.ids = true
	case candidate && len(fs) == 0:
		rec.names = append(rec.names, [2]int{start, end})
	}
}

// nameCandidate reports whether raw, a value as written under a field
// that names nothing, may be its record's name: of a name's length and shape once
// decoded (into r.nameDec).
func (r *formReader) nameCandidate(raw []byte) bool {
	if len(raw) < 4 || len(raw) > 3*maxRecordNameRaw {
		return false // (a percent escape writes a byte in three)
	}
	text, _, decoded := decodeForm(raw, r.nameDec[:0], nil, false)
	if decoded {
		r.nameDec = text
	} else {
		text = raw
	}
	return len(text) <= maxRecordNameRaw && nameShapedValue(text)
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
