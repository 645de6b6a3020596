package logfilter

import (
	"math"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// The numbers of an object or an array are read as its strings are: an
// object's hinted by their key, an array's by its field's, and one
// holding personal data is written as a string holding its mask.
// Integers of fewer digits than any key makes worth reading (int8 and
// uint8 always) are written without being formatted or read: a status, a
// count or a small size costs a comparison.

// shortBelow is the least integer that has as many digits as the fewest
// a number needs under any key (numberDigits): 10_000.
var shortBelow = func() int64 {
	n := int64(1)
	for range detect.KeyDigits(detect.NewCategorySet(detect.AllCategories...)) - 1 {
		n *= 10
	}
	return n
}()

// shortInt reports whether v has fewer digits than any number worth
// reading.
func shortInt(v int64) bool { return -shortBelow < v && v < shortBelow }

// shortUint is shortInt for an unsigned integer.
func shortUint(v uint64) bool { return v < uint64(shortBelow) }

// shortFloat is shortInt for a float: a whole number of few digits.
func shortFloat(v float64) bool {
	return -float64(shortBelow) < v && v < float64(shortBelow) && v == math.Trunc(v)
}

// maskedMember adds the member key as a string holding the mask of the
// number written text, and reports whether it did; false means the
// number holds nothing and is to be added as it is.
func (e redactingObjectEncoder) maskedMember(key, text string) bool {
	out := e.f.numberMember(key, text, e.f.keyHint(key))
	if out == text {
		return false
	}
	e.ObjectEncoder.AddString(key, out)
	return true
}

// maskedInt is maskedMember for an integer: false, without formatting it,
// when v is too short to hold any.
func (e redactingObjectEncoder) maskedInt(key string, v int64) bool {
	return !shortInt(v) && e.maskedMember(key, intText(v))
}

// maskedUint is maskedInt for an unsigned integer.
func (e redactingObjectEncoder) maskedUint(key string, v uint64) bool {
	return !shortUint(v) && e.maskedMember(key, uintText(v))
}

// AddInt adds the member, masked when it holds personal data.
func (e redactingObjectEncoder) AddInt(key string, v int) {
	if !e.maskedInt(key, int64(v)) {
		e.ObjectEncoder.AddInt(key, v)
	}
}

// AddInt64 adds the member, masked when it holds personal data.
func (e redactingObjectEncoder) AddInt64(key string, v int64) {
	if !e.maskedInt(key, v) {
		e.ObjectEncoder.AddInt64(key, v)
	}
}

// AddInt32 adds the member, masked when it holds personal data.
func (e redactingObjectEncoder) AddInt32(key string, v int32) {
	if !e.maskedInt(key, int64(v)) {
		e.ObjectEncoder.AddInt32(key, v)
	}
}

// AddInt16 adds the member, masked when it holds personal data (a QQ
// number may have five digits).
func (e redactingObjectEncoder) AddInt16(key string, v int16) {
	if !e.maskedInt(key, int64(v)) {
		e.ObjectEncoder.AddInt16(key, v)
	}
}

// AddUint adds the member, masked when it holds personal data.
func (e redactingObjectEncoder) AddUint(key string, v uint) {
	if !e.maskedUint(key, uint64(v)) {
		e.ObjectEncoder.AddUint(key, v)
	}
}

// AddUint64 adds the member, masked when it holds personal data.
func (e redactingObjectEncoder) AddUint64(key string, v uint64) {
	if !e.maskedUint(key, v) {
		e.ObjectEncoder.AddUint64(key, v)
	}
}

// AddUint32 adds the member, masked when it holds personal data.
func (e redactingObjectEncoder) AddUint32(key string, v uint32) {
	if !e.maskedUint(key, uint64(v)) {
		e.ObjectEncoder.AddUint32(key, v)
	}
}

// AddUint16 adds the member, masked when it holds personal data.
func (e redactingObjectEncoder) AddUint16(key string, v uint16) {
	if !e.maskedUint(key, uint64(v)) {
		e.ObjectEncoder.AddUint16(key, v)
	}
}

// AddUintptr adds the member, masked when it holds personal data.
func (e redactingObjectEncoder) AddUintptr(key string, v uintptr) {
	if !e.maskedUint(key, uint64(v)) {
		e.ObjectEncoder.AddUintptr(key, v)
	}
}

// AddFloat64 adds the member, masked when it holds personal data.
func (e redactingObjectEncoder) AddFloat64(key string, v float64) {
	if shortFloat(v) || !e.maskedMember(key, floatText(v, 64)) {
		e.ObjectEncoder.AddFloat64(key, v)
	}
}

// AddFloat32 adds the member, masked when it holds personal data.
func (e redactingObjectEncoder) AddFloat32(key string, v float32) {
	if shortFloat(float64(v)) || !e.maskedMember(key, floatText(float64(v), 32)) {
		e.ObjectEncoder.AddFloat32(key, v)
	}
}

// maskedElement appends a string holding the mask of the number written
// text, and reports whether it did; false means the number holds nothing
// and is to be appended as it is.
func (e redactingArrayEncoder) maskedElement(text string) bool {
	out := e.f.numberMember("", text, e.hint)
	if out == text {
		return false
	}
	e.ArrayEncoder.AppendString(out)
	return true
}

// maskedInt is maskedElement for an integer: false, without formatting
// it, when v is too short to hold any.
func (e redactingArrayEncoder) maskedInt(v int64) bool {
	return !shortInt(v) && e.maskedElement(intText(v))
}

// maskedUint is maskedInt for an unsigned integer.
func (e redactingArrayEncoder) maskedUint(v uint64) bool {
	return !shortUint(v) && e.maskedElement(uintText(v))
}

// AppendInt appends v, masked when it holds personal data.
func (e redactingArrayEncoder) AppendInt(v int) {
	if !e.maskedInt(int64(v)) {
		e.ArrayEncoder.AppendInt(v)
	}
}

// AppendInt64 appends v, masked when it holds personal data.
func (e redactingArrayEncoder) AppendInt64(v int64) {
	if !e.maskedInt(v) {
		e.ArrayEncoder.AppendInt64(v)
	}
}

// AppendInt32 appends v, masked when it holds personal data.
func (e redactingArrayEncoder) AppendInt32(v int32) {
	if !e.maskedInt(int64(v)) {
		e.ArrayEncoder.AppendInt32(v)
	}
}

// AppendInt16 appends v, masked when it holds personal data.
func (e redactingArrayEncoder) AppendInt16(v int16) {
	if !e.maskedInt(int64(v)) {
		e.ArrayEncoder.AppendInt16(v)
	}
}

// AppendUint appends v, masked when it holds personal data.
func (e redactingArrayEncoder) AppendUint(v uint) {
	if !e.maskedUint(uint64(v)) {
		e.ArrayEncoder.AppendUint(v)
	}
}

// AppendUint64 appends v, masked when it holds personal data.
func (e redactingArrayEncoder) AppendUint64(v uint64) {
	if !e.maskedUint(v) {
		e.ArrayEncoder.AppendUint64(v)
	}
}

// AppendUint32 appends v, masked when it holds personal data.
func (e redactingArrayEncoder) AppendUint32(v uint32) {
	if !e.maskedUint(uint64(v)) {
		e.ArrayEncoder.AppendUint32(v)
	}
}

// AppendUint16 appends v, masked when it holds personal data.
func (e redactingArrayEncoder) AppendUint16(v uint16) {
	if !e.maskedUint(uint64(v)) {
		e.ArrayEncoder.AppendUint16(v)
	}
}

// AppendUintptr appends v, masked when it holds personal data.
func (e redactingArrayEncoder) AppendUintptr(v uintptr) {
	if !e.maskedUint(uint64(v)) {
		e.ArrayEncoder.AppendUintptr(v)
	}
}

// AppendFloat64 appends v, masked when it holds personal data.
func (e redactingArrayEncoder) AppendFloat64(v float64) {
	if shortFloat(v) || !e.maskedElement(floatText(v, 64)) {
		e.ArrayEncoder.AppendFloat64(v)
	}
}

// AppendFloat32 appends v, masked when it holds personal data.
func (e redactingArrayEncoder) AppendFloat32(v float32) {
	if shortFloat(float64(v)) || !e.maskedElement(floatText(float64(v), 32)) {
		e.ArrayEncoder.AppendFloat32(v)
	}
}
