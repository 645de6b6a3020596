package detect_test

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestStreamBoundaries writes a text with identifiers placed across every
// kind of write boundary and checks the stream gives what a whole-text
// redaction gives, while holding back only a bounded tail.
func TestStreamBoundaries(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("s")})
	filler := strings.Repeat("普通的文字 plain words. ", 4000) // ~100 KiB, no personal data
	for _, cut := range []int{64 << 10, 64<<10 + 3, 68 << 10, 100 << 10} {
		id := synth.SeparatorEvery(synth.CNID18(r), " ")
		mobile := synth.CNMobile(r)
		// the ID straddles byte offset cut of the stream
		text := filler[:cut-len(id)/2] + id + " 手机 " + mobile + " " + filler[:3000]
		for _, step := range []int{1 << 10, 4093, 64 << 10, len(text)} {
			var out bytes.Buffer
			var fs []detect.Finding
			sr := e.NewStreamRedactor(&out, func(f detect.Finding) { fs = append(fs, f) })
			maxHeld := 0
			for i := 0; i < len(text); i += step {
				if _, err := sr.Write([]byte(text[i:min(len(text), i+step)])); err != nil {
					t.Fatal(err)
				}
				maxHeld = max(maxHeld, sr.Buffered())
			}
			if err := sr.Close(); err != nil {
				t.Fatal(err)
			}
			want, wantF := e.Redact([]byte(text))
			if !bytes.Equal(out.Bytes(), want) {
				t.Fatalf("cut %d step %d: stream output differs from whole-text redaction", cut, step)
			}
			if len(fs) != len(wantF) || len(fs) != 2 {
				t.Fatalf("cut %d step %d: %d findings, want %d (2)", cut, step, len(fs), len(wantF))
			}
			for k := range fs {
				if fs[k].Start != wantF[k].Start || fs[k].End != wantF[k].End {
					t.Fatalf("cut %d step %d: finding %d at %d..%d, want %d..%d", cut, step, k, fs[k].Start, fs[k].End, wantF[k].Start, wantF[k].End)
				}
			}
			if limit := 80 << 10; maxHeld > limit {
				t.Fatalf("cut %d step %d: held %d bytes, more than %d", cut, step, maxHeld, limit)
			}
		}
	}
}
