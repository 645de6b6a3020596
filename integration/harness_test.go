package integration

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2/caddytest"

	_ "github.com/caddyserver/caddy/v2/modules/standard"
	_ "github.com/piifilter/caddy-pii-filter/caddymodule"
)

// The ports of the Caddy the tests run. The admin endpoint is caddytest's.
const (
	httpPort  = 9080
	httpsPort = 9443
)

// base is the URL of the site every test configuration serves.
var base = fmt.Sprintf("http://localhost:%d", httpPort)

// globalOptions start every test configuration: caddytest's admin
// endpoint and ports, HTTP/2 over cleartext (h2c) as well as HTTP/1.1 on
// the plain port, no grace period, no trust store changes, and the
// module's incidents in their own JSON log ({$PII_LOG}) so that tests can
// read them. Everything else is logged to stderr from WARN up.
const globalOptions = `{
	admin localhost:2999
	http_port 9080
	https_port 9443
	grace_period 1ns
	skip_install_trust
	servers {
		protocols h1 h2 h2c
	}
	log default {
		output stderr
		level WARN
	}
	log pii {
		output file {$PII_LOG}
		format json
		include http.handlers.pii_filter
	}
}
`

// caddyServer is Caddy running one test configuration.
type caddyServer struct {
	client  *http.Client // no transparent decompression, no redirects
	logFile string
}

// startCaddy loads a configuration made of globalOptions and one site,
// http://localhost:9080, whose block holds siteBody. Upstream addresses
// are passed as environment placeholders ({$UP}, set with t.Setenv before
// the call). When the test ends, the incident log is checked for every
// raw fixture value: incidents must never carry one.
func startCaddy(t *testing.T, siteBody string) *caddyServer {
	t.Helper()
	return startCaddyWith(t, "", siteBody)
}

// startCaddyWith is startCaddy with more global options (the pii app's,
// say) at the end of the global block.
func startCaddyWith(t *testing.T, global, siteBody string) *caddyServer {
	t.Helper()
	logFile := filepath.Join(t.TempDir(), "pii.log")
	t.Setenv("PII_LOG", logFile)
	opts := strings.TrimSuffix(strings.TrimSpace(globalOptions), "}") + global + "\n}\n"
	cfg := opts + "\n" + base + " {\n" + siteBody + "\n}\n"

	tester := caddytest.NewTester(t)
	tester.InitServer(cfg, "caddyfile")
	if t.Failed() {
		t.FailNow()
	}
	s := &caddyServer{client: newClient(), logFile: logFile}
	t.Cleanup(func() {
		s.client.CloseIdleConnections()
		s.assertLogClean(t)
	})
	return s
}

// attach returns a caddyServer for a configuration loaded some other way
// (loadExample), with a client of its own and no incident log.
func attach(t *testing.T) *caddyServer {
	s := &caddyServer{client: newClient()}
	t.Cleanup(s.client.CloseIdleConnections)
	return s
}

// newClient returns a client that dials 127.0.0.1 whatever the host, and
// leaves Content-Encoding to the test instead of decompressing.
func newClient() *http.Client {
	tr := caddytest.CreateTestingTransport()
	tr.DisableCompression = true
	return &http.Client{
		Transport: tr,
		Timeout:   caddytest.Default.TestRequestTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// do sends req and returns the response with its whole body read.
func (s *caddyServer) do(t *testing.T, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	resp, err := s.client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading body: %v", req.Method, req.URL.Path, err)
	}
	return resp, body
}

// get sends a GET for path.
func (s *caddyServer) get(t *testing.T, path string, header ...string) (*http.Response, []byte) {
	t.Helper()
	return s.do(t, newRequest(t, http.MethodGet, path, nil, header...))
}

// post sends a POST of body with the given Content-Type to path.
func (s *caddyServer) post(t *testing.T, path, contentType string, body []byte, header ...string) (*http.Response, []byte) {
	t.Helper()
	return s.do(t, newRequest(t, http.MethodPost, path, body, append([]string{"Content-Type", contentType}, header...)...))
}

// newRequest makes a request to the test site. header lists names and
// values in turn.
func newRequest(t *testing.T, method, path string, body []byte, header ...string) *http.Request {
	t.Helper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, base+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return req
}

// logEntry is one incident of the module's log.
type logEntry struct {
	Logger     string         `json:"logger"`
	Level      string         `json:"level"`
	Msg        string         `json:"msg"`
	Incident   string         `json:"incident"`
	Direction  string         `json:"direction"`
	Action     string         `json:"action"`
	Outcome    string         `json:"outcome"`
	Reason     string         `json:"reason"`
	Dossier    bool           `json:"dossier"`
	Categories map[string]int `json:"categories"`
	Findings   int            `json:"findings"`
	Samples    []struct {
		Category    string `json:"category"`
		Masked      string `json:"masked"`
		Fingerprint string `json:"fingerprint"`
	} `json:"samples"`
	Method   string `json:"method"`
	Path     string `json:"path"`
	Status   int    `json:"status"`
	CacheHit bool   `json:"cache_hit"`
}

// incidents returns the incidents logged so far. Incidents are logged
// before the response that reports them is written, so everything a
// finished request logged is in the file.
func (s *caddyServer) incidents(t *testing.T) []logEntry {
	t.Helper()
	return readIncidents(t, s.logFile)
}

// readIncidents parses a JSON log of the module.
func readIncidents(t *testing.T, name string) []logEntry {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("reading incident log: %v", err)
	}
	var out []logEntry
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var e logEntry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("incident log line %q: %v", sc.Bytes(), err)
		}
		if e.Logger != "http.handlers.pii_filter" {
			t.Errorf("incident log holds an entry of logger %q: the include rule leaks", e.Logger)
		}
		out = append(out, e)
	}
	return out
}

// incidentsFor returns the incidents about a request path.
func (s *caddyServer) incidentsFor(t *testing.T, path string) []logEntry {
	t.Helper()
	var out []logEntry
	for _, e := range s.incidents(t) {
		if e.Path == path {
			out = append(out, e)
		}
	}
	return out
}

// incident returns the incident with the given id.
func (s *caddyServer) incident(t *testing.T, id string) logEntry {
	t.Helper()
	for _, e := range s.incidents(t) {
		if e.Incident == id {
			return e
		}
	}
	t.Fatalf("no incident %q in the log", id)
	return logEntry{}
}

// assertLogClean fails the test if the incident log holds a raw fixture
// value anywhere.
func (s *caddyServer) assertLogClean(t *testing.T) {
	data, err := os.ReadFile(s.logFile)
	if err != nil {
		return // nothing was logged
	}
	assertNoRaw(t, "incident log", data, allRaw()...)
}

// assertNoRaw fails if data contains any of the raw values.
func assertNoRaw(t *testing.T, what string, data []byte, raw ...string) {
	t.Helper()
	for _, v := range raw {
		if v != "" && bytes.Contains(data, []byte(v)) {
			t.Errorf("%s contains the raw value %q:\n%s", what, v, clip(data))
		}
	}
}

// assertContains fails if data does not contain every one of want.
func assertContains(t *testing.T, what string, data []byte, want ...string) {
	t.Helper()
	for _, w := range want {
		if !bytes.Contains(data, []byte(w)) {
			t.Errorf("%s lacks %q:\n%s", what, w, clip(data))
		}
	}
}

// clip shortens a body for an error message.
func clip(b []byte) string {
	const n = 2000
	if len(b) > n {
		return string(b[:n]) + "…"
	}
	return string(b)
}

// problem is the refusal document of the module.
type problem struct {
	Type       string   `json:"type"`
	Title      string   `json:"title"`
	Status     int      `json:"status"`
	Detail     string   `json:"detail"`
	Categories []string `json:"categories"`
	Dossier    bool     `json:"dossier"`
	Incident   string   `json:"incident"`
}

// problemKeys are the members a refusal document has, and the only ones.
var problemKeys = []string{"type", "title", "status", "detail", "categories", "dossier", "incident"}

// assertProblem checks that a response is a refusal document with the
// given status and type fragment, whose incident is the X-PII-Incident
// header, and which carries no personal value; it returns the document.
func assertProblem(t *testing.T, resp *http.Response, body []byte, status int, fragment string) problem {
	t.Helper()
	if resp.StatusCode != status {
		t.Errorf("status %d, want %d; body %s", resp.StatusCode, status, clip(body))
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("Content-Type %q, want application/problem+json", ct)
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(body, &members); err != nil {
		t.Fatalf("refusal is not JSON: %v\n%s", err, clip(body))
	}
	for k := range members {
		if !contains(problemKeys, k) {
			t.Errorf("refusal has an unexpected member %q", k)
		}
	}
	var p problem
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatal(err)
	}
	if p.Status != resp.StatusCode {
		t.Errorf("problem status %d, response status %d", p.Status, resp.StatusCode)
	}
	if !strings.HasSuffix(p.Type, "#"+fragment) {
		t.Errorf("problem type %q, want fragment #%s", p.Type, fragment)
	}
	if p.Incident == "" || resp.Header.Get("X-PII-Incident") != p.Incident {
		t.Errorf("incident %q, X-PII-Incident %q", p.Incident, resp.Header.Get("X-PII-Incident"))
	}
	if cl := resp.Header.Get("Content-Length"); cl != fmt.Sprint(len(body)) {
		t.Errorf("Content-Length %q for a body of %d bytes", cl, len(body))
	}
	assertNoRaw(t, "refusal", body, allRaw()...)
	return p
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// assertLength fails unless Content-Length states the length of body.
func assertLength(t *testing.T, resp *http.Response, body []byte) {
	t.Helper()
	if cl := resp.Header.Get("Content-Length"); cl != fmt.Sprint(len(body)) {
		t.Errorf("Content-Length %q for a body of %d bytes", cl, len(body))
	}
}

// upstream starts an httptest server running h and returns its address
// (host:port); it is closed when the test ends.
func upstream(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.Listener.Addr().String()
}

// received is what an upstream saw of one request.
type received struct {
	method           string
	header           http.Header
	body             []byte
	contentLength    int64
	transferEncoding []string
	readErr          error
}

// capture records the requests an upstream receives.
type capture struct{ ch chan received }

func newCapture() *capture { return &capture{ch: make(chan received, 16)} }

// handler records each request, then answers 204. The record is made
// before the answer, so it is there once the client has its response.
func (c *capture) handler() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		c.ch <- received{
			method:           r.Method,
			header:           r.Header.Clone(),
			body:             body,
			contentLength:    r.ContentLength,
			transferEncoding: r.TransferEncoding,
			readErr:          err,
		}
		w.WriteHeader(http.StatusNoContent)
	}
}

// next returns the request the upstream received, failing the test if it
// received none.
func (c *capture) next(t *testing.T) received {
	t.Helper()
	select {
	case r := <-c.ch:
		if r.readErr != nil {
			t.Errorf("upstream reading the request body: %v", r.readErr)
		}
		return r
	default:
		t.Fatal("the upstream received no request")
		return received{}
	}
}

// none fails the test if the upstream received a request.
func (c *capture) none(t *testing.T) {
	t.Helper()
	select {
	case r := <-c.ch:
		t.Errorf("the upstream received a request it should not have: %s %q", r.method, clip(r.body))
	default:
	}
}

// assertConsistent fails unless the upstream received a body whose length
// matches what the request declared.
func (r received) assertConsistent(t *testing.T) {
	t.Helper()
	if r.contentLength >= 0 && int64(len(r.body)) != r.contentLength {
		t.Errorf("upstream got %d bytes with ContentLength %d", len(r.body), r.contentLength)
	}
	if cl := r.header.Get("Content-Length"); cl != "" && cl != fmt.Sprint(len(r.body)) {
		t.Errorf("upstream got %d bytes with Content-Length %s", len(r.body), cl)
	}
}

// fixed returns a handler answering status with body and the header
// fields given as names and values in turn.
func fixed(status int, body []byte, header ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			_, _ = w.Write(body)
		}
	}
}
