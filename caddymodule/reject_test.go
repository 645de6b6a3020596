package caddymodule

import (
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

func TestProblemDocuments(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	r := withVars(httptest.NewRequest("POST", "/u/"+testMobile, nil))
	for _, tc := range []struct {
		reason   reason
		findings []detect.Finding
		typ      string
		title    string
	}{
		{reasonFound, []detect.Finding{{Category: detect.CNMobile}}, "#refused-personal-information", "Personal information refused"},
		{reasonDossier, []detect.Finding{{Category: detect.CNID}, {Category: detect.CNMobile}, {Category: detect.Email}},
			"#refused-personal-information", "Personal information refused"},
		{reasonTooLarge, nil, "#refused-too-large", "Body too large to inspect"},
		{reasonUninspectable, nil, "#refused-uninspectable", "Body could not be inspected"},
	} {
		t.Run(string(tc.reason), func(t *testing.T) {
			inc := h.newIncident(r, dirResponse, tc.findings)
			inc.Reason, inc.Status = tc.reason, 451
			w := httptest.NewRecorder()
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("Set-Cookie", "a=b")
			if err := writeProblem(w, inc); err != nil {
				t.Fatal(err)
			}
			p := assertRefusal(t, w, 451)
			if p.Type != problemTypeBase+tc.typ[1:] || p.Title != tc.title || p.Dossier != (tc.reason == reasonDossier) {
				t.Errorf("problem %+v", p)
			}
			if len(p.Categories) != len(tc.findings) || p.Categories == nil {
				t.Errorf("categories %q", p.Categories)
			}
			if !strings.HasPrefix(p.Detail, "The response body ") {
				t.Errorf("detail %q", p.Detail)
			}
			if w.Header().Get("Content-Encoding") != "" || w.Header().Get("Set-Cookie") != "" ||
				w.Header().Get("Cache-Control") != "no-store" || w.Header().Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("headers %v", w.Header())
			}
		})
	}
}

func TestRefusalError(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	inc := h.newIncident(post("", "text/plain"), dirRequest, []detect.Finding{{Category: detect.CNID}, {Category: detect.Email}})
	err := error(refusalError{inc})
	want := "pii_filter: request refused: personal information (cn_id, email); incident " + inc.ID
	if err.Error() != want || !errors.Is(err, errRefused) {
		t.Errorf("error %q, want %q", err, want)
	}
}
