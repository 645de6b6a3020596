package caddymodule

import (
	"bufio"
	"encoding/binary"
	"math/rand/v2"
	"net"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestAttack41WebSocketGroupChatClosed: attack pass 41 found that the
// WebSocket dossier rule, summing every message of a direction
// (wsSide.seen), closed a viewer's connection with 1008 when a chat
// room's upstream relayed a name one member posted, a mobile another
// posted and an e-mail a third posted (one category a message, each
// masked under redact): one member could close every viewer's
// connection, and a room replaying its history closed it again at once.
// The upstream's messages are not added up now (a relay is many
// senders); the client's own are. The viewer gets the three messages
// masked and the connection stays open.
func TestAttack41WebSocketGroupChatClosed(t *testing.T) {
	name := synth.CNName(rand.New(rand.NewPCG(41, 5)))
	posts := []string{
		"[成员甲] 大家好，姓名：" + name,
		"[成员乙] 有事打我手机 " + testMobile,
		"[成员丙] 资料发我邮箱 " + testEmail,
	}
	h, logs := newHandler(t, Handler{})
	talk := wsUpstreamFunc("", func(conn net.Conn, brw *bufio.ReadWriter) error {
		for _, p := range posts {
			if _, err := conn.Write(bodyformat.AppendWSFrame(nil, bodyformat.WSText, []byte(p), false, [4]byte{})); err != nil {
				return err
			}
		}
		return nil
	})
	conn, br, res, done := wsServeTarget(t, h, talk, "websocket", "/room")
	if res.StatusCode != 101 {
		t.Fatalf("status %d", res.StatusCode)
	}
	got := wsReadFrames(t, br, false, len(posts))
	for i, f := range got {
		if f.Op == bodyformat.WSClose {
			code := 0
			if len(f.Payload) >= 2 {
				code = int(binary.BigEndian.Uint16(f.Payload))
			}
			t.Errorf("the viewer got a close (%d) as frame %d, after %d of %d posts: three members' masked posts read as one dossier", code, i+1, i, len(posts))
			continue
		}
		if strings.Contains(string(f.Payload), testMobile) || strings.Contains(string(f.Payload), testEmail) {
			t.Errorf("message %d went on raw: %q", i+1, f.Payload)
		}
	}
	conn.Close()
	<-done
	assertLogsClean(t, logs)
}
