package bodyformat

import "github.com/piifilter/caddy-pii-filter/detect"

// An XML element's leaves and attributes are a record's fields as a JSON
// object's members and a form's fields are (jsonsiblings.go,
// formsiblings.go): <p><tel1>138</tel1><tel2>1234</tel2><tel3>5678</tel3></p>
// and <p tel1="138" tel2="1234" tel3="5678"/> show a mobile. The values
// of digits only (digitsOnly) of an element with no finding of their own
// are read joined once it closes (valueJoin), when its name or theirs
// names a phone or an ID (siblingHint); a number found across them masks
// each whole. The reading is xmlRecordNames' (xmlrecordnames.go).

// xmlJoins reports whether the document doc is read for its joins: not
// the fields of a binary body (formSiblings says why), and the work
// counted (each byte is looked at once more).
func (in *inspector) xmlJoins(doc []byte) bool {
	return !in.binaryFields && (in.meter == nil || in.meter.spend(int64(len(doc))) == nil)
}

// digits notes doc[from:to], the text of f's leaf or attribute named key
// with no finding of its own, for f's join when it is digits only.
func (r *xmlNames) digits(f *xmlFrame, key []byte, from, to int) {
	if !r.joins || to-from > maxSiblingDigits*maxDigitBytes*8 {
		return // no part of a number, references and all
	}
	if text, _, ok := r.text(from, to); !ok || !digitsOnly(text) {
		return
	}
	f.hint |= keyHint(key) & siblingHint
	f.digits = append(f.digits, [2]int{from, to})
}

// joined appends to r.names the masks of the values of f's join a
// number across them takes in.
func (r *xmlNames) joined(f *xmlFrame) {
	if len(f.digits) < 2 || f.hint == 0 {
		return
	}
	r.join.reset()
	for _, v := range f.digits {
		text, _, _ := r.text(v[0], v[1])
		r.join.add(text)
	}
	r.in.readValueJoin(&r.join, f.hint, func(k int, found detect.Finding) {
		v := f.digits[k]
		found.Start, found.End = v[0], v[1]
		found.Masked = string(maskWhole(r.doc[v[0]:v[1]]))
		r.names = append(r.names, found)
	})
}
