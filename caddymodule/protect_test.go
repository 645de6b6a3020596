package caddymodule

import (
	"context"
	"errors"
	"hash/fnv"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"go.uber.org/zap/zaptest/observer"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
	"github.com/piifilter/caddy-pii-filter/piiapp"
)

// protectForTest adds values to the process's protected list (the default
// pii app's, which handlers without a pii global option use) and removes
// them when the test ends.
func protectForTest(t *testing.T, values ...string) {
	t.Helper()
	vs := make([]piiapp.Value, len(values))
	for i, v := range values {
		vs[i] = piiapp.Value{Value: v}
	}
	app := piiapp.Current()
	if n, err := app.Protect(context.Background(), vs); err != nil || n != len(values) {
		t.Fatalf("Protect: %d added, %v", n, err)
	}
	t.Cleanup(func() {
		if _, err := app.Unprotect(context.Background(), vs); err != nil {
			t.Errorf("Unprotect: %v", err)
		}
	})
}

// protectedRefusals returns refusals_total{direction, reason="protected"}.
func protectedRefusals(dir direction) float64 {
	return testutil.ToFloat64(metrics().refusals.WithLabelValues(string(dir), "protected"))
}

// assertProtectedIncident checks that the one incident logged is a
// refusal of reason protected, and that no log holds the value.
func assertProtectedIncident(t *testing.T, logs *observer.ObservedLogs, value string) {
	t.Helper()
	inc := incidents(logs)
	if len(inc) != 1 {
		t.Fatalf("%d incidents, want 1", len(inc))
	}
	m := inc[0].ContextMap()
	if m["reason"] != "protected" || m["outcome"] != "refused" {
		t.Errorf("incident reason %v, outcome %v", m["reason"], m["outcome"])
	}
	for _, e := range logs.All() {
		for k, v := range e.ContextMap() {
			if s, ok := v.(string); ok && s == value {
				t.Errorf("log field %s holds the protected value", k)
			}
		}
	}
}

// TestProtectedRequestRefusedWhateverTheAction checks that a request body
// with a protected identifier, in several spellings, formats and without
// a label, is refused with reason protected under every action, while the
// same body with another number is not.
func TestProtectedRequestRefusedWhateverTheAction(t *testing.T) {
	r := rand.New(rand.NewPCG(seedFor(t.Name()), 1))
	victim, other := synth.CNMobile(r), synth.CNMobile(r)
	protectForTest(t, victim)
	bodies := map[string][2]string{ // name → content type, body with %s for the number
		"full-width":   {"text/plain", "看这里 " + synth.FullWidthAll(victim) + " 哈哈"},
		"spaced":       {"text/plain", "看这里 " + synth.SeparatorEvery(victim, " ")},
		"numerals":     {"text/plain", "看这里 " + synth.ChineseNumerals(victim)},
		"odd grouping": {"text/plain", "ref " + synth.Grouped(victim, " ", 3, 2, 2, 4)},
		"json":         {"application/json", `{"comment":"` + synth.Grouped(victim, "-", 3, 4, 4) + `"}`},
		"form":         {"application/x-www-form-urlencoded", url.Values{"c": {synth.FullWidthAll(victim)}}.Encode()},
		"json number":  {"application/json", `{"v":[1,` + victim + `,2]}`},
		"char refs":    {"text/html", "<p>" + synth.HTMLDecimal(victim) + "</p>"},
		"zero width":   {"text/plain", synth.ZeroWidth(victim, '\u200B')},
	}
	for _, act := range []string{"redact", "log", "off", "reject"} {
		h, logs := newHandler(t, Handler{Request: act, Dossier: intp(0)})
		for name, b := range bodies {
			logs.TakeAll()
			before := protectedRefusals(dirRequest)
			var c captured
			w, err := serve(h, post(b[1], b[0]), capture(&c))
			if err != nil {
				t.Fatalf("%s/%s: %v", act, name, err)
			}
			assertRefusal(t, w, 403)
			if c.called {
				t.Errorf("%s/%s: the request reached the next handler", act, name)
			}
			if got := protectedRefusals(dirRequest) - before; got != 1 {
				t.Errorf("%s/%s: refusals_total{reason=protected} grew by %v", act, name, got)
			}
			assertProtectedIncident(t, logs, victim)
		}
		// the same body with a number nobody protected is not refused
		var c captured
		w, _ := serve(h, post("ref "+synth.Grouped(other, " ", 3, 2, 2, 4), "text/plain"), capture(&c))
		if w.Code == 403 || !c.called {
			t.Errorf("%s: a number not protected was refused", act)
		}
	}
}

// TestProtectedResponseAndStream checks the response direction: a
// buffered body and an event stream, under the log action.
func TestProtectedResponseAndStream(t *testing.T) {
	r := rand.New(rand.NewPCG(seedFor(t.Name()), 1))
	victim := synth.CNID15(r) // without a label, dropped unless protected
	protectForTest(t, victim)
	h, logs := newHandler(t, Handler{Response: "log"})
	w, err := serve(h, get("/"), respondWith(200, map[string]string{"Content-Type": "text/html"}, []byte("<p>"+victim+"</p>")))
	if err != nil {
		t.Fatal(err)
	}
	assertRefusal(t, w, 403)
	assertProtectedIncident(t, logs, victim)

	logs.TakeAll()
	var writeErr error
	events := []string{"data: ok\n\n", "data: " + synth.FullWidthAll(victim) + "\n\n", "data: after\n\n"}
	w, err = serve(h, get("/"), streamNext("text/event-stream", events, &writeErr))
	if err != nil || !errors.Is(writeErr, errRefused) {
		t.Fatalf("err %v, write error %v", err, writeErr)
	}
	if w.Body.String() != "data: ok\n\n" {
		t.Errorf("stream body %q: the protected event went out", w.Body.String())
	}
	assertProtectedIncident(t, logs, victim)
}

// TestProtectedNotMissedThroughTheCache checks that a verdict cached while
// a value was not protected is not reused once it is, and the other way.
func TestProtectedNotMissedThroughTheCache(t *testing.T) {
	r := rand.New(rand.NewPCG(seedFor(t.Name()), 1))
	victim := synth.CNMobile(r)
	h, _ := newHandler(t, Handler{Request: "log"})
	body := "ref " + synth.Grouped(victim, " ", 3, 2, 2, 4) // clean to the general rules
	for range 2 {
		var c captured
		if w, _ := serve(h, post(body, "text/plain"), capture(&c)); !c.called || w.Code == 403 {
			t.Fatal("refused before being protected")
		}
	}
	vs := []piiapp.Value{{Value: victim}}
	if _, err := piiapp.Current().Protect(context.Background(), vs); err != nil {
		t.Fatal(err)
	}
	w, _ := serve(h, post(body, "text/plain"), capture(new(captured)))
	assertRefusal(t, w, 403)
	if _, err := piiapp.Current().Unprotect(context.Background(), vs); err != nil {
		t.Fatal(err)
	}
	var c captured
	if w, _ := serve(h, post(body, "text/plain"), capture(&c)); !c.called || w.Code == 403 {
		t.Fatal("refused after being unprotected")
	}
}

// seedFor derives a test's seed from its name: each test has its own
// synthetic values, the same in every run.
func seedFor(name string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(name))
	return h.Sum64()
}

// TestOffDirectionReadOnlyForProtected checks that a direction that is off
// is read, while the list holds anything, only for protected identifiers:
// other personal data passes untouched and without an incident, and what
// it cannot read (a body over max_body) passes as it did.
func TestOffDirectionReadOnlyForProtected(t *testing.T) {
	r := rand.New(rand.NewPCG(seedFor(t.Name()), 1))
	victim := synth.CNMobile(r)
	protectForTest(t, victim)
	h, logs := newHandler(t, Handler{Request: "off", MaxBody: 256})
	for name, body := range map[string]string{
		"other data": "手机 " + testMobile + " 身份证 " + testID,
		"oversize":   strings.Repeat("x", 300) + " " + victim,
	} {
		var c captured
		w, err := serve(h, post(body, "text/plain"), capture(&c))
		if err != nil || !c.called || string(c.body) != body || w.Code != 204 {
			t.Errorf("%s: status %d, err %v, passed %v", name, w.Code, err, c.called)
		}
	}
	if inc := incidents(logs); len(inc) != 0 {
		t.Errorf("%d incidents for bodies an off direction passes", len(inc))
	}
	w, _ := serve(h, post("x "+synth.FullWidthAll(victim), "text/plain"), capture(new(captured)))
	assertRefusal(t, w, 403)
}
