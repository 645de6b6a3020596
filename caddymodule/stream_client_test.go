package caddymodule

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
)

// streamThrough sends events through a default handler, one write and
// flush each, and returns what the client received ("" when the stream
// was cut: it fails closed).
func streamThrough(t *testing.T, ct string, events []string) string {
	t.Helper()
	h, logs := newHandler(t, Handler{})
	var writeErr error
	w := httptest.NewRecorder()
	if err := h.ServeHTTP(w, get("/"), caddyhttp.HandlerFunc(streamNext(ct, events, &writeErr))); err != nil {
		t.Fatal(err)
	}
	assertLogsClean(t, logs)
	if writeErr != nil {
		return ""
	}
	return w.Body.String()
}

// eventData returns the data of each event of an event stream as the
// WHATWG parser dispatches it.
func eventData(body string) []string {
	var out []string
	var data []string
	has := false
	for _, line := range strings.Split(strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\r", "\n"), "\n") {
		if line == "" {
			if has {
				out = append(out, strings.Join(data, "\n"))
			}
			data, has = nil, false
			continue
		}
		if v, ok := strings.CutPrefix(line, "data:"); ok {
			data = append(data, strings.TrimPrefix(v, " "))
			has = true
		}
	}
	return out
}
