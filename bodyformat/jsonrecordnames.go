package bodyformat

import (
	"bytes"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A record is evidence for a name (pii-rules.md: "adjacency to other
// personal data in the same record"): {"a":"张三","b":<ID>,"c":<mobile>}
// names 张三 though its key says nothing. The JSON walker keeps, for each
// object, the string members under keys that name nothing whose values
// could be a name (short, not ASCII but white space), and when another
// member of the object (or a scalar of an array member) holds a resident
// ID or a mobile, reads each of them with a name hint once the object
// closes, if the engine gives it a name's strict shape (detect.RecordName:
// a surname, no place, no common word) once the white space a receiver
// shows as blank is trimmed. Values under a key that names something
// (city, 商品, title) are read under that key alone.

// maxRecordNameRaw bounds a value read as a record's name: a name is a
// field of a few characters (escaped, six bytes each, a surrogate pair
// twelve). Every value of a name's shape is kept, none pushed out by
// others (decoys): each takes one entry for four bytes of the body at
// least, so what is kept is bounded by the body.
const maxRecordNameRaw = 48

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
// w.keyDeny) ended at src[keyEnd]: an identifier its value holds (or the
// scalars of its array value hold: {"ids":[<ID>]}), or its string value
// as a possible name when the key names nothing. Only a value a name's
// shape (nameShaped) takes a place, and every one is kept: decoys of a
// name's shape push no name out.
func (w *jsonWalker) recordMember(rec *recordState, key []byte, keyEnd int, hint detect.CategorySet) {
	scalarIDs := w.scalarIDs
	w.scalarIDs = false
	if w.lastStr <= keyEnd || !memberGlue(w.src[keyEnd:w.lastStr]) {
		rec.ids = rec.ids || scalarIDs // an array's scalars are this record's fields, an object's members its own
		return
	}
	if hasRecordID(w.lastFound) {
		rec.ids = true
		return
	}
	if hint != 0 || w.keyDeny != 0 || w.keyNamesOther(key) || len(w.lastFound) > 0 {
		return // (not neutralField, its key's answer asked of the hint cache)
	}
	start := w.lastStr
	if start == 0 || start >= len(w.src) || !w.quoted(w.src[start-1]) {
		return // a number
	}
	if c := w.src[start]; c < 0x80 && c != '\\' && c != ' ' && c != '\t' {
		return // a name is two Han characters or more: no ASCII first but white space
	}
	end := w.rawEnd(start)
	if end-start < 4 || end-start > maxRecordNameRaw {
		return // a name is two Han characters or more, under no key naming something else
	}
	if _, _, ok := nameShaped(w.recordText(start, end)); !ok {
		return
	}
	w.names = append(w.names, [2]int32{int32(start), int32(end)})
}

// rawEnd returns where the string whose text starts at src[start] ends
// (its closing quote), or, when that is more than maxRecordNameRaw bytes
// on, a place past that bound: of a JSON string, stringValue's end kept
// (lastQuote), of a script's one, read to its quote.
func (w *jsonWalker) rawEnd(start int) int {
	if !w.js && start == w.lastStr && w.lastQuote >= start {
		return min(w.lastQuote, start+maxRecordNameRaw+1)
	}
	end := start
	for end < len(w.src) && end-start <= maxRecordNameRaw && w.src[end] != w.src[start-1] {
		if w.src[end] == '\\' {
			end++
		}
		end++
	}
	return end
}

// recordText returns the text of the string src[start:end] a receiver
// shows: decoded into w.recDec, not w.dec, which may still hold the value
// read last.
func (w *jsonWalker) recordText(start, end int) []byte {
	text := w.src[start:end]
	if bytes.IndexByte(text, '\\') >= 0 {
		w.recDec, w.recOffs, _ = decodeEscapes(text, w.recDec[:0], w.recOffs[:0])
		text = w.recDec
	}
	return text
}

// hasRecordID reports whether found, what was found in a value, holds an
// identifier that makes an object a person's record.
func hasRecordID(found []span) bool {
	for _, f := range found {
		if recordIDs.Has(f.cat) {
			return true
		}
	}
	return false
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
			start := int(v[0])
			w.recordName(start, w.recordText(start, int(v[1])))
		}
		w.lastStr = -1
	}
	w.names = w.names[:rec.base]
}

// recordName reads text, the decoded value of the string whose text
// starts at src[start], as a record's name (inspector.recordNames), and
// marks the names found in it for the second pass to mask (forcedSpan):
// the name, not the white space around it.
func (w *jsonWalker) recordName(start int, text []byte) {
	for _, f := range w.in.recordNames(text) {
		if w.found == nil {
			w.found = make(map[int][]forcedSpan)
		}
		w.found[start] = append(w.found[start], forcedSpan{f.Start, f.End, f.Masked})
	}
}

// keyNamesOther is keyNamesOther(key) for key, the key of the member
// just read: asked of the hint cache's slot of the key objectKey read
// last when that is key, where it is worked out once a walk for each key
// (a record's keys come again in every record), as keyAppended is; the
// answer depends on the key's bytes alone.
func (w *jsonWalker) keyNamesOther(key []byte) bool {
	s := w.keySlot
	if s == nil || string(s.key) != string(key) {
		return keyNamesOther(key) // (no slot, or one a nested member's key took since)
	}
	if s.namesOther == 0 {
		s.namesOther = appendedNo
		if keyNamesOther(key) {
			s.namesOther = appendedYes
		}
	}
	return s.namesOther == appendedYes
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
