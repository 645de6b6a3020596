package logfilter

import (
	"strings"
	"time"

	"go.uber.org/zap/zapcore"
)

// A filter on a whole object (request>headers, resp_headers) takes the
// place of Caddy's filters on its members, which the filter encoder no
// longer reaches: the Drop option names the members it leaves out, such
// as the credentials log_credentials lets through (Authorization,
// Proxy-Authorization, Set-Cookie), as Caddy's delete filter would on
// each of them.
//
// An object's keys are chosen by whoever sent it too: Caddy writes a
// request's header names as the keys of request>headers, and "X-U<ID>"
// or "X-Tel<mobile>" writes the identifier raw, glued to a letter that
// the walk's reading of a key as text leaves to a word. Every key of an
// object read is added as Filter.memberName masks it.

// droppedMembers marshals an object without its members whose keys drop
// names (case-insensitively).
type droppedMembers struct {
	o    zapcore.ObjectMarshaler
	drop []string
}

// MarshalLogObject marshals the wrapped object through a dropping
// encoder.
func (d droppedMembers) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	return d.o.MarshalLogObject(membersEncoder{ObjectEncoder: enc, drop: d.drop})
}

// withoutDropped returns o wrapped to leave out the members f.Drop names,
// or o when it names none.
func (f *Filter) withoutDropped(o zapcore.ObjectMarshaler) zapcore.ObjectMarshaler {
	if len(f.Drop) == 0 {
		return o
	}
	return droppedMembers{o: o, drop: f.Drop}
}

// membersEncoder adds every member but those whose keys drop names, each
// under its key masked when f is set (Filter.memberName).
type membersEncoder struct {
	zapcore.ObjectEncoder
	drop []string
	f    *Filter
}

// member returns the key a member is added under, and false when it is
// left out.
func (e membersEncoder) member(key string) (string, bool) {
	for _, d := range e.drop {
		if strings.EqualFold(d, key) {
			return "", false
		}
	}
	if e.f != nil {
		key = e.f.memberName(key)
	}
	return key, true
}

// The Add methods add the member unless it is dropped, under its key
// masked.

func (e membersEncoder) AddArray(key string, v zapcore.ArrayMarshaler) error {
	key, ok := e.member(key)
	if !ok {
		return nil
	}
	return e.ObjectEncoder.AddArray(key, v)
}

func (e membersEncoder) AddObject(key string, v zapcore.ObjectMarshaler) error {
	key, ok := e.member(key)
	if !ok {
		return nil
	}
	return e.ObjectEncoder.AddObject(key, v)
}

func (e membersEncoder) AddReflected(key string, v any) error {
	key, ok := e.member(key)
	if !ok {
		return nil
	}
	return e.ObjectEncoder.AddReflected(key, v)
}

func (e membersEncoder) AddBinary(key string, v []byte) {
	if key, ok := e.member(key); ok {
		e.ObjectEncoder.AddBinary(key, v)
	}
}

func (e membersEncoder) AddByteString(key string, v []byte) {
	if key, ok := e.member(key); ok {
		e.ObjectEncoder.AddByteString(key, v)
	}
}

func (e membersEncoder) AddString(key, v string) {
	if key, ok := e.member(key); ok {
		e.ObjectEncoder.AddString(key, v)
	}
}

func (e membersEncoder) AddBool(key string, v bool) {
	if key, ok := e.member(key); ok {
		e.ObjectEncoder.AddBool(key, v)
	}
}

func (e membersEncoder) AddComplex128(key string, v complex128) {
	if key, ok := e.member(key); ok {
		e.ObjectEncoder.AddComplex128(key, v)
	}
}

func (e membersEncoder) AddComplex64(key string, v complex64) {
	if key, ok := e.member(key); ok {
		e.ObjectEncoder.AddComplex64(key, v)
	}
}

func (e membersEncoder) AddDuration(key string, v time.Duration) {
	if key, ok := e.member(key); ok {
		e.ObjectEncoder.AddDuration(key, v)
	}
}

func (e membersEncoder) AddTime(key string, v time.Time) {
	if key, ok := e.member(key); ok {
		e.ObjectEncoder.AddTime(key, v)
	}
}

func (e membersEncoder) AddFloat64(key string, v float64) {
	if key, ok := e.member(key); ok {
		e.ObjectEncoder.AddFloat64(key, v)
	}
}

func (e membersEncoder) AddFloat32(key string, v float32) {
	if key, ok := e.member(key); ok {
		e.ObjectEncoder.AddFloat32(key, v)
	}
}

func (e membersEncoder) AddInt(key string, v int) {
	if key, ok := e.member(key); ok {
		e.ObjectEncoder.AddInt(key, v)
	}
}

func (e membersEncoder) AddInt64(key string, v int64) {
	if key, ok := e.member(key); ok {
		e.ObjectEncoder.AddInt64(key, v)
	}
}

func (e membersEncoder) AddInt32(key string, v int32) {
	if key, ok := e.member(key); ok {
		e.ObjectEncoder.AddInt32(key, v)
	}
}

func (e membersEncoder) AddInt16(key string, v int16) {
	if key, ok := e.member(key); ok {
		e.ObjectEncoder.AddInt16(key, v)
	}
}

func (e membersEncoder) AddInt8(key string, v int8) {
	if key, ok := e.member(key); ok {
		e.ObjectEncoder.AddInt8(key, v)
	}
}

func (e membersEncoder) AddUint(key string, v uint) {
	if key, ok := e.member(key); ok {
		e.ObjectEncoder.AddUint(key, v)
	}
}

func (e membersEncoder) AddUint64(key string, v uint64) {
	if key, ok := e.member(key); ok {
		e.ObjectEncoder.AddUint64(key, v)
	}
}

func (e membersEncoder) AddUint32(key string, v uint32) {
	if key, ok := e.member(key); ok {
		e.ObjectEncoder.AddUint32(key, v)
	}
}

func (e membersEncoder) AddUint16(key string, v uint16) {
	if key, ok := e.member(key); ok {
		e.ObjectEncoder.AddUint16(key, v)
	}
}

func (e membersEncoder) AddUint8(key string, v uint8) {
	if key, ok := e.member(key); ok {
		e.ObjectEncoder.AddUint8(key, v)
	}
}

func (e membersEncoder) AddUintptr(key string, v uintptr) {
	if key, ok := e.member(key); ok {
		e.ObjectEncoder.AddUintptr(key, v)
	}
}
