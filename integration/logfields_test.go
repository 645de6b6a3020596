package integration

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

// TestScrubbedAccessLogEveryField (attack pass 37): the shipped
// scrubbed-access-log example filters every request and response header
// field and the host, not only the URI, Referer and Cookie: a client's
// User-Agent, From, X- fields and Host, and an upstream's X- fields, are
// logged masked, in the access log and in the error entry of a 502; clean
// fields are logged byte for byte as sent.
func TestScrubbedAccessLogEveryField(t *testing.T) {
	const cleanUA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/owner":
			w.Header().Set("X-Owner-Phone", mfMobile)
		case "/clean":
			w.Header().Set("X-App-Version", "3.1.0-20240601")
			w.Header().Set("Cache-Control", "max-age=600, public")
		case "/boom":
			if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
				conn.Close()
			}
			return
		}
		w.Write([]byte("app"))
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
	cases := []struct {
		name, path string
		header     []string
		host       string
		raw        string
		status     int
	}{
		{name: "User-Agent", path: "/ua", header: []string{"User-Agent", "shop-app/3.1 (uid " + mfID + ")"}, raw: mfID},
		{name: "From", path: "/from", header: []string{"From", mfEmail}, raw: mfEmail},
		{name: "X-field", path: "/x", header: []string{"X-Customer-Mobile", mfMobile}, raw: mfMobile},
		{name: "Host", path: "/host", host: mfMobile + ".shop.example", raw: mfMobile},
		{name: "Host glued", path: "/host-glued", host: "u" + mfID + ".shop.example", raw: mfID},
		{name: "resp-X-field", path: "/owner", raw: mfMobile},
		{name: "502", path: "/boom", header: []string{"User-Agent", "shop-app/3.1 (uid " + mfID + ")", "X-Customer-Mobile", mfMobile}, host: "u" + mfID + ".shop.example", raw: mfID, status: http.StatusBadGateway},
	}
	for _, tc := range cases {
		req, err := http.NewRequest("GET", mfBase+tc.path, nil)
		if err != nil {
			t.Fatal(err)
		}
		if tc.host != "" {
			req.Host = tc.host
		}
		want := tc.status
		if want == 0 {
			want = http.StatusOK
		}
		if status, _, _ := mfDo(t, c, req, "", tc.header...); status != want {
			t.Fatalf("%s: status %d, want %d", tc.name, status, want)
		}
	}
	if status, _, _ := mfSend(t, c, "GET", "/clean", "", nil, "User-Agent", cleanUA, "X-Request-Id", "r-20240601-0042", "Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8"); status != http.StatusOK {
		t.Fatalf("/clean: %d", status)
	}
	entries, raw, _ := mfWrittenLogs(t, c, logFile, errorLog)
	byPath := map[string]mfAccessEntry{}
	for _, e := range entries {
		byPath[e.Request.URI] = e
	}
	for _, tc := range cases {
		e, ok := byPath[tc.path]
		if !ok {
			t.Errorf("no access log entry for %s:\n%s", tc.path, clip(raw))
			continue
		}
		if tc.host != "" && !strings.HasSuffix(e.Request.Host, ".shop.example") {
			t.Errorf("%s: host logged as %q, want its clean labels kept", tc.name, e.Request.Host)
		}
	}
	e := byPath["/clean"]
	for name, want := range map[string]string{"User-Agent": cleanUA, "X-Request-Id": "r-20240601-0042", "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"} {
		if got := e.Request.Headers[name]; len(got) != 1 || got[0] != want {
			t.Errorf("clean %s logged as %q, want %q", name, got, want)
		}
	}
	for name, want := range map[string]string{"X-App-Version": "3.1.0-20240601", "Cache-Control": "max-age=600, public"} {
		if got := e.RespHeaders[name]; len(got) != 1 || got[0] != want {
			t.Errorf("clean response %s logged as %q, want %q", name, got, want)
		}
	}
	if e.Request.Host != "localhost:9080" {
		t.Errorf("clean host logged as %q", e.Request.Host)
	}
}
