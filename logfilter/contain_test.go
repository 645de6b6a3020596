package logfilter

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// explodeOnID makes the engine panic on any text holding testID, with a
// value quoting the text, as an engine bug might; other text is scanned
// as usual. It returns the log the panics are reported to.
func explodeOnID(t *testing.T) *observer.ObservedLogs {
	t.Helper()
	return explodeOn(t, testID)
}

// explodeOn is explodeOnID for any text holding value.
func explodeOn(t *testing.T, value string) *observer.ObservedLogs {
	t.Helper()
	oldFind, oldLog := findHinted, defaultLog
	findHinted = func(e *detect.Engine, text []byte, hint detect.CategorySet) ([]detect.Finding, error) {
		if bytes.Contains(text, []byte(value)) {
			panic("index out of range in " + string(text))
		}
		return oldFind(e, text, hint)
	}
	core, logs := observer.New(zapcore.DebugLevel)
	defaultLog = func() *zap.Logger { return zap.New(core) }
	t.Cleanup(func() { findHinted, defaultLog = oldFind, oldLog })
	return logs
}

// encodeEntry encodes an entry of several fields, the way a log writes
// one, and fails the test if that fails.
func encodeEntry(t *testing.T, fields ...zapcore.Field) string {
	t.Helper()
	enc := zapcore.NewJSONEncoder(zapcore.EncoderConfig{MessageKey: "msg"})
	buf, err := enc.EncodeEntry(zapcore.Entry{Message: "handled request"}, fields)
	if err != nil {
		t.Fatalf("EncodeEntry: %v", err)
	}
	return buf.String()
}

// assertPanicLogged checks the report of the contained panics: one per
// value replaced, naming the field, never a value.
func assertPanicLogged(t *testing.T, logs *observer.ObservedLogs, field string) {
	t.Helper()
	all := logs.All()
	if len(all) != 1 || all[0].Level != zapcore.ErrorLevel {
		t.Fatalf("reports %v, want one error", all)
	}
	m := all[0].ContextMap()
	if m["field"] != field || m["error"] != "panic" || m["replaced_with"] != redactedMarker || len(m["stack"].([]any)) == 0 {
		t.Errorf("report %v", m)
	}
	enc := zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig())
	buf, err := enc.EncodeEntry(all[0].Entry, all[0].Context)
	if err != nil {
		t.Fatal(err)
	}
	noRaw(t, buf.String())
}

func TestPanicReplacesWholeField(t *testing.T) {
	f := newFilter(t, Filter{Mask: "label"})
	for _, tc := range []struct {
		name  string
		field zapcore.Field
	}{
		{"string", zap.String("uri", "/q?id="+testID+"&tel="+testMobile)},
		{"byte string", zap.ByteString("note", []byte("id "+testID))},
		{"stringer", zap.Stringer("who", stringer("id "+testID))},
		{"header array", zap.Array("Referer", caddyhttp.LoggableStringArray{"/b?tel=" + testMobile, "/a?id=" + testID})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			logs := explodeOnID(t)
			got := encodeEntry(t, zap.Int("status", 200), f.Filter(tc.field), zap.String("host", "shop.example"))
			want := `"msg":"handled request","status":200,"` + tc.field.Key + `":"[REDACTED]","host":"shop.example"`
			if !strings.Contains(got, want) {
				t.Errorf("entry %s\nwant it to contain %s", got, want)
			}
			noRaw(t, got)
			assertPanicLogged(t, logs, tc.field.Key)
		})
	}
}

func TestPanicReplacesValueInObject(t *testing.T) {
	// Arrays and objects are filtered while the entry is encoded: the value
	// the engine panicked on is replaced whole, the others are redacted as
	// usual, and the entry is complete.
	f := newFilter(t, Filter{Mask: "label"})
	logs := explodeOnID(t)
	field := zap.Object("headers", headersObject{"X-Note": {"tel " + testMobile}})
	got := encodeEntry(t, f.Filter(field), zap.Int("status", 200))
	want := `"headers":{"X-Note":["tel [CN_MOBILE]"],"flat":"[REDACTED]","nested":{"mail":"[EMAIL]"}},"status":200`
	if !strings.Contains(got, want) {
		t.Errorf("entry %s\nwant it to contain %s", got, want)
	}
	noRaw(t, got)
	assertPanicLogged(t, logs, "flat")
}

func TestPanicReplacesErrorReflectedNumber(t *testing.T) {
	// Errors, reflected values and numbers are contained as strings are:
	// the value the engine panicked on is replaced whole, under its key,
	// and the entry is complete.
	f := newFilter(t, Filter{Mask: "label"})
	mobile, _ := strconv.ParseInt(testMobile, 10, 64)
	for _, tc := range []struct {
		name, on string
		field    zapcore.Field
		key      string
	}{
		{"error", testID, zap.Error(fmt.Errorf("no user %s", testID)), "error"},
		{"reflected", testID, zap.Any("q", map[string]string{"id": testID}), "q"},
		{"number", testMobile, zap.Int64("phone", mobile), "phone"},
		{"number member", testMobile, zap.Object("user", oneNumber(mobile)), "phone"},
		{"reflected member", testMobile, zap.Object("req", reflectedMember{}), "args"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			logs := explodeOn(t, tc.on)
			got := encodeEntry(t, zap.Int("status", 502), f.Filter(tc.field), zap.String("host", "shop.example"))
			if want := `"` + tc.key + `":"[REDACTED]"`; !strings.Contains(got, want) {
				t.Errorf("entry %s\nwant it to contain %s", got, want)
			}
			if !strings.HasSuffix(strings.TrimSpace(got), `"host":"shop.example"}`) {
				t.Errorf("entry %s is not complete", got)
			}
			noRaw(t, got)
			assertPanicLogged(t, logs, tc.key)
		})
	}
}

// oneNumber is an object of one number member, "phone".
type oneNumber int64

func (o oneNumber) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	enc.AddInt64("phone", int64(o))
	return nil
}
