package detect_test

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestStreamContinuationBytes: a stream of bytes that start no character
// (UTF-8 continuation bytes, or GBK text that is one to a UTF-8 reader)
// longer than a chunk, written in pieces of many sizes, is written out
// whole and unchanged, and a mobile after it is masked (attack pass 25:
// Write looped for ever on a buffer whose cut walked back to its start).
func TestStreamContinuationBytes(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("s")})
	mobile := synth.CNMobile(rand.New(rand.NewPCG(25, 1)))
	for _, fill := range []string{"\x80", "\xb0\xa1", "\xbf\x80\x80"} {
		body := "x" + strings.Repeat(fill, (3*64<<10)/len(fill)) + " tel " + mobile + "\n"
		for _, piece := range []int{1, 7, 4096, 65537, len(body)} {
			var out bytes.Buffer
			s := e.NewStreamRedactor(&out, nil)
			for b := []byte(body); len(b) > 0; {
				n := min(piece, len(b))
				if _, err := s.Write(b[:n]); err != nil {
					t.Fatal(err)
				}
				b = b[n:]
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			got := out.String()
			if len(got) != len(body) || strings.Contains(got, mobile) || got[:len(body)-30] != body[:len(body)-30] {
				t.Errorf("fill %q, pieces of %d: %d bytes out of %d, mobile kept %v", fill, piece, len(got), len(body), strings.Contains(got, mobile))
			}
		}
	}
}
