package bodyformat

import (
	"bytes"
	"unicode"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A record's fields are evidence for one another (pii-rules.md:
// "adjacency to other personal data in the same record"): a name-shaped
// value under a field that names nothing is a name when its record holds
// a resident ID or a mobile. The rule is said here once, for every shape
// of record: a JSON object's members (jsonrecordnames.go), a form's
// fields (formrecordnames.go), a CSV row's cells under its header
// (csvrecordnames.go) and an XML element's leaves (xmlrecordnames.go).

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
// identifier, holds: none unless the value has a name's strict shape
// (nameShaped), its spans in text (the name, not the white space around
// it).
func (in *inspector) recordNames(text []byte) []detect.Finding {
	trimmed, lead, ok := nameShaped(text)
	if !ok {
		return nil
	}
	fs := in.find(trimmed, recordNameHint)
	names := fs[:0]
	for _, f := range fs {
		if f.Category == detect.CNName {
			f.Start, f.End = f.Start+lead, f.End+lead
			names = append(names, f)
		}
	}
	return names
}

// nameShaped returns text without the white space or invisible
// characters around it (" 张三", "张三\u00a0", "\u3000张三") and where that
// starts in text; ok when it has a name's strict shape (detect.RecordName:
// a surname, no place, no common word).
func nameShaped(text []byte) (trimmed []byte, lead int, ok bool) {
	trimmed = bytes.TrimRightFunc(text, shownAsNothing)
	lead = len(trimmed) - len(bytes.TrimLeftFunc(trimmed, shownAsNothing))
	trimmed = trimmed[lead:]
	return trimmed, lead, detect.RecordName(trimmed)
}

// nameShapedValue reports whether text has a name's shape (nameShaped).
func nameShapedValue(text []byte) bool {
	_, _, ok := nameShaped(text)
	return ok
}

// shownAsNothing reports the characters a receiver's display shows as
// blank or nothing: white space (U+3000, U+00A0 included) and the
// invisible characters the engine reads through (detect.Invisible).
func shownAsNothing(r rune) bool { return unicode.IsSpace(r) || detect.Invisible(r) }
