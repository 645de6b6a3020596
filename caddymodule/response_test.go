package caddymodule

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"net/textproto"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
)

// get returns a GET request as a client that accepts compression sends it.
func get(target string) *http.Request {
	r := httptest.NewRequest("GET", target, nil)
	r.Header.Set("Accept-Encoding", "gzip, br")
	return withVars(r)
}

func TestResponseRedactionOfGzipUpstream(t *testing.T) {
	h, logs := newHandler(t, Handler{})
	page := "<p>联系人手机 " + testMobile + "</p>"
	zipped := gzipped(page)
	var upstreamSaw http.Header
	next := func(w http.ResponseWriter, r *http.Request) error {
		upstreamSaw = r.Header.Clone()
		hdr := w.Header()
		hdr.Set("Content-Type", "text/html; charset=utf-8")
		hdr.Set("Content-Encoding", "gzip") // sent compressed although identity was asked for
		hdr.Set("Content-Length", strconv.Itoa(len(zipped)))
		hdr.Set("ETag", `"v1"`)
		hdr.Set("Accept-Ranges", "bytes")
		hdr.Set("Content-MD5", "stale")
		hdr.Set("Repr-Digest", "sha-256=:stale:")
		w.WriteHeader(200)
		_, err := w.Write(zipped)
		return err
	}
	r := get("/page")
	w, err := serve(h, r, next)
	if err != nil {
		t.Fatal(err)
	}
	if upstreamSaw.Get("Accept-Encoding") != "identity" || r.Header.Get("Accept-Encoding") != "gzip, br" {
		t.Errorf("upstream asked for %q; client header now %q", upstreamSaw.Get("Accept-Encoding"), r.Header.Get("Accept-Encoding"))
	}
	body := w.Body.String()
	if w.Code != 200 || !strings.HasPrefix(body, "<p>联系人手机 ") {
		t.Fatalf("status %d body %q", w.Code, body)
	}
	assertNoRaw(t, "response", body)
	hdr := w.Header()
	if hdr.Get("Content-Encoding") != "" || hdr.Get("Content-Length") != strconv.Itoa(len(body)) ||
		hdr.Get("ETag") != `W/"v1"` || hdr.Get("Accept-Ranges") != "" || hdr.Get("Content-MD5") != "" || hdr.Get("Repr-Digest") != "" {
		t.Errorf("headers = %v", hdr)
	}
	inc := incidents(logs)
	if len(inc) != 1 || inc[0].ContextMap()["direction"] != "response" || inc[0].ContextMap()["status"] != int64(200) {
		t.Fatalf("incidents = %v", inc)
	}
	assertLogsClean(t, logs)
}

func TestResponseCleanBodyUntouched(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	zipped := gzipped("nothing personal here")
	w, err := serve(h, get("/"), respondWith(200, map[string]string{
		"Content-Type": "text/plain", "Content-Encoding": "gzip", "ETag": `"v2"`,
	}, zipped))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(w.Body.Bytes(), zipped) || w.Header().Get("Content-Encoding") != "gzip" || w.Header().Get("ETag") != `"v2"` {
		t.Errorf("clean body changed: %q %v", w.Body.Bytes(), w.Header())
	}
	if w.Header().Get("Content-Length") != strconv.Itoa(len(zipped)) {
		t.Errorf("Content-Length %q", w.Header().Get("Content-Length"))
	}
}

// TestResponseRangeGetsWholeBody serves a file with http.ServeContent,
// which honours Range: the client must still get the whole, redacted body.
func TestResponseRangeGetsWholeBody(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	content := "第一行\n手机 " + testMobile + "\n最后一行\n"
	next := func(w http.ResponseWriter, r *http.Request) error {
		http.ServeContent(w, r, "notes.txt", time.Unix(1700000000, 0), strings.NewReader(content))
		return nil
	}
	r := get("/notes.txt")
	r.Header.Set("Range", "bytes=10-20")
	w, err := serve(h, r, next)
	if err != nil {
		t.Fatal(err)
	}
	if w.Code != 200 || w.Header().Get("Content-Range") != "" {
		t.Fatalf("status %d, Content-Range %q", w.Code, w.Header().Get("Content-Range"))
	}
	if !strings.HasPrefix(w.Body.String(), "第一行\n手机 ") || !strings.HasSuffix(w.Body.String(), "最后一行\n") {
		t.Errorf("body %q", w.Body.String())
	}
	assertNoRaw(t, "response", w.Body.String())
}

func TestResponseWithoutBodyUntouched(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	for _, tc := range []struct {
		method string
		status int
	}{{"HEAD", 200}, {"GET", 204}, {"GET", 304}} {
		t.Run(tc.method+strconv.Itoa(tc.status), func(t *testing.T) {
			hdr := map[string]string{"Content-Type": "text/plain", "ETag": `"v3"`, "Content-Length": "42", "Accept-Ranges": "bytes"}
			r := get("/")
			r.Method = tc.method
			w, err := serve(h, r, respondWith(tc.status, hdr, nil))
			if err != nil || w.Code != tc.status {
				t.Fatalf("status %d err %v", w.Code, err)
			}
			for k, v := range hdr {
				if w.Header().Get(k) != v {
					t.Errorf("%s = %q, want %q", k, w.Header().Get(k), v)
				}
			}
		})
	}
}

func TestResponseNonTextPassesThrough(t *testing.T) {
	h, _ := newHandler(t, Handler{MaxBody: 16})
	img := []byte("\x89PNG\r\n\x1a\n" + testMobile + strings.Repeat("\x00", 64))
	w, err := serve(h, get("/"), respondWith(200, map[string]string{"Content-Type": "image/png", "Accept-Ranges": "bytes"}, img))
	if err != nil || !bytes.Equal(w.Body.Bytes(), img) || w.Header().Get("Accept-Ranges") != "bytes" {
		t.Errorf("err %v, body changed %v", err, !bytes.Equal(w.Body.Bytes(), img))
	}
	// Untyped binary is sniffed and passed, even past max_body.
	w, err = serve(h, get("/"), respondWith(200, nil, img))
	if err != nil || !bytes.Equal(w.Body.Bytes(), img) {
		t.Errorf("untyped: err %v, body %q", err, w.Body.Bytes())
	}
}

func TestResponseUntypedTextInspected(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	w, err := serve(h, get("/"), respondWith(200, nil, []byte("mobile: "+testMobile)))
	if err != nil {
		t.Fatal(err)
	}
	assertNoRaw(t, "response", w.Body.String())
}

func TestResponseUntypedCompressed(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	w, err := serve(h, get("/"), respondWith(200, map[string]string{"Content-Encoding": "gzip"}, gzipped("手机 "+testMobile)))
	if err != nil || w.Header().Get("Content-Encoding") != "" || !strings.HasPrefix(w.Body.String(), "手机 ") {
		t.Fatalf("err %v, Content-Encoding %q, body %q", err, w.Header().Get("Content-Encoding"), w.Body.String())
	}
	assertNoRaw(t, "response", w.Body.String())
}

// TestResponseEarlyHints sends a 103 before the final response over a real
// connection: it passes straight through, and the final body is still
// inspected. The writer also reaches the connection's deadlines through
// Unwrap.
func TestResponseEarlyHints(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := h.ServeHTTP(w, withVars(r), caddyhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
			if err := http.NewResponseController(w).SetWriteDeadline(time.Now().Add(time.Minute)); err != nil {
				t.Errorf("SetWriteDeadline through Unwrap: %v", err)
			}
			w.Header().Set("Link", "</style.css>; rel=preload")
			w.WriteHeader(http.StatusEarlyHints)
			w.Header().Set("Content-Type", "text/plain")
			_, err := w.Write([]byte("手机 " + testMobile))
			return err
		}))
		if err != nil {
			t.Errorf("ServeHTTP: %v", err)
		}
	}))
	defer srv.Close()
	var hints []int
	trace := &httptrace.ClientTrace{Got1xxResponse: func(code int, _ textproto.MIMEHeader) error {
		hints = append(hints, code)
		return nil
	}}
	req, _ := http.NewRequestWithContext(httptrace.WithClientTrace(context.Background(), trace), "GET", srv.URL, nil)
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if len(hints) != 1 || hints[0] != 103 || res.StatusCode != 200 {
		t.Errorf("1xx %v, status %d", hints, res.StatusCode)
	}
	assertNoRaw(t, "response", string(body))
}

func TestResponseReject(t *testing.T) {
	h, logs := newHandler(t, Handler{Response: "reject"})
	hdr := map[string]string{
		"Content-Type": "application/json", "Set-Cookie": "session=abc", "ETag": `"v4"`,
		"Last-Modified": "Mon, 01 Jan 2024 00:00:00 GMT", "Content-Digest": "sha-256=:x:",
		"Strict-Transport-Security": "max-age=60",
	}
	w, err := serve(h, get("/profile"), respondWith(200, hdr, []byte(`{"mobile":"`+testMobile+`"}`)))
	if err != nil {
		t.Fatal(err)
	}
	p := assertRefusal(t, w, 403)
	if p.Categories[0] != "cn_mobile" || !strings.Contains(p.Detail, "response body") {
		t.Errorf("problem %+v", p)
	}
	for _, k := range []string{"Set-Cookie", "ETag", "Last-Modified", "Content-Digest"} {
		if w.Header().Get(k) != "" {
			t.Errorf("%s kept: %q", k, w.Header().Get(k))
		}
	}
	if w.Header().Get("Strict-Transport-Security") == "" {
		t.Error("site header dropped")
	}
	if inc := incidents(logs); len(inc) != 1 || inc[0].Level.String() != "warn" {
		t.Errorf("incidents %v", inc)
	}
	assertLogsClean(t, logs)
}

func TestResponseLog(t *testing.T) {
	h, logs := newHandler(t, Handler{Response: "log"})
	body := []byte("mail " + testEmail)
	w, err := serve(h, get("/"), respondWith(200, map[string]string{"Content-Type": "text/plain", "ETag": `"v5"`}, body))
	if err != nil || !bytes.Equal(w.Body.Bytes(), body) || w.Header().Get("ETag") != `"v5"` {
		t.Fatalf("err %v, body %q, header %v", err, w.Body.Bytes(), w.Header())
	}
	if inc := incidents(logs); len(inc) != 1 || inc[0].ContextMap()["outcome"] != "logged" {
		t.Errorf("incidents %v", inc)
	}
	assertLogsClean(t, logs)
}

func TestResponseDossier(t *testing.T) {
	h, _ := newHandler(t, Handler{Response: "log"})
	body := "身份证 " + testID + " 手机 " + testMobile + " 邮箱 " + testEmail
	w, err := serve(h, get("/"), respondWith(200, map[string]string{"Content-Type": "text/plain"}, []byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	if p := assertRefusal(t, w, 403); !p.Dossier {
		t.Errorf("problem %+v", p)
	}
}

// bigBody returns n bytes of text with a mobile number in it.
func bigBody(n int) []byte {
	b := bytes.Repeat([]byte("0123456789abcdef\n"), n/17+1)[:n]
	copy(b[100:], "手机 "+testMobile)
	return b
}

func TestResponseOversize(t *testing.T) {
	const maxBody = 1024
	body := bigBody(10 * maxBody)
	for _, declared := range []bool{true, false} {
		hdr := map[string]string{"Content-Type": "text/plain", "Set-Cookie": "a=b"}
		if declared {
			hdr["Content-Length"] = strconv.Itoa(len(body))
		}
		// next writes in small chunks and checks the buffer never holds
		// more than max_body.
		var writeErr error
		next := func(w http.ResponseWriter, r *http.Request) error {
			for k, v := range hdr {
				w.Header().Set(k, v)
			}
			rw := w.(*responseWriter)
			for off := 0; off < len(body); off += 300 {
				if _, writeErr = w.Write(body[off:min(off+300, len(body))]); writeErr != nil {
					return nil
				}
				if rw.buf.Len() > maxBody {
					t.Fatalf("buffer holds %d bytes, max_body is %d", rw.buf.Len(), maxBody)
				}
			}
			return nil
		}
		t.Run("pass/declared="+strconv.FormatBool(declared), func(t *testing.T) {
			h, _ := newHandler(t, Handler{MaxBody: maxBody, Oversize: "pass"})
			w, err := serve(h, get("/"), next)
			if err != nil || writeErr != nil || !bytes.Equal(w.Body.Bytes(), body) || w.Code != 200 {
				t.Fatalf("err %v/%v, status %d, body intact %v", err, writeErr, w.Code, bytes.Equal(w.Body.Bytes(), body))
			}
		})
		t.Run("reject/declared="+strconv.FormatBool(declared), func(t *testing.T) {
			h, _ := newHandler(t, Handler{MaxBody: maxBody})
			w, err := serve(h, get("/"), next)
			if err != nil || !errors.Is(writeErr, errRefused) {
				t.Fatalf("err %v, write error %v", err, writeErr)
			}
			if p := assertRefusal(t, w, 403); !strings.HasSuffix(p.Type, "#refused-too-large") {
				t.Errorf("type %q", p.Type)
			}
			if w.Header().Get("Set-Cookie") != "" {
				t.Error("Set-Cookie kept")
			}
		})
	}
}

// TestResponseReadFromCannotBypass copies a file into the writer with
// io.Copy, as file_server and reverse_proxy do.
func TestResponseReadFromCannotBypass(t *testing.T) {
	path := filepath.Join(t.TempDir(), "page.txt")
	if err := os.WriteFile(path, []byte("手机 "+testMobile+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, ct := range []string{"text/plain", "text/event-stream"} {
		h, _ := newHandler(t, Handler{})
		next := func(w http.ResponseWriter, r *http.Request) error {
			f, err := os.Open(path)
			if err != nil {
				return err
			}
			defer f.Close()
			w.Header().Set("Content-Type", ct)
			if _, ok := w.(io.ReaderFrom); !ok {
				t.Error("writer has no ReadFrom")
			}
			_, err = io.Copy(w, f)
			return err
		}
		w, err := serve(h, get("/"), next)
		if err != nil || !strings.HasPrefix(w.Body.String(), "手机 ") {
			t.Fatalf("%s: err %v body %q", ct, err, w.Body.String())
		}
		assertNoRaw(t, ct+" response", w.Body.String())
	}
}

func TestResponseOnError(t *testing.T) {
	broken := append(gzipped("手机 " + testMobile)[:12], "garbage"...)
	hdr := map[string]string{"Content-Type": "text/plain", "Content-Encoding": "gzip"}
	h, logs := newHandler(t, Handler{})
	w, err := serve(h, get("/"), respondWith(200, hdr, broken))
	if err != nil {
		t.Fatal(err)
	}
	if p := assertRefusal(t, w, 403); !strings.HasSuffix(p.Type, "#refused-uninspectable") {
		t.Errorf("type %q", p.Type)
	}
	if w.Header().Get("Content-Encoding") != "" {
		t.Error("Content-Encoding kept on the refusal")
	}
	if m := incidents(logs)[0].ContextMap(); m["reason"] != "uninspectable" {
		t.Errorf("entry %v", m)
	}

	h, _ = newHandler(t, Handler{OnError: "pass"})
	w, err = serve(h, get("/"), respondWith(200, hdr, broken))
	if err != nil || !bytes.Equal(w.Body.Bytes(), broken) || w.Header().Get("Content-Encoding") != "gzip" {
		t.Errorf("on_error pass: err %v, body %q", err, w.Body.Bytes())
	}
}

func TestResponseUnexpectedPartialContent(t *testing.T) {
	slice := []byte(testMobile[:6])
	hdr := map[string]string{"Content-Type": "text/plain", "Content-Range": "bytes 0-5/100"}
	h, _ := newHandler(t, Handler{})
	w, _ := serve(h, get("/"), respondWith(206, hdr, slice))
	assertRefusal(t, w, 403)

	h, _ = newHandler(t, Handler{OnError: "pass"})
	w, _ = serve(h, get("/"), respondWith(206, hdr, slice))
	if w.Code != 206 || !bytes.Equal(w.Body.Bytes(), slice) {
		t.Errorf("status %d body %q", w.Code, w.Body.Bytes())
	}
}

func TestResponseNextError(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	boom := caddyhttp.Error(502, errors.New("upstream gone"))
	next := func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("Content-Length", "40")
		w.WriteHeader(200)
		_, _ = w.Write([]byte("手机 " + testMobile))
		return boom
	}
	w, err := serve(h, get("/"), next)
	if !errors.Is(err, boom.Err) || w.Body.Len() != 0 || w.Header().Get("Content-Length") != "" {
		t.Errorf("err %v, body %q, Content-Length %q", err, w.Body.String(), w.Header().Get("Content-Length"))
	}
}

func TestResponseOff(t *testing.T) {
	h, _ := newHandler(t, Handler{Response: "off"})
	body := []byte("手机 " + testMobile)
	var sawEncoding string
	next := func(w http.ResponseWriter, r *http.Request) error {
		sawEncoding = r.Header.Get("Accept-Encoding")
		if _, ok := w.(*responseWriter); ok {
			t.Error("response wrapped although off")
		}
		_, err := w.Write(body)
		return err
	}
	w, err := serve(h, get("/"), next)
	if err != nil || !bytes.Equal(w.Body.Bytes(), body) || sawEncoding != "gzip, br" {
		t.Errorf("err %v, body %q, Accept-Encoding %q", err, w.Body.Bytes(), sawEncoding)
	}
}

// TestWebSocketUpgradePasses answers 101 and hijacks the connection, as
// reverse_proxy does for a websocket: with websocket pass, the bytes after
// the switch are not the filter's business (websocket_test.go has the
// inspected ones).
func TestWebSocketUpgradePasses(t *testing.T) {
	h, logs := newHandler(t, Handler{WebSocket: "pass"})
	done := make(chan error, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		done <- h.ServeHTTP(w, withVars(r), caddyhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
			w.Header().Set("Upgrade", "websocket")
			w.Header().Set("Connection", "Upgrade")
			w.WriteHeader(http.StatusSwitchingProtocols)
			conn, brw, err := http.NewResponseController(w).Hijack()
			if err != nil {
				return err
			}
			defer conn.Close()
			line, err := brw.ReadString('\n')
			if err != nil {
				return err
			}
			_, err = conn.Write([]byte("echo " + line))
			return err
		}))
	}))
	defer srv.Close()

	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_, _ = io.WriteString(conn, "GET /ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")
	br := bufio.NewReader(conn)
	res, err := http.ReadResponse(br, nil)
	if err != nil || res.StatusCode != 101 {
		t.Fatalf("response %v, err %v", res, err)
	}
	_, _ = io.WriteString(conn, "手机 "+testMobile+"\n")
	echo, err := br.ReadString('\n')
	if err != nil || echo != "echo 手机 "+testMobile+"\n" {
		t.Errorf("echo %q, err %v", echo, err)
	}
	if err := <-done; err != nil {
		t.Errorf("ServeHTTP: %v", err)
	}
	if len(incidents(logs)) != 0 {
		t.Error("incident for a hijacked connection")
	}
}
