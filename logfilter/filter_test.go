package logfilter

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// noRaw fails the test when s holds a raw fixture.
func noRaw(t *testing.T, s string) {
	t.Helper()
	for _, v := range rawValues {
		if strings.Contains(s, v) {
			t.Errorf("%q still holds %q", s, v)
		}
	}
}

func TestRedactValues(t *testing.T) {
	f := newFilter(t, Filter{Mask: "label"})
	for _, tc := range []struct{ name, in, want string }{
		{"request-target query", "/search?q=" + testID + "&page=2", "/search?q=[CN_ID]&page=2"},
		{"percent-encoded query value", "/find?phone=" + percentAll(testMobile), "/find?phone=[CN_MOBILE]"},
		{"plus and escapes", "/find?note=call+" + testMobile + "+now", "/find?note=call+[CN_MOBILE]+now"},
		{"percent-encoded path", "/users/" + percentAll(testID) + "/orders", "/users/[CN_ID]/orders"},
		{"fragment", "/page#" + testMobile, "/page#[CN_MOBILE]"},
		{"absolute referer", "https://shop.example/a?mail=" + url.QueryEscape(testEmail), "https://shop.example/a?mail=[EMAIL]"},
		{"query field name", "/x?" + testMobile + "=1", "/x?[CN_MOBILE]=1"},
		{"cookie text", "sid=abc; tel=" + testMobile, "sid=abc; tel=[CN_MOBILE]"},
		{"escaped span in text", "sid=abc; mail=" + url.QueryEscape(testEmail), "sid=abc; mail=[EMAIL]"},
		{"clean uri", "/static/app.js?v=3&order=202401010001", "/static/app.js?v=3&order=202401010001"},
		{"clean text", "Mozilla/5.0 (X11; Linux x86_64)", "Mozilla/5.0 (X11; Linux x86_64)"},
		{"invalid escape kept", "/a%zz?q=%zz+" + testID, "/a%zz?q=%zz+[CN_ID]"},
		{"empty", "", ""},
		// what a log's reader reads as a number, as a body's does; the
		// label mask is followed by the cell separators the value spanned
		// (a row keeps its cells: fix54mobile)
		{"delimited groups", "tel: " + testMobile[:3] + "|" + testMobile[3:7] + "|" + testMobile[7:], "tel: [CN_MOBILE]||"},
		{"base64 token", "token " + base64.RawStdEncoding.EncodeToString([]byte("tel "+testMobile)), "token ****************"}, // a base64 token is masked whole, with stars
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := f.redact(tc.in, 0)
			if got != tc.want {
				t.Errorf("redact(%q)\n got  %q\n want %q", tc.in, got, tc.want)
			}
			if again := f.redact(got, 0); again != got {
				t.Errorf("redacting twice changed %q to %q", got, again)
			}
		})
	}
}

func TestRedactMaskInURI(t *testing.T) {
	// A partial mask that keeps non-ASCII characters is percent-encoded in
	// a URI, so the URI still parses; ASCII masks stay readable.
	f := newFilter(t, Filter{})
	got := f.redact("/q?name="+url.QueryEscape(testName)+"&tel="+testMobile, 0)
	u, err := url.ParseRequestURI(got)
	if err != nil {
		t.Fatalf("%q does not parse: %v", got, err)
	}
	if v := u.Query().Get("name"); v == testName || !strings.Contains(v, "*") {
		t.Errorf("name = %q, want a partial mask", v)
	}
	if v := u.Query().Get("tel"); v != testMobile[:3]+"****"+testMobile[7:] {
		t.Errorf("tel = %q, want the partial mask", v)
	}
	if !strings.Contains(got, "tel="+testMobile[:3]+"****") {
		t.Errorf("%q: an ASCII mask was escaped", got)
	}
}

func TestRedactDetect(t *testing.T) {
	f := newFilter(t, Filter{Detect: []detect.Category{detect.CNID}, Mask: "full"})
	got := f.redact("/x?id="+testID+"&tel="+testMobile, 0)
	if strings.Contains(got, testID) || !strings.Contains(got, testMobile) {
		t.Errorf("detect cn_id only: %q", got)
	}
	if !strings.Contains(got, strings.Repeat("*", len(testID))) {
		t.Errorf("mask full: %q", got)
	}
}

type stringer string

func (s stringer) String() string { return string(s) }

// encode encodes field with a JSON encoder and returns the output.
func encode(t *testing.T, field zapcore.Field) string {
	t.Helper()
	enc := zapcore.NewJSONEncoder(zapcore.EncoderConfig{MessageKey: "msg"})
	buf, err := enc.EncodeEntry(zapcore.Entry{Message: "m"}, []zapcore.Field{field})
	if err != nil {
		t.Fatalf("EncodeEntry: %v", err)
	}
	return buf.String()
}

func TestFilterFieldTypes(t *testing.T) {
	f := newFilter(t, Filter{Mask: "label"})
	header := func(vals ...string) caddyhttp.LoggableStringArray { return vals }
	for _, tc := range []struct {
		name  string
		field zapcore.Field
		want  string
	}{
		{"string", zap.String("uri", "/q?id="+testID), `"uri":"/q?id=[CN_ID]"`},
		{"byte string", zap.ByteString("note", []byte("tel "+testMobile)), `"note":"tel [CN_MOBILE]"`},
		{"stringer", zap.Stringer("who", stringer("mail "+testEmail)), `"who":"mail [EMAIL]"`},
		{"header array", zap.Array("Referer", header("https://a.example/?id="+testID, "/b?tel="+testMobile)),
			`"Referer":["https://a.example/?id=[CN_ID]","/b?tel=[CN_MOBILE]"]`},
		{"other array", zap.Strings("list", []string{"x", testEmail}), `"list":["x","[EMAIL]"]`},
		{"object", zap.Object("headers", headersObject{"X-Note": {"tel " + testMobile}}),
			`"X-Note":["tel [CN_MOBILE]"],"flat":"id [CN_ID]","nested":{"mail":"[EMAIL]"}`},
		{"number untouched", zap.Int("status", 200), `"status":200`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := encode(t, f.Filter(tc.field))
			if !strings.Contains(got, tc.want) {
				t.Errorf("got %s\nwant it to contain %s", got, tc.want)
			}
			noRaw(t, got)
		})
	}
}

// headersObject is an object of string arrays, like the request headers.
type headersObject map[string][]string

func (h headersObject) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	for k, v := range h {
		if err := enc.AddArray(k, caddyhttp.LoggableStringArray(v)); err != nil {
			return err
		}
	}
	enc.AddString("flat", fmt.Sprint("id ", testID))
	return enc.AddObject("nested", nestedObject{})
}

type nestedObject struct{}

func (nestedObject) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	enc.AddByteString("mail", []byte(testEmail))
	return nil
}

func TestFilterUnprovisionedDropsField(t *testing.T) {
	var f Filter
	if got := f.Filter(zap.String("uri", "/q?id="+testID)); got.Type != zapcore.SkipType {
		t.Errorf("unprovisioned filter kept the field: %+v", got)
	}
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		f    Filter
		want string
	}{
		{Filter{Mask: "blur"}, "mask: unknown mask style"},
		{Filter{Detect: []detect.Category{"passport"}}, "detect: unknown category"},
	} {
		if err := tc.f.Validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Validate(%+v) = %v, want %q", tc.f, err, tc.want)
		}
	}
}

func TestRedactPercentUInURI(t *testing.T) {
	// %uXXXX escapes, as ASP.NET decodes a query, are read like %XX ones:
	// a mobile spelled so is masked in the path and the query.
	f := newFilter(t, Filter{})
	var u strings.Builder
	for _, c := range testMobile {
		fmt.Fprintf(&u, "%%u%04X", c)
	}
	for _, uri := range []string{"/q?tel=" + u.String(), "/users/" + u.String() + "/x"} {
		got := f.redact(uri, 0)
		if got == uri || strings.Contains(got, u.String()[:30]) {
			t.Errorf("%q: not masked: %q", uri, got)
		}
	}
}
