package logfilter

import (
	"encoding/base64"
	"strconv"
	"strings"
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestBinaryFieldRead: zap.Binary, and zap.Any of a []byte (a request
// body a module logs), is a BinaryType field that zap's JSON encoder
// writes as base64. Filter left it as it came (attack pass 31, F13),
// while the same bytes as a struct's member (zap.Any, written as base64
// by encoding/json) were read and masked: the log held the identifiers in
// base64.
func TestBinaryFieldRead(t *testing.T) {
	f := newFilter(t, Filter{Mask: "label"})
	body := []byte(`{"tel":"` + testMobile + `","id":"` + testID + `"}`)
	b64 := base64.StdEncoding.EncodeToString(body)
	ctl := encode(t, f.Filter(zap.Any("req", struct{ Body []byte }{body})))
	if strings.Contains(ctl, b64) {
		t.Fatalf("control: a struct's []byte member is not read either: %s", ctl)
	}
	for name, fd := range map[string]zapcore.Field{
		"zap.Binary":      zap.Binary("body", body),
		"zap.Any([]byte)": zap.Any("body", body),
	} {
		if got := encode(t, f.Filter(fd)); strings.Contains(got, b64) {
			t.Errorf("%s: identifiers logged in base64: %s", name, got)
		}
	}
}

// TestHintedJoinsAcrossElements: a number array under a phone key and a
// reflected value's members under one were read one by one only, without
// the key joining them as the body walker does ({"mobile":[138,1234,
// 5678]} is masked in a body): the mobile reached the log in groups
// (attack pass 31, F13).
func TestHintedJoinsAcrossElements(t *testing.T) {
	f := newFilter(t, Filter{Mask: "label"})
	m := testMobile
	var parts []int64
	for _, s := range []string{m[:3], m[3:7], m[7:]} {
		n := int64(0)
		for _, c := range s {
			n = n*10 + int64(c-'0')
		}
		parts = append(parts, n)
	}
	for name, fd := range map[string]zapcore.Field{
		"zap.Int64s under phone":     zap.Int64s("phone", parts),
		"reflected members of phone": zap.Any("req", map[string]any{"phone": map[string]string{"a": m[:3], "b": m[3:]}}),
	} {
		got := encode(t, f.Filter(fd))
		if strings.Contains(got, m[3:]) || strings.Contains(got, m[3:7]) && strings.Contains(got, m[7:]) {
			t.Errorf("%s: mobile %s logged in groups: %s", name, m, got)
		}
	}
}

// TestGroupsJoinedUnderHintedKey: the parts of a mobile split over the
// members or elements of a group under a phone key are read joined in
// every group zap writes: an object (zap.Object), an inline object
// (zap.Inline), a dictionary (zap.Dict), behind a namespace opened in
// one, nested in another group, and under a QQ key a QQ number's.
func TestGroupsJoinedUnderHintedKey(t *testing.T) {
	f := newFilter(t, Filter{Mask: "label"})
	m := testMobile
	parts := func(s ...string) []int {
		var out []int
		for _, p := range s {
			n, _ := strconv.Atoi(p)
			out = append(out, n)
		}
		return out
	}
	groups := parts(m[:3], m[3:7], m[7:])
	split := zapcore.ObjectMarshalerFunc(func(enc zapcore.ObjectEncoder) error {
		enc.AddString("a", m[:3])
		enc.AddString("b", m[3:])
		return nil
	})
	for name, tc := range map[string]struct {
		field  zapcore.Field
		pieces []string
	}{
		"zap.Object of an array": {zap.Object("req", zapcore.ObjectMarshalerFunc(func(enc zapcore.ObjectEncoder) error {
			return enc.AddArray("phone", zapcore.ArrayMarshalerFunc(func(enc zapcore.ArrayEncoder) error {
				for _, g := range groups {
					enc.AppendInt(g)
				}
				return nil
			}))
		})), []string{m[:3], m[3:7], m[7:]}},
		"zap.Inline of an object": {zap.Inline(zapcore.ObjectMarshalerFunc(func(enc zapcore.ObjectEncoder) error {
			return enc.AddObject("phone", split)
		})), []string{m[:3], m[3:]}},
		"zap.Dict": {zap.Dict("req", zap.Object("phone", split)), []string{m[:3], m[3:]}},
		"namespace in a dict": {zap.Dict("req", zap.Namespace("inner"), zap.Ints("phone", groups)),
			[]string{m[:3], m[3:7], m[7:]}},
		"dict in a dict": {zap.Dict("req", zap.Dict("user", zap.Ints("mobile", groups))), []string{m[:3], m[3:7], m[7:]}},
		"ints under qq":  {zap.Ints("qq", parts("1234", "5678")), []string{"1234", "5678"}},
	} {
		if direct := encode(t, tc.field); !strings.Contains(direct, tc.pieces[len(tc.pieces)-1]) {
			t.Fatalf("%s: the sample %s does not hold the pieces", name, direct)
		}
		got := encode(t, f.Filter(tc.field))
		for _, p := range tc.pieces[1:] {
			if strings.Contains(got, p) {
				t.Errorf("%s: a piece (%s) logged: %s", name, p, got)
			}
		}
	}
}

// TestWalkFailureRedactsWhole: a structured field whose JSON the walker
// cannot read (an error: too large, too much work) or panics on is
// replaced whole, and is walked once; scalar fields are never walked.
func TestWalkFailureRedactsWhole(t *testing.T) {
	f := newFilter(t, Filter{Mask: "label"})
	old := walkDocument
	t.Cleanup(func() { walkDocument = old })
	walks := 0
	walkDocument = func(e *detect.Engine, doc []byte) (bodyformat.Result, error) {
		walks++
		return old(e, doc)
	}
	for _, fd := range []zapcore.Field{zap.Int64("size", 1234567), zap.String("tel", testMobile), zap.Binary("b", []byte("x"))} {
		encode(t, f.Filter(fd))
	}
	if walks != 0 {
		t.Errorf("%d scalar fields walked, want 0", walks)
	}
	encode(t, f.Filter(zap.Dict("req", zap.Dict("inner", zap.Ints("a", []int{1, 2})), zap.Strings("s", []string{"x"}))))
	if walks != 1 {
		t.Errorf("a field with nested groups walked %d times, want 1", walks)
	}
	for name, walk := range map[string]func(*detect.Engine, []byte) (bodyformat.Result, error){
		"error": func(*detect.Engine, []byte) (bodyformat.Result, error) {
			return bodyformat.Result{}, bodyformat.ErrTooLarge
		},
		"panic": func(*detect.Engine, []byte) (bodyformat.Result, error) { panic("walker bug") },
	} {
		walkDocument = walk
		logs := explodeOn(t, "\x00never") // only to read the panic report
		got := encode(t, f.Filter(zap.Dict("req", zap.Ints("status", []int{200, 404}))))
		if !strings.Contains(got, `"req":"[REDACTED]"`) {
			t.Errorf("walker %s: got %s, want the field replaced whole", name, got)
		}
		if name == "panic" {
			assertPanicLogged(t, logs, "req")
		}
	}
}

// TestMemberKeysRead: an object's member names are read too, by the walk
// of its JSON, as a JSON body's keys are: a header name or a map key
// holding an identifier (a client sends any header name it likes).
func TestMemberKeysRead(t *testing.T) {
	f := newFilter(t, Filter{Mask: "label"})
	got := encode(t, f.Filter(zap.Dict("headers", zap.Strings("X-"+testMobile, []string{"1"}), zap.String("id "+testID, "y"))))
	noRaw(t, got)
	if !strings.Contains(got, `"X-[CN_MOBILE]":["1"]`) {
		t.Errorf("got %s, want the header name masked", got)
	}
}
