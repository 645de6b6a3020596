package bodyformat

import "github.com/piifilter/caddy-pii-filter/detect"

// A record's fields are evidence for one another (pii-rules.md:
// "adjacency to other personal data in the same record"): a name-shaped
// value under a field that names nothing is a name when its record holds
// a resident ID or a mobile. The rule is said here once, for every shape
// of record: a JSON object's members (jsonrecordnames.go) and a form's
// fields (formrecordnames.go).

// recordIDs are the identifiers that make a record a person's.
var recordIDs = detect.NewCategorySet(detect.CNID, detect.CNMobile)

// recordNameHint is the hint a record's name-shaped value is read with.
var recordNameHint = detect.NewCategorySet(detect.CNName)

// holdsRecordID reports whether fs, the findings of one of a record's
// values, hold an identifier that makes the record a person's.
func holdsRecordID(fs []detect.Finding) bool {
	for _, f := range fs {
		if recordIDs.Has(f.Category) {
			return true
		}
	}
	return false
}

// neutralField reports whether a value under key, whose words give it
// hint and deny, stands under a field that names nothing: no key word,
// no denial, not a word naming something else (productName, city_name).
// Only such a value may be its record's name.
func neutralField(key []byte, hint, deny detect.CategorySet) bool {
	return hint == 0 && deny == 0 && !keyNamesOther(key)
}

// recordNames returns the names text, a neutral field's decoded value
// with no finding of its own in a record that holds a person's
// identifier, holds: none unless the whole value has a name's strict
// shape (detect.RecordName: a surname, no place, no common word).
func (in *inspector) recordNames(text []byte) []detect.Finding {
	if !detect.RecordName(text) {
		return nil
	}
	fs := in.find(text, recordNameHint)
	names := fs[:0]
	for _, f := range fs {
		if f.Category == detect.CNName {
			names = append(names, f)
		}
	}
	return names
}
