package integration

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"testing"
	"time"
)

// ioDeadline bounds how long a raw connection may wait, so that a
// protocol error fails the test instead of hanging it. It is a safety net,
// not a timing assertion.
const ioDeadline = 10 * time.Second

const transportSite = `
	handle /r/* {
		pii_filter
		reverse_proxy {$UP}
	}
`

// transportServer starts Caddy with transportSite in front of an upstream
// that records requests on /r/in (websocket_test.go has the WebSockets).
func transportServer(t *testing.T) (*caddyServer, *capture) {
	t.Helper()
	c := newCapture()
	mux := http.NewServeMux()
	mux.Handle("/r/in", c.handler())
	t.Setenv("UP", upstream(t, mux))
	return startCaddy(t, transportSite), c
}

// dialCaddy opens a raw connection to the test site.
func dialCaddy(t *testing.T) (net.Conn, *bufio.Reader) {
	t.Helper()
	conn, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", httpPort))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if err := conn.SetDeadline(time.Now().Add(ioDeadline)); err != nil {
		t.Fatal(err)
	}
	return conn, bufio.NewReader(conn)
}

// TestChunkedUpload: a request body of unknown length, with a mobile
// number split across two chunks, is read whole, redacted, and sent on
// with a Content-Length that matches it and no Transfer-Encoding.
func TestChunkedUpload(t *testing.T) {
	s, c := transportServer(t)
	t.Run("redacted", func(t *testing.T) {
		conn, br := dialCaddy(t)
		first := "联系电话 " + alice.Mobile[:4]
		second := alice.Mobile[4:] + "，工作日可打"
		fmt.Fprintf(conn, "POST /r/in HTTP/1.1\r\nHost: localhost:%d\r\nContent-Type: text/plain; charset=utf-8\r\n"+
			"Transfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n",
			httpPort, len(first), first, len(second), second)
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNoContent {
			t.Fatalf("status %d", resp.StatusCode)
		}
		got := c.next(t)
		got.assertConsistent(t)
		if want := "联系电话 " + maskMobile(alice.Mobile) + "，工作日可打"; string(got.body) != want {
			t.Errorf("upstream got %q, want %q", got.body, want)
		}
		if got.contentLength != int64(len(got.body)) || len(got.transferEncoding) != 0 {
			t.Errorf("upstream got ContentLength %d, Transfer-Encoding %v", got.contentLength, got.transferEncoding)
		}
	})
	t.Run("clean", func(t *testing.T) {
		clean := bytes.Repeat([]byte("没有个人信息的长文本。"), 200)
		req := newRequest(t, http.MethodPost, "/r/in", nil, "Content-Type", "text/plain; charset=utf-8")
		req.Body = io.NopCloser(bytes.NewReader(clean)) // unknown length: sent chunked
		resp, _ := s.do(t, req)
		if resp.StatusCode != http.StatusNoContent {
			t.Fatalf("status %d", resp.StatusCode)
		}
		got := c.next(t)
		got.assertConsistent(t)
		if !bytes.Equal(got.body, clean) {
			t.Errorf("upstream got %d bytes, want the %d sent", len(got.body), len(clean))
		}
	})
}

// TestExpectContinue: the client waits for 100 Continue before sending
// the body (no timer: it reads the interim response first). The filter's
// read of the body sends it; the upstream then gets the redacted body
// without the Expect header, with a matching Content-Length.
func TestExpectContinue(t *testing.T) {
	_, c := transportServer(t)
	conn, br := dialCaddy(t)
	body := []byte("请联系 " + bob.Mobile)
	fmt.Fprintf(conn, "POST /r/in HTTP/1.1\r\nHost: localhost:%d\r\nContent-Type: text/plain; charset=utf-8\r\n"+
		"Content-Length: %d\r\nExpect: 100-continue\r\n\r\n", httpPort, len(body))
	interim, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("waiting for 100 Continue: %v", err)
	}
	if interim.StatusCode != http.StatusContinue {
		t.Fatalf("status %d before the body was sent, want 100", interim.StatusCode)
	}
	if _, err := conn.Write(body); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("status %d", resp.StatusCode)
	}
	got := c.next(t)
	got.assertConsistent(t)
	if want := "请联系 " + maskMobile(bob.Mobile); string(got.body) != want {
		t.Errorf("upstream got %q, want %q", got.body, want)
	}
	if v := got.header.Get("Expect"); v != "" {
		t.Errorf("upstream got Expect %q for a body already read", v)
	}
}
