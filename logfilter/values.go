package logfilter

import (
	"go.uber.org/zap/zapcore"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// redactedArray marshals an array with its strings redacted.
type redactedArray struct {
	a    zapcore.ArrayMarshaler
	f    *Filter
	hint detect.CategorySet
}

// MarshalLogArray marshals the wrapped array through a redacting encoder.
func (r redactedArray) MarshalLogArray(enc zapcore.ArrayEncoder) error {
	return r.a.MarshalLogArray(redactingArrayEncoder{ArrayEncoder: enc, f: r.f, hint: r.hint})
}

// redactedObject marshals an object with its string members redacted,
// each hinted by its key.
type redactedObject struct {
	o zapcore.ObjectMarshaler
	f *Filter
}

// MarshalLogObject marshals the wrapped object through a redacting
// encoder, each member under its key masked (membersEncoder).
func (r redactedObject) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	return r.o.MarshalLogObject(redactingObjectEncoder{ObjectEncoder: membersEncoder{ObjectEncoder: enc, f: r.f}, f: r.f})
}

// redactingArrayEncoder redacts the strings appended to an array and
// passes everything else on.
type redactingArrayEncoder struct {
	zapcore.ArrayEncoder
	f    *Filter
	hint detect.CategorySet
}

// AppendString appends s redacted.
func (e redactingArrayEncoder) AppendString(s string) {
	e.ArrayEncoder.AppendString(e.f.redactElement(s, e.hint))
}

// AppendByteString appends b redacted.
func (e redactingArrayEncoder) AppendByteString(b []byte) {
	e.ArrayEncoder.AppendByteString([]byte(e.f.redactElement(string(b), e.hint)))
}

// AppendArray appends a nested array, redacted.
func (e redactingArrayEncoder) AppendArray(a zapcore.ArrayMarshaler) error {
	return e.ArrayEncoder.AppendArray(redactedArray{a: a, f: e.f, hint: e.hint})
}

// AppendObject appends a nested object, redacted.
func (e redactingArrayEncoder) AppendObject(o zapcore.ObjectMarshaler) error {
	return e.ArrayEncoder.AppendObject(redactedObject{o: o, f: e.f})
}

// redactingObjectEncoder redacts the string members added to an object,
// hinting each by its key, and passes everything else on.
type redactingObjectEncoder struct {
	zapcore.ObjectEncoder
	f *Filter
}

// AddString adds the member redacted.
func (e redactingObjectEncoder) AddString(key, value string) {
	e.ObjectEncoder.AddString(key, e.f.redactMember(key, value))
}

// AddByteString adds the member redacted.
func (e redactingObjectEncoder) AddByteString(key string, value []byte) {
	e.ObjectEncoder.AddByteString(key, []byte(e.f.redactMember(key, string(value))))
}

// AddArray adds an array member, redacted.
func (e redactingObjectEncoder) AddArray(key string, a zapcore.ArrayMarshaler) error {
	return e.ObjectEncoder.AddArray(key, redactedArray{a: a, f: e.f, hint: e.f.keyHint(key)})
}

// AddObject adds an object member, redacted.
func (e redactingObjectEncoder) AddObject(key string, o zapcore.ObjectMarshaler) error {
	return e.ObjectEncoder.AddObject(key, redactedObject{o: o, f: e.f})
}
