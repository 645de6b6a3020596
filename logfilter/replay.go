package logfilter

import (
	"encoding/json"
	"strconv"
	"strings"

	"go.uber.org/zap/zapcore"
)

// A field the gate does not walk (walkgate.go) is written as zap wrote
// its document: the document's members are added again, value by value,
// through the entry's encoder (replayedMembers), so that what is written
// is what was scanned. Adding raw JSON (AddReflected of a
// json.RawMessage) would have encoding/json check and compact the whole
// document once more. The document holds what scanDocument passed: keys
// without escapes, strings (with or without escapes), integers of a few
// digits, true, false and null, objects and arrays.

// replayedMembers adds the members of the top object of doc, a document
// scanDocument passed, to the object the field is added to.
type replayedMembers struct{ doc string }

// MarshalLogObject adds each member of the top object.
func (m replayedMembers) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	r := &replayer{doc: m.doc, pos: 1} // past the '{'
	return r.members(enc)
}

// replayer reads a document from pos on as its members and elements are
// added.
type replayer struct {
	doc string
	pos int
}

// replayedObject and replayedArray add the members or elements of the
// object or array that starts at the replayer's position.
type (
	replayedObject struct{ r *replayer }
	replayedArray  struct{ r *replayer }
)

// MarshalLogObject adds the object's members.
func (o replayedObject) MarshalLogObject(enc zapcore.ObjectEncoder) error { return o.r.members(enc) }

// MarshalLogArray appends the array's elements.
func (a replayedArray) MarshalLogArray(enc zapcore.ArrayEncoder) error { return a.r.elements(enc) }

// skip passes white space and one of the bytes of seps.
func (r *replayer) skip(seps string) {
	for r.pos < len(r.doc) && (isSpace(r.doc[r.pos]) || strings.IndexByte(seps, r.doc[r.pos]) >= 0) {
		r.pos++
	}
}

// members adds the members of the object whose first member (or end) is
// at pos, and passes its '}'.
func (r *replayer) members(enc zapcore.ObjectEncoder) error {
	for r.skip(","); r.pos < len(r.doc) && r.doc[r.pos] != '}'; r.skip(",") {
		keyEnd := strings.IndexByte(r.doc[r.pos+1:], '"') + r.pos + 1
		key := r.doc[r.pos+1 : keyEnd]
		r.pos = keyEnd + 1
		r.skip(":")
		if err := r.member(enc, key); err != nil {
			return err
		}
	}
	r.pos++
	return nil
}

// member adds the value at pos under key.
func (r *replayer) member(enc zapcore.ObjectEncoder, key string) error {
	switch c := r.doc[r.pos]; {
	case c == '{':
		r.pos++
		return enc.AddObject(key, replayedObject{r})
	case c == '[':
		r.pos++
		return enc.AddArray(key, replayedArray{r})
	case c == '"':
		if s, raw, plain := r.str(); plain {
			enc.AddString(key, s)
		} else {
			return enc.AddReflected(key, json.RawMessage(raw))
		}
	case c == 't' || c == 'f':
		enc.AddBool(key, r.literal() == "true")
	case c == 'n':
		return enc.AddReflected(key, json.RawMessage(r.literal()))
	default:
		n, err := r.integer()
		if err != nil {
			return err
		}
		enc.AddInt64(key, n)
	}
	return nil
}

// elements appends the elements of the array whose first element (or
// end) is at pos, and passes its ']'.
func (r *replayer) elements(enc zapcore.ArrayEncoder) error {
	for r.skip(","); r.pos < len(r.doc) && r.doc[r.pos] != ']'; r.skip(",") {
		var err error
		switch c := r.doc[r.pos]; {
		case c == '{':
			r.pos++
			err = enc.AppendObject(replayedObject{r})
		case c == '[':
			r.pos++
			err = enc.AppendArray(replayedArray{r})
		case c == '"':
			if s, raw, plain := r.str(); plain {
				enc.AppendString(s)
			} else {
				err = enc.AppendReflected(json.RawMessage(raw))
			}
		case c == 't' || c == 'f':
			enc.AppendBool(r.literal() == "true")
		case c == 'n':
			err = enc.AppendReflected(json.RawMessage(r.literal()))
		default:
			var n int64
			if n, err = r.integer(); err == nil {
				enc.AppendInt64(n)
			}
		}
		if err != nil {
			return err
		}
	}
	r.pos++
	return nil
}

// str passes the string at pos and returns its content when it holds no
// escape (plain), and its JSON text.
func (r *replayer) str() (s, raw string, plain bool) {
	start := r.pos
	plain = true
	i := start + 1
	for ; i < len(r.doc) && r.doc[i] != '"'; i++ {
		if r.doc[i] == '\\' {
			plain = false
			i++
		}
	}
	r.pos = i + 1
	return r.doc[start+1 : i], r.doc[start:r.pos], plain
}

// literal passes the literal (true, false, null) at pos and returns it.
func (r *replayer) literal() string {
	start := r.pos
	for r.pos < len(r.doc) && 'a' <= r.doc[r.pos] && r.doc[r.pos] <= 'z' {
		r.pos++
	}
	return r.doc[start:r.pos]
}

// integer passes the integer at pos and returns it.
func (r *replayer) integer() (int64, error) {
	start := r.pos
	for r.pos < len(r.doc) && (r.doc[r.pos] == '-' || '0' <= r.doc[r.pos] && r.doc[r.pos] <= '9') {
		r.pos++
	}
	return strconv.ParseInt(r.doc[start:r.pos], 10, 64)
}
