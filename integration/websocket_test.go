package integration

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

const websocketSite = `
	handle /ws/redact {
		pii_filter
		reverse_proxy {$UP}
	}
	handle /ws/reject {
		pii_filter {
			request reject
			response reject
		}
		reverse_proxy {$UP}
	}
	handle /ws/pass {
		pii_filter {
			websocket pass
		}
		reverse_proxy {$UP}
	}
`

// wsMessage is a message as one end read it.
type wsMessage struct {
	typ  websocket.MessageType
	data []byte
}

// wsUpstream is a WebSocket server (github.com/coder/websocket) that
// records every message it reads, answers "say:<text>" with <text> split
// as the rest says ("say:a|b|c" sends three messages), "tell" with the
// messages a test put on tell (what the upstream holds itself, never seen
// in a request), and echoes any other message. It records the extensions
// it was offered.
type wsUpstream struct {
	got        chan wsMessage
	extensions chan string
	tell       chan []string
}

func (u *wsUpstream) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	u.extensions <- r.Header.Get("Sec-WebSocket-Extensions")
	c, err := websocket.Accept(w, r, &websocket.AcceptOptions{CompressionMode: websocket.CompressionContextTakeover})
	if err != nil {
		return
	}
	defer c.CloseNow()
	c.SetReadLimit(1 << 20)
	ctx, cancel := context.WithTimeout(r.Context(), ioDeadline)
	defer cancel()
	for {
		typ, data, err := c.Read(ctx)
		if err != nil {
			return
		}
		u.got <- wsMessage{typ, data}
		if text, ok := strings.CutPrefix(string(data), "say:"); ok {
			for part := range strings.SplitSeq(text, "|") {
				if c.Write(ctx, websocket.MessageText, []byte(part)) != nil {
					return
				}
			}
			continue
		}
		if string(data) == "tell" {
			for _, part := range <-u.tell {
				if c.Write(ctx, websocket.MessageText, []byte(part)) != nil {
					return
				}
			}
			continue
		}
		if c.Write(ctx, typ, data) != nil {
			return
		}
	}
}

// next returns the next message the upstream read.
func (u *wsUpstream) next(t *testing.T) wsMessage {
	t.Helper()
	select {
	case m := <-u.got:
		return m
	case <-time.After(ioDeadline):
		t.Fatal("the upstream read no message")
	}
	return wsMessage{}
}

// wsServer starts Caddy with websocketSite in front of a wsUpstream.
func wsServer(t *testing.T) (*caddyServer, *wsUpstream) {
	t.Helper()
	u := &wsUpstream{got: make(chan wsMessage, 64), extensions: make(chan string, 8), tell: make(chan []string, 1)}
	t.Setenv("UP", upstream(t, u))
	return startCaddy(t, websocketSite), u
}

// wsDial opens a WebSocket to path through Caddy, offering
// permessage-deflate.
func wsDial(t *testing.T, ctx context.Context, path string) *websocket.Conn {
	t.Helper()
	c, resp, err := websocket.Dial(ctx, fmt.Sprintf("ws://localhost:%d%s", httpPort, path),
		&websocket.DialOptions{CompressionMode: websocket.CompressionContextTakeover})
	if err != nil {
		t.Fatal(err)
	}
	if ext := resp.Header.Get("Sec-WebSocket-Extensions"); ext != "" {
		t.Errorf("extension %q negotiated through the filter", ext)
	}
	t.Cleanup(func() { c.CloseNow() })
	c.SetReadLimit(1 << 20)
	return c
}

// wsRead reads the next message c gets.
func wsRead(t *testing.T, ctx context.Context, c *websocket.Conn) wsMessage {
	t.Helper()
	typ, data, err := c.Read(ctx)
	if err != nil {
		t.Fatalf("reading: %v", err)
	}
	return wsMessage{typ, data}
}

// TestWebsocketInspected: through a real Caddy and a real WebSocket
// upstream, in both directions, no raw identifier gets through: in a
// text message, in JSON, in a message sent in fragments, and in a mobile
// sent a few digits a message, as a chat does. Clean text and binary
// messages pass byte for byte, and permessage-deflate is never
// negotiated.
func TestWebsocketInspected(t *testing.T) {
	s, u := wsServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), ioDeadline)
	defer cancel()
	c := wsDial(t, ctx, "/ws/redact")
	if ext := <-u.extensions; ext != "" {
		t.Errorf("the upstream was offered %q", ext)
	}

	send := func(typ websocket.MessageType, data []byte) {
		t.Helper()
		if err := c.Write(ctx, typ, data); err != nil {
			t.Fatal(err)
		}
	}
	// the dossier rule counts every message of a direction together:
	// each case with personal data gets a connection of its own
	top := t // the connections last the whole test: the last is closed below
	fresh := func(t *testing.T) {
		t.Helper()
		c = wsDial(top, ctx, "/ws/redact")
		if ext := <-u.extensions; ext != "" {
			t.Errorf("the upstream was offered %q", ext)
		}
	}
	roundTrip := func(typ websocket.MessageType, data []byte) (up, back wsMessage) {
		t.Helper()
		send(typ, data)
		return u.next(t), wsRead(t, ctx, c)
	}

	t.Run("clean passes byte for byte", func(t *testing.T) {
		for _, m := range []wsMessage{
			{websocket.MessageText, []byte("你好，今天开会吗？ order 1234567 at 10:30")},
			{websocket.MessageText, []byte(`{"type":"msg","text":"see you","n":42}`)},
			{websocket.MessageBinary, []byte{0x00, 0xff, 0x13, 0x80, 0x01, 0x02, 0xfe, 0x00}},
			{websocket.MessageText, bytes.Repeat([]byte("长消息没有个人信息。"), 3000)}, // 64-bit length
		} {
			up, back := roundTrip(m.typ, m.data)
			if up.typ != m.typ || !bytes.Equal(up.data, m.data) || back.typ != m.typ || !bytes.Equal(back.data, m.data) {
				t.Errorf("%d bytes of type %v changed: upstream %d bytes, client %d", len(m.data), m.typ, len(up.data), len(back.data))
			}
		}
	})

	t.Run("text", func(t *testing.T) {
		fresh(t)
		up, back := roundTrip(websocket.MessageText, []byte("我的手机 "+alice.Mobile+"，身份证 "+alice.ID))
		assertNoRaw(t, "upstream", up.data, alice.Mobile, alice.ID)
		assertContains(t, "upstream", up.data, maskMobile(alice.Mobile))
		assertNoRaw(t, "client", back.data, alice.Mobile, alice.ID)
	})

	t.Run("json", func(t *testing.T) {
		fresh(t)
		up, _ := roundTrip(websocket.MessageText, []byte(`{"type":"msg","to":{"`+bob.Mobile+`":1},"text":"邮箱 `+bob.Email+`"}`))
		assertNoRaw(t, "upstream", up.data, bob.Mobile, bob.Email)
		if !json.Valid(up.data) {
			t.Errorf("redacted JSON message is not JSON: %s", up.data)
		}
	})

	t.Run("fragments", func(t *testing.T) {
		fresh(t)
		w, err := c.Writer(ctx, websocket.MessageText)
		if err != nil {
			t.Fatal(err)
		}
		msg := "电话 " + bob.Mobile + " 谢谢"
		for _, part := range []string{msg[:len("电话 ")+4], msg[len("电话 ")+4:]} {
			if _, err := w.Write([]byte(part)); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		up, back := u.next(t), wsRead(t, ctx, c)
		assertNoRaw(t, "upstream", up.data, bob.Mobile)
		assertNoRaw(t, "client", back.data, bob.Mobile)
	})

	t.Run("digits a message", func(t *testing.T) {
		fresh(t)
		m := alice.Mobile
		parts := []string{"我的号码是", m[:3], m[3:7], m[7:], "，晚上打"}
		var toUp, toClient []byte
		for _, p := range parts {
			up, back := roundTrip(websocket.MessageText, []byte(p))
			toUp, toClient = append(toUp, up.data...), append(toClient, back.data...)
		}
		// each piece waits for its echo, so each is released by a pause:
		// no more goes out than a partial mask shows
		assertNoRaw(t, "upstream, joined", toUp, m, m[:7], m[3:])
		assertNoRaw(t, "client, joined", toClient, m, m[:7], m[3:])
		assertContains(t, "upstream, joined", toUp, "我的号码是", "，晚上打")
	})

	t.Run("digits in a burst", func(t *testing.T) {
		fresh(t)
		// sent back to back, the pieces are held while the number is open
		// (a pause past the hold delay would release a prefix, never all)
		m := bob.Mobile
		parts := []string{"call ", m[:2], m[2:5], m[5:8], m[8:], " now"}
		for _, p := range parts {
			send(websocket.MessageText, []byte(p))
		}
		var toUp, toClient []byte
		for range parts {
			toUp = append(toUp, u.next(t).data...)
			toClient = append(toClient, wsRead(t, ctx, c).data...)
		}
		assertNoRaw(t, "upstream, joined", toUp, m)
		assertNoRaw(t, "client, joined", toClient, m)
	})

	t.Run("split behind its label", func(t *testing.T) {
		fresh(t)
		m := bob.Mobile
		// a mobile split 5-6 by a field delimiter behind its label is
		// read on its way up (the delimited reading joins 手机
		// 187|6772|0441, and 13912|345678 is read behind its label since
		// fix53four): its mask keeps the '|' between its groups (a
		// row keeps its cells: 139**|**5678, fix54mobile), and the
		// upstream says what is left, a message for each piece
		send(websocket.MessageText, []byte("say:客服电话 "+m[:5]+"|"+m[5:]+"|"+"身份证 "+bob.ID))
		up := u.next(t)
		assertNoRaw(t, "upstream", up.data, m, m[:5], m[5:], bob.ID)
		assertContains(t, "upstream", up.data, "say:客服电话", "身份证")
		var got []byte
		for range strings.Count(string(up.data), "|") + 1 {
			got = append(got, wsRead(t, ctx, c).data...)
		}
		assertNoRaw(t, "client, joined", got, m, bob.ID)
		assertContains(t, "client", got, "客服电话", "身份证")
	})

	t.Run("from the upstream", func(t *testing.T) {
		fresh(t)
		m := bob.Mobile
		// the upstream's own messages, a mobile split across two of them
		// behind its label and an ID in a third: no request holds them
		u.tell <- []string{"客服电话 " + m[:5], m[5:], "身份证 " + bob.ID}
		send(websocket.MessageText, []byte("tell"))
		u.next(t)
		var got []byte
		for range 3 {
			got = append(got, wsRead(t, ctx, c).data...)
		}
		assertNoRaw(t, "client, joined", got, m, bob.ID)
		assertContains(t, "client", got, "客服电话", "身份证")
	})

	if err := c.Close(websocket.StatusNormalClosure, ""); err != nil {
		t.Errorf("closing: %v", err)
	}
	if len(s.incidentsFor(t, "/ws/redact")) == 0 {
		t.Error("no incident logged for the redacted messages")
	}
}

// TestWebsocketRejected: under reject, a message with personal
// information closes the connection with 1008 (policy violation) before
// it reaches the upstream, and is logged as a refusal.
func TestWebsocketRejected(t *testing.T) {
	s, u := wsServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), ioDeadline)
	defer cancel()
	c := wsDial(t, ctx, "/ws/reject")
	<-u.extensions
	if err := c.Write(ctx, websocket.MessageText, []byte("hello")); err != nil {
		t.Fatal(err)
	}
	if m := u.next(t); string(m.data) != "hello" {
		t.Fatalf("upstream got %q", m.data)
	}
	wsRead(t, ctx, c)
	if err := c.Write(ctx, websocket.MessageText, []byte("手机 "+alice.Mobile)); err != nil {
		t.Fatal(err)
	}
	_, _, err := c.Read(ctx)
	if code := websocket.CloseStatus(err); code != websocket.StatusPolicyViolation {
		t.Errorf("read after a refused message: %v (close status %d), want 1008", err, code)
	}
	select {
	case m := <-u.got:
		assertNoRaw(t, "upstream", m.data, alice.Mobile)
	case <-time.After(200 * time.Millisecond):
	}
	refused := false
	for _, e := range s.incidentsFor(t, "/ws/reject") {
		refused = refused || e.Outcome == "refused"
	}
	if !refused {
		t.Error("no refusal logged")
	}
}

// TestWebsocketPass: with websocket pass the messages after the upgrade
// are none of the filter's business, as before the option: they come
// back exactly as sent (a residual risk the threat model lists).
func TestWebsocketPass(t *testing.T) {
	_, u := wsServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), ioDeadline)
	defer cancel()
	c, _, err := websocket.Dial(ctx, fmt.Sprintf("ws://localhost:%d/ws/pass", httpPort), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseNow()
	<-u.extensions
	msg := []byte("手机 " + alice.Mobile)
	if err := c.Write(ctx, websocket.MessageText, msg); err != nil {
		t.Fatal(err)
	}
	if m := u.next(t); !bytes.Equal(m.data, msg) {
		t.Errorf("upstream got %q", m.data)
	}
	if _, back, err := c.Read(ctx); err != nil || !bytes.Equal(back, msg) {
		t.Errorf("echo %q, %v", back, err)
	}
}
