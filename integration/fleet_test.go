package integration

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/piifilter/caddy-pii-filter/internal/redistest"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// The fleet test runs two Caddy processes built from cmd/caddy, sharing
// one real redis-server: Caddy is a singleton within a process, so two
// instances need two processes, and a binary is what a fleet runs. Each
// instance has its own admin endpoint, site port and log file.

// fleetCaddyfile is the configuration of each instance: the pii app with
// the fleet's key and the shared Redis, campaigns of 3 distinct clients
// (told apart by the X-Client header) within an hour, protected for an
// hour, and a site whose filter only logs (protection refuses anyway).
const fleetCaddyfile = `{
	admin 127.0.0.1:{$ADMIN_PORT}
	http_port {$HTTP_PORT}
	https_port {$HTTPS_PORT}
	grace_period 1ns
	skip_install_trust
	log default {
		output file {$MAIN_LOG}
		format json
		level INFO
	}
	log pii {
		output file {$PII_LOG}
		format json
		include http.handlers.pii_filter pii
	}
	pii {
		key_file {$KEY_FILE}
		store redis {$REDIS_ADDR} {
			prefix fleet:
		}
		campaign 3 1h protect 1h
		campaign_client {http.request.header.X-Client}
	}
}

http://127.0.0.1:{$HTTP_PORT} {
	pii_filter {
		request log
		dossier 0
	}
	respond "accepted" 200
}
`

// instance is one Caddy process of the fleet.
type instance struct {
	name               string
	bin                string
	admin, site        string // host:port
	pii, main          string // log files
	config             string
	cmd                *exec.Cmd
	client             *http.Client
	stderr             bytes.Buffer
	env                []string
	httpPort, adminPrt int
}

// buildCaddy builds cmd/caddy into dir.
func buildCaddy(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "bin", "caddy")
	out, err := exec.Command("go", "build", "-o", bin, "../cmd/caddy").CombinedOutput()
	if err != nil {
		t.Fatalf("building cmd/caddy: %v\n%s", err, out)
	}
	return bin
}

// startInstance starts one instance and waits until its site answers.
func startInstance(t *testing.T, name, bin, dir, keyFile, redisAddr string) *instance {
	t.Helper()
	in := &instance{name: name, bin: bin, client: &http.Client{Timeout: 10 * time.Second}}
	in.adminPrt, in.httpPort = redistest.FreePort(t), redistest.FreePort(t)
	in.admin, in.site = "127.0.0.1:"+strconv.Itoa(in.adminPrt), "127.0.0.1:"+strconv.Itoa(in.httpPort)
	in.pii, in.main = filepath.Join(dir, name+"-pii.log"), filepath.Join(dir, name+"-main.log")
	cfg := filepath.Join(dir, name+".Caddyfile")
	if err := os.WriteFile(cfg, []byte(fleetCaddyfile), 0o600); err != nil {
		t.Fatal(err)
	}
	home := filepath.Join(dir, name) // its own data directory (the protected list's snapshot)
	in.env = append(os.Environ(),
		"ADMIN_PORT="+strconv.Itoa(in.adminPrt), "HTTP_PORT="+strconv.Itoa(in.httpPort),
		"HTTPS_PORT="+strconv.Itoa(redistest.FreePort(t)), "PII_LOG="+in.pii, "MAIN_LOG="+in.main,
		"KEY_FILE="+keyFile, "REDIS_ADDR="+redisAddr, "XDG_DATA_HOME="+home, "XDG_CONFIG_HOME="+home, "HOME="+home)
	in.config = cfg
	t.Cleanup(func() {
		in.stop()
		if t.Failed() {
			main, _ := os.ReadFile(in.main)
			t.Logf("%s output:\n%s\n%s main log:\n%s", name, clip(in.stderr.Bytes()), name, clip(main))
		}
	})
	in.start(t)
	return in
}

// stop kills the instance's process.
func (in *instance) stop() {
	if in.cmd != nil {
		_ = in.cmd.Process.Kill()
		_ = in.cmd.Wait()
		in.cmd = nil
	}
}

// start starts the instance's process and waits until its site answers.
func (in *instance) start(t *testing.T) {
	t.Helper()
	in.cmd = exec.Command(in.bin, "run", "--config", in.config, "--adapter", "caddyfile")
	in.cmd.Env, in.cmd.Stdout, in.cmd.Stderr = in.env, &in.stderr, &in.stderr
	if err := in.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ok := poll(200, func() bool {
		resp, err := in.client.Get("http://" + in.site + "/")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == 200
	})
	if !ok {
		t.Fatalf("%s does not answer on %s:\n%s", in.name, in.site, clip(in.stderr.Bytes()))
	}
}

// poll calls cond up to n times, 50 ms apart, until it is true: the number
// of tries bounds the wait.
func poll(n int, cond func() bool) bool {
	for range n {
		if cond() {
			return true
		}
		time.Sleep(50 * time.Millisecond)
	}
	return false
}

// post sends a body to the instance's site as client and returns the
// status.
func (in *instance) post(t *testing.T, client, contentType string, body []byte) int {
	t.Helper()
	req, err := http.NewRequest("POST", "http://"+in.site+"/post", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("X-Client", client)
	resp, err := in.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// cli runs `caddy pii-protect <args>` against the instance's admin API
// with stdin, and returns its standard output and exit status.
func (in *instance) cli(t *testing.T, stdin string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(in.bin, append([]string{"pii-protect"}, append(args, "--address", in.admin)...)...)
	cmd.Env = in.env
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String() + errOut.String(), code
}

// count returns the protected list's size from the admin API.
func (in *instance) count(t *testing.T) int {
	t.Helper()
	resp, err := in.client.Get("http://" + in.admin + "/pii/protected")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct{ Count int }
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out.Count
}

// metric returns the sum of the samples of a metric whose line starts
// with prefix, from the admin endpoint's /metrics.
func (in *instance) metric(t *testing.T, prefix string) float64 {
	t.Helper()
	resp, err := in.client.Get("http://" + in.admin + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	sum := 0.0
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, prefix) {
			f := strings.Fields(line)
			v, _ := strconv.ParseFloat(f[len(f)-1], 64)
			sum += v
		}
	}
	return sum
}

// entries returns the JSON entries of the instance's pii log.
func (in *instance) entries(t *testing.T) []map[string]any {
	t.Helper()
	return readEntries(t, in.pii)
}

// readEntries returns the entries of a JSON log, whatever their logger.
func readEntries(t *testing.T, name string) []map[string]any {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var out []map[string]any
	for line := range bytes.SplitSeq(data, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var e map[string]any
		if err := json.Unmarshal(line, &e); err != nil {
			t.Fatalf("%s: log line %q: %v", name, line, err)
		}
		out = append(out, e)
	}
	return out
}

// campaignIncidents returns the campaign incidents of the instances.
func campaignIncidents(t *testing.T, ins ...*instance) []map[string]any {
	var out []map[string]any
	for _, in := range ins {
		for _, e := range in.entries(t) {
			if e["logger"] == "pii.campaign" {
				out = append(out, e)
			}
		}
	}
	return out
}

// multipartBody returns a multipart/form-data body with one field.
func multipartBody(t *testing.T, field, value string) (string, []byte) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	if err := w.WriteField(field, value); err != nil {
		t.Fatal(err)
	}
	_ = w.Close()
	return w.FormDataContentType(), b.Bytes()
}

// TestFleetProtectionAndCampaigns runs the fleet: identifiers protected
// through instance A's admin API (with the CLI) are refused by instance B
// in many spellings and formats with no label; a campaign posted by
// distinct clients over both raises exactly one incident and then
// protects; Redis stopped and restarted in the middle loses nothing, and
// an instance restarted while Redis is down still refuses.
func TestFleetProtectionAndCampaigns(t *testing.T) {
	if testing.Short() {
		t.Skip("builds cmd/caddy and runs two processes")
	}
	srv := redistest.Start(t)
	dir := t.TempDir()
	bin := buildCaddy(t, dir)
	keyFile := filepath.Join(dir, "pii.key")
	key := make([]byte, 32)
	r := rand.New(rand.NewPCG(2026, 12))
	for i := range key {
		key[i] = byte('a' + r.IntN(26))
	}
	if err := os.WriteFile(keyFile, key, 0o600); err != nil {
		t.Fatal(err)
	}
	a := startInstance(t, "a", bin, dir, keyFile, srv.Addr)
	b := startInstance(t, "b", bin, dir, keyFile, srv.Addr)

	victim, victimID, bystander := synth.CNMobile(r), synth.CNID18(r), synth.CNMobile(r)
	raw := []string{victim, victimID, bystander}

	// 1. a report intake protects the victim's identifiers through A
	out, code := a.cli(t, synth.FullWidthAll(victim)+"\n\n"+victimID+"\n", "add")
	if code != 0 || !strings.Contains(out, "2 of 2 values added") {
		t.Fatalf("pii-protect add: status %d: %s", code, out)
	}
	assertNoRaw(t, "pii-protect output", []byte(out), raw...)

	// in force on B within a second: B polls Redis every 250 ms
	plain := []byte("看这个 " + synth.Grouped(victim, " ", 3, 2, 2, 4))
	added := time.Now()
	if !poll(40, func() bool { return b.post(t, "reader", "text/plain", plain) == 403 }) {
		t.Fatal("the protected number is not refused on B")
	}
	t.Logf("protection added on A in force on B after %v", time.Since(added).Round(10*time.Millisecond))

	form := url.Values{"comment": {synth.ChineseNumerals(victim)}}.Encode()
	mpType, mpBody := multipartBody(t, "comment", synth.FullWidthAll(victimID))
	for name, tc := range map[string]struct {
		ct   string
		body string
	}{
		"full-width":   {"text/plain", "回复 " + synth.FullWidthAll(victim)},
		"spaced":       {"text/plain", "回复 " + synth.SeparatorEvery(victim, " ")},
		"numerals":     {"text/plain", "回复 " + synth.ChineseNumerals(victim)},
		"json":         {"application/json", `{"text":"` + synth.Grouped(victim, "-", 3, 4, 4) + `"}`},
		"json nested":  {"application/json", `{"a":[{"b":"` + synth.FullWidthAll(victim) + `"}]}`},
		"form":         {"application/x-www-form-urlencoded", form},
		"multipart":    {mpType, string(mpBody)},
		"id comment":   {"text/html", "<!-- " + synth.Grouped(victimID, " ", 6, 8, 4) + " -->"},
		"id numerals":  {"text/plain", synth.ChineseNumerals(victimID)},
		"id in json":   {"application/json", `{"ref":"` + victimID + `"}`},
		"mobile +86":   {"text/plain", "+86 " + victim},
		"mobile glued": {"text/plain", "uid" + victim + "x"},
	} {
		if got := b.post(t, "reader", tc.ct, []byte(tc.body)); got != 403 {
			t.Errorf("%s: status %d on B, want 403", name, got)
		}
	}
	if got := b.post(t, "reader", "text/plain", []byte("回复 "+synth.Grouped(bystander, " ", 3, 2, 2, 4))); got != 200 {
		t.Errorf("a number nobody protected: status %d, want 200", got)
	}
	protectedOnB := 0
	for _, e := range b.entries(t) {
		if e["reason"] == "protected" {
			protectedOnB++
			if e["outcome"] != "refused" || e["action"] != "log" {
				t.Errorf("protected incident %v", e)
			}
		}
	}
	if protectedOnB < 12 {
		t.Errorf("%d protected incidents on B, want at least 12", protectedOnB)
	}
	if got := b.metric(t, `caddy_pii_filter_refusals_total{direction="request",reason="protected"}`); got < 12 {
		t.Errorf("refusals_total{reason=protected} on B = %v", got)
	}
	out, code = b.cli(t, synth.SeparatorEvery(victim, " ")+"\n"+bystander+"\n", "check")
	if code != 1 || !strings.Contains(out, "value 1: protected") || !strings.Contains(out, "value 2: not protected") {
		t.Errorf("pii-protect check on B: status %d: %s", code, out)
	}

	// 2. a campaign: one fresh number, posted with a label by four
	// clients over both instances
	target := synth.CNMobile(r)
	raw = append(raw, target)
	posting := []byte("开盒 手机 " + target)
	for i, in := range []*instance{a, b, a, b} {
		in.post(t, fmt.Sprintf("client-%d", i), "text/plain", posting)
	}
	if !poll(100, func() bool { return len(campaignIncidents(t, a, b)) > 0 }) {
		t.Fatal("no campaign incident")
	}
	if !poll(40, func() bool {
		return a.post(t, "late", "text/plain", posting) == 403 && b.post(t, "late", "text/plain", posting) == 403
	}) {
		t.Fatal("the campaign's number is not protected on both instances")
	}
	// every observation is counted by now (the later posts are refused and
	// not counted), and still one incident
	obs := `caddy_pii_campaign_observations_total`
	if !poll(40, func() bool { return a.metric(t, obs)+b.metric(t, obs) >= 3 }) {
		t.Fatal("observations not counted")
	}
	incs := campaignIncidents(t, a, b)
	if len(incs) != 1 {
		t.Fatalf("%d campaign incidents, want exactly 1: %v", len(incs), incs)
	}
	inc := incs[0]
	if inc["level"] != "error" || inc["category"] != "cn_mobile" || inc["clients"].(float64) < 3 || inc["fingerprint"] == "" || inc["window"] == nil {
		t.Errorf("campaign incident %v", inc)
	}
	if got := a.metric(t, "caddy_pii_campaigns_total") + b.metric(t, "caddy_pii_campaigns_total"); got != 1 {
		t.Errorf("campaigns_total over both = %v", got)
	}
	before := b.count(t)
	if before != 3 {
		t.Errorf("protected list on B: %d, want 3 (2 reported, 1 campaign)", before)
	}

	// 3. Redis goes down: the last known list stays in force everywhere
	srv.Stop()
	if !poll(100, func() bool { return b.metric(t, "caddy_pii_store_up") == 0 }) {
		t.Fatal("B does not say the store is down")
	}
	for _, in := range []*instance{a, b} {
		if got := in.post(t, "reader", "text/plain", []byte("回复 "+synth.FullWidthAll(victim))); got != 403 {
			t.Errorf("%s with Redis down: status %d, want 403", in.name, got)
		}
	}
	// an add with Redis down answers an error (the fleet lacks it) but is
	// in force on A at once, and reaches the fleet when Redis is back
	if _, code := a.cli(t, bystander+"\n", "add", "--category", "cn_mobile"); code == 0 {
		t.Error("pii-protect add with Redis down did not say the fleet lacks it")
	}
	// an instance restarted while Redis is down starts from its snapshot
	b.stop()
	b.start(t)
	if got := b.post(t, "reader", "text/plain", []byte("回复 "+synth.ChineseNumerals(victim))); got != 403 {
		t.Errorf("B restarted with Redis down: status %d, want 403", got)
	}
	srv.Restart()
	if !poll(100, func() bool { return a.metric(t, "caddy_pii_store_up") == 1 && b.metric(t, "caddy_pii_store_up") == 1 }) {
		t.Fatal("no recovery after Redis came back")
	}
	if !poll(40, func() bool { return a.count(t) == before+1 && b.count(t) == before+1 }) {
		t.Errorf("after the restart: %d and %d protected, want %d (the add made while Redis was down included)", a.count(t), b.count(t), before+1)
	}
	// and a change through B is in force on A again
	if out, code := b.cli(t, bystander+"\n", "add", "--category", "cn_mobile"); code != 0 {
		t.Fatalf("pii-protect add on B after the restart: %d %s", code, out)
	}
	if !poll(40, func() bool {
		return a.post(t, "reader", "text/plain", []byte("回复 "+synth.Grouped(bystander, " ", 3, 2, 2, 4))) == 403
	}) {
		t.Error("protection added on B after the restart is not in force on A")
	}

	for _, in := range []*instance{a, b} {
		for _, f := range []string{in.pii, in.main} {
			data, _ := os.ReadFile(f)
			assertNoRaw(t, in.name+" log", data, raw...)
		}
	}
}
