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

// droppedMembers marshals an object without its members whose keys drop
// names (case-insensitively).
type droppedMembers struct {
	o    zapcore.ObjectMarshaler
	drop []string
}

// MarshalLogObject marshals the wrapped object through a dropping
// encoder.
func (d droppedMembers) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	return d.o.MarshalLogObject(droppingEncoder{ObjectEncoder: enc, drop: d.drop})
}

// withoutDropped returns o wrapped to leave out the members f.Drop names,
// or o when it names none.
func (f *Filter) withoutDropped(o zapcore.ObjectMarshaler) zapcore.ObjectMarshaler {
	if len(f.Drop) == 0 {
		return o
	}
	return droppedMembers{o: o, drop: f.Drop}
}

// droppingEncoder adds every member but those whose keys drop names.
type droppingEncoder struct {
	zapcore.ObjectEncoder
	drop []string
}

// dropped reports whether the member key is left out.
func (e droppingEncoder) dropped(key string) bool {
	for _, d := range e.drop {
		if strings.EqualFold(d, key) {
			return true
		}
	}
	return false
}

// The Add methods add the member unless it is dropped.

func (e droppingEncoder) AddArray(key string, v zapcore.ArrayMarshaler) error {
	if e.dropped(key) {
		return nil
	}
	return e.ObjectEncoder.AddArray(key, v)
}

func (e droppingEncoder) AddObject(key string, v zapcore.ObjectMarshaler) error {
	if e.dropped(key) {
		return nil
	}
	return e.ObjectEncoder.AddObject(key, v)
}

func (e droppingEncoder) AddReflected(key string, v any) error {
	if e.dropped(key) {
		return nil
	}
	return e.ObjectEncoder.AddReflected(key, v)
}

func (e droppingEncoder) AddBinary(key string, v []byte) {
	if !e.dropped(key) {
		e.ObjectEncoder.AddBinary(key, v)
	}
}

func (e droppingEncoder) AddByteString(key string, v []byte) {
	if !e.dropped(key) {
		e.ObjectEncoder.AddByteString(key, v)
	}
}

func (e droppingEncoder) AddString(key, v string) {
	if !e.dropped(key) {
		e.ObjectEncoder.AddString(key, v)
	}
}

func (e droppingEncoder) AddBool(key string, v bool) {
	if !e.dropped(key) {
		e.ObjectEncoder.AddBool(key, v)
	}
}

func (e droppingEncoder) AddComplex128(key string, v complex128) {
	if !e.dropped(key) {
		e.ObjectEncoder.AddComplex128(key, v)
	}
}

func (e droppingEncoder) AddComplex64(key string, v complex64) {
	if !e.dropped(key) {
		e.ObjectEncoder.AddComplex64(key, v)
	}
}

func (e droppingEncoder) AddDuration(key string, v time.Duration) {
	if !e.dropped(key) {
		e.ObjectEncoder.AddDuration(key, v)
	}
}

func (e droppingEncoder) AddTime(key string, v time.Time) {
	if !e.dropped(key) {
		e.ObjectEncoder.AddTime(key, v)
	}
}

func (e droppingEncoder) AddFloat64(key string, v float64) {
	if !e.dropped(key) {
		e.ObjectEncoder.AddFloat64(key, v)
	}
}

func (e droppingEncoder) AddFloat32(key string, v float32) {
	if !e.dropped(key) {
		e.ObjectEncoder.AddFloat32(key, v)
	}
}

func (e droppingEncoder) AddInt(key string, v int) {
	if !e.dropped(key) {
		e.ObjectEncoder.AddInt(key, v)
	}
}

func (e droppingEncoder) AddInt64(key string, v int64) {
	if !e.dropped(key) {
		e.ObjectEncoder.AddInt64(key, v)
	}
}

func (e droppingEncoder) AddInt32(key string, v int32) {
	if !e.dropped(key) {
		e.ObjectEncoder.AddInt32(key, v)
	}
}

func (e droppingEncoder) AddInt16(key string, v int16) {
	if !e.dropped(key) {
		e.ObjectEncoder.AddInt16(key, v)
	}
}

func (e droppingEncoder) AddInt8(key string, v int8) {
	if !e.dropped(key) {
		e.ObjectEncoder.AddInt8(key, v)
	}
}

func (e droppingEncoder) AddUint(key string, v uint) {
	if !e.dropped(key) {
		e.ObjectEncoder.AddUint(key, v)
	}
}

func (e droppingEncoder) AddUint64(key string, v uint64) {
	if !e.dropped(key) {
		e.ObjectEncoder.AddUint64(key, v)
	}
}

func (e droppingEncoder) AddUint32(key string, v uint32) {
	if !e.dropped(key) {
		e.ObjectEncoder.AddUint32(key, v)
	}
}

func (e droppingEncoder) AddUint16(key string, v uint16) {
	if !e.dropped(key) {
		e.ObjectEncoder.AddUint16(key, v)
	}
}

func (e droppingEncoder) AddUint8(key string, v uint8) {
	if !e.dropped(key) {
		e.ObjectEncoder.AddUint8(key, v)
	}
}

func (e droppingEncoder) AddUintptr(key string, v uintptr) {
	if !e.dropped(key) {
		e.ObjectEncoder.AddUintptr(key, v)
	}
}
