package detect

// RecordName reports whether value, the whole text of one field of a
// record (a JSON object's member, a form's field) whose key names nothing,
// has the strict shape a Chinese name needs when only the record's other
// personal data speaks for it (a resident ID, a mobile in another field):
// a surname and one to three Han characters (or a transliteration with a
// name dot), no listed word, no place (北京, 武汉: notnames.txt), no
// particle, no ending of a place or an institution. It is the test
// proximityName makes of a name next to a finding in text.
func RecordName(value []byte) bool {
	if len(value) == 0 || len(value) > maxRecordNameBytes {
		return false
	}
	s := scanner{text: value}
	return s.proximityName(0, len(value))
}

// maxRecordNameBytes bounds the value RecordName looks at: a name of
// maxNameRunes characters, a transliteration's dots included, fits.
const maxRecordNameBytes = 12 * 3
