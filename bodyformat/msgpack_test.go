package bodyformat

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// mpStr encodes a MessagePack str.
func mpStr(s string) []byte { return appendMsgpackText(nil, 0xa0, []byte(s)) }

// mpUint64 encodes a uint 64.
func mpUint64(v uint64) []byte { return binary.BigEndian.AppendUint64([]byte{0xcf}, v) }

// mpMap encodes a map of pairs already encoded.
func mpMap(pairs ...[]byte) []byte {
	b := []byte{0xde, 0, byte(len(pairs) / 2)}
	for _, p := range pairs {
		b = append(b, p...)
	}
	return b
}

// mpDecode decodes the MessagePack values the tests write: maps (keys as
// strings), arrays, strings, bins, unsigned integers and float64s; it
// fails on anything else or on trailing bytes.
func mpDecode(t *testing.T, b []byte) any {
	t.Helper()
	v, n := mpValue(t, b)
	if n != len(b) {
		t.Fatalf("trailing bytes after a value: %q", b[n:])
	}
	return v
}

func mpValue(t *testing.T, b []byte) (any, int) {
	t.Helper()
	if len(b) == 0 {
		t.Fatal("value cut short")
	}
	str := func(hdr, n int) (any, int) {
		if len(b) < hdr+n {
			t.Fatalf("string cut short: %q", b)
		}
		return string(b[hdr : hdr+n]), hdr + n
	}
	switch c := b[0]; {
	case c <= 0x7f:
		return uint64(c), 1
	case c >= 0xa0 && c <= 0xbf:
		return str(1, int(c&0x1f))
	case c == 0xd9 || c == 0xc4:
		return str(2, int(b[1]))
	case c == 0xda || c == 0xc5:
		return str(3, int(binary.BigEndian.Uint16(b[1:])))
	case c == 0xcf:
		return binary.BigEndian.Uint64(b[1:]), 9
	case c == 0xcb:
		return math.Float64frombits(binary.BigEndian.Uint64(b[1:])), 9
	case c == 0xde || c >= 0x80 && c <= 0x8f:
		n, at := int(c&0x0f), 1
		if c == 0xde {
			n, at = int(binary.BigEndian.Uint16(b[1:])), 3
		}
		m := map[string]any{}
		for range n {
			k, kn := mpValue(t, b[at:])
			v, vn := mpValue(t, b[at+kn:])
			m[k.(string)] = v
			at += kn + vn
		}
		return m, at
	case c >= 0x90 && c <= 0x9f:
		var a []any
		at := 1
		for range int(c & 0x0f) {
			v, n := mpValue(t, b[at:])
			a = append(a, v)
			at += n
		}
		return a, at
	}
	t.Fatalf("type byte %#x", b[0])
	return nil, 0
}

// TestMsgpackRead: identifiers in MessagePack strings, keys, binary
// values, integers and floats are found and masked, and the body still
// decodes, with every other value as it was.
func TestMsgpackRead(t *testing.T) {
	r := rng(t.Name())
	for range 5 {
		id, m, name := synth.CNID18(r), synth.CNMobile(r), synth.CNName(r)
		n, _ := strconv.ParseUint(m, 10, 64)
		long := strings.Repeat("注", 20) + " 身份证 " + id // a str 8
		body := mpMap(
			mpStr("realName"), mpStr(name),
			mpStr("idCard"), mpStr(id),
			mpStr("mobile"), mpUint64(n),
			mpStr("tel"), binary.BigEndian.AppendUint64([]byte{0xcb}, math.Float64bits(float64(n))),
			mpStr(m), mpStr("key holds it"),
			mpStr("note"), mpStr(long),
			mpStr("blob"), append([]byte{0xc4, byte(len(m))}, m...),
			mpStr("list"), append([]byte{0x92}, append(mpStr("ok"), 0x2a)...),
		)
		for _, ct := range []string{"application/msgpack", "application/x-msgpack", "application/vnd.msgpack"} {
			res := mustInspect(t, testEngine(t), body, ct, "", Redact)
			if res.Format != FormatMsgpack {
				t.Fatalf("%s read as %s", ct, res.Format)
			}
			for _, raw := range []string{id, m, name} {
				if strings.Contains(string(res.Body), raw) {
					t.Errorf("%s: %s survives: %q", ct, raw, res.Body)
				}
			}
			got := mpDecode(t, res.Body).(map[string]any)
			if len(got) != 8 || got["list"].([]any)[1] != uint64(42) {
				t.Fatalf("%s: decoded %v", ct, got)
			}
			for _, k := range []string{"mobile", "tel"} {
				if s, ok := got[k].(string); !ok || strings.Contains(s, m) {
					t.Errorf("%s: %s = %v, want its mask", ct, k, got[k])
				}
			}
			for _, c := range []detect.Category{detect.CNID, detect.CNMobile, detect.CNName} {
				if !hasCategory(res.Findings, c) {
					t.Errorf("%s: no %s in %+v", ct, c, res.Findings)
				}
			}
		}
	}
}

// TestMsgpackCleanAndMalformed: a clean body goes out byte for byte; one
// that does not parse is read as any other body is (a lenient reader may
// still show its strings): its mobile is masked.
func TestMsgpackCleanAndMalformed(t *testing.T) {
	clean := mpMap(mpStr("count"), mpUint64(1700000000), mpStr("word"), mpStr("hello"))
	if res := mustInspect(t, testEngine(t), clean, "application/msgpack", "", Redact); res.Changed || !sameSlice(res.Body, clean) {
		t.Errorf("clean body changed: %q", res.Body)
	}
	m := synth.CNMobile(rng(t.Name()))
	for name, b := range map[string][]byte{
		"cut string":    append([]byte{0xd9, 40}, " tel "+m...),
		"missing value": append(append(append([]byte{0x82}, mpStr("tel")...), mpStr(m)...), mpStr("x")...),
		"never used":    append([]byte{0xc1}, mpStr("tel "+m)...),
		"huge array":    append([]byte{0xdd, 0xff, 0xff, 0xff, 0xff}, mpStr(m)...),
	} {
		res := mustInspect(t, testEngine(t), b, "application/msgpack", "", Redact)
		if res.Format == FormatMsgpack || !hasCategory(res.Findings, detect.CNMobile) || strings.Contains(string(res.Body), m) {
			t.Errorf("%s: %s %+v %q", name, res.Format, res.Findings, res.Body)
		}
	}
	deep := append(bytes.Repeat([]byte{0x91}, 300), mpStr(m)...)
	if _, err := Inspect(testEngine(t), deep, "application/msgpack", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
		t.Errorf("too deep: err = %v", err)
	}
}
