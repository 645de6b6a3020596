package integration

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// h2cClient returns a client speaking HTTP/2 over cleartext (prior
// knowledge) to the test Caddy.
func h2cClient(t *testing.T) *http.Client {
	var p http.Protocols
	p.SetUnencryptedHTTP2(true)
	tr := &http.Transport{
		Protocols:          &p,
		DisableCompression: true,
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, network, "127.0.0.1:9080")
		},
	}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr}
}

// unknownLength hides a body's length from the client, so HTTP/2 sends it
// without a content-length, as a GET body may be sent.
type unknownLength struct{ io.Reader }

// TestH2CBodies sends bodies over h2c, on POST and on GET without a length
// (which HTTP/2 allows on any method), and fetches a response over h2c: no
// raw identifier reaches the upstream or the client.
func TestH2CBodies(t *testing.T) {
	_, c := transportServer(t)
	client := h2cClient(t)
	text := "备注：手机 " + alice.Mobile + "，身份证 " + alice.ID
	for _, method := range []string{http.MethodPost, http.MethodGet, http.MethodDelete} {
		t.Run(method, func(t *testing.T) {
			req, err := http.NewRequest(method, base+"/r/in", unknownLength{strings.NewReader(text)})
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", "text/plain")
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.ProtoMajor != 2 {
				t.Fatalf("spoke %s, want HTTP/2", resp.Proto)
			}
			got := c.next(t)
			if len(got.body) == 0 {
				t.Fatalf("upstream got no body for %s", method)
			}
			assertNoRaw(t, "upstream body", got.body, alice.Mobile, alice.ID)
		})
	}
}

// TestH2CResponse fetches a response full of personal data over h2c.
func TestH2CResponse(t *testing.T) {
	body := []byte(`{"mobile":"` + alice.Mobile + `","idCard":"` + alice.ID + `"}`)
	t.Setenv("UP", upstream(t, fixed(http.StatusOK, body, "Content-Type", "application/json")))
	startCaddy(t, transportSite)
	resp, err := h2cClient(t).Get(base + "/r/data")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.ProtoMajor != 2 || resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %d", resp.Proto, resp.StatusCode)
	}
	assertNoRaw(t, "response", out, alice.Mobile, alice.ID)
	assertContains(t, "response", out, maskMobile(alice.Mobile))
}

// TestConnectAnswerInspected sends CONNECT with a path: the upstream's
// answer, an error page full of personal data, is inspected like any other
// response (only a 2xx would open a tunnel).
func TestConnectAnswerInspected(t *testing.T) {
	page := []byte("<p>no such route; contact " + alice.Mobile + "</p>")
	t.Setenv("UP", upstream(t, fixed(http.StatusNotFound, page, "Content-Type", "text/html")))
	startCaddy(t, transportSite)
	conn, err := net.DialTimeout("tcp", "127.0.0.1:9080", ioDeadline)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(ioDeadline))
	if _, err := io.WriteString(conn, "CONNECT /r/page HTTP/1.1\r\nHost: localhost:9080\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: http.MethodConnect})
	if err != nil {
		t.Fatal(err)
	}
	out, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode == http.StatusNotFound && !bytes.Contains(out, []byte("no such route")) {
		t.Fatalf("status %d, body %q: the upstream was not reached", resp.StatusCode, out)
	}
	assertNoRaw(t, "CONNECT answer", out, alice.Mobile)
}

// TestConnectPathInspected sends "CONNECT /path HTTP/1.1" with a JSON
// body through Caddy and reverse_proxy: Go's server reads it as an
// ordinary request, so the body reaches the upstream redacted and the
// upstream's 200 answer reaches the client redacted (a CONNECT with a
// path opens no tunnel).
func TestConnectPathInspected(t *testing.T) {
	page := []byte("<p>customer " + alice.ID + " tel " + alice.Mobile + "</p>")
	got := make(chan []byte, 1)
	t.Setenv("UP", upstream(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got <- body
		fixed(http.StatusOK, page, "Content-Type", "text/html")(w, r)
	})))
	startCaddy(t, transportSite)
	conn, err := net.DialTimeout("tcp", "127.0.0.1:9080", ioDeadline)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(ioDeadline))
	body := `{"comment":"call me on ` + alice.Mobile + `"}`
	if _, err := io.WriteString(conn, "CONNECT /r/page HTTP/1.1\r\nHost: localhost:9080\r\nContent-Type: application/json\r\n"+
		"Content-Length: "+fmt.Sprint(len(body))+"\r\n\r\n"+body); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: http.MethodConnect})
	if err != nil {
		t.Fatal(err)
	}
	out, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != http.StatusOK || !bytes.Contains(out, []byte("customer ")) {
		t.Fatalf("status %d, %d bytes: the upstream was not reached", resp.StatusCode, len(out))
	}
	assertNoRaw(t, "200 answer to CONNECT /r/page", out, alice.Mobile, alice.ID)
	select {
	case up := <-got:
		assertNoRaw(t, "body of CONNECT /r/page at the upstream", up, alice.Mobile)
	default:
		t.Error("the upstream received no body")
	}
}
