package integration

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

// streamUpstream serves a stream whose chunks the test hands over one by
// one: each string sent on steps is written and flushed, and closing
// steps ends the response. The response starts (header written and
// flushed) as soon as the request arrives.
type streamUpstream struct {
	steps chan string
	done  chan struct{} // closed when the test ends, so no handler outlives it
}

func newStreamUpstream() *streamUpstream {
	return &streamUpstream{steps: make(chan string), done: make(chan struct{})}
}

// handler serves the stream with the given header fields (names and
// values in turn).
func (u *streamUpstream) handler(header ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.WriteHeader(http.StatusOK)
		rc := http.NewResponseController(w)
		_ = rc.Flush()
		for {
			select {
			case s, ok := <-u.steps:
				if !ok {
					return
				}
				if _, err := io.WriteString(w, s); err != nil {
					return
				}
				if err := rc.Flush(); err != nil {
					return
				}
			case <-r.Context().Done():
				return
			case <-u.done:
				return
			}
		}
	}
}

// send hands the upstream its next chunk; it returns once the upstream
// took it.
func (u *streamUpstream) send(t *testing.T, s string) {
	t.Helper()
	select {
	case u.steps <- s:
	case <-u.done:
		t.Fatal("upstream gone")
	}
}

// eventReader reads server-sent events from a response body.
type eventReader struct{ br *bufio.Reader }

// next returns the next event (its lines without the blank line ending
// it), or an error at the end of the stream.
func (er eventReader) next() (string, error) {
	var ev strings.Builder
	for {
		line, err := er.br.ReadString('\n')
		if err != nil {
			if ev.Len()+len(line) > 0 {
				return ev.String() + line, io.ErrUnexpectedEOF
			}
			return "", err
		}
		if line == "\n" || line == "\r\n" {
			return ev.String(), nil
		}
		ev.WriteString(line)
	}
}

const streamSite = `
	handle /redact/* {
		pii_filter {
			request off
		}
		reverse_proxy {$UP}
	}
	handle /reject/* {
		pii_filter {
			request off
			response reject
		}
		reverse_proxy {$UP}
	}
	handle /log/* {
		pii_filter {
			request off
			response log
			dossier 0
		}
		reverse_proxy {$UP}
	}
`

// streamServer starts Caddy with streamSite in front of an upstream
// serving an event stream on /*/sse and an incremental NDJSON stream on
// /*/ndjson, both driven by the returned streamUpstream, and a
// gzip-encoded event stream of one event on /*/sse-gzip.
func streamServer(t *testing.T) (*caddyServer, *streamUpstream) {
	t.Helper()
	u := newStreamUpstream()
	mux := http.NewServeMux()
	mux.Handle("/{action}/sse", u.handler("Content-Type", "text/event-stream", "Cache-Control", "no-cache"))
	mux.Handle("/{action}/ndjson", u.handler("Content-Type", "application/x-ndjson", "Incremental", "?1"))
	mux.Handle("/{action}/sse-gzip", fixed(http.StatusOK, compress(t, "gzip", []byte("data: 手机 "+bob.Mobile+"\n\n")),
		"Content-Type", "text/event-stream", "Content-Encoding", "gzip"))
	t.Setenv("UP", upstream(t, mux))
	t.Cleanup(func() { close(u.done) }) // runs before the upstream closes
	return startCaddy(t, streamSite), u
}

// openStream sends a GET for path and returns the response, whose body
// the test reads as the stream goes.
func (s *caddyServer) openStream(t *testing.T, path string) (*http.Response, eventReader) {
	t.Helper()
	resp, err := s.client.Do(newRequest(t, http.MethodGet, path, nil, "Accept", "text/event-stream"))
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp, eventReader{bufio.NewReader(resp.Body)}
}

// readEvent reads the next event.
func readEvent(t *testing.T, er eventReader) string {
	t.Helper()
	got, err := er.next()
	if err != nil {
		t.Fatalf("reading event: %v (got %q)", err, got)
	}
	return got
}

// expectEvent reads the next event and compares it.
func expectEvent(t *testing.T, er eventReader, want string) {
	t.Helper()
	got, err := er.next()
	if err != nil {
		t.Fatalf("reading event: %v (got %q, want %q)", err, got, want)
	}
	if got != want {
		t.Fatalf("event %q, want %q", got, want)
	}
}

// expectEnd reads to the end of the stream, which must end cleanly and
// hold nothing more.
func expectEnd(t *testing.T, er eventReader) {
	t.Helper()
	rest, err := io.ReadAll(er.br)
	if err != nil {
		t.Errorf("stream ended with %v", err)
	}
	if len(rest) > 0 {
		t.Errorf("stream went on after it should have ended: %q", rest)
	}
}

// TestSSERedacted: events are redacted and forwarded as they complete.
// The first event reaches the client while the upstream is still waiting
// to send the rest (if the filter buffered the stream, the test would
// block), and a mobile number split across two flushed chunks is still
// found and masked whole.
func TestSSERedacted(t *testing.T) {
	s, u := streamServer(t)
	resp, er := s.openStream(t, "/redact/sse")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("status %d, Content-Type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if resp.Header.Get("Content-Length") != "" {
		t.Errorf("an event stream with Content-Length %q", resp.Header.Get("Content-Length"))
	}

	u.send(t, "event: hello\ndata: 欢迎\n\n")
	expectEvent(t, er, "event: hello\ndata: 欢迎\n")

	// One chunk completes an event and starts the next, in the middle of
	// the number; once the client has the complete event, the filter has
	// had the first half of the number, and only then is the second half
	// sent.
	m := alice.Mobile
	u.send(t, "data: marker\n\ndata: 客服回电 "+m[:6])
	expectEvent(t, er, "data: marker\n")
	u.send(t, m[6:]+"，谢谢\n\n")
	expectEvent(t, er, "data: 客服回电 "+maskMobile(m)+"，谢谢\n")

	u.send(t, "id: 3\ndata: 身份证 "+alice.ID[:9])
	u.send(t, alice.ID[9:]+"\n\n")
	expectEvent(t, er, "id: 3\ndata: 身份证 "+maskID(alice.ID)+"\n")

	close(u.steps)
	expectEnd(t, er)

	inc := s.incidentsFor(t, "/redact/sse")
	if len(inc) != 1 || inc[0].Outcome != "redacted" || inc[0].Categories["cn_mobile"] != 1 || inc[0].Categories["cn_id"] != 1 {
		t.Errorf("incidents %+v", inc)
	}
}

// TestSSEReject: with response reject the stream is cut before the event
// holding personal information; the events before it were delivered.
func TestSSEReject(t *testing.T) {
	s, u := streamServer(t)
	_, er := s.openStream(t, "/reject/sse")
	u.send(t, "data: one\n\n")
	expectEvent(t, er, "data: one\n")
	u.send(t, "data: 手机 "+bob.Mobile+"\n\n")
	// The stream ends here; the upstream's next write fails or its
	// request is cancelled.
	rest, _ := io.ReadAll(er.br)
	assertNoRaw(t, "cut stream", rest, bob.Mobile, maskMobile(bob.Mobile))
	if len(rest) > 0 {
		t.Errorf("stream went on after the cut: %q", rest)
	}
	inc := s.incidentsFor(t, "/reject/sse")
	if len(inc) != 1 || inc[0].Outcome != "refused" || inc[0].Direction != "response" {
		t.Errorf("incidents %+v", inc)
	}
}

// TestSSEDossier: a stream is cut when the categories it carried reach
// the dossier threshold (3), even with the redact action: the events
// before were delivered redacted.
func TestSSEDossier(t *testing.T) {
	s, u := streamServer(t)
	_, er := s.openStream(t, "/redact/sse")
	u.send(t, "data: 手机 "+bob.Mobile+"\n\n")
	expectEvent(t, er, "data: 手机 "+maskMobile(bob.Mobile)+"\n")
	u.send(t, "data: 身份证 "+bob.ID+"\n\n")
	expectEvent(t, er, "data: 身份证 "+maskID(bob.ID)+"\n")
	u.send(t, "data: 邮箱 "+bob.Email+"\n\n")
	rest, _ := io.ReadAll(er.br)
	assertNoRaw(t, "cut stream", rest, bob.Email)
	if len(rest) > 0 {
		t.Errorf("stream went on after the dossier cut: %q", rest)
	}
	inc := s.incidentsFor(t, "/redact/sse")
	if len(inc) != 1 || !inc[0].Dossier || inc[0].Reason != "dossier" || inc[0].Outcome != "refused" {
		t.Errorf("incidents %+v", inc)
	}
}

// TestSSELog: with response log the stream passes unchanged and the
// incident is logged when it ends.
func TestSSELog(t *testing.T) {
	s, u := streamServer(t)
	_, er := s.openStream(t, "/log/sse")
	ev := "data: 手机 " + bob.Mobile
	u.send(t, ev[:12])
	u.send(t, ev[12:]+"\n\n")
	expectEvent(t, er, ev+"\n")
	close(u.steps)
	expectEnd(t, er)
	inc := s.incidentsFor(t, "/log/sse")
	if len(inc) != 1 || inc[0].Outcome != "logged" || inc[0].Categories["cn_mobile"] != 1 {
		t.Errorf("incidents %+v", inc)
	}
}

// TestIncrementalNDJSON: a response marked "Incremental: ?1" is filtered
// line by line as it arrives, a value split across chunks included.
func TestIncrementalNDJSON(t *testing.T) {
	s, u := streamServer(t)
	resp, er := s.openStream(t, "/redact/ndjson")
	if resp.Header.Get("Content-Length") != "" {
		t.Errorf("Content-Length %q on an incremental response", resp.Header.Get("Content-Length"))
	}
	u.send(t, `{"seq":1}`+"\n")
	line, err := er.br.ReadString('\n')
	if err != nil || line != `{"seq":1}`+"\n" {
		t.Fatalf("first line %q, %v", line, err)
	}
	u.send(t, `{"seq":2,"tel":"`+alice.Mobile[:5])
	u.send(t, alice.Mobile[5:]+`"}`+"\n")
	line, err = er.br.ReadString('\n')
	if err != nil || line != `{"seq":2,"tel":"`+maskMobile(alice.Mobile)+`"}`+"\n" {
		t.Fatalf("second line %q, %v", line, err)
	}
	close(u.steps)
	expectEnd(t, er)
}

// TestSSECompressedRefused: an event stream the upstream compressed
// cannot be redacted as it goes, so it is refused (on_error reject).
func TestSSECompressedRefused(t *testing.T) {
	s, _ := streamServer(t)
	resp, body := s.get(t, "/redact/sse-gzip")
	assertProblem(t, resp, body, http.StatusForbidden, "refused-uninspectable")
}

// TestSSEDeltasJoined: an LLM-style stream sends a resident ID and a
// mobile in pieces, one JSON event each, as a client joins them into its
// answer: what the client joins holds neither, every event arrives as
// valid JSON, and an event whose field ends in an unfinished number still
// reaches the client while the upstream pauses after it.
func TestSSEDeltasJoined(t *testing.T) {
	s, u := streamServer(t)
	resp, er := s.openStream(t, "/redact/sse")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	delta := func(i int, piece string) string {
		b, _ := json.Marshal(map[string]any{"choices": []any{map[string]any{"delta": map[string]string{"content": piece}}}})
		return fmt.Sprintf("id: %d\ndata: %s\n\n", i, b)
	}
	id, m := alice.ID, alice.Mobile
	pieces := []string{"身份证号是", id[:3], id[3:10], id[10:], "，手机", m[:4], m[4:], "。"}
	var joined strings.Builder
	for i, p := range pieces {
		u.send(t, delta(i, p))
	}
	for i := range pieces {
		ev := readEvent(t, er)
		data, ok := strings.CutPrefix(strings.TrimSpace(strings.SplitN(ev, "\n", 2)[1]), "data: ")
		var v struct {
			Choices []struct {
				Delta struct{ Content string } `json:"delta"`
			} `json:"choices"`
		}
		if !ok || json.Unmarshal([]byte(data), &v) != nil || !strings.HasPrefix(ev, fmt.Sprintf("id: %d\n", i)) {
			t.Fatalf("event %d: %q", i, ev)
		}
		joined.WriteString(v.Choices[0].Delta.Content)
	}
	assertNoRaw(t, "joined answer", []byte(joined.String()), id, m)

	// the upstream pauses after half a number: the event still arrives
	u.send(t, delta(99, "订单号 2024"))
	if ev := readEvent(t, er); !strings.Contains(ev, "2024") {
		t.Errorf("paused event: %q", ev)
	}
	close(u.steps)
	expectEnd(t, er)
}

// TestSSETextEventsReadEveryWay: the data of plain-text events is read as
// a text body is (escapes, markup between digits) and joined across
// events with its escapes decoded, so that neither a client printing the
// events nor one that unescapes what it joins gets a raw identifier.
func TestSSETextEventsReadEveryWay(t *testing.T) {
	s, u := streamServer(t)
	_, er := s.openStream(t, "/redact/sse")
	esc := func(v string) string {
		var b strings.Builder
		for _, c := range v {
			fmt.Fprintf(&b, `\u%04x`, c)
		}
		return b.String()
	}
	m, id := alice.Mobile, bob.ID
	events := []string{
		"data: 手机 " + esc(m) + "\n\n",
		"data: 证件 " + esc(id[:8]) + "\n\n", "data: " + id[8:] + " 好\n\n",
		"data: tel " + m[:3] + "<i></i>" + m[3:] + "\n\n",
	}
	var shown strings.Builder
	for _, ev := range events {
		u.send(t, ev)
	}
	for range events {
		ev := readEvent(t, er)
		shown.WriteString(strings.TrimPrefix(strings.TrimSpace(ev), "data: "))
	}
	close(u.steps)
	expectEnd(t, er)
	var unescaped string
	if err := json.Unmarshal([]byte(`"`+strings.ReplaceAll(shown.String(), `"`, `\"`)+`"`), &unescaped); err != nil {
		t.Fatalf("events do not unescape: %v: %q", err, shown.String())
	}
	assertNoRaw(t, "events as printed", []byte(shown.String()), m, id, m[3:], esc(m))
	assertNoRaw(t, "events unescaped and joined", []byte(unescaped), m, id, id[6:])
}
