package integration

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// mfAccessEntry is the part of an access log entry the tests look at.
type mfAccessEntry struct {
	Request struct {
		URI     string              `json:"uri"`
		Host    string              `json:"host"`
		Headers map[string][]string `json:"headers"`
	} `json:"request"`
	RespHeaders map[string][]string `json:"resp_headers"`
}

// mfAccessLog reads the access log entries of requests whose URI starts
// with prefix. The client must have sent a later request over the same
// connection (see mfSameConn), so that the entries are written.
func mfAccessLog(t *testing.T, name, prefix string) (entries []mfAccessEntry, raw []byte) {
	t.Helper()
	raw, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("reading the access log: %v", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var e mfAccessEntry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("access log line %q: %v", sc.Bytes(), err)
		}
		if strings.HasPrefix(e.Request.URI, prefix) {
			entries = append(entries, e)
		}
	}
	return entries, raw
}

// mfNoRawValues fails the test when the log holds a fixture value, plain
// or percent-encoded.
func mfNoRawValues(t *testing.T, log []byte) {
	t.Helper()
	for _, v := range []string{mfID, mfMobile, mfEmail, mfCard} {
		for _, form := range []string{v, mfPercentAll(v), url.QueryEscape(v)} {
			if bytes.Contains(log, []byte(form)) {
				t.Errorf("the access log holds %q", form)
			}
		}
	}
}

// mfMaskMobile is the partial mask of mfMobile.
func mfMaskMobile() string { return mfMobile[:3] + "****" + mfMobile[7:] }

// mfMaskID is the partial mask of mfID.
func mfMaskID() string { return mfID[:4] + strings.Repeat("*", 10) + mfID[14:] }

// mfLogSite logs its requests through the pii filter to {$PII_ACCESS_LOG}.
const mfLogSite = `{
	servers {
		log_credentials
	}
}

http://localhost:9080 {
	log {
		output file {$PII_ACCESS_LOG}
		format filter {
			wrap json
			fields {
				request>uri pii
				request>headers>Referer pii
				request>headers>Cookie pii mask label
			}
		}
	}
	respond "ok"
}
`

func TestAccessLogFilter(t *testing.T) {
	logFile := filepath.Join(t.TempDir(), "access.log")
	t.Setenv("PII_ACCESS_LOG", logFile)
	mfRun(t, mfLogSite)
	c := mfClient(t)

	path := "/find?phone=" + mfPercentAll(mfMobile) + "&id=" + mfID + "&page=2"
	status, _, _ := mfSend(t, c, "GET", path, "", nil,
		"Referer", "https://shop.example/u/"+mfID+"?mail="+url.QueryEscape(mfEmail),
		"Cookie", "sid=abc123; tel="+mfMobile)
	if status != http.StatusOK {
		t.Fatalf("status %d", status)
	}
	if !mfSameConn(t, c, "/marker") {
		t.Fatal("the marker request went over a new connection: the log may not be written yet")
	}

	entries, raw := mfAccessLog(t, logFile, "/find")
	mfNoRawValues(t, raw)
	if len(entries) != 1 {
		t.Fatalf("%d access log entries for /find, want 1:\n%s", len(entries), raw)
	}
	e := entries[0]
	if want := "/find?phone=" + mfMaskMobile() + "&id=" + mfMaskID() + "&page=2"; e.Request.URI != want {
		t.Errorf("uri %q, want %q", e.Request.URI, want)
	}
	ref := e.Request.Headers["Referer"]
	if len(ref) != 1 || !strings.HasPrefix(ref[0], "https://shop.example/u/"+mfMaskID()+"?mail=") ||
		!strings.Contains(ref[0], "***@") {
		t.Errorf("Referer %q: want the ID and the e-mail address masked", ref)
	}
	if got := e.Request.Headers["Cookie"]; len(got) != 1 || got[0] != "sid=abc123; tel=[CN_MOBILE]" {
		t.Errorf("Cookie %q, want the session id kept and the mobile labelled", got)
	}
}

func TestScrubbedAccessLogExample(t *testing.T) {
	// The application records the URIs it gets, and redirects /redirect
	// to a URI with a mobile number in it.
	uris := make(chan string, 8)
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		uris <- r.RequestURI
		if r.URL.Path == "/redirect" {
			http.Redirect(w, r, "/done?phone="+mfMobile, http.StatusFound)
			return
		}
		if r.URL.Path == "/boom" {
			// the upstream fails: Caddy answers 502 and logs an error
			// entry holding the request
			if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
				conn.Close()
			}
			return
		}
		fmt.Fprint(w, "app")
	}))
	t.Cleanup(app.Close)

	logFile := filepath.Join(t.TempDir(), "access.log")
	errorLog := filepath.Join(t.TempDir(), "error.log")
	t.Setenv("PORT", "9080")
	t.Setenv("ACCESS_LOG", logFile)
	t.Setenv("ERROR_LOG", "file "+errorLog)
	t.Setenv("APP_UPSTREAM", app.Listener.Addr().String())
	mfRun(t, mfExample(t, "scrubbed-access-log.Caddyfile"))
	c := mfClient(t)
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

	path := "/search?q=" + mfPercentAll(mfID) + "&card=" + mfCard
	status, body, _ := mfSend(t, c, "GET", path, "", nil,
		"Referer", "https://shop.example/?phone="+mfMobile,
		"Cookie", "lang=zh; mail="+url.QueryEscape(mfEmail),
		"Authorization", "Bearer secret-token")
	if status != http.StatusOK || body != "app" {
		t.Fatalf("%d %q", status, body)
	}
	if got := <-uris; got != path {
		t.Errorf("the application got %q, want the request as sent: the filter is for the log only", got)
	}
	if status, _, _ := mfSend(t, c, "GET", "/redirect", "", nil); status != http.StatusFound {
		t.Fatalf("/redirect: %d", status)
	}
	if status, _, _ := mfSend(t, c, "GET", "/boom?phone="+mfPercentAll(mfMobile), "", nil, "Referer", "https://x.example/?id="+mfID); status != http.StatusBadGateway {
		t.Fatalf("/boom: %d, want 502", status)
	}
	entries, raw, errRaw := mfWrittenLogs(t, c, logFile, errorLog)
	if bytes.Contains(errRaw, []byte(mfPercentAll(mfMobile))) {
		t.Error("the error log holds the percent-encoded mobile")
	}
	if bytes.Contains(raw, []byte("secret-token")) {
		t.Error("the access log holds the Authorization header")
	}
	if len(entries) < 2 {
		t.Fatalf("%d access log entries, want at least 2:\n%s", len(entries), raw)
	}
	e := entries[0]
	wantURI := "/search?q=" + mfMaskID() + "&card=" + strings.ReplaceAll(maskCard(mfCard), " ", "%20")
	if e.Request.URI != wantURI {
		t.Errorf("uri %q, want %q", e.Request.URI, wantURI)
	}
	if ref := e.Request.Headers["Referer"]; len(ref) != 1 || ref[0] != "https://shop.example/?phone="+mfMaskMobile() {
		t.Errorf("Referer %q", ref)
	}
	if got := e.Request.Headers["Cookie"]; len(got) != 1 || !strings.HasPrefix(got[0], "lang=zh; mail=") || !strings.Contains(got[0], "***") {
		t.Errorf("Cookie %q, want lang kept and the e-mail address masked", got)
	}
	if _, ok := e.Request.Headers["Authorization"]; ok {
		t.Error("the access log entry has an Authorization field: want it dropped")
	}
	if got := entries[1].RespHeaders["Location"]; len(got) != 1 || got[0] != "/done?phone="+mfMaskMobile() {
		t.Errorf("Location %q", got)
	}
}

// mfWrittenLogs waits until the requests sent on c are logged (a marker
// request on the same connection), then returns the access log's entries
// and text and the error log's text, each checked to hold no raw value,
// and the error log checked to hold the failed /boom request.
func mfWrittenLogs(t *testing.T, c *http.Client, logFile, errorLog string) ([]mfAccessEntry, []byte, []byte) {
	t.Helper()
	if !mfSameConn(t, c, "/marker") {
		t.Fatal("the marker request went over a new connection: the log may not be written yet")
	}
	entries, raw := mfAccessLog(t, logFile, "/")
	mfNoRawValues(t, raw)
	errRaw, err := os.ReadFile(errorLog)
	if err != nil || !bytes.Contains(errRaw, []byte("/boom")) {
		t.Fatalf("error log (%v) has no entry of the failed request:\n%s", err, errRaw)
	}
	mfNoRawValues(t, errRaw)
	return entries, raw, errRaw
}
