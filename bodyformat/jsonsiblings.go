package bodyformat

import "github.com/piifilter/caddy-pii-filter/detect"

// A page that shows the fields of a record side by side shows a number
// split across them as one (when a key says what the record holds):
// {"a":"138","b":"1234","c":"5678"} or
// {"region":"110105","birth":"19900101","seq":"1234"}. The JSON walker adds
// the values of an object's members that are digits only (strings of
// digits, an ID's check X at the end, integers) to one join, a space apart,
// and reads it as it reads an array's join: a number the engine reads in
// those groups (138 1234 5678, 110105 19900101 1234) is found across the
// values and masked in each. Values of any other text are left out: a
// record's other fields hold no part of a number, and reading them joined
// would double the work on every record.

// siblingHint are the categories one of an object's keys (or a form's
// field names) must name for its values to be read joined: a record of
// counts, prices and ids ({"id":"825","qty":"1576","price":"112"}) reads
// as a spaced mobile one time in twenty, a record of a phone or an ID
// split over fields names what it holds ({"tel1":"138","tel2":"1234"…},
// {"idRegion":…}).
var siblingHint = detect.NewCategorySet(detect.CNMobile, detect.Phone, detect.CNLandline, detect.CNID, detect.BankCard,
	detect.HKID, detect.TWID, detect.USSSN)

// siblingSep stands between two values of an object's join.
var siblingSep = []byte(" ")

// maxSiblingDigits bounds the values added to an object's join: no part
// of an identifier is longer.
const maxSiblingDigits = 19

// addSibling adds the text of a member's value to the object's join when
// it is digits only and not an identifier found whole on its own.
func (w *jsonWalker) addSibling(j *textJoin, str int, text []byte, found []span) {
	if !digitsOnly(text) {
		return
	}
	for _, f := range found {
		if f.from == 0 && f.to == len(text) {
			return // an identifier of its own (a record's mobile): no part of another
		}
	}
	if j.strings > 0 {
		j.appendSeg(-1, 0, siblingSep, nil)
	}
	w.addToJoin(j, str, text, found)
}

// siblingJoin returns the empty join of the object open at depth. The
// inspector keeps one for each depth and reuses it, buffers and all, for
// every object there, in every document it walks (an event's, a
// string's): depths are counted from the body's root, so the objects open
// at once never share one.
func (in *inspector) siblingJoin(depth int) *textJoin {
	for len(in.siblings) <= depth {
		in.siblings = append(in.siblings, new(textJoin))
	}
	j := in.siblings[depth]
	j.reset(nil, 0)
	return j
}
