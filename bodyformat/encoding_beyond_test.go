package bodyformat

import (
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestDeflateBodyReadBothWays (attack pass 34, F4 to F6): a "deflate"
// body whose stream ends before the body does is read both ways, decoded
// and as the raw bytes a receiver that does not inflate reads: a mobile
// in the raw reading counts in Scan mode and refuses the body in Redact
// mode; a clean one passes as it came.
func TestDeflateBodyReadBothWays(t *testing.T) {
	eng := testEngine(t)
	mobile := synth.CNMobile(rand.New(rand.NewPCG(34, 4)))
	json := []byte(`{"uxk2 ":"x","tel":"` + mobile + `"}`)
	if _, err := io.ReadAll(flate.NewReader(bytes.NewReader(json))); err != nil {
		t.Fatalf("fixture: the JSON no longer inflates as raw deflate: %v", err)
	}
	for name, c := range map[string]struct {
		body []byte
		ct   string
	}{
		"json as raw deflate": {json, "application/json"},
		"form after zlib":     {append(zlibOf("a=1"), "&tel="+mobile...), "application/x-www-form-urlencoded"},
	} {
		res, err := Inspect(eng, c.body, c.ct, "deflate", Scan, Limits{})
		if err != nil || res.Summary.Counts[detect.CNMobile] == 0 {
			t.Errorf("%s: scan counts %v, %v; want the mobile", name, res.Summary.Counts, err)
		}
		if _, err := Inspect(eng, c.body, c.ct, "deflate", Redact, Limits{}); !errors.Is(err, ErrEncoding) {
			t.Errorf("%s: redact gives %v, want a refusal", name, err)
		}
	}
	clean := []byte(`{"uxk2 ":"x","note":"opening hours nine to five"}`)
	res, err := Inspect(eng, clean, "application/json", "deflate", Redact, Limits{})
	if err != nil || res.Changed || len(res.Findings) != 0 {
		t.Errorf("clean JSON labelled deflate: changed %v, %d findings, %v", res.Changed, len(res.Findings), err)
	}
	// a stream that spans the body is read once, as before
	res, err = Inspect(eng, zlibOf(`{"tel":"`+mobile+`"}`), "application/json", "deflate", Redact, Limits{})
	if err != nil || !res.Changed || res.Summary.Counts[detect.CNMobile] != 1 {
		t.Errorf("a whole zlib body: changed %v, counts %v, %v", res.Changed, res.Summary.Counts, err)
	}
}

// TestZlibFileTrailingRead (attack pass 34, F6): a body that is a zlib
// stream followed by bytes that start no other (no Content-Encoding: a
// form whose first pair a sender compressed) had those bytes left unread,
// while the upstream parses them as a form. They are read as text.
func TestZlibFileTrailingRead(t *testing.T) {
	eng := testEngine(t)
	mobile := synth.CNMobile(rand.New(rand.NewPCG(34, 6)))
	body := append(zlibOf("a=1"), "&tel="+mobile...)
	res, err := Inspect(eng, body, "application/x-www-form-urlencoded", "", Scan, Limits{})
	if err != nil || res.Summary.Counts[detect.CNMobile] == 0 {
		t.Errorf("scan counts %v, %v; want the mobile", res.Summary.Counts, err)
	}
	if _, err := Inspect(eng, body, "application/x-www-form-urlencoded", "", Redact, Limits{}); err == nil {
		t.Error("redact: a mobile after a zlib stream passed")
	}
	res, err = Inspect(eng, append(zlibOf("a=1"), "&b=2"...), "application/x-www-form-urlencoded", "", Redact, Limits{})
	if err != nil || res.Changed {
		t.Errorf("clean bytes after a zlib stream: changed %v, %v", res.Changed, err)
	}
}

// TestBytesAfterInnerStreamRefused: bytes after a stream inside another
// coding reach no reader of text as they are: they are refused, not
// dropped.
func TestBytesAfterInnerStreamRefused(t *testing.T) {
	inner := append([]byte(gzipOf("note")), "\nmore"...)
	body := []byte(gzipOf(string(inner)))
	if _, err := Decompress(body, "gzip, gzip", 0); !errors.Is(err, errBeyondStream) {
		t.Errorf("bytes after the inner gzip member: %v, want errBeyondStream", err)
	}
	inner = append(zlibOf("note"), "\nmore"...)
	body = []byte(gzipOf(string(inner)))
	if _, err := Decompress(body, "deflate, gzip", 0); !errors.Is(err, errBeyondStream) {
		t.Errorf("bytes after the inner zlib stream: %v, want errBeyondStream", err)
	}
	body = []byte(gzipOf(string(zlibOf("note"))))
	if out, err := Decompress(body, "deflate, gzip", 0); err != nil || string(out) != "note" {
		t.Errorf("deflate inside gzip: %q, %v", out, err)
	}
}
