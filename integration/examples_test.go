package integration

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig"
	"github.com/caddyserver/caddy/v2/caddytest"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// examplesDir holds the runnable Caddyfiles of the project.
const examplesDir = "../caddyfile-examples"

// exampleEnv points every file an example may write (logs) into a
// temporary directory and clears the environment variables the examples
// read, so that their defaults are what is tested.
func exampleEnv(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("PII_LOG_FILE", filepath.Join(dir, "pii-incidents.log"))
	t.Setenv("ACCESS_LOG", filepath.Join(dir, "access.log"))
	// the fleet's key file: examples with a shared store need one
	key := filepath.Join(dir, "pii-key.bin") // not *.key: caddytest rewrites those paths
	if err := os.WriteFile(key, []byte(strings.Repeat("examplekey", 4)), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PII_KEY_FILE", key)
	for _, v := range []string{"PORT", "APP_UPSTREAM", "REVIEW_UPSTREAM", "REDIS_ADDR"} {
		t.Setenv(v, "")
		os.Unsetenv(v)
	}
}

// adaptExample adapts an example to JSON, failing on errors and warnings.
func adaptExample(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(examplesDir, name))
	if err != nil {
		t.Fatal(err)
	}
	cfg, warnings, err := caddyconfig.GetAdapter("caddyfile").Adapt(data, map[string]any{"filename": name})
	if err != nil {
		t.Fatalf("%s does not adapt: %v", name, err)
	}
	for _, w := range warnings {
		t.Errorf("%s:%d: warning: %s: %s", name, w.Line, w.Directive, w.Message)
	}
	return cfg
}

// TestExamplesValidate adapts every file of caddyfile-examples/ (without
// warnings) and validates it as `caddy adapt --validate` does: every
// module is provisioned, nothing is started.
func TestExamplesValidate(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(examplesDir, "*.Caddyfile"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples in %s (%v)", examplesDir, err)
	}
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			exampleEnv(t)
			var cfg caddy.Config
			if err := json.Unmarshal(adaptExample(t, name), &cfg); err != nil {
				t.Fatal(err)
			}
			if err := caddy.Validate(&cfg); err != nil {
				t.Errorf("%s does not validate: %v", name, err)
			}
		})
	}
}

// TestExamplesLogOutsideRepository adapts every example with the
// environment it reads cleared, as a new user runs it from the
// repository root: every log file it names by default is an absolute path
// outside the repository, so running or validating an example writes
// nothing into the checkout.
func TestExamplesLogOutsideRepository(t *testing.T) {
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(examplesDir, "*.Caddyfile"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples in %s (%v)", examplesDir, err)
	}
	for _, v := range []string{"PII_LOG_FILE", "ACCESS_LOG", "ERROR_LOG"} {
		t.Setenv(v, "")
		os.Unsetenv(v)
	}
	logFiles := 0
	for _, file := range files {
		name := filepath.Base(file)
		var cfg any
		if err := json.Unmarshal(adaptExample(t, name), &cfg); err != nil {
			t.Fatal(err)
		}
		for _, f := range logFileNames(cfg) {
			logFiles++
			if !filepath.IsAbs(f) || strings.HasPrefix(filepath.Clean(f), repo+string(filepath.Separator)) {
				t.Errorf("%s writes its log to %s, inside the directory it is run from", name, f)
			}
		}
	}
	if logFiles == 0 {
		t.Error("no example names a log file: the check checked nothing")
	}
}

// logFileNames returns the file names of the file log writers of an
// adapted configuration ({"output": "file", "filename": …}).
func logFileNames(v any) []string {
	var out []string
	switch v := v.(type) {
	case map[string]any:
		if v["output"] == "file" {
			if f, ok := v["filename"].(string); ok {
				out = append(out, f)
			}
		}
		for _, e := range v {
			out = append(out, logFileNames(e)...)
		}
	case []any:
		for _, e := range v {
			out = append(out, logFileNames(e)...)
		}
	}
	return out
}

// loadExample adapts an example and loads it into the test process's
// Caddy, with caddytest's admin endpoint and no grace period, its
// listeners and upstream addresses moved by ports (":8080" → ":9080").
func loadExample(t *testing.T, name string, ports map[string]string) {
	t.Helper()
	var cfg map[string]any
	if err := json.Unmarshal(adaptExample(t, name), &cfg); err != nil {
		t.Fatal(err)
	}
	cfg["admin"] = map[string]any{"listen": "localhost:2999"}
	httpApp, _ := cfg["apps"].(map[string]any)["http"].(map[string]any)
	if httpApp == nil {
		t.Fatalf("%s has no http app", name)
	}
	httpApp["grace_period"] = 1
	movePorts(cfg, ports)
	out, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	caddytest.NewTester(t).InitServer(string(out), "json")
	if t.Failed() {
		t.FailNow()
	}
}

// movePorts rewrites, anywhere in a JSON configuration, the listen
// addresses of servers and the dial addresses of upstreams that end with
// a port of the map.
func movePorts(v any, ports map[string]string) {
	move := func(s string) string {
		for from, to := range ports {
			if rest, ok := strings.CutSuffix(s, from); ok {
				return rest + to
			}
		}
		return s
	}
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			switch k {
			case "listen":
				if l, ok := e.([]any); ok {
					for i := range l {
						if s, ok := l[i].(string); ok {
							l[i] = move(s)
						}
					}
				}
			case "dial":
				if s, ok := e.(string); ok {
					x[k] = move(s)
				}
			}
			movePorts(e, ports)
		}
	case []any:
		for _, e := range x {
			movePorts(e, ports)
		}
	}
}

// quickstartCustomer is a customer of the quickstart's demo API.
type quickstartCustomer struct {
	ID        int    `json:"id"`
	Name      string `json:"name"`
	IDCard    string `json:"idCard"`
	Mobile    string `json:"mobile"`
	Email     string `json:"email"`
	Address   string `json:"address"`
	BankCard  string `json:"bankCard"`
	LastOrder struct {
		OrderNo   string          `json:"orderNo"`
		CreatedAt json.RawMessage `json:"createdAt"`
	} `json:"lastOrder"`
}

type quickstartDoc struct {
	RequestID string               `json:"requestId"`
	Customers []quickstartCustomer `json:"customers"`
}

// TestQuickstartExample runs quickstart.Caddyfile (ports 8080 and 8081
// moved to 9080 and 9081) and does what its comments tell a newcomer:
// the demo API's values are synthetic but pass their checksums, and the
// front door serves them redacted.
func TestQuickstartExample(t *testing.T) {
	exampleEnv(t)
	loadExample(t, "quickstart.Caddyfile", map[string]string{":8080": ":9080", ":8081": ":9081"})
	s := attach(t)
	get := func(t *testing.T, url string) (*http.Response, []byte) {
		t.Helper()
		return s.do(t, newRequestURL(t, http.MethodGet, url, nil))
	}

	_, rawBody := get(t, "http://localhost:9081/api/customers")
	var raw quickstartDoc
	if err := json.Unmarshal(rawBody, &raw); err != nil || len(raw.Customers) != 3 {
		t.Fatalf("the demo API's JSON: %v (%d customers)\n%s", err, len(raw.Customers), clip(rawBody))
	}

	t.Run("demo values are valid synthetic data", func(t *testing.T) {
		for _, cu := range raw.Customers {
			if !synth.ValidCNID18(cu.IDCard) {
				t.Errorf("customer %d: idCard %s fails its check character", cu.ID, cu.IDCard)
			}
			if !synth.LooksLikeCard(cu.BankCard) || !strings.HasPrefix(cu.BankCard, "62") {
				t.Errorf("customer %d: bankCard %s is not a Luhn-valid UnionPay number", cu.ID, cu.BankCard)
			}
			if len(cu.Mobile) != 11 || !slices.Contains(synth.MobilePrefixes, cu.Mobile[:3]) {
				t.Errorf("customer %d: mobile %s has no allocated prefix", cu.ID, cu.Mobile)
			}
			_, domain, _ := strings.Cut(cu.Email, "@")
			if !slices.Contains(synth.EmailDomains, domain) {
				t.Errorf("customer %d: email %s is not at a reserved domain", cu.ID, cu.Email)
			}
		}
	})

	t.Run("curl localhost:8080/api/customers", func(t *testing.T) {
		resp, body := get(t, base+"/api/customers")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d: %s", resp.StatusCode, clip(body))
		}
		assertLength(t, resp, body)
		var got quickstartDoc
		if err := json.Unmarshal(body, &got); err != nil || len(got.Customers) != 3 {
			t.Fatalf("redacted JSON: %v\n%s", err, clip(body))
		}
		if got.RequestID != raw.RequestID {
			t.Errorf("requestId changed: %s", got.RequestID)
		}
		for i, r := range raw.Customers {
			g := got.Customers[i]
			assertNoRaw(t, "redacted customers", body, r.Name, r.IDCard, r.Mobile, r.Email, r.Address, r.BankCard)
			want := quickstartCustomer{ID: r.ID, IDCard: maskID(r.IDCard), Mobile: maskMobile(r.Mobile),
				Email: maskEmail(r.Email), BankCard: maskCard(r.BankCard), LastOrder: r.LastOrder}
			if g.ID != want.ID || g.IDCard != want.IDCard || g.Mobile != want.Mobile || g.Email != want.Email ||
				g.BankCard != want.BankCard || g.LastOrder.OrderNo != want.LastOrder.OrderNo ||
				!bytes.Equal(g.LastOrder.CreatedAt, want.LastOrder.CreatedAt) {
				t.Errorf("customer %d:\n got %+v\nwant %+v", r.ID, g, want)
			}
			if g.Name == "" || !strings.HasPrefix(r.Name, strings.TrimRight(g.Name, "*")) {
				t.Errorf("customer %d: name %q", r.ID, g.Name)
			}
		}
	})

	t.Run("profile page", func(t *testing.T) {
		resp, body := get(t, base+"/users/1/profile.html")
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			t.Fatalf("status %d, Content-Type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		text := []byte(html.UnescapeString(string(body)))
		r := raw.Customers[0]
		assertNoRaw(t, "profile page", text, r.IDCard, r.Mobile, r.Email, r.Address)
		assertContains(t, "profile page", text, maskID(r.IDCard), maskMobile(r.Mobile))
		t.Run("name in a definition list", func(t *testing.T) {
			assertNoRaw(t, "profile page", text, r.Name)
		})
	})

	t.Run("echo", func(t *testing.T) {
		resp, body := s.post(t, "/echo", "application/json", []byte(`{"comment": "call me on `+alice.Mobile+`"}`))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d: %s", resp.StatusCode, body)
		}
		if want := `{"comment": "call me on ` + maskMobile(alice.Mobile) + `"}`; string(body) != want {
			t.Errorf("echo %s, want %s", body, want)
		}
	})

	t.Run("echo refuses a dossier", func(t *testing.T) {
		resp, body := s.post(t, "/echo", "application/json", dossierDoc)
		p := assertProblem(t, resp, body, http.StatusForbidden, "refused-personal-information")
		if !p.Dossier {
			t.Errorf("problem %+v", p)
		}
	})
}

// newRequestURL makes a request to any URL.
func newRequestURL(t *testing.T, method, url string, body []byte) *http.Request {
	t.Helper()
	req := newRequest(t, method, "/", body)
	u, err := req.URL.Parse(url)
	if err != nil {
		t.Fatal(err)
	}
	req.URL, req.Host = u, u.Host
	return req
}

// customersJSON is what the legacy API of the examples answers.
func customersJSON() []byte {
	type rec struct {
		Name     string `json:"name"`
		IDCard   string `json:"idCard"`
		Mobile   string `json:"mobile"`
		Email    string `json:"email"`
		Address  string `json:"address"`
		BankCard string `json:"bankCard"`
		OrderNo  string `json:"orderNo"`
	}
	var recs []rec
	for range 3 { // long enough for encode's minimum length
		for _, p := range []person{alice, bob} {
			recs = append(recs, rec{p.Name, p.ID, p.Mobile, p.Email, p.Address, p.Card, lookAlikes["orderNo"]})
		}
	}
	b, _ := json.Marshal(map[string]any{"customers": recs, "total": len(recs)})
	return b
}

// TestLegacyAPIExample runs legacy-api.Caddyfile in front of an upstream
// that ignores Accept-Encoding: JSON answers are redacted (even
// gzip-compressed by the upstream, and then compressed again by encode
// for a client that accepts it), CSV too, types not listed pass untouched
// and requests are not inspected.
func TestLegacyAPIExample(t *testing.T) {
	exampleEnv(t)
	c := newCapture()
	csv := []byte("name,mobile,idCard\n" + alice.Name + "," + alice.Mobile + "," + alice.ID + "\n")
	png := append([]byte("\x89PNG\r\n\x1a\n"), alice.Mobile...)
	mux := http.NewServeMux()
	mux.HandleFunc("/customers", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip")
		_, _ = w.Write(compress(t, "gzip", customersJSON()))
	})
	mux.Handle("/export.csv", fixed(http.StatusOK, csv, "Content-Type", "text/csv"))
	mux.Handle("/chart.png", fixed(http.StatusOK, png, "Content-Type", "image/png"))
	mux.Handle("/search", c.handler())
	t.Setenv("PORT", fmt.Sprint(httpPort))
	t.Setenv("APP_UPSTREAM", upstream(t, mux))
	loadExample(t, "legacy-api.Caddyfile", nil)
	s := attach(t)

	t.Run("JSON", func(t *testing.T) {
		resp, body := s.get(t, "/customers")
		if resp.Header.Get("Content-Encoding") != "" {
			t.Errorf("Content-Encoding %q for a client that asked for none", resp.Header.Get("Content-Encoding"))
		}
		assertNoRaw(t, "customers", body, allRaw()...)
		assertContains(t, "customers", body, maskID(alice.ID), maskMobile(bob.Mobile), maskCard(bob.Card), lookAlikes["orderNo"])
	})
	t.Run("JSON for a gzip client", func(t *testing.T) {
		resp, body := s.get(t, "/customers", "Accept-Encoding", "gzip")
		if resp.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("Content-Encoding %q, want gzip from encode", resp.Header.Get("Content-Encoding"))
		}
		plain := gunzip(t, body)
		assertNoRaw(t, "customers", plain, allRaw()...)
		if !json.Valid(plain) {
			t.Errorf("not JSON: %s", plain)
		}
	})
	t.Run("CSV", func(t *testing.T) {
		_, body := s.get(t, "/export.csv")
		assertNoRaw(t, "csv", body, alice.Mobile, alice.ID)
		assertContains(t, "csv", body, "name,mobile,idCard\n")
	})
	t.Run("image untouched", func(t *testing.T) {
		_, body := s.get(t, "/chart.png")
		if !bytes.Equal(body, png) {
			t.Errorf("image changed")
		}
	})
	t.Run("requests not inspected", func(t *testing.T) {
		sent := []byte(`{"q":"` + alice.Mobile + `"}`)
		s.post(t, "/search", "application/json", sent)
		if got := c.next(t); !bytes.Equal(got.body, sent) {
			t.Errorf("request changed: %s", got.body)
		}
	})
}

// TestUGCPostsExample runs ugc-posts.Caddyfile: a post with a phone
// number reaches the application masked, a dossier is refused with the
// example's HTML page carrying the incident id, and paths outside the
// posting API are not filtered.
func TestUGCPostsExample(t *testing.T) {
	exampleEnv(t)
	c := newCapture()
	page := []byte("<p>会员 " + bob.Name + " 的手机 " + bob.Mobile + "</p>")
	mux := http.NewServeMux()
	mux.Handle("POST /api/posts", c.handler())
	mux.Handle("GET /api/posts/1", fixed(http.StatusOK, []byte(`{"id":1,"body":"加我微信，电话 `+bob.Mobile+`"}`),
		"Content-Type", "application/json"))
	mux.Handle("GET /members/2", fixed(http.StatusOK, page, "Content-Type", "text/html; charset=utf-8"))
	t.Setenv("PORT", fmt.Sprint(httpPort))
	t.Setenv("APP_UPSTREAM", upstream(t, mux))
	loadExample(t, "ugc-posts.Caddyfile", nil)
	s := attach(t)

	t.Run("post redacted", func(t *testing.T) {
		resp, _ := s.post(t, "/api/posts", "application/json", []byte(`{"title":"求助","body":"有事打我电话 `+alice.Mobile+`"}`))
		if resp.StatusCode != http.StatusNoContent {
			t.Fatalf("status %d", resp.StatusCode)
		}
		got := c.next(t)
		got.assertConsistent(t)
		if want := `{"title":"求助","body":"有事打我电话 ` + maskMobile(alice.Mobile) + `"}`; string(got.body) != want {
			t.Errorf("application got %s, want %s", got.body, want)
		}
	})
	t.Run("stored post redacted on the way out", func(t *testing.T) {
		_, body := s.get(t, "/api/posts/1")
		assertNoRaw(t, "post", body, bob.Mobile)
	})
	t.Run("dossier refused with the error page", func(t *testing.T) {
		resp, body := s.post(t, "/api/posts", "application/json", dossierDoc)
		c.none(t)
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("status %d: %s", resp.StatusCode, body)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("Content-Type %q", ct)
		}
		id := resp.Header.Get("X-PII-Incident")
		assertContains(t, "error page", body, "<h1>帖子未发布</h1>", "它包含了他人的个人信息", "<code>"+id+"</code>")
		if id == "" {
			t.Error("no X-PII-Incident")
		}
		assertNoRaw(t, "error page", body, allRaw()...)
	})
	t.Run("other paths not filtered", func(t *testing.T) {
		_, body := s.get(t, "/members/2")
		if !bytes.Equal(body, page) {
			t.Errorf("page changed: %s", body)
		}
	})
}

// TestMonitorOnlyExample runs monitor-only.Caddyfile: nothing a client or
// the application sees changes (not even a dossier, an oversize or a
// broken body), and every body with personal information is an incident
// in the example's own log file, with masked samples only.
func TestMonitorOnlyExample(t *testing.T) {
	exampleEnv(t)
	c := newCapture()
	mux := http.NewServeMux()
	mux.Handle("POST /", c.handler())
	mux.Handle("GET /dossier", fixed(http.StatusOK, dossierDoc, "Content-Type", "application/json"))
	t.Setenv("PORT", fmt.Sprint(httpPort))
	t.Setenv("APP_UPSTREAM", upstream(t, mux))
	loadExample(t, "monitor-only.Caddyfile", nil)
	s := attach(t)

	s.post(t, "/api/profile", "application/json", dossierDoc)
	if got := c.next(t); !bytes.Equal(got.body, dossierDoc) {
		t.Errorf("request changed: %s", got.body)
	}
	broken := brokenGzip(t)
	s.post(t, "/api/upload", "application/json", broken, "Content-Encoding", "gzip")
	if got := c.next(t); !bytes.Equal(got.body, broken) {
		t.Errorf("undecodable request changed or refused")
	}
	resp, body := s.get(t, "/dossier")
	if resp.StatusCode != http.StatusOK || !bytes.Equal(body, dossierDoc) {
		t.Errorf("response changed: %d %s", resp.StatusCode, body)
	}

	logFile := os.Getenv("PII_LOG_FILE")
	inc := readIncidents(t, logFile)
	if len(inc) != 2 {
		t.Fatalf("%d incidents, want 2 (request and response): %+v", len(inc), inc)
	}
	for _, e := range inc {
		if e.Outcome != "logged" || e.Action != "log" || len(e.Categories) != 3 {
			t.Errorf("incident %+v", e)
		}
	}
	data, _ := os.ReadFile(logFile)
	assertNoRaw(t, "incident log", data, allRaw()...)

	// The access log names the incidents of each request, as the
	// example's comment says.
	ids := map[string]bool{}
	for _, e := range inc {
		ids[e.Incident] = true
	}
	var withIncident int
	access, _ := os.ReadFile(os.Getenv("ACCESS_LOG"))
	for line := range strings.SplitSeq(strings.TrimSpace(string(access)), "\n") {
		var e struct {
			Action     string `json:"pii_action"`
			Categories string `json:"pii_categories"`
			Incident   string `json:"pii_incident"`
		}
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("access log line %q: %v", line, err)
		}
		if e.Incident == "" {
			continue
		}
		withIncident++
		if e.Action != "logged" || strings.Count(e.Categories, ",") != 2 {
			t.Errorf("access log entry: pii_action %q, pii_categories %q", e.Action, e.Categories)
		}
		for id := range strings.SplitSeq(e.Incident, ",") {
			if !ids[id] {
				t.Errorf("access log names incident %q, not in the incident log", id)
			}
		}
	}
	if withIncident != 2 {
		t.Errorf("%d access log entries name an incident, want 2:\n%s", withIncident, access)
	}
	assertNoRaw(t, "access log", access, allRaw()...)
}
