package caddymodule

import (
	"bufio"
	"encoding/binary"
	"io"
	"net"
	"slices"
	"testing"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
)

// heldAfterEvent says it holds a message once one was written, and panics
// when it is released: only the side that got a message waits.
type heldAfterEvent struct {
	streamInspector
	written bool
}

func (s *heldAfterEvent) WriteEvent(ev []byte) error {
	s.written = true
	return s.streamInspector.WriteEvent(ev)
}

func (s *heldAfterEvent) Waiting() bool { return s.written }

func (s *heldAfterEvent) ReleaseHeld() error {
	if s.written {
		panicQuoting([]byte(testMobile))
	}
	return s.streamInspector.ReleaseHeld()
}

// TestWebSocketTimerPanicContained: a panic on the WebSocket hold timer's
// goroutine (the upstream's messages held, then released by the timer),
// where nothing above recovers it, closes the client's connection with
// 1011, is logged as one incident without the panic's value and is
// counted as an uninspected response of reason panic; the process goes on.
func TestWebSocketTimerPanicContained(t *testing.T) {
	real := newStream
	setSeam(t, &newStream, func(e *detect.Engine, w io.Writer, kind bodyformat.StreamKind, opt bodyformat.StreamOptions) streamInspector {
		return &heldAfterEvent{streamInspector: real(e, w, kind, opt)}
	})
	h, logs, reg := provisionLoad(t, Handler{})
	var back []bodyformat.WSFrame
	moved := metricDelta(t, reg, func() {
		next := wsUpstreamFunc("", func(conn net.Conn, _ *bufio.ReadWriter) error {
			if _, err := conn.Write(bodyformat.AppendWSFrame(nil, bodyformat.WSText, []byte("hello"), false, [4]byte{})); err != nil {
				return err
			}
			_, err := io.Copy(io.Discard, conn) // until the filter ends the exchange
			return err
		})
		conn, br, res, done := wsServe(t, h, next)
		if res.StatusCode != 101 {
			t.Fatalf("status %d", res.StatusCode)
		}
		back = wsReadFrames(t, br, false, 2)
		conn.Close()
		<-done
	}, series{uninspectedSeries, "direction=response,reason=panic"})
	if len(back) != 2 || string(back[0].Payload) != "hello" || back[1].Op != bodyformat.WSClose || binary.BigEndian.Uint16(back[1].Payload) != 1011 {
		t.Errorf("the client got %v, want the message, then a close frame 1011", back)
	}
	if !slices.Equal(moved, []float64{1}) {
		t.Errorf("uninspected{panic} moved by %v, want 1", moved)
	}
	assertPanicIncident(t, logs, dirResponse, outRefused)
}
