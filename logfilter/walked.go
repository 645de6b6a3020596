package logfilter

import (
	"bytes"
	"encoding/json"
	"errors"

	"go.uber.org/zap/zapcore"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
)

// A structured field (an array, an object, an inline object, a value zap
// writes as JSON) is read twice. First each of its strings and numbers as
// zap adds it, hinted by its key (values.go, numbermembers.go,
// reflected.go). Then the JSON zap writes for the field, {"key": value},
// is walked as the format layer walks a JSON body (bodyformat.Inspect): a
// key naming a category joins the parts of a value split over an array's
// elements or an object's members ({"phone": [138, 1234, 5678]},
// {"phone": {"a": "138", "b": "12345678"}}), in nested objects,
// dictionaries and namespaces too, as it joins them in a body. The field
// is then written as the walked JSON, each of its members added to the
// entry as raw JSON, so the value is marshaled once. A field whose JSON
// the walker cannot read (too large, too much work) is replaced whole by
// redactedMarker.

// walkDocument is the call through which the JSON of every structured
// field reaches the format layer's walker. It is a variable only so that
// tests can count the documents walked; nothing else sets it.
var walkDocument = func(e *detect.Engine, doc []byte) (bodyformat.Result, error) {
	return bodyformat.Inspect(e, doc, "application/json", "", bodyformat.Redact, bodyformat.Limits{})
}

// walkEvery walks every structured field, whatever scanDocument says.
// It is a variable only so that tests can compare gated fields with
// walked ones; nothing else sets it.
var walkEvery = false

// documentEncoder writes the JSON document of a field as zap's JSON
// encoder writes the field in an entry: {"key": value}, durations and
// times in nanoseconds (the encoder's defaults). Safe for concurrent use:
// EncodeEntry works on a clone.
var documentEncoder = zapcore.NewJSONEncoder(zapcore.EncoderConfig{SkipLineEnding: true})

// errNotMembers: the walked document is no JSON object.
var errNotMembers = errors.New("pii log filter: walked field is no JSON object")

// walked returns fd (its values already read one by one) with its JSON
// walked when the walk may find more (scanDocument): a field adding the
// walked members, or the members as zap wrote them (replay.go), in fd's
// place.
func (f *Filter) walked(fd zapcore.Field) zapcore.Field {
	buf, err := documentEncoder.EncodeEntry(zapcore.Entry{}, []zapcore.Field{fd})
	if err != nil {
		return redactedField(fd.Key)
	}
	defer buf.Free()
	if !walkEvery && !f.scanDocument(buf.Bytes()) {
		return zapcore.Field{Key: fd.Key, Type: zapcore.InlineMarshalerType, Interface: replayedMembers{doc: string(buf.Bytes())}}
	}
	res, err := walkDocument(f.engine, buf.Bytes())
	if err != nil {
		return redactedField(fd.Key)
	}
	walkedMembers, err := jsonMembers(res.Body)
	if err != nil {
		return redactedField(fd.Key)
	}
	return zapcore.Field{Key: fd.Key, Type: zapcore.InlineMarshalerType, Interface: walkedMembers}
}

// rawMember is a member of a walked document: its key and its value's
// JSON text.
type rawMember struct {
	key   string
	value json.RawMessage
}

// rawMembers adds the members of a walked document to the object a field
// is added to, in their order.
type rawMembers []rawMember

// MarshalLogObject adds each member as raw JSON.
func (ms rawMembers) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	for _, m := range ms {
		if err := enc.AddReflected(m.key, m.value); err != nil {
			return err
		}
	}
	return nil
}

// jsonMembers returns the members of the JSON object doc, their values
// copied out of it.
func jsonMembers(doc []byte) (rawMembers, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, errNotMembers
	}
	var ms rawMembers
	for dec.More() {
		tok, err := dec.Token()
		key, ok := tok.(string)
		if err != nil || !ok {
			return nil, errNotMembers
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		ms = append(ms, rawMember{key: key, value: v})
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('}') {
		return nil, errNotMembers
	}
	return ms, nil
}
