package matcher

import (
	"bytes"
	"compress/gzip"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// percentAll escapes every byte of s, as an evasive client might.
func percentAll(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteString("%" + strings.ToUpper(string("0123456789abcdef"[s[i]>>4])+string("0123456789abcdef"[s[i]&15])))
	}
	return b.String()
}

func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func multipartBody(t *testing.T, field, value string) (string, []byte) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	if err := mw.WriteField(field, value); err != nil {
		t.Fatal(err)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return mw.FormDataContentType(), b.Bytes()
}

func TestMatchPlaces(t *testing.T) {
	mpType, mpBody := multipartBody(t, "idCard", testID)
	for _, tc := range []struct {
		name string
		m    MatchPII
		req  func() *http.Request
		want bool
	}{
		{"query", MatchPII{}, func() *http.Request {
			return newRequest("GET", "/search?q="+testID, "", nil)
		}, true},
		{"query percent-encoded", MatchPII{}, func() *http.Request {
			return newRequest("GET", "/search?q="+percentAll(testMobile), "", nil)
		}, true},
		{"clean query", MatchPII{}, func() *http.Request {
			return newRequest("GET", "/search?q=hello+world&page=2&order="+synth.OrderNumber(fixRand), "", nil)
		}, false},
		{"json body", MatchPII{}, func() *http.Request {
			return newRequest("POST", "/api", "application/json", strings.NewReader(`{"idCard":"`+testID+`"}`))
		}, true},
		{"form body", MatchPII{}, func() *http.Request {
			return newRequest("POST", "/api", "application/x-www-form-urlencoded",
				strings.NewReader("name=x&phone="+url.QueryEscape(testMobile)))
		}, true},
		{"text body", MatchPII{}, func() *http.Request {
			return newRequest("POST", "/api", "text/plain", strings.NewReader("write to "+testEmail+" please"))
		}, true},
		{"untyped text body", MatchPII{}, func() *http.Request {
			return newRequest("POST", "/api", "", strings.NewReader("card "+testCard))
		}, true},
		{"multipart body", MatchPII{}, func() *http.Request {
			return newRequest("POST", "/upload", mpType, bytes.NewReader(mpBody))
		}, true},
		{"gzip body", MatchPII{}, func() *http.Request {
			r := newRequest("POST", "/api", "application/json", bytes.NewReader(gzipped(t, `{"id":"`+testID+`"}`)))
			r.Header.Set("Content-Encoding", "gzip")
			return r
		}, true},
		{"untyped gzip body", MatchPII{}, func() *http.Request {
			r := newRequest("POST", "/api", "", bytes.NewReader(gzipped(t, "mail "+testEmail)))
			r.Header.Set("Content-Encoding", "gzip")
			return r
		}, true},
		{"clean json body", MatchPII{}, func() *http.Request {
			return newRequest("POST", "/api", "application/json",
				bytes.NewReader(synth.CustomersJSON(fixRand, 3, false)))
		}, false},
		{"text labelled image read", MatchPII{}, func() *http.Request {
			return newRequest("POST", "/img", "image/png", strings.NewReader(testID))
		}, true},
		{"image body not matched", MatchPII{}, func() *http.Request {
			return newRequest("POST", "/img", "image/png", bytes.NewReader(append([]byte("\x89PNG\r\n\x1a\n\x00\x00"), testID...)))
		}, false},
		// an untyped binary body is read whole: its form fields and its
		// runs of text (binaryText) a receiver that drops the framing reads
		{"binary untyped body", MatchPII{}, func() *http.Request {
			return newRequest("POST", "/bin", "", bytes.NewReader(append([]byte{0, 1, 2, 0}, testID...)))
		}, true},
		{"body not searched", MatchPII{In: []string{"query"}}, func() *http.Request {
			return newRequest("POST", "/api", "text/plain", strings.NewReader(testID))
		}, false},
		{"query not searched", MatchPII{In: []string{"body"}}, func() *http.Request {
			return newRequest("GET", "/search?q="+testID, "", nil)
		}, false},
		{"path", MatchPII{In: []string{"path"}}, func() *http.Request {
			return newRequest("GET", "/users/"+testID+"/orders", "", nil)
		}, true},
		{"path not searched by default", MatchPII{}, func() *http.Request {
			return newRequest("GET", "/users/"+testID+"/orders", "", nil)
		}, false},
		{"named header", MatchPII{Headers: []string{"x-note"}}, func() *http.Request {
			r := newRequest("GET", "/", "", nil)
			r.Header.Set("X-Note", "call "+testMobile)
			return r
		}, true},
		{"other header ignored", MatchPII{Headers: []string{"x-note"}}, func() *http.Request {
			r := newRequest("GET", "/", "", nil)
			r.Header.Set("X-Other", "call "+testMobile)
			return r
		}, false},
		{"all headers", MatchPII{In: []string{"headers"}}, func() *http.Request {
			r := newRequest("GET", "/", "", nil)
			r.Header.Set("Referer", "https://example.com/?id="+percentAll(testID))
			return r
		}, true},
		{"cookie", MatchPII{Headers: []string{"Cookie"}}, func() *http.Request {
			r := newRequest("GET", "/", "", nil)
			r.Header.Set("Cookie", "sid=abc; mail="+url.QueryEscape(testEmail))
			return r
		}, true},
		{"category not detected", MatchPII{Detect: []detect.Category{detect.CNID}}, func() *http.Request {
			return newRequest("GET", "/search?mail="+url.QueryEscape(testEmail), "", nil)
		}, false},
		{"category detected", MatchPII{Detect: []detect.Category{detect.Email}}, func() *http.Request {
			return newRequest("GET", "/search?mail="+url.QueryEscape(testEmail), "", nil)
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := newMatcher(t, tc.m)
			if got := mustMatch(t, m, tc.req()); got != tc.want {
				t.Errorf("match = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestMatchMin(t *testing.T) {
	dossier := `{"idCard":"` + testID + `","mobile":"` + testMobile + `","email":"` + testEmail + `"}`
	two := `{"idCard":"` + testID + `","mobile":"` + testMobile + `"}`
	m := newMatcher(t, MatchPII{Min: 3})
	if !mustMatch(t, m, newRequest("POST", "/", "application/json", strings.NewReader(dossier))) {
		t.Error("three categories in the body: no match with min 3")
	}
	if mustMatch(t, m, newRequest("POST", "/", "application/json", strings.NewReader(two))) {
		t.Error("two categories in the body: match with min 3")
	}
	// Categories add up across places.
	r := newRequest("POST", "/?mail="+url.QueryEscape(testEmail), "application/json", strings.NewReader(two))
	if !mustMatch(t, m, r) {
		t.Error("two categories in the body and one in the query: no match with min 3")
	}
	// Repeats of one category count once.
	r = newRequest("POST", "/?id="+testID, "application/json", strings.NewReader(`{"a":"`+testID+`","b":"`+testID+`"}`))
	if mustMatch(t, m, r) {
		t.Error("one category three times: match with min 3")
	}
}

func TestMatchRecordsError(t *testing.T) {
	m := newMatcher(t, MatchPII{MaxBody: 10})
	r := newRequest("POST", "/", "text/plain", strings.NewReader(testID))
	if m.Match(r) {
		t.Error("Match of an oversized body: true")
	}
	err, _ := caddyhttp.GetVar(r.Context(), caddyhttp.MatcherErrorVarKey).(error)
	if err == nil {
		t.Error("Match of an oversized body recorded no error")
	}
}

func TestMatchUnprovisioned(t *testing.T) {
	var m MatchPII
	if _, err := m.MatchWithError(newRequest("GET", "/", "", nil)); err == nil {
		t.Error("an unprovisioned matcher matched without an error")
	}
}
