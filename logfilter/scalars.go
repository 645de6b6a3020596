package logfilter

import (
	"encoding/base64"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// The values zap writes that are neither strings nor plain numbers are
// read as the text a log shows of them, hinted by their key, at the top
// of an entry and as an object's members or an array's elements: binary
// data (zap.Binary, zap.Any of a []byte) as the base64 zap writes, which
// the format layer's base64 reading decodes; a complex number as zap
// writes it ("13812345678+0i"); a duration and a time as the nanoseconds
// an encoder may write (zap's default, a nanosecond encoder), through the
// number gate. One holding personal data is written as a string holding
// the redacted text; any other is written as it came.

// binaryText is the text zap's JSON encoder writes for binary data.
func binaryText(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

// complexText is the text zap's JSON encoder writes for a complex number
// of bits-bit parts.
func complexText(v complex128, bits int) string {
	r, i := floatText(real(v), bits), floatText(imag(v), bits)
	if imag(v) >= 0 {
		i = "+" + i
	}
	return r + i + "i"
}

// scalarText returns the text a log shows of a binary, complex, duration
// or time field, whether it is to be read with the number gate, and
// false (ok) for a field of another type or whose value is not of its
// type.
func scalarText(in zapcore.Field) (text string, number, ok bool) {
	switch in.Type {
	case zapcore.BinaryType:
		b, ok := in.Interface.([]byte)
		return binaryText(b), false, ok
	case zapcore.Complex128Type:
		v, ok := in.Interface.(complex128)
		return complexText(v, 64), true, ok
	case zapcore.Complex64Type:
		v, ok := in.Interface.(complex64)
		return complexText(complex128(v), 32), true, ok
	case zapcore.DurationType, zapcore.TimeType:
		return intText(in.Integer), true, true
	case zapcore.TimeFullType:
		t, ok := in.Interface.(time.Time)
		return intText(t.UnixNano()), true, ok
	}
	return "", false, false
}

// filterScalar returns a binary, complex, duration or time field as it
// is, or, when its text holds personal data, as a string field holding
// the redacted text. A field whose value is not of its type (zap would
// panic on it) is replaced whole.
func (f *Filter) filterScalar(in zapcore.Field, hint detect.CategorySet) zapcore.Field {
	text, number, ok := scalarText(in)
	if !ok {
		return redactedField(in.Key)
	}
	if number {
		return f.filterNumber(in, text, hint)
	}
	if out := f.redact(text, hint); out != text {
		return zap.String(in.Key, out)
	}
	return in
}

// AddBinary adds the member, as a string holding its redacted base64 when
// that holds personal data.
func (e redactingObjectEncoder) AddBinary(key string, v []byte) {
	text := binaryText(v)
	if out := e.f.redactMember(key, text); out != text {
		e.ObjectEncoder.AddString(key, out)
		return
	}
	e.ObjectEncoder.AddBinary(key, v)
}

// AddComplex128 adds the member, masked when it holds personal data.
func (e redactingObjectEncoder) AddComplex128(key string, v complex128) {
	if !e.maskedMember(key, complexText(v, 64)) {
		e.ObjectEncoder.AddComplex128(key, v)
	}
}

// AddComplex64 adds the member, masked when it holds personal data.
func (e redactingObjectEncoder) AddComplex64(key string, v complex64) {
	if !e.maskedMember(key, complexText(complex128(v), 32)) {
		e.ObjectEncoder.AddComplex64(key, v)
	}
}

// AddDuration adds the member, masked when its nanoseconds hold personal
// data.
func (e redactingObjectEncoder) AddDuration(key string, v time.Duration) {
	if shortInt(int64(v)) || !e.maskedMember(key, intText(int64(v))) {
		e.ObjectEncoder.AddDuration(key, v)
	}
}

// AddTime adds the member, masked when its nanoseconds since the epoch
// hold personal data.
func (e redactingObjectEncoder) AddTime(key string, v time.Time) {
	if n := v.UnixNano(); shortInt(n) || !e.maskedMember(key, intText(n)) {
		e.ObjectEncoder.AddTime(key, v)
	}
}

// AppendComplex128 appends v, masked when it holds personal data.
func (e redactingArrayEncoder) AppendComplex128(v complex128) {
	if !e.maskedElement(complexText(v, 64)) {
		e.ArrayEncoder.AppendComplex128(v)
	}
}

// AppendComplex64 appends v, masked when it holds personal data.
func (e redactingArrayEncoder) AppendComplex64(v complex64) {
	if !e.maskedElement(complexText(complex128(v), 32)) {
		e.ArrayEncoder.AppendComplex64(v)
	}
}

// AppendDuration appends v, masked when its nanoseconds hold personal
// data.
func (e redactingArrayEncoder) AppendDuration(v time.Duration) {
	if shortInt(int64(v)) || !e.maskedElement(intText(int64(v))) {
		e.ArrayEncoder.AppendDuration(v)
	}
}

// AppendTime appends v, masked when its nanoseconds since the epoch hold
// personal data.
func (e redactingArrayEncoder) AppendTime(v time.Time) {
	if n := v.UnixNano(); shortInt(n) || !e.maskedElement(intText(n)) {
		e.ArrayEncoder.AppendTime(v)
	}
}
