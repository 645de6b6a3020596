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

// TestWebSocketDossierAcrossMessages: the dossier rule counts what every
// message of a direction held (categories and counts, no text), with the
// handshake's fields: a name in one client message, an ID in the next
// and a mobile in a third had each passed alone (issue #9); the third now
// closes the connection with 1008 and does not go on (nor do the
// messages still held back with it), and the dossier is logged with the
// three categories, under redact and log. Two categories, however many
// messages carry them, still pass.
func TestWebSocketDossierAcrossMessages(t *testing.T) {
	name := synth.CNName(rand.New(rand.NewPCG(9, 40)))
	three := []string{"姓名：" + name, "身份证 " + testID, "手机 " + testMobile}
	two := []string{"身份证 " + testID, "手机 " + testMobile, "身份证 " + testID, "手机 " + testMobile}
	for _, tc := range []struct {
		name, act  string
		msgs       []string
		wantClosed bool
	}{
		{"three, redact", "", three, true},
		{"three, log", "log", three, true},
		{"two over four messages, log", "log", two, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, logs := newHandler(t, Handler{Request: tc.act})
			upGot := make(chan []bodyformat.WSFrame, 1)
			next := wsUpstreamFunc("", func(conn net.Conn, brw *bufio.ReadWriter) error {
				upGot <- wsReadFrames(t, conn, true, len(tc.msgs))
				return nil
			})
			conn, _, res, done := wsServeTarget(t, h, next, "websocket", "/ws")
			if res.StatusCode != 101 {
				t.Fatalf("status %d", res.StatusCode)
			}
			for _, m := range tc.msgs {
				if _, err := conn.Write(bodyformat.AppendWSFrame(nil, bodyformat.WSText, []byte(m), true, wsKey)); err != nil {
					t.Fatal(err)
				}
			}
			got := <-upGot
			last := got[len(got)-1]
			closed := last.Op == bodyformat.WSClose && binary.BigEndian.Uint16(last.Payload) == 1008
			if closed != tc.wantClosed {
				t.Errorf("upstream got %v; want closed %v", got, tc.wantClosed)
			}
			for _, f := range got {
				if tc.wantClosed && strings.Contains(string(f.Payload), testMobile) {
					t.Errorf("the message that completes the dossier went on: %v", got)
				}
			}
			if !tc.wantClosed && len(got) != len(tc.msgs) {
				t.Errorf("want %d messages: %v", len(tc.msgs), got)
			}
			conn.Close()
			<-done
			if tc.wantClosed {
				assertDossierLogged(t, logs)
			}
			assertLogsClean(t, logs)
		})
	}
}
