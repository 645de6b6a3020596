package bodyformat

import (
	"bytes"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A record is evidence for a name (pii-rules.md: "adjacency to other
// personal data in the same record"): {"a":"张三","b":<ID>,"c":<mobile>}
// names 张三 though its key says nothing. The JSON walker keeps, for each
// object, the string members under keys that name nothing whose values
// could be a name (short, not ASCII), and when another member of the
// object holds a resident ID or a mobile, reads each of them with a name
// hint once the object closes, if the engine gives it a name's strict
// shape (detect.RecordName: a surname, no place, no common word). Values
// under a key that names something (city, 商品) are read under that key
// alone.

// Bounds of the values kept as a record's names: a name is a field of a
// few characters (escaped, six bytes each, a surrogate pair twelve), and
// a record has few fields.
const (
	maxRecordNameRaw  = 48
	maxRecordNameVals = 8
)

// recordState is what an object keeps of its members for its names:
// where its values in w.names start, and whether one of its members held
// a person's identifier.
type recordState struct {
	base int
	ids  bool
}

// recordStart begins the record of an object.
func (w *jsonWalker) recordStart() recordState {
	return recordState{base: len(w.names)}
}

// recordMember notes the member just read, whose key (key, hint,
// w.keyDeny) ended at src[keyEnd]: an identifier its value holds, or its string
// value as a possible name when the key names nothing.
func (w *jsonWalker) recordMember(rec *recordState, key []byte, keyEnd int, hint detect.CategorySet) {
	if w.lastStr <= keyEnd || !memberGlue(w.src[keyEnd:w.lastStr]) {
		return // an object's or array's value: not this record's field
	}
	for _, f := range w.lastFound {
		if recordIDs.Has(f.cat) {
			rec.ids = true
			return
		}
	}
	if !neutralField(key, hint, w.keyDeny) || len(w.lastFound) > 0 || len(w.names)-rec.base >= maxRecordNameVals {
		return
	}
	start := w.lastStr
	if start == 0 || start >= len(w.src) || !w.quoted(w.src[start-1]) {
		return // a number
	}
	if w.src[start] < 0x80 && w.src[start] != '\\' {
		return // a name is two Han characters or more: no ASCII first
	}
	end := start
	for end < len(w.src) && end-start <= maxRecordNameRaw && w.src[end] != w.src[start-1] {
		if w.src[end] == '\\' {
			end++
		}
		end++
	}
	if end-start < 4 || end-start > maxRecordNameRaw {
		return // a name is two Han characters or more, under no key naming something else
	}
	w.names = append(w.names, [2]int32{int32(start), int32(end)})
}

// memberGlue reports whether b, what stands between a key's end and its
// value's text, is only the ':' and spaces and the value's quote.
func memberGlue(b []byte) bool {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\r', '\n', ':', '"', '\'', '`':
		default:
			return false
		}
	}
	return true
}

// recordNames reads the values of a closed object's record kept as
// possible names, when the record holds an identifier, and forgets them.
// A value read before the object closed is written already: its mask is
// put where the walk's second pass writes it (w.found, as a join's parts
// are).
func (w *jsonWalker) recordNames(rec recordState) {
	if rec.ids {
		for _, v := range w.names[rec.base:] {
			start, end := int(v[0]), int(v[1])
			text, escaped := w.src[start:end], bytes.IndexByte(w.src[start:end], '\\') >= 0
			if escaped {
				w.dec, w.offs, _ = decodeEscapes(text, w.dec[:0], w.offs[:0])
				text = w.dec
			}
			w.recordName(start, text)
		}
		w.lastStr = -1
	}
	w.names = w.names[:rec.base]
}

// recordName reads text, the decoded value of the string whose text
// starts at src[start], as a record's name (inspector.recordNames), and
// marks the names found in it for the second pass to mask (forcedSpan).
func (w *jsonWalker) recordName(start int, text []byte) {
	for _, f := range w.in.recordNames(text) {
		if w.found == nil {
			w.found = make(map[int][]forcedSpan)
		}
		w.found[start] = append(w.found[start], forcedSpan{f.Start, f.End, f.Masked})
	}
}

// keyNamesOther reports whether key, camelCase or snake_case, is a word
// of the key list that names no personal data (productName, nickname,
// city_name: data/keys.txt's "-" words): its value is what it names.
func keyNamesOther(key []byte) bool {
	if len(key) > maxKeyBytes {
		return false
	}
	var buf [maxKeyBytes]byte
	low := buf[:0]
	for _, c := range key {
		switch {
		case c == '_' || c == '-' || c == '.':
			continue
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		}
		low = append(low, c)
	}
	cats, listed := keys.words[string(low)]
	return listed && cats == 0
}
