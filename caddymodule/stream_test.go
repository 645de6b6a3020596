package caddymodule

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
)

// TestSSERedactedAcrossFlushes streams events over a real connection. The
// upstream waits until the client has read the first event, so that event
// must have been delivered while the stream is still open; then it sends a
// mobile number split across two flushes, which must still be redacted.
func TestSSERedactedAcrossFlushes(t *testing.T) {
	h, logs := newHandler(t, Handler{})
	proceed := make(chan struct{})
	var once sync.Once
	release := func() { once.Do(func() { close(proceed) }) }
	defer release()

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := h.ServeHTTP(w, withVars(r), caddyhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
			w.Header().Set("Content-Type", "text/event-stream")
			w.Header().Set("ETag", `"s1"`)
			w.WriteHeader(200)
			rc := http.NewResponseController(w)
			send := func(s string) {
				_, _ = io.WriteString(w, s)
				_ = rc.Flush()
			}
			send("event: hello\ndata: first\n\n")
			<-proceed
			send("data: 手机 " + testMobile[:5])
			send(testMobile[5:] + "\r\n\r\n")
			send("data: bye\n\n")
			return nil
		}))
		if err != nil {
			t.Errorf("ServeHTTP: %v", err)
		}
	}))
	defer srv.Close()

	res, err := srv.Client().Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.Header.Get("ETag") != `W/"s1"` || res.ContentLength != -1 {
		t.Errorf("ETag %q, ContentLength %d", res.Header.Get("ETag"), res.ContentLength)
	}
	br := bufio.NewReader(res.Body)
	first := make(chan string, 1)
	go func() {
		var ev strings.Builder
		for {
			line, err := br.ReadString('\n')
			ev.WriteString(line)
			if err != nil || line == "\n" {
				break
			}
		}
		first <- ev.String()
	}()
	select {
	case ev := <-first:
		if ev != "event: hello\ndata: first\n\n" {
			t.Fatalf("first event %q", ev)
		}
	case <-time.After(30 * time.Second): // a safety net against a hang, not a timing assumption
		t.Fatal("the first event was not delivered while the stream was open")
	}
	release()
	rest, err := io.ReadAll(br)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(rest), "data: 手机 ") || !strings.HasSuffix(string(rest), "\r\n\r\ndata: bye\n\n") {
		t.Errorf("rest %q", rest)
	}
	assertNoRaw(t, "stream", string(rest))
	srv.Close() // the handler has returned: its incident is logged
	inc := incidents(logs)
	if len(inc) != 1 || inc[0].ContextMap()["outcome"] != "redacted" {
		t.Errorf("incidents %v", inc)
	}
	assertLogsClean(t, logs)
}

// streamNext returns a next handler that sends the events of a stream of
// content type ct, one write each, and records the first write error.
func streamNext(ct string, events []string, writeErr *error) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Content-Type", ct)
		w.WriteHeader(200)
		for _, ev := range events {
			if _, err := io.WriteString(w, ev); err != nil {
				*writeErr = err
				return nil
			}
			_ = http.NewResponseController(w).Flush()
		}
		return nil
	}
}

func TestStreamReject(t *testing.T) {
	h, logs := newHandler(t, Handler{Response: "reject"})
	var writeErr error
	events := []string{"data: ok\n\n", "data: 手机 " + testMobile + "\n\n", "data: after\n\n"}
	w, err := serve(h, get("/"), streamNext("text/event-stream", events, &writeErr))
	if err != nil || !errors.Is(writeErr, errRefused) {
		t.Fatalf("err %v, write error %v", err, writeErr)
	}
	if w.Body.String() != "data: ok\n\n" {
		t.Errorf("body %q", w.Body.String())
	}
	if inc := incidents(logs); len(inc) != 1 || inc[0].ContextMap()["outcome"] != "refused" || inc[0].Level.String() != "warn" {
		t.Errorf("incidents %v", inc)
	}
}

func TestStreamLog(t *testing.T) {
	h, logs := newHandler(t, Handler{Response: "log"})
	var writeErr error
	events := []string{"data: ok\n\n", "data: 手机 " + testMobile + "\n\n"}
	w, err := serve(h, get("/"), streamNext("text/event-stream", events, &writeErr))
	if err != nil || writeErr != nil || w.Body.String() != strings.Join(events, "") {
		t.Fatalf("err %v/%v body %q", err, writeErr, w.Body.String())
	}
	if inc := incidents(logs); len(inc) != 1 || inc[0].ContextMap()["outcome"] != "logged" {
		t.Errorf("incidents %v", inc)
	}
	assertLogsClean(t, logs)
}

func TestStreamDossier(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	var writeErr error
	events := []string{
		"data: 身份证 " + testID + "\n\n",
		"data: 手机 " + testMobile + "\n\n",
		"data: 邮箱 " + testEmail + "\n\n",
		"data: more\n\n",
	}
	w, _ := serve(h, get("/"), streamNext("text/event-stream", events, &writeErr))
	if !errors.Is(writeErr, errRefused) {
		t.Fatalf("write error %v", writeErr)
	}
	if strings.Contains(w.Body.String(), "邮箱") || strings.Contains(w.Body.String(), "more") {
		t.Errorf("stream not cut at the dossier: %q", w.Body.String())
	}
	assertNoRaw(t, "stream", w.Body.String())
}

func TestIncrementalLines(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	lines := []string{`{"n":1}` + "\n", `{"mobile":"` + testMobile[:4], testMobile[4:] + `"}` + "\n"}
	w := httptest.NewRecorder()
	next := func(rw http.ResponseWriter, r *http.Request) error {
		rw.Header().Set("Content-Type", "application/json")
		rw.Header().Set("Incremental", "?1")
		for i, line := range lines {
			if _, err := io.WriteString(rw, line); err != nil {
				return err
			}
			if i == 0 && w.Body.String() != lines[0] {
				t.Errorf("after the first line the client has %q", w.Body.String())
			}
			if i == 1 && w.Body.String() != lines[0] {
				t.Errorf("an incomplete line went out: %q", w.Body.String())
			}
		}
		return nil
	}
	if err := h.ServeHTTP(w, get("/"), caddyhttp.HandlerFunc(next)); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(w.Body.String(), lines[0]) || !strings.HasSuffix(w.Body.String(), "\"}\n") {
		t.Errorf("body %q", w.Body.String())
	}
	assertNoRaw(t, "stream", w.Body.String())
}

func TestStreamCompressedFailsClosed(t *testing.T) {
	zipped := gzipped("data: 手机 " + testMobile + "\n\n")
	hdr := map[string]string{"Content-Type": "text/event-stream", "Content-Encoding": "gzip"}
	h, _ := newHandler(t, Handler{})
	w, _ := serve(h, get("/"), respondWith(200, hdr, zipped))
	assertRefusal(t, w, 403)

	h, _ = newHandler(t, Handler{OnError: "pass"})
	w, _ = serve(h, get("/"), respondWith(200, hdr, zipped))
	if !bytes.Equal(w.Body.Bytes(), zipped) {
		t.Errorf("on_error pass changed the stream")
	}
}

// TestStreamMemoryBounded sends a long event-less stream: the filter holds
// only the redactor's bounded tail.
func TestStreamMemoryBounded(t *testing.T) {
	h, _ := newHandler(t, Handler{MaxBody: 1024})
	chunk := bytes.Repeat([]byte("abcdefghij "), 3000) // 33 000 bytes, no line end
	const chunks = 64
	next := func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Content-Type", "text/event-stream")
		rw := w.(*responseWriter)
		for range chunks {
			if _, err := w.Write(chunk); err != nil {
				return err
			}
			rw.stream.mu.Lock() // the release timer writes what it holds
			held := rw.stream.red.Held() + rw.stream.out.Len()
			rw.stream.mu.Unlock()
			if held > 128<<10 {
				t.Fatalf("the stream filter holds %d bytes", held)
			}
		}
		return nil
	}
	w, err := serve(h, get("/"), next)
	if err != nil || w.Body.Len() != chunks*len(chunk) {
		t.Errorf("err %v, %d bytes out", err, w.Body.Len())
	}
}

// TestNDJSONStream checks that JSON lines sent without a length are
// redacted line by line as they come, and that a large stream is not
// refused for passing max_body, while JSON lines with a length are
// buffered like any body.
func TestNDJSONStream(t *testing.T) {
	h, _ := newHandler(t, Handler{MaxBody: 1024})
	line := `{"mobile":"` + testMobile + `","pad":"` + strings.Repeat("x", 200) + `"}` + "\n"
	w := httptest.NewRecorder()
	next := func(rw http.ResponseWriter, r *http.Request) error {
		rw.Header().Set("Content-Type", "application/x-ndjson")
		for i := 0; i < 20; i++ { // 20 lines, well past max_body
			if _, err := io.WriteString(rw, line); err != nil {
				return err
			}
			if i == 0 && !strings.Contains(w.Body.String(), "\n") {
				t.Errorf("the first line did not go out before the second: %q", w.Body.String())
			}
		}
		return nil
	}
	if err := h.ServeHTTP(w, get("/"), caddyhttp.HandlerFunc(next)); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(w.Body.String(), "\n"); got != 20 || w.Code != http.StatusOK {
		t.Fatalf("status %d, %d lines", w.Code, got)
	}
	assertNoRaw(t, "ndjson stream", w.Body.String())

	if isLineStream("application/json") || !isLineStream("application/x-ndjson; charset=utf-8") {
		t.Error("isLineStream misreads the media types")
	}
}

// TestIncrementalMarkupBuffered: "Incremental: ?1" on HTML or on a
// non-UTF-8 charset does not switch the response to line-by-line text:
// it is read whole, as its receiver reads it.
func TestIncrementalMarkupBuffered(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	for _, c := range []struct{ ct, body string }{
		{"text/html", "<p>tel " + testMobile[:3] + "<b></b>" + testMobile[3:] + "</p>\n"},
		{"text/plain; charset=gbk", "tel " + testMobile + "\n"},
	} {
		next := func(rw http.ResponseWriter, r *http.Request) error {
			rw.Header().Set("Content-Type", c.ct)
			rw.Header().Set("Incremental", "?1")
			_, err := io.WriteString(rw, c.body)
			return err
		}
		w := httptest.NewRecorder()
		if err := h.ServeHTTP(w, get("/"), caddyhttp.HandlerFunc(next)); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(w.Body.String(), testMobile[3:]) {
			t.Errorf("%s: %q", c.ct, w.Body.String())
		}
	}
}

// TestDataStreamLive: a data stream (the Vercel AI SDK's, plain text
// marked X-Vercel-AI-Data-Stream, sent without a length) is redacted line
// by line as it flows, like JSON lines, not buffered to its end: the first
// part goes out before the next is written, and a mobile its text parts
// spell across lines is masked in what the client appends.
func TestDataStreamLive(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	w := httptest.NewRecorder()
	parts := []string{`0:"你好，"` + "\n", `0:"号码 ` + testMobile[:5] + `"` + "\n", `0:"` + testMobile[5:] + `"` + "\n", `e:{"finishReason":"stop"}` + "\n"}
	next := func(rw http.ResponseWriter, r *http.Request) error {
		rw.Header().Set("Content-Type", "text/plain; charset=utf-8")
		rw.Header().Set("X-Vercel-AI-Data-Stream", "v1")
		for i, p := range parts {
			if _, err := io.WriteString(rw, p); err != nil {
				return err
			}
			if i == 1 && !strings.HasPrefix(w.Body.String(), parts[0]) {
				t.Errorf("the first part did not go out before the next: %q", w.Body.String())
			}
		}
		return nil
	}
	if err := h.ServeHTTP(w, get("/"), caddyhttp.HandlerFunc(next)); err != nil {
		t.Fatal(err)
	}
	out := w.Body.String()
	if strings.Count(out, "\n") != len(parts) || w.Code != http.StatusOK {
		t.Fatalf("status %d, body %q", w.Code, out)
	}
	shown := strings.NewReplacer(`"`+"\n"+`0:"`, "").Replace(out)
	if strings.Contains(shown, testMobile) || strings.Contains(out, testMobile[5:]) {
		t.Errorf("the client shows the mobile: %q", out)
	}
	if !isDataStream(http.Header{"X-Vercel-Ai-Data-Stream": {"v1"}}) || isDataStream(http.Header{"Content-Type": {"text/plain"}}) {
		t.Error("isDataStream misreads the headers")
	}
}
