package caddymodule

import (
	"net/url"
	"testing"
)

// TestAttack34DossierSplitFieldsAndBody: the dossier rule (three distinct
// categories refuse an exchange, whatever the action: a 开盒 post is
// refused, not logged or masked) counts the categories of the header
// fields and of the body apart: filterRequestFields / screenFields judge
// the fields alone (fields.go, refusesFields) and judge() the body alone.
// A poster puts two categories in the query string (an ID and an e-mail:
// a target's ?id=…&mail=…, which the application logs and stores as it
// stores the body) and the third in the body: 2 + 1, never 3, so the
// dossier is not refused; with the log action the whole dossier reaches
// the upstream raw (with redact, masked but not refused). The same for a
// response: an ID and an e-mail in X- fields, a mobile in the body. A
// dossier across fields alone, or across a body alone, is refused, so
// the rule is evaded only by spreading it over both.
func TestAttack34DossierSplitFieldsAndBody(t *testing.T) {
	t.Run("request", func(t *testing.T) {
		h, _ := newHandler(t, Handler{Request: "log"})
		var c captured
		r := post("手机 "+testMobile, "text/plain; charset=utf-8")
		r.URL.RawQuery = url.Values{"id": {testID}, "mail": {testEmail}}.Encode()
		r.RequestURI = r.URL.RequestURI()
		w, err := serve(h, r, capture(&c))
		if err != nil {
			t.Fatal(err)
		}
		if c.called || w.Code != 403 {
			t.Errorf("a dossier spread over the query (id, e-mail) and the body (mobile) was not refused: status %d, forwarded %v", w.Code, c.called)
		}
	})
	t.Run("response", func(t *testing.T) {
		h, _ := newHandler(t, Handler{Response: "log"})
		w, err := serve(h, get("/"), respondWith(200, map[string]string{
			"Content-Type": "text/plain; charset=utf-8",
			"X-User-Id":    testID,
			"X-User-Mail":  testEmail,
		}, []byte("手机 "+testMobile)))
		if err != nil {
			t.Fatal(err)
		}
		if w.Code != 403 {
			t.Errorf("a dossier spread over the fields (id, e-mail) and the body (mobile) was not refused: status %d, body %q", w.Code, w.Body.String())
		}
	})
}
