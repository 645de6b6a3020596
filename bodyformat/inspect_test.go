package bodyformat

import (
	"bytes"
	"errors"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestInspectDispatch checks which format each Content-Type is read as,
// and that bodies that are not text are skipped untouched.
func TestInspectDispatch(t *testing.T) {
	eng := testEngine(t)
	r := rng("dispatch")
	mobile := synth.CNMobile(r)
	text := []byte("tel " + mobile)
	obj := []byte(`{"mobile":"` + mobile + `"}`)
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00"), text...)
	for _, c := range []struct {
		name, ct string
		body     []byte
		format   string
	}{
		{"json", "application/json", obj, FormatJSON},
		{"json with charset", "application/json; charset=utf-8", obj, FormatJSON},
		{"vendor json", "application/vnd.example+json", obj, FormatJSON},
		{"ndjson", "application/x-ndjson", obj, FormatJSON},
		{"form", "application/x-www-form-urlencoded", []byte("mobile=" + mobile), FormatForm},
		{"html", "text/html", text, FormatHTML},
		{"xhtml", "application/xhtml+xml", text, FormatHTML},
		{"xml", "text/xml", text, FormatXML},
		{"rss", "application/rss+xml", text, FormatXML},
		{"plain", "text/plain", text, FormatText},
		{"untyped json", "", obj, FormatJSON},
		{"untyped text", "", text, FormatText},
		{"octet-stream json", "application/octet-stream", obj, FormatJSON},
		{"octet-stream text", "application/octet-stream", text, FormatText},
		{"text that is not JSON", "text/plain", []byte(`[` + mobile + `] called`), FormatText},
		{"plain number stays text", "text/plain", []byte(mobile), FormatText},
		{"json that is not JSON", "application/json", text, FormatText},
		// a label does not stop a receiver from reading text as text
		{"json labelled image", "image/png", obj, FormatJSON},
		{"json labelled x-json", "application/x-json", obj, FormatJSON},
		{"text labelled pdf", "application/pdf", text, FormatText},
		{"text labelled protobuf", "application/x-protobuf", text, FormatText},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := mustInspect(t, eng, c.body, c.ct, "", Redact)
			if res.Format != c.format {
				t.Errorf("Format = %q, want %q", res.Format, c.format)
			}
			if !res.Changed || bytes.Contains(res.Body, []byte(mobile)) {
				t.Errorf("not redacted: %q", res.Body)
			}
			if c.name == "plain number stays text" && res.Body[0] == '"' {
				t.Errorf("a text body was quoted like a JSON string: %q", res.Body)
			}
		})
	}
	for _, c := range []struct {
		name, ct string
		body     []byte
	}{
		{"image", "image/png", png},
		{"untyped binary", "", png},
		{"octet-stream binary", "application/octet-stream", png},
		{"empty untyped", "", nil},
	} {
		t.Run("skip "+c.name, func(t *testing.T) {
			res := mustInspect(t, eng, c.body, c.ct, "", Redact)
			if res.Format != FormatSkipped || res.Changed || !sameSlice(res.Body, c.body) || len(res.Findings) != 0 {
				t.Errorf("Format %q Changed %v findings %d", res.Format, res.Changed, len(res.Findings))
			}
			if res.Summary.Counts == nil {
				t.Error("Summary.Counts is nil")
			}
		})
	}
}

// TestInspectSkippedNotDecoded checks that a body that is not text is not
// decompressed at all: its coding cannot fail it.
// TestInspectCompressedBinaryDecoded checks that a compressed body of a
// binary type is decompressed and sniffed, so that a false coding fails
// closed instead of passing the bytes unread.
func TestInspectCompressedBinaryDecoded(t *testing.T) {
	_, err := Inspect(testEngine(t), []byte("not gzip"), "image/png", "gzip", Redact, Limits{})
	if !errors.Is(err, ErrEncoding) {
		t.Errorf("err %v, want ErrEncoding", err)
	}
}

// TestInspectScanNeverChanges runs every format in Scan mode over bodies
// full of personal data: findings are reported, the body is the input.
func TestInspectScanNeverChanges(t *testing.T) {
	eng := testEngine(t)
	r := rng("scan")
	rec := newRecord(r)
	for _, c := range []struct {
		ct   string
		body []byte
	}{
		{ctJSON, jsonBody(r, 2<<10, true)},
		{ctForm, []byte("realName=" + rec.Name + "&mobile=" + rec.Mobile)},
		{ctMultipart, multipartBody(t, field("idCard", rec.ID))},
		{"text/html", []byte("<p>" + rec.Email + "</p>")},
		{"text/plain", []byte("卡号 " + rec.Card)},
	} {
		res := mustInspect(t, eng, c.body, c.ct, "", Scan)
		if res.Changed || !sameSlice(res.Body, c.body) || len(res.Findings) == 0 {
			t.Errorf("%s: Changed %v same %v findings %d", c.ct, res.Changed, sameSlice(res.Body, c.body), len(res.Findings))
		}
	}
}
