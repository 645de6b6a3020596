package integration

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/redistest"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestProtectVictimsExample runs protect-victims.Caddyfile (port 8080
// moved to 9080) on a real Redis, and does what its comments tell a
// report intake: protect a number through the admin API, then see it
// refused without a label; and five clients (told apart by
// X-Forwarded-For, trusted from a private address) posting one number
// make one campaign incident, after which the number is refused.
func TestProtectVictimsExample(t *testing.T) {
	exampleEnv(t)
	t.Setenv("XDG_DATA_HOME", t.TempDir()) // the protected list's snapshot
	srv := redistest.Start(t)
	t.Setenv("REDIS_ADDR", srv.Addr)
	c := newCapture()
	t.Setenv("PORT", fmt.Sprint(httpPort))
	t.Setenv("APP_UPSTREAM", upstream(t, c.handler()))
	loadExample(t, "protect-victims.Caddyfile", nil)
	s := attach(t)
	r := rand.New(rand.NewPCG(7, 2026))
	victim, target := synth.CNMobile(r), synth.CNMobile(r)

	report, _ := json.Marshal(map[string]any{"values": []string{synth.FullWidthAll(victim)}})
	resp, err := http.Post("http://localhost:2999/pii/protected", "application/json", bytes.NewReader(report))
	if err != nil {
		t.Fatal(err)
	}
	var added struct{ Added int }
	_ = json.NewDecoder(resp.Body).Decode(&added)
	resp.Body.Close()
	if resp.StatusCode != 200 || added.Added != 1 {
		t.Fatalf("POST /pii/protected: %d, added %d", resp.StatusCode, added.Added)
	}
	resp, body := s.post(t, "/comment", "text/plain", []byte("快来 "+synth.SeparatorEvery(victim, " ")))
	assertProblem(t, resp, body, http.StatusForbidden, "refused-personal-information")
	c.none(t)

	posting := []byte("开盒 手机 " + target)
	for i := range 5 {
		s.post(t, "/comment", "text/plain", posting, "X-Forwarded-For", fmt.Sprintf("10.1.0.%d", i+1))
		c.next(t) // redacted and passed on: not protected yet
	}
	logFile := os.Getenv("PII_LOG_FILE")
	campaigns := func() (n int) {
		for _, e := range readEntries(t, logFile) {
			if e["logger"] == "pii.campaign" {
				n++
			}
		}
		return n
	}
	if !poll(100, func() bool { return campaigns() > 0 }) {
		t.Fatal("no campaign incident")
	}
	if !poll(40, func() bool {
		resp, _ := s.post(t, "/comment", "text/plain", posting, "X-Forwarded-For", "10.1.0.99")
		return resp.StatusCode == http.StatusForbidden
	}) {
		t.Fatal("the campaign's number is not refused")
	}
	if n := campaigns(); n != 1 {
		t.Errorf("%d campaign incidents, want 1", n)
	}
	data, _ := os.ReadFile(logFile)
	assertNoRaw(t, "incident log", data, victim, target)
}
