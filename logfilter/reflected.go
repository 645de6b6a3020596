package logfilter

import (
	"bytes"
	"encoding/json"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
)

// A value logged with zap.Any or zap.Reflect (a map, a struct, a slice),
// or added to an object with AddReflected, is written as JSON. It is read
// as that JSON's text, through redact as a string is, hinted by its key;
// when the redacted text is still valid JSON it is written as JSON, and
// otherwise (a mask took the place of a number) as a string holding the
// redacted text. A value JSON cannot encode is written as zap writes it,
// the encoding error under "<key>Error", the error's text redacted.

// reflectedJSON encodes v as zap's JSON encoder does (no HTML escaping,
// no trailing newline).
func reflectedJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// redactReflected returns the field of a reflected value (key) with the
// personal data in its JSON masked: a reflected field holding the
// redacted JSON, or a string field.
func (f *Filter) redactReflected(key string, v any, hint detect.CategorySet) zapcore.Field {
	text, err := reflectedJSON(v)
	if err != nil {
		return zap.String(key+"Error", f.redact(err.Error(), hint))
	}
	out := f.redact(string(text), hint)
	if out == string(text) {
		return zap.Reflect(key, json.RawMessage(text))
	}
	if json.Valid([]byte(out)) {
		return zap.Reflect(key, json.RawMessage(out))
	}
	return zap.String(key, out)
}

// reflectedMember is redactReflected for a value added to an object or
// an array while the entry is encoded: after a panic the value becomes
// the string redactedMarker.
func (f *Filter) reflectedMember(key string, v any, hint detect.CategorySet) (out zapcore.Field) {
	defer containField(key, &out)
	return f.redactReflected(key, v, hint)
}

// AddReflected adds the member, its JSON redacted.
func (e redactingObjectEncoder) AddReflected(key string, v any) error {
	e.f.reflectedMember(key, v, bodyformat.HintForKey(key)).AddTo(e.ObjectEncoder)
	return nil
}

// AppendReflected appends v, its JSON redacted.
func (e redactingArrayEncoder) AppendReflected(v any) error {
	fd := e.f.reflectedMember("", v, e.hint)
	switch fd.Type {
	case zapcore.ReflectType:
		return e.ArrayEncoder.AppendReflected(fd.Interface)
	default:
		e.ArrayEncoder.AppendString(fd.String)
	}
	return nil
}
