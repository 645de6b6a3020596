package caddymodule

import (
	"net/url"
	"strings"
	"testing"

	"go.uber.org/zap/zaptest/observer"
)

// TestDossierSplitFieldsAndBody (attack pass 34, F7): the dossier rule
// (three distinct categories refuse an exchange whatever the action: a
// 开盒 post is refused, not logged or masked) judges a message's header
// fields (or request target) and its body together. A poster who puts two
// categories in the query string (an ID and an e-mail) and the third in
// the body (a mobile), or one in the query and two in the body, is
// refused under log and redact alike, and so is a response with an ID and
// an e-mail in X- fields and a mobile in its body, buffered or streamed.
// Two categories over both are no dossier. The refusal's incident names
// the dossier reason and all three categories, and no log entry holds a
// value.
func TestDossierSplitFieldsAndBody(t *testing.T) {
	for _, tc := range []struct {
		name        string
		query       url.Values
		body        string
		act         string
		wantRefused bool
	}{
		{"id and e-mail in the query, mobile in the body, log", url.Values{"id": {testID}, "mail": {testEmail}}, "手机 " + testMobile, "log", true},
		{"id and e-mail in the query, mobile in the body, redact", url.Values{"id": {testID}, "mail": {testEmail}}, "手机 " + testMobile, "", true},
		{"mobile in the query, id and e-mail in the body, log", url.Values{"tel": {testMobile}}, "身份证 " + testID + " 邮箱 " + testEmail, "log", true},
		{"id in the query, mobile in the body: two", url.Values{"id": {testID}}, "手机 " + testMobile, "log", false},
	} {
		t.Run("request "+tc.name, func(t *testing.T) {
			h, logs := newHandler(t, Handler{Request: tc.act})
			var c captured
			r := post(tc.body, "text/plain; charset=utf-8")
			r.URL.RawQuery = tc.query.Encode()
			r.RequestURI = r.URL.RequestURI()
			w, err := serve(h, r, capture(&c))
			if err != nil {
				t.Fatal(err)
			}
			refused := !c.called && w.Code == 403
			if refused != tc.wantRefused {
				t.Errorf("status %d, forwarded %v; want refused %v", w.Code, c.called, tc.wantRefused)
			}
			if tc.wantRefused {
				assertDossierLogged(t, logs)
			}
			assertLogsClean(t, logs)
		})
	}
	t.Run("response buffered", func(t *testing.T) {
		h, logs := newHandler(t, Handler{Response: "log"})
		w, err := serve(h, get("/"), respondWith(200, map[string]string{
			"Content-Type": "text/plain; charset=utf-8",
			"X-User-Id":    testID,
			"X-User-Mail":  testEmail,
		}, []byte("手机 "+testMobile)))
		if err != nil {
			t.Fatal(err)
		}
		if w.Code != 403 || strings.Contains(w.Body.String(), testMobile) {
			t.Errorf("a dossier spread over the fields (id, e-mail) and the body (mobile) was not refused: status %d, body %q", w.Code, w.Body.String())
		}
		assertDossierLogged(t, logs)
		assertLogsClean(t, logs)
	})
	t.Run("response streamed", func(t *testing.T) {
		h, logs := newHandler(t, Handler{Response: "log"})
		w, err := serve(h, get("/events"), respondWith(200, map[string]string{
			"Content-Type": "text/event-stream",
			"X-User-Id":    testID,
			"X-User-Mail":  testEmail,
		}, []byte("data: 手机 "+testMobile+"\n\n")))
		if err != nil && err != errRefused {
			t.Fatal(err)
		}
		if strings.Contains(w.Body.String(), testMobile) {
			t.Errorf("the stream's event went out after a dossier over its fields and body: %q", w.Body.String())
		}
		assertDossierLogged(t, logs)
		assertLogsClean(t, logs)
	})
}

// assertDossierLogged fails unless an incident was refused for the
// dossier reason with the three categories of the fixtures.
func assertDossierLogged(t *testing.T, logs *observer.ObservedLogs) {
	t.Helper()
	for _, e := range incidents(logs) {
		m := e.ContextMap()
		if m["outcome"] != string(outRefused) || m["reason"] != string(reasonDossier) {
			continue
		}
		cats, _ := m["categories"].(map[string]any)
		if len(cats) < 3 {
			t.Errorf("the dossier refusal names %d categories: %v", len(cats), cats)
		}
		return
	}
	t.Errorf("no dossier refusal was logged: %d incidents", len(incidents(logs)))
}
