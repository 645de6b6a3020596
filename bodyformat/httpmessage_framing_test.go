package bodyformat

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/piifilter/caddy-pii-filter/internal/membudget"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// chunkedOf frames s as chunks of n bytes, ext after each size.
func chunkedOf(s string, n int, ext string) string {
	var b strings.Builder
	for len(s) > 0 {
		k := min(n, len(s))
		fmt.Fprintf(&b, "%x%s\r\n%s\r\n", k, ext, s[:k])
		s = s[k:]
	}
	b.WriteString("0\r\n\r\n")
	return b.String()
}

// pipelinedGzip is n clean gzip JSON responses one after another.
func pipelinedGzip(n int) []byte {
	var b strings.Builder
	for i := range n {
		g := gzipOf(fmt.Sprintf(`{"ok":true,"seq":%d}`, i))
		fmt.Fprintf(&b, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n%s", len(g), g)
	}
	return []byte(b.String())
}

// TestPipelinedMessagesGiveBackTheirMemory: each pipelined message's
// decoder and decoded body are given back once it is read, so what a body
// of many clean gzip messages holds does not grow with their count (it
// held ~42 KB a message: 4000 took the whole 160 MiB budget).
func TestPipelinedMessagesGiveBackTheirMemory(t *testing.T) {
	eng := testEngine(t)
	var held [2]int64
	for k, n := range []int{250, 2000} {
		body := pipelinedGzip(n)
		bud := membudget.New(membudget.DefaultLimit)
		lease := bud.Lease(context.Background(), time.Millisecond)
		res, err := Inspect(eng, body, "application/http", "", Redact, Limits{Memory: lease, MaxDecoded: 10 << 20, MaxParts: 5000})
		if err != nil || res.Changed {
			t.Fatalf("%d clean messages (%d bytes): err %v, changed %v", n, len(body), err, res.Changed)
		}
		held[k] = lease.Held() - int64(len(body))
		lease.Close()
	}
	t.Logf("held beyond the body: %d (250 messages), %d (2000)", held[0], held[1])
	if held[1] > held[0]+(1<<20) {
		t.Errorf("held grows with the messages: %d for 250, %d for 2000", held[0], held[1])
	}
}

// TestPipelinedMessagesCountAsParts: messages after the first count
// toward Limits.MaxParts; beyond it the body is uninspectable.
func TestPipelinedMessagesCountAsParts(t *testing.T) {
	eng := testEngine(t)
	for _, tc := range []struct {
		n, max int
		ok     bool
	}{{10, 10, true}, {11, 10, true}, {12, 10, false}, {300, 0, false}, {256, 0, true}} {
		_, err := Inspect(eng, pipelinedGzip(tc.n), "application/http", "", Redact, Limits{MaxParts: tc.max})
		if tc.ok != (err == nil) || err != nil && !errors.Is(err, ErrMalformed) {
			t.Errorf("%d messages, MaxParts %d: err %v", tc.n, tc.max, err)
		}
	}
}

// TestHTTPMessageFramingLeaks: framings a receiver reads a value through
// are read or refused; clean look-alikes pass byte for byte.
func TestHTTPMessageFramingLeaks(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	mob := synth.CNMobile(r)
	id := synth.CNID18(r)
	js := `{"name":"` + synth.CNName(r) + `","mobile":"` + mob + `","idCard":"` + id + `"}`
	clean := `{"ok":true,"order":"A-2024-0001"}`
	gz, gzClean := gzipOf(js), gzipOf(clean)
	resp := "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
	cl := func(s string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n", len(s)) + s }
	leaks := map[string]string{
		"TE gzip, chunked":        resp + "Transfer-Encoding: gzip, chunked\r\n\r\n" + chunkedOf(gz, 16, ""),
		"TE identity, chunked":    resp + "Transfer-Encoding: identity, chunked\r\n\r\n" + chunkedOf(js, 7, ""),
		"TE chunked, chunked":     resp + "Transfer-Encoding: chunked, chunked\r\n\r\n" + chunkedOf(js, 5, ""),
		"chunk extension":         "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n" + chunkedOf("hello world", 5, ";ref="+mob),
		"last chunk extension":    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0;id=" + id + "\r\n\r\n",
		"unframed then pipelined": "POST /a HTTP/1.1\r\nHost: api.example\r\n\r\nPOST /b HTTP/1.1\r\nHost: api.example\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n" + cl(gz),
		"odd header name":         resp + "X-Trace(id): 7\r\nContent-Encoding: gzip\r\n" + cl(gz),
		"trailer bare LF then gzip": "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX-Trace: 1\n\n" +
			resp + "Content-Encoding: gzip\r\n" + cl(gz),
		"two CE lines, value":  resp + "Content-Encoding: gzip\r\nContent-Encoding: gzip\r\n" + cl(gzipOf(gz)),
		"CE lines that differ": resp + "Content-Encoding: gzip\r\nContent-Encoding: br\r\n" + cl(gzipOf(clean)),
	}
	for name, body := range leaks {
		for _, ct := range []string{"message/http", "application/http"} {
			res, err := Inspect(eng, []byte(body), ct, "", Redact, Limits{})
			if err != nil {
				if !errors.Is(err, ErrMalformed) && !isDecodeErr(err) {
					t.Errorf("%s as %s: refused with %v", name, ct, err)
				}
				continue
			}
			if bytes.Equal(res.Body, []byte(body)) || bytes.Contains(res.Body, []byte(mob)) || bytes.Contains(res.Body, []byte(gz)) {
				t.Errorf("%s as %s: the receiver gets %q", name, ct, res.Body)
			}
		}
	}
	cleans := map[string]string{
		"chunk extension":         resp + "Transfer-Encoding: chunked\r\n\r\n" + chunkedOf(clean, 8, ";x=1"),
		"trailer bare LF":         resp + "Transfer-Encoding: chunked\r\n\r\n" + chunkedOf(clean, 8, "")[:len(chunkedOf(clean, 8, ""))-2] + "X-Trace: 1\n\n" + resp + "Content-Encoding: gzip\r\n" + cl(gzClean),
		"two CE lines that agree": resp + "Content-Encoding: gzip\r\nContent-Encoding: gzip\r\n" + cl(gzipOf(gzClean)),
		"request without a body":  "GET /orders/138 HTTP/1.1\r\nHost: api.example\r\n\r\nGET /orders/139 HTTP/1.1\r\nHost: api.example\r\n\r\n",
		"unframed then pipelined": "POST /a HTTP/1.1\r\nHost: api.example\r\n\r\nPOST /b HTTP/1.1\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n" + cl(gzClean),
	}
	for name, body := range cleans {
		res, err := Inspect(eng, []byte(body), "application/http", "", Redact, Limits{})
		if err != nil || res.Changed || !bytes.Equal(res.Body, []byte(body)) {
			t.Errorf("clean %s: err %v, changed %v", name, err, res.Changed)
		}
	}
}

// isDecodeErr reports an uninspectable coding.
func isDecodeErr(err error) bool {
	var de *decodeError
	return errors.As(err, &de)
}
