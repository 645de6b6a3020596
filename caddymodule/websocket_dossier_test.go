package caddymodule

import (
	"bufio"
	"encoding/binary"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
)

// TestWebSocketDossierSplitHandshake: the dossier rule (three distinct
// categories refuse, whatever the action) joins an HTTP message's fields
// and body (TestDossierSplitFieldsAndBody), but a WebSocket's messages
// were judged alone: an ID and an e-mail in the upgrade's query and a
// mobile in a message, or an ID and an e-mail in the upstream's 101
// header fields and a mobile in its message, passed (under log, raw). A
// message now counts what its direction's handshake fields held: the
// connection is closed with 1008 both ways and the dossier logged with
// the three categories; two categories over both still pass.
func TestWebSocketDossierSplitHandshake(t *testing.T) {
	twoInQuery := "/ws?" + url.Values{"id": {testID}, "mail": {testEmail}}.Encode()
	for _, tc := range []struct {
		name, act, target string
		wantClosed        bool
	}{
		{"id and e-mail in the query, log", "log", twoInQuery, true},
		{"id and e-mail in the query, redact", "", twoInQuery, true},
		{"id in the query: two", "log", "/ws?" + url.Values{"id": {testID}}.Encode(), false},
	} {
		t.Run("client "+tc.name, func(t *testing.T) {
			h, logs := newHandler(t, Handler{Request: tc.act})
			upGot := make(chan []bodyformat.WSFrame, 1)
			next := wsUpstreamFunc("", func(conn net.Conn, brw *bufio.ReadWriter) error {
				upGot <- wsReadFrames(t, conn, true, 1)
				return nil
			})
			conn, _, res, done := wsServeTarget(t, h, next, "websocket", tc.target)
			if res.StatusCode != http.StatusSwitchingProtocols {
				t.Fatalf("status %d", res.StatusCode)
			}
			if _, err := conn.Write(bodyformat.AppendWSFrame(nil, bodyformat.WSText, []byte("手机 "+testMobile), true, wsKey)); err != nil {
				t.Fatal(err)
			}
			got := <-upGot
			closed := len(got) == 1 && got[0].Op == bodyformat.WSClose && binary.BigEndian.Uint16(got[0].Payload) == 1008
			if closed != tc.wantClosed {
				t.Errorf("upstream got %v; want closed %v", got, tc.wantClosed)
			}
			if !tc.wantClosed && (len(got) != 1 || got[0].Op != bodyformat.WSText || !strings.Contains(string(got[0].Payload), testMobile)) {
				t.Errorf("under log the message should go on as sent: %v", got)
			}
			conn.Close()
			<-done
			if tc.wantClosed {
				assertDossierLogged(t, logs)
			}
			assertLogsClean(t, logs)
		})
	}
	t.Run("upstream's 101 fields and message", func(t *testing.T) {
		h, logs := newHandler(t, Handler{Response: "log"})
		talk := wsUpstreamFunc("", func(conn net.Conn, brw *bufio.ReadWriter) error {
			_, err := conn.Write(bodyformat.AppendWSFrame(nil, bodyformat.WSText, []byte("客服 "+testMobile), false, [4]byte{}))
			return err
		})
		next := func(w http.ResponseWriter, r *http.Request) error {
			w.Header().Set("X-User-Id", testID)
			w.Header().Set("X-User-Mail", testEmail)
			return talk(w, r)
		}
		conn, br, res, done := wsServe(t, h, next)
		if res.StatusCode != http.StatusSwitchingProtocols {
			t.Fatalf("status %d", res.StatusCode)
		}
		back := wsReadFrames(t, br, false, 1)
		if len(back) != 1 || back[0].Op != bodyformat.WSClose || binary.BigEndian.Uint16(back[0].Payload) != 1008 {
			t.Errorf("client got %v, want a 1008 close", back)
		}
		conn.Close()
		<-done
		assertDossierLogged(t, logs)
		assertLogsClean(t, logs)
	})
}
