package matcher

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"testing"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"

	"github.com/piifilter/caddy-pii-filter/internal/panics"
)

// fuzzMatchTypes and fuzzMatchCodings are the Content-Type and
// Content-Encoding values FuzzMatch sends its bodies under.
var (
	fuzzMatchTypes   = []string{"application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=b", "text/plain", "", "application/octet-stream", "text/html; charset=gbk"}
	fuzzMatchCodings = []string{"", "gzip", "deflate", "br", "x-unknown"}
)

// FuzzMatch checks the pii matcher on any request body, under any of
// fuzzMatchTypes and fuzzMatchCodings, and any query string: no panic,
// contained or not (a contained one is the error "inspection panicked");
// an error only of the matcher's own kinds (413 ErrBodyTooLarge, 400
// ErrUninspectable), never with a match, the request then left with no
// body; without an error the body the handlers read next is the client's,
// byte for byte.
func FuzzMatch(f *testing.F) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(`{"idCard":"` + testID + `"}`))
	zw.Close()
	f.Add([]byte(`{"note":"hello","idCard":"`+testID+`"}`), uint8(0), uint8(0), "a=1")
	f.Add([]byte("tel="+testMobile+"&email="+url.QueryEscape(testEmail)), uint8(1), uint8(0), "idCard="+testID)
	f.Add([]byte("--b\r\nContent-Disposition: form-data; name=\"card\"\r\n\r\n"+testCard+"\r\n--b--\r\n"), uint8(2), uint8(0), "")
	f.Add(gz.Bytes(), uint8(0), uint8(1), "")
	f.Add([]byte("\x00\x00&tel="+testMobile), uint8(5), uint8(0), "q=%zz")
	f.Add([]byte("1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1"), uint8(3), uint8(4), "")
	m := newMatcher(f, MatchPII{In: []string{SourceQuery, SourceBody}})
	f.Fuzz(func(t *testing.T, body []byte, ct, enc uint8, query string) {
		checkMatch(t, m, body, ct, enc, query)
	})
}

// checkMatch is one input of FuzzMatch: body sent under
// fuzzMatchTypes[ct] and fuzzMatchCodings[enc] with query, in a request
// whose handling ends when checkMatch returns, as Caddy's server ends each
// (the memory the matcher holds for a request is held until then: a
// request that never ended drained the process's budget over a few
// thousand inputs, and the fuzzer took the 503 for a finding).
func checkMatch(t *testing.T, m *MatchPII, body []byte, ct, enc uint8, query string) {
	t.Helper()
	ctx, end := context.WithCancel(context.Background())
	defer end()
	r := newRequestIn(ctx, "POST", "/f", fuzzMatchTypes[int(ct)%len(fuzzMatchTypes)], bytes.NewReader(body))
	if coding := fuzzMatchCodings[int(enc)%len(fuzzMatchCodings)]; coding != "" {
		r.Header.Set("Content-Encoding", coding)
	}
	r.URL.RawQuery = query
	match, err := m.MatchWithError(r)
	if err != nil {
		if _, ok := errors.AsType[*panics.Error](err); ok {
			t.Fatalf("the inspection panicked: %v\nstack: %v", err, stackOf(err))
		}
		he, ok := errors.AsType[caddyhttp.HandlerError](err)
		typed := ok && (he.StatusCode == http.StatusRequestEntityTooLarge && errors.Is(err, ErrBodyTooLarge) ||
			he.StatusCode == http.StatusBadRequest && errors.Is(err, ErrUninspectable))
		if !typed || match {
			t.Fatalf("match %v, error %v (status %d): not the matcher's own", match, err, statusOf(err))
		}
		if rest, _ := io.ReadAll(r.Body); len(rest) != 0 {
			t.Fatalf("after the error %v the request still has %d bytes of body", err, len(rest))
		}
		return
	}
	got, rerr := io.ReadAll(r.Body)
	if rerr != nil || !bytes.Equal(got, body) {
		t.Fatalf("the body read after the matcher differs (%d of %d bytes, %v)", len(got), len(body), rerr)
	}
}

// stackOf returns the stack of a contained panic.
func stackOf(err error) []string {
	if pe, ok := errors.AsType[*panics.Error](err); ok {
		return pe.Stack
	}
	return nil
}
