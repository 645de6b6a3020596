package logfilter

import (
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// zapWrites reports whether zap writes a field of type typ: whether
// Field.AddTo takes it rather than panicking "unknown field type" (it may
// panic otherwise on the empty value the probe carries).
func zapWrites(typ zapcore.FieldType) (writes bool) {
	defer func() {
		if r := recover(); r != nil {
			writes = !strings.HasPrefix(fmt.Sprint(r), "unknown field type")
		}
	}()
	zapcore.Field{Key: "k", Type: typ}.AddTo(zapcore.NewMapObjectEncoder())
	return true
}

// typeSample is a field of one type carrying personal data as zap writes
// that type, and the text of it the log must not hold.
type typeSample struct {
	field zapcore.Field
	raw   string
}

// stringerOf is a fmt.Stringer returning a fixed text.
type stringerOf string

func (s stringerOf) String() string { return string(s) }

// typeSamples returns a sample of every field type that can carry
// personal data. Types too narrow to hold any digits worth reading (int8,
// uint8) carry their widest value, and one that holds nothing (bool,
// a namespace, skip) is absent.
func typeSamples(t *testing.T) map[zapcore.FieldType]typeSample {
	t.Helper()
	mobile, _ := strconv.ParseInt(testMobile, 10, 64)
	card, _ := strconv.ParseUint(synth.UnionPayCard(fixRand), 10, 64)
	const qq, landline = 23104, 6543210
	body := []byte(`{"tel":"` + testMobile + `"}`)
	dict := zap.Dict("user", zap.String("tel", testMobile))
	return map[zapcore.FieldType]typeSample{
		zapcore.ArrayMarshalerType:  {zap.Strings("tel", []string{testMobile}), testMobile},
		zapcore.ObjectMarshalerType: {dict, testMobile},
		zapcore.InlineMarshalerType: {zap.Inline(dict.Interface.(zapcore.ObjectMarshaler)), testMobile},
		zapcore.BinaryType:          {zap.Binary("body", body), base64.StdEncoding.EncodeToString(body)},
		zapcore.ByteStringType:      {zap.ByteString("tel", []byte(testMobile)), testMobile},
		zapcore.Complex128Type:      {zap.Complex128("phone", complex(float64(mobile), 0)), testMobile},
		zapcore.Complex64Type:       {zap.Complex64("qq", complex(qq, 0)), strconv.Itoa(qq)},
		zapcore.DurationType:        {zap.Duration("phone", time.Duration(mobile)), testMobile},
		zapcore.Float64Type:         {zap.Float64("tel", float64(mobile)), testMobile},
		zapcore.Float32Type:         {zap.Float32("qq", qq), strconv.Itoa(qq)},
		zapcore.Int64Type:           {zap.Int64("phone", mobile), testMobile},
		zapcore.Int32Type:           {zap.Int32("座机", landline), strconv.Itoa(landline)},
		zapcore.Int16Type:           {zap.Int16("qq", qq), strconv.Itoa(qq)},
		zapcore.Int8Type:            {zap.Int8("qq", math.MaxInt8), ""},
		zapcore.StringType:          {zap.String("tel", testMobile), testMobile},
		zapcore.TimeType:            {zap.Time("phone", time.Unix(0, mobile)), testMobile},
		zapcore.TimeFullType:        {zapcore.Field{Key: "phone", Type: zapcore.TimeFullType, Interface: time.Unix(0, mobile)}, testMobile},
		zapcore.Uint64Type:          {zap.Uint64("card", card), strconv.FormatUint(card, 10)},
		zapcore.Uint32Type:          {zap.Uint32("座机", landline), strconv.Itoa(landline)},
		zapcore.Uint16Type:          {zap.Uint16("qq", qq), strconv.Itoa(qq)},
		zapcore.Uint8Type:           {zap.Uint8("qq", math.MaxUint8), ""},
		zapcore.UintptrType:         {zap.Uintptr("phone", uintptr(mobile)), testMobile},
		zapcore.ReflectType:         {zap.Reflect("user", map[string]string{"tel": testMobile}), testMobile},
		zapcore.StringerType:        {zap.Stringer("tel", stringerOf(testMobile)), testMobile},
		zapcore.ErrorType:           {zap.NamedError("upstream", errors.New("tel "+testMobile)), testMobile},
	}
}

// TestEveryFieldTypeRead: every field type zap writes is read, at the
// top of an entry and as a member of an object (zap.Dict), or holds no
// value to read (bool, namespace, skip); every other type (UnknownType,
// on which zap panics, and all 256 values of FieldType beyond zap's
// last) is replaced whole. Which types zap writes is asked of zap
// itself, so a type a later zap adds fails here until Filter reads it.
func TestEveryFieldTypeRead(t *testing.T) {
	f := newFilter(t, Filter{Mask: "label"})
	samples := typeSamples(t)
	nothingToRead := map[zapcore.FieldType]zapcore.Field{
		zapcore.BoolType:      zap.Bool("ok", true),
		zapcore.NamespaceType: zap.Namespace("ns"),
		zapcore.SkipType:      zap.Skip(),
	}
	written := 0
	for n := 0; n <= math.MaxUint8; n++ {
		typ := zapcore.FieldType(n)
		if !zapWrites(typ) {
			if typ != zapcore.UnknownType && typ <= zapcore.InlineMarshalerType {
				t.Fatalf("zap no longer writes type %d: the probe is wrong", typ)
			}
			in := zapcore.Field{Key: "phone", Type: typ, String: testMobile, Interface: testMobile}
			if got := encode(t, f.Filter(in)); !strings.Contains(got, `"phone":"[REDACTED]"`) {
				t.Errorf("type %d zap cannot write: got %s, want it replaced whole", typ, got)
			}
			continue
		}
		written++
		if fd, ok := nothingToRead[typ]; ok {
			if got, want := encode(t, f.Filter(fd)), encode(t, fd); got != want {
				t.Errorf("type %d has no value to read: got %s, want %s", typ, got, want)
			}
			continue
		}
		s, ok := samples[typ]
		if !ok {
			t.Errorf("zap writes field type %d: Filter has no reading for it (add one, and a sample here)", typ)
			continue
		}
		if s.raw == "" {
			// too narrow for any number worth reading
			if got, want := encode(t, f.Filter(s.field)), encode(t, s.field); got != want {
				t.Errorf("type %d: got %s, want %s", typ, got, want)
			}
			continue
		}
		if direct := encode(t, s.field); !strings.Contains(direct, s.raw) {
			t.Fatalf("type %d: the sample %s does not hold %s: the fixture is wrong", typ, direct, s.raw)
		}
		for name, fd := range map[string]zapcore.Field{
			"top":    s.field,
			"member": zap.Dict("group", s.field),
		} {
			if got := encode(t, f.Filter(fd)); strings.Contains(got, s.raw) {
				t.Errorf("type %d as %s: %s logged: %s", typ, name, s.raw, got)
			}
		}
	}
	if want := int(zapcore.InlineMarshalerType); written != want {
		t.Errorf("zap writes %d types, want %d (all up to InlineMarshalerType but UnknownType): a new type?", written, want)
	}
}

// TestEveryArrayElementTypeRead: the elements of zap's arrays of the
// types that can carry digits worth reading are read too.
func TestEveryArrayElementTypeRead(t *testing.T) {
	f := newFilter(t, Filter{Mask: "label"})
	mobile, _ := strconv.ParseInt(testMobile, 10, 64)
	for name, fd := range map[string]zapcore.Field{
		"byte strings": zap.ByteStrings("tel", [][]byte{[]byte(testMobile)}),
		"complex128s":  zap.Complex128s("phone", []complex128{complex(float64(mobile), 0)}),
		"durations":    zap.Durations("phone", []time.Duration{time.Duration(mobile)}),
		"times":        zap.Times("phone", []time.Time{time.Unix(0, mobile)}),
		"uintptrs":     zap.Uintptrs("phone", []uintptr{uintptr(mobile)}),
		"stringers":    zap.Stringers("tel", []stringerOf{stringerOf(testMobile)}),
		"errors":       zap.Errors("errs", []error{errors.New("tel " + testMobile)}),
	} {
		if direct := encode(t, fd); !strings.Contains(direct, testMobile) {
			t.Fatalf("%s: the sample %s does not hold the mobile", name, direct)
		}
		if got := encode(t, f.Filter(fd)); strings.Contains(got, testMobile) {
			t.Errorf("%s: mobile logged: %s", name, got)
		}
	}
}
