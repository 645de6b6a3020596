package caddymodule

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// framedBodies are an identifier and a mobile cut across the events of a
// stream that arrives whole, as a client of the stream joins them.
func framedBodies() []struct{ name, ct, body string } {
	var sse, ndjson, plain strings.Builder
	pieces := []string{"身份证 " + testID[:6], testID[6:12], testID[12:] + " 手机 " + testMobile[:5], testMobile[5:]}
	for _, p := range pieces {
		fmt.Fprintf(&sse, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":%q}}]}\n\n", p)
		fmt.Fprintf(&ndjson, "{\"response\":%q,\"done\":false}\n", p)
		fmt.Fprintf(&plain, "data: %s\n\n", p)
	}
	return []struct{ name, ct, body string }{
		{"ndjson", "application/x-ndjson", ndjson.String()},
		{"ndjson as text", "text/plain; charset=utf-8", ndjson.String()},
		{"events as text", "text/plain", sse.String()},
		{"events untyped", "", sse.String()},
		{"plain events as text", "text/plain", plain.String()},
	}
}

// joinedText drops the framing between the pieces of framedBodies, as
// their client does.
func joinedText(s string) string {
	for _, sep := range []string{"\"}}]}\n\ndata: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"", "\",\"done\":false}\n{\"response\":\"", "\n\ndata: "} {
		s = strings.ReplaceAll(s, sep, "")
	}
	return s
}

// TestFramedResponsesJoined: a response framed as a stream but sent with
// a length (so buffered, not streamed) is read as its client joins its
// events: the identifier cut across them does not reach the client.
func TestFramedResponsesJoined(t *testing.T) {
	for _, c := range framedBodies() {
		t.Run(c.name, func(t *testing.T) {
			h, logs := newHandler(t, Handler{})
			hdr := map[string]string{"Content-Type": c.ct, "Content-Length": strconv.Itoa(len(c.body))}
			w, err := serve(h, get("/chat"), respondWith(200, hdr, []byte(c.body)))
			if err != nil || w.Code != 200 {
				t.Fatalf("status %d, err %v", w.Code, err)
			}
			assertNoRaw(t, "response as joined", joinedText(w.Body.String()))
			if strings.Count(w.Body.String(), "\n") != strings.Count(c.body, "\n") {
				t.Errorf("framing changed: %q", w.Body.String())
			}
			if len(incidents(logs)) != 1 {
				t.Errorf("incidents = %v", incidents(logs))
			}
			assertLogsClean(t, logs)
		})
	}
}

// TestFramedRequestsJoined: an upload framed as a stream is joined the
// same way before it reaches the upstream.
func TestFramedRequestsJoined(t *testing.T) {
	for _, c := range append(framedBodies(), struct{ name, ct, body string }{"event-stream", "text/event-stream", framedBodies()[2].body}) {
		t.Run(c.name, func(t *testing.T) {
			h, logs := newHandler(t, Handler{Response: "off"})
			var got captured
			w, err := serve(h, post(c.body, c.ct), capture(&got))
			if err != nil || w.Code != http.StatusNoContent {
				t.Fatalf("status %d, err %v", w.Code, err)
			}
			assertNoRaw(t, "forwarded body as joined", joinedText(string(got.body)))
			if got.contentLength != int64(len(got.body)) {
				t.Errorf("ContentLength %d, body %d bytes", got.contentLength, len(got.body))
			}
			assertLogsClean(t, logs)
		})
	}
}
