package caddymodule

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/membudget"
)

// FuzzWSSide: text messages (the input cut at '|', made UTF-8) sent
// through the upstream's side of a connection, in pieces of any size,
// then raw bytes: no panic; while the side stands, every message goes
// out, as one frame that decodes, its text UTF-8; an error is always a
// close code.
func FuzzWSSide(f *testing.F) {
	f.Add("我的号码是|"+testMobile[:3]+"|"+testMobile[3:]+"|谢谢", uint8(5), []byte{0x81, 0x7f})
	f.Add(`{"text":"`+testID+`"}|{"n":1381}|2345678}`, uint8(1), []byte{})
	f.Add("邮箱 "+testEmail+"|||零一二三四五六七八九十", uint8(200), []byte{0x88, 0x01, 0x03})
	h, _ := newHandler(f, Handler{})
	b := membudget.New(1 << 30)
	f.Fuzz(func(t *testing.T, text string, step uint8, raw []byte) {
		lease := b.Lease(context.Background(), 0)
		defer lease.Close()
		ss := newWSSession(h, get("/ws"), lease, detect.Summary{})
		defer ss.close()
		down := ss.down
		msgs := strings.Split(strings.ToValidUTF8(text, "?"), "|")
		var wire []byte
		for _, m := range msgs {
			wire = bodyformat.AppendWSFrame(wire, bodyformat.WSText, []byte(m), false, [4]byte{})
		}
		var out []byte
		feed := func(b []byte) error {
			for len(b) > 0 {
				n := min(int(step)+1, len(b))
				down.out = down.out[:0]
				err := down.take(b[:n])
				out = append(out, down.out...)
				if err != nil {
					return err
				}
				b = b[n:]
			}
			return nil
		}
		err := feed(wire)
		if err == nil {
			down.out = down.out[:0]
			err = down.releaseHeld()
			out = append(out, down.out...)
		}
		var ce errWSClose
		if err != nil && !errors.As(err, &ce) {
			t.Fatalf("error %v is no close code", err)
		}
		d := bodyformat.NewWSDecoder(false, 4<<20)
		got := 0
		if derr := d.Feed(out, func(fr bodyformat.WSFrame) error {
			got++
			if fr.Op != bodyformat.WSText || !utf8.Valid(fr.Payload) {
				t.Fatalf("frame %x, UTF-8 %v", fr.Op, utf8.Valid(fr.Payload))
			}
			return nil
		}); derr != nil || d.Holding() {
			t.Fatalf("output does not decode: %v", derr)
		}
		if errors.As(err, &ce) && ce.code == wsCloseTryLater {
			t.Fatal("the budget ran out: a lease outlived its connection")
		}
		if err == nil && got != len(msgs) {
			t.Fatalf("%d messages out of %d", got, len(msgs))
		}
		if err == nil {
			if ferr := feed(raw); ferr != nil && !errors.As(ferr, &ce) {
				t.Fatalf("raw bytes: error %v is no close code", ferr)
			}
		}
	})
}
