package integration

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2/caddytest"

	_ "github.com/piifilter/caddy-pii-filter/logfilter"
	_ "github.com/piifilter/caddy-pii-filter/matcher"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// The tests of the pii matcher (http.matchers.pii) in a real Caddy, and
// the helpers (mf…) they share with logfilter_test.go. The golden adapt
// files testdata/matcher.caddyfiletest and testdata/logfilter.caddyfiletest
// are checked by TestCaddyfileAdapt.

// Fixtures of the matcher and log filter tests, from their own seed.
var (
	mfRand   = rand.New(rand.NewPCG(20251123, 2999))
	mfID     = synth.CNID18(mfRand)
	mfMobile = synth.CNMobile(mfRand)
	mfEmail  = synth.Email(mfRand)
	mfCard   = synth.UnionPayCard(mfRand)
	mfOrder  = synth.OrderNumber(mfRand)
)

// mfBase is the site the matcher and log filter tests serve.
const mfBase = "http://localhost:9080"

// mfGlobals are the global options the matcher and log filter tests
// add to a Caddyfile: caddytest's admin endpoint and ports, no grace
// period, no trust store changes, other logs to stderr from WARN up.
const mfGlobals = `	admin localhost:2999
	http_port 9080
	https_port 9443
	grace_period 1ns
	skip_install_trust
`

// mfDefaultLog quiets the default log, unless the configuration sets its
// own.
const mfDefaultLog = `	log default {
		output stderr
		level WARN
	}
`

// mfWithGlobals returns a Caddyfile with mfGlobals merged into
// its global options block, or added as one when it has none.
func mfWithGlobals(cfg string) string {
	globals := mfGlobals
	if !strings.Contains(cfg, "log default") {
		globals += mfDefaultLog
	}
	lines := strings.SplitAfter(cfg, "\n")
	for i, l := range lines {
		switch t := strings.TrimSpace(l); {
		case t == "" || strings.HasPrefix(t, "#"):
			continue
		case t == "{":
			return strings.Join(lines[:i+1], "") + globals + strings.Join(lines[i+1:], "")
		}
		break
	}
	return "{\n" + globals + "}\n\n" + cfg
}

// mfRun loads a whole Caddyfile, with the test's global options,
// into the test process's Caddy.
func mfRun(t *testing.T, cfg string) {
	t.Helper()
	caddytest.NewTester(t).InitServer(mfWithGlobals(cfg), "caddyfile")
	if t.Failed() {
		t.FailNow()
	}
}

// mfUpstream starts an upstream that answers "<name>\n" followed by
// the body it received, with the request's Content-Length (-1 when it
// came chunked) in X-Got-Length. It returns the upstream's host:port.
func mfUpstream(t *testing.T, name string) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, "reading body: "+err.Error(), http.StatusBadGateway)
			return
		}
		w.Header().Set("X-Got-Length", fmt.Sprint(r.ContentLength))
		fmt.Fprintf(w, "%s\n%s", name, body)
	}))
	t.Cleanup(srv.Close)
	return srv.Listener.Addr().String()
}

// mfClient returns a client that dials 127.0.0.1 whatever the host,
// does not decompress, and holds one connection to the server, so that a
// request is only read once the one before it has been handled entirely
// (access log included).
func mfClient(t *testing.T) *http.Client {
	tr := caddytest.CreateTestingTransport()
	tr.DisableCompression = true
	tr.MaxConnsPerHost = 1
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, Timeout: caddytest.Default.TestRequestTimeout}
}

// mfSend sends a request to the test site and returns the status, the
// body and the response header. header lists names and values in turn.
func mfSend(t *testing.T, c *http.Client, method, path, contentType string, body []byte, header ...string) (int, string, http.Header) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, mfBase+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	return mfDo(t, c, req, contentType, header...)
}

// mfDo sets Content-Type and the header pairs on req, sends it and
// returns the status, the body and the response header.
func mfDo(t *testing.T, c *http.Client, req *http.Request, contentType string, header ...string) (int, string, http.Header) {
	t.Helper()
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading body: %v", req.Method, req.URL, err)
	}
	return resp.StatusCode, string(out), resp.Header
}

// mfGzip compresses b.
func mfGzip(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// mfMatcherSite routes requests with pii matchers to a review upstream
// ({$PII_REVIEW}) or the application ({$PII_APP}).
const mfMatcherSite = `http://localhost:9080 {
	@pii pii
	@dossier pii {
		min 3
	}
	@clean not pii
	@small pii {
		max_body 64
	}
	@cel expression ` + "`method('POST') && pii('cn_id')`" + `

	handle /route/* {
		handle @dossier {
			respond "dossier" 403
		}
		handle @pii {
			reverse_proxy {$PII_REVIEW}
		}
		handle {
			reverse_proxy {$PII_APP}
		}
	}

	handle /not/* {
		handle @clean {
			reverse_proxy {$PII_APP}
		}
		handle {
			respond "held" 202
		}
	}

	# Two matchers with different categories over one body, then the proxy.
	handle /twice/* {
		@noEmail not pii email
		header @pii X-PII any
		header @noEmail X-No-Email yes
		reverse_proxy {$PII_APP}
	}

	handle /small/* {
		handle @small {
			reverse_proxy {$PII_REVIEW}
		}
		handle {
			reverse_proxy {$PII_APP}
		}
	}

	handle /cel/* {
		handle @cel {
			reverse_proxy {$PII_REVIEW}
		}
		handle {
			reverse_proxy {$PII_APP}
		}
	}

	# An expression's error reaches handle_errors wrapped by CEL, where
	# Caddy does not find its status: {err.status_code} is empty there.
	handle_errors {
		handle /cel/* {
			respond "pii expression error" 400
		}
		handle {
			respond "pii matcher error {err.status_code}" {err.status_code}
		}
	}
}
`

func TestMatcherRoutes(t *testing.T) {
	t.Setenv("PII_REVIEW", mfUpstream(t, "review"))
	t.Setenv("PII_APP", mfUpstream(t, "app"))
	mfRun(t, mfMatcherSite)
	c := mfClient(t)

	idJSON := []byte(`{"customer":{"idCard":"` + mfID + `"},"orderNo":"` + mfOrder + `"}`)
	cleanJSON := []byte(`{"orderNo":"` + mfOrder + `","items":[1,2,3],"note":"没有个人信息"}`)
	form := []byte("note=hello&phone=" + url.QueryEscape(mfMobile))
	text := []byte("please write to " + mfEmail + " about order " + mfOrder)
	dossier := []byte(`{"idCard":"` + mfID + `","mobile":"` + mfMobile + `","email":"` + mfEmail + `"}`)

	for _, tc := range []struct {
		name, method, path, ct string
		body                   []byte
		status                 int
		upstream               string // "" when the response is not proxied
		want                   string // the whole response body when upstream is ""
	}{
		{"query with an ID", "GET", "/route/search?q=" + mfID, "", nil, 200, "review", ""},
		{"percent-encoded query", "GET", "/route/search?phone=" + mfPercentAll(mfMobile), "", nil, 200, "review", ""},
		{"clean query", "GET", "/route/search?q=hello&order=" + mfOrder, "", nil, 200, "app", ""},
		{"json body", "POST", "/route/api", "application/json", idJSON, 200, "review", ""},
		{"clean json body", "POST", "/route/api", "application/json", cleanJSON, 200, "app", ""},
		{"form body", "POST", "/route/api", "application/x-www-form-urlencoded", form, 200, "review", ""},
		{"text body", "POST", "/route/api", "text/plain; charset=utf-8", text, 200, "review", ""},
		{"dossier", "POST", "/route/api", "application/json", dossier, 403, "", "dossier"},
		{"not pii, clean", "POST", "/not/api", "application/json", cleanJSON, 200, "app", ""},
		{"not pii, with an ID", "POST", "/not/api", "application/json", idJSON, 202, "", "held"},
		{"cel with an ID", "POST", "/cel/api", "application/json", idJSON, 200, "review", ""},
		{"cel, GET", "GET", "/cel/api?id=" + mfID, "", nil, 200, "app", ""},
		{"cel, other category", "POST", "/cel/api", "text/plain", text, 200, "app", ""},
		{"small body with an ID", "POST", "/small/api", "text/plain", []byte("id " + mfID), 200, "review", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, got, h := mfSend(t, c, tc.method, tc.path, tc.ct, tc.body)
			want := tc.want
			if tc.upstream != "" {
				want = tc.upstream + "\n" + string(tc.body)
			}
			if status != tc.status || got != want {
				t.Fatalf("%s %s: %d %q\nwant %d %q", tc.method, tc.path, status, got, tc.status, want)
			}
			if tc.upstream != "" && tc.body != nil && h.Get("X-Got-Length") != fmt.Sprint(len(tc.body)) {
				t.Errorf("upstream got Content-Length %s, want %d", h.Get("X-Got-Length"), len(tc.body))
			}
		})
	}

	t.Run("gzip body", func(t *testing.T) {
		gz := mfGzip(t, idJSON)
		status, got, _ := mfSend(t, c, "POST", "/route/api", "application/json", gz, "Content-Encoding", "gzip")
		if status != 200 || got != "review\n"+string(gz) {
			t.Errorf("gzip body with an ID: %d, %q…; want review and the compressed bytes as sent", status, got[:min(len(got), 12)])
		}
	})

	t.Run("chunked body", func(t *testing.T) {
		req, err := http.NewRequest("POST", mfBase+"/route/api", io.MultiReader(bytes.NewReader(idJSON)))
		if err != nil {
			t.Fatal(err)
		}
		status, got, h := mfDo(t, c, req, "application/json")
		if status != 200 || got != "review\n"+string(idJSON) {
			t.Errorf("chunked body: %d %q", status, got)
		}
		if h.Get("X-Got-Length") != "-1" {
			t.Errorf("upstream got Content-Length %s, want the body chunked (-1)", h.Get("X-Got-Length"))
		}
	})

	t.Run("asked twice", func(t *testing.T) {
		status, got, h := mfSend(t, c, "POST", "/twice/api", "application/json", idJSON)
		if status != 200 || got != "app\n"+string(idJSON) {
			t.Fatalf("%d %q: want the body intact at the upstream", status, got)
		}
		if h.Get("X-PII") != "any" || h.Get("X-No-Email") != "yes" {
			t.Errorf("X-PII %q, X-No-Email %q: want both matchers to have matched", h.Get("X-PII"), h.Get("X-No-Email"))
		}
		status, got, h = mfSend(t, c, "POST", "/twice/api", "text/plain", text)
		if status != 200 || got != "app\n"+string(text) || h.Get("X-PII") != "any" || h.Get("X-No-Email") != "" {
			t.Errorf("e-mail body: %d %q, X-PII %q, X-No-Email %q", status, got, h.Get("X-PII"), h.Get("X-No-Email"))
		}
	})

	t.Run("unreadable bodies", func(t *testing.T) {
		for _, tc := range []struct {
			name, path, ct string
			body           []byte
			header         []string
			status         int
		}{
			{"broken gzip", "/route/api", "application/json", []byte("this is not gzip"), []string{"Content-Encoding", "gzip"}, 400},
			{"unknown coding", "/not/api", "text/plain", []byte("abc"), []string{"Content-Encoding", "x-custom"}, 400},
			{"over max_body", "/small/api", "text/plain", bytes.Repeat([]byte("a"), 65), nil, 413},
			{"cel, broken gzip", "/cel/api", "application/json", []byte("not gzip"), []string{"Content-Encoding", "gzip"}, 400},
		} {
			t.Run(tc.name, func(t *testing.T) {
				status, got, _ := mfSend(t, c, "POST", tc.path, tc.ct, tc.body, tc.header...)
				want := fmt.Sprintf("pii matcher error %d", tc.status)
				if strings.HasPrefix(tc.path, "/cel/") {
					want = "pii expression error"
				}
				if status != tc.status || got != want {
					t.Errorf("%d %q, want %d %q from handle_errors", status, got, tc.status, want)
				}
			})
		}
	})
}

// mfPercentAll escapes every byte of s, as an evasive client might.
func mfPercentAll(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, "%%%02X", s[i])
	}
	return b.String()
}

// mfExample reads a file of caddyfile-examples/.
func mfExample(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "caddyfile-examples", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestReviewQueueExample(t *testing.T) {
	t.Setenv("PORT", "9080")
	t.Setenv("REVIEW_UPSTREAM", mfUpstream(t, "review"))
	t.Setenv("APP_UPSTREAM", mfUpstream(t, "app"))
	mfRun(t, mfExample(t, "review-queue.Caddyfile"))
	c := mfClient(t)

	order := []byte(`{"orderNo":"` + mfOrder + `","note":"deliver after 6pm"}`)
	withMobile := []byte(`{"orderNo":"` + mfOrder + `","note":"call me on ` + mfMobile + `"}`)
	withCard := []byte("card=" + mfCard + "&amount=12.50")
	dossier := []byte(`{"name":"x","idCard":"` + mfID + `","mobile":"` + mfMobile + `","email":"` + mfEmail + `"}`)
	for _, tc := range []struct {
		name, method, path, ct string
		body                   []byte
		header                 []string
		status                 int
		want                   string
	}{
		{"clean query", "GET", "/search?q=hello", "", nil, nil, 200, "app\n"},
		{"query with an ID", "GET", "/search?idCard=" + mfID, "", nil, nil, 200, "review\n"},
		{"clean JSON", "POST", "/api/orders", "application/json", order, nil, 200, "app\n" + string(order)},
		{"JSON with a mobile", "POST", "/api/orders", "application/json", withMobile, nil, 200, "review\n" + string(withMobile)},
		{"form with a card", "POST", "/api/pay", "application/x-www-form-urlencoded", withCard, nil, 200, "review\n" + string(withCard)},
		{"dossier", "POST", "/api/orders", "application/json", dossier, nil, 403, "refused: the request assembles personal information"},
		{"broken gzip", "POST", "/api/orders", "application/json", []byte("not gzip"), []string{"Content-Encoding", "gzip"}, 400, "the request body could not be inspected"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, got, _ := mfSend(t, c, tc.method, tc.path, tc.ct, tc.body, tc.header...)
			if status != tc.status || got != tc.want {
				t.Errorf("%s %s: %d %q\nwant %d %q", tc.method, tc.path, status, got, tc.status, tc.want)
			}
		})
	}
}

// mfSameConn sends a GET for path and reports whether it went over a
// connection used before: then the server has finished with every earlier
// request on it, access log included.
func mfSameConn(t *testing.T, c *http.Client, path string) bool {
	t.Helper()
	reused := false
	trace := &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) { reused = info.Reused }}
	req, err := http.NewRequest("GET", mfBase+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req = req.WithContext(httptrace.WithClientTrace(req.Context(), trace))
	mfDo(t, c, req, "")
	return reused
}
