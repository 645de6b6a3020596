package caddymodule

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
)

// connectRequest returns a CONNECT to target with body: over HTTP/1.1 as
// Go's server reads it (framed by its length, or chunked when chunked),
// or over HTTP/2 with the extended CONNECT protocol (a CONNECT carries a
// path over HTTP/2 only as an extended CONNECT).
func connectRequest(target, body string, h2 string, chunked bool) *http.Request {
	r := httptest.NewRequest(http.MethodConnect, target, strings.NewReader(body))
	r.Proto, r.ProtoMajor, r.ProtoMinor = "HTTP/1.1", 1, 1
	if chunked {
		r.ContentLength, r.TransferEncoding = -1, []string{"chunked"}
	}
	if h2 != "" {
		r.Proto, r.ProtoMajor, r.ProtoMinor = "HTTP/2.0", 2, 0
		r.ContentLength, r.TransferEncoding = -1, nil
		r.Header.Set(":protocol", h2)
	}
	r.Header.Set("Content-Type", "application/json")
	return withVars(r)
}

// TestConnectPathRequestBodyInspected: "CONNECT /path" (origin form) is
// an ordinary request to Go's server and reverse_proxy, which forwards
// its body: the body is inspected like a POST's, framed by its length or
// chunked, and over HTTP/2 as an extended CONNECT reverse_proxy does not
// tunnel. A framed body on an HTTP/1.1 "CONNECT host:port" is a body
// too (the tunnel follows the hijack there, never in r.Body).
func TestConnectPathRequestBodyInspected(t *testing.T) {
	body := `{"comment":"call me on ` + testMobile + `","idCard":"` + testID + `"}`
	for _, tc := range []struct {
		name, target, h2 string
		chunked          bool
	}{
		{"HTTP/1.1 with a length", "/echo", "", false},
		{"HTTP/1.1 chunked", "/echo", "", true},
		{"HTTP/2 extended CONNECT for another protocol", "/echo", "not-a-websocket", false},
		{"HTTP/1.1 CONNECT host:port with a framed body", "example.test:443", "", false},
	} {
		h, _ := newHandler(t, Handler{})
		var c captured
		if _, err := serve(h, connectRequest(tc.target, body, tc.h2, tc.chunked), capture(&c)); err != nil {
			t.Fatal(tc.name, err)
		}
		assertNoRaw(t, tc.name+": body as the upstream got it", string(c.body))
		if !c.called || !strings.Contains(string(c.body), `"comment":"call me on `) {
			t.Errorf("%s: upstream got %d bytes, not the redacted body", tc.name, len(c.body))
		}
	}
}

// TestConnectPathAnswerFiltered: a 2xx to "CONNECT /path" is an ordinary
// answer (a handler routing by path answers any method), filtered like a
// GET's, with a length or chunked, over HTTP/1.1 and over HTTP/2.
func TestConnectPathAnswerFiltered(t *testing.T) {
	page := []byte(`{"customers":[{"idCard":"` + testID + `","mobile":"` + testMobile + `"}]}`)
	for _, tc := range []struct {
		name, h2 string
		length   bool
	}{
		{"HTTP/1.1 with a length", "", true},
		{"HTTP/1.1 without a length", "", false},
		{"HTTP/2 extended CONNECT for another protocol", "not-a-websocket", true},
	} {
		h, _ := newHandler(t, Handler{Dossier: intp(0)})
		hdr := map[string]string{"Content-Type": "application/json; charset=utf-8"}
		if tc.length {
			hdr["Content-Length"] = strconv.Itoa(len(page))
		}
		w, err := serve(h, connectRequest("/api/customers", "", tc.h2, false), respondWith(http.StatusOK, hdr, page))
		if err != nil {
			t.Fatal(tc.name, err)
		}
		assertNoRaw(t, tc.name+": 200 answer to CONNECT /api/customers", w.Body.String())
		if !strings.Contains(w.Body.String(), `"customers"`) {
			t.Errorf("%s: the answer was not redacted in place: %d bytes", tc.name, w.Body.Len())
		}
	}
}

// TestConnectTunnelAnswerUntouched: a 2xx to "CONNECT host:port" opens a
// tunnel, over HTTP/1.1 as over HTTP/2: what the upstream writes passes
// byte for byte, as before.
func TestConnectTunnelAnswerUntouched(t *testing.T) {
	tunnel := []byte("\x16\x03\x01 opaque " + testID)
	for _, h2 := range []bool{false, true} {
		h, _ := newHandler(t, Handler{})
		r := connectRequest("example.test:443", "", "", false)
		if h2 {
			r.Proto, r.ProtoMajor, r.ProtoMinor = "HTTP/2.0", 2, 0
		}
		w, err := serve(h, r, respondWith(http.StatusOK, map[string]string{"Content-Type": "text/plain"}, tunnel))
		if err != nil || !bytes.Equal(w.Body.Bytes(), tunnel) {
			t.Errorf("h2 %v: err %v, tunnel bytes changed: %q", h2, err, w.Body.Bytes())
		}
	}
}

// connectWire sends raw, an HTTP/1.1 request, to h behind a real Go
// server with next, and returns the connection's reader after it.
func connectWire(t *testing.T, h *Handler, next caddyhttp.HandlerFunc, raw string) (net.Conn, *bufio.Reader) {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h.ServeHTTP(w, withVars(r), next); err != nil {
			t.Log(err)
		}
	}))
	t.Cleanup(srv.Close)
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(conn, raw); err != nil {
		t.Fatal(err)
	}
	return conn, bufio.NewReader(conn)
}

// TestConnectPathOverTheWire: "CONNECT /api/customers HTTP/1.1" with a
// JSON body, through Go's own HTTP/1.1 server: the handler behind gets
// the body redacted, and the client gets the 200 answer redacted.
func TestConnectPathOverTheWire(t *testing.T) {
	h, _ := newHandler(t, Handler{Dossier: intp(0)})
	body := `{"comment":"call me on ` + testMobile + `"}`
	page := `{"customers":[{"idCard":"` + testID + `","mobile":"` + testMobile + `"}]}`
	var got []byte
	next := func(w http.ResponseWriter, r *http.Request) error {
		got, _ = io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, err := io.WriteString(w, page)
		return err
	}
	_, br := connectWire(t, h, next, "CONNECT /api/customers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"+
		"Content-Length: "+strconv.Itoa(len(body))+"\r\nConnection: close\r\n\r\n"+body)
	res, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	answer, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	assertNoRaw(t, "request body behind Go's server", string(got))
	assertNoRaw(t, "answer through Go's server", string(answer))
	if res.StatusCode != http.StatusOK || !strings.Contains(string(answer), `"customers"`) || !strings.Contains(string(got), `"comment"`) {
		t.Errorf("status %d, answer %d bytes, upstream got %d bytes", res.StatusCode, len(answer), len(got))
	}
}

// TestConnectTunnelOverTheWire: a real tunnel, "CONNECT host:port
// HTTP/1.1" through Go's server to a handler that hijacks the connection
// as a forward proxy does: the bytes both ways pass untouched.
func TestConnectTunnelOverTheWire(t *testing.T) {
	h, _ := newHandler(t, Handler{})
	line := "opaque " + testID + "\n"
	next := func(w http.ResponseWriter, r *http.Request) error {
		conn, brw, err := http.NewResponseController(w).Hijack()
		if err != nil {
			return err
		}
		defer conn.Close()
		if _, err := io.WriteString(conn, "HTTP/1.1 200 Connection established\r\n\r\n"); err != nil {
			return err
		}
		in, err := brw.ReadString('\n')
		if err != nil {
			return err
		}
		_, err = io.WriteString(conn, in)
		return err
	}
	conn, br := connectWire(t, h, next, "CONNECT example.test:443 HTTP/1.1\r\nHost: example.test:443\r\n\r\n")
	status, err := br.ReadString('\n')
	if err != nil || !strings.HasPrefix(status, "HTTP/1.1 200") {
		t.Fatalf("status %q, %v", status, err)
	}
	if _, err := br.ReadString('\n'); err != nil { // the blank line
		t.Fatal(err)
	}
	if _, err := io.WriteString(conn, line); err != nil {
		t.Fatal(err)
	}
	back, err := br.ReadString('\n')
	if err != nil || back != line {
		t.Errorf("tunnel bytes changed: %q, %v", back, err)
	}
}
