package logfilter

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestWalkGateSoftBreaks (attack pass 33, F1): an LLM's message logged as a
// structured field ({"content": "138⏎1234⏎5678"}, a delta, a text part)
// holds no array of two elements, no key naming a category, nothing
// outside ASCII: scanDocument passes it unwalked. The walk reads a string
// under an appended key (content, text, delta …) with its Markdown soft
// breaks as spaces (foldSoft) and masks the mobile or ID spread over its
// lines; the gated field is written as zap wrote it, the identifier whole
// for any reader that renders the message. The gated field must be what
// the walk writes, and must not hold the identifier's middle group.
func TestWalkGateSoftBreaks(t *testing.T) {
	f := newFilter(t, Filter{})
	r := rand.New(rand.NewPCG(33, 1))
	for range 5 {
		m, id := synth.CNMobile(r), synth.CNID18(r)
		for _, tc := range []struct {
			fd     zapcore.Field
			middle string
		}{
			{zap.Dict("msg", zap.String("content", "call "+m[:3]+"\n"+m[3:7]+"\n"+m[7:])), m[3:7]},
			{zap.Dict("choices", zap.Dict("delta", zap.String("content", m[:3]+"\n"+m[3:7]+"\n"+m[7:]))), m[3:7]},
			{zap.Dict("part", zap.String("text", "id "+id[:6]+"\n"+id[6:14]+"\n"+id[14:])), id[6:14]},
			{zap.Dict("text", zap.String("value", m[:3]+"\n"+m[3:7]+"\n"+m[7:])), m[3:7]},
			{zap.Any("reply", map[string]string{"content": m[:3] + "\n" + m[3:7] + "\n" + m[7:]}), m[3:7]},
		} {
			gated := encode(t, f.Filter(tc.fd))
			walkEvery = true
			walked := encode(t, f.Filter(tc.fd))
			walkEvery = false
			if canonicalJSON(t, gated) != canonicalJSON(t, walked) {
				t.Errorf("gated field differs from walked:\n gated  %s\n walked %s", gated, walked)
			}
			var v map[string]any
			if err := json.Unmarshal([]byte(gated), &v); err != nil {
				t.Fatalf("%s: %v", gated, err)
			}
			if strings.Contains(gated, tc.middle) {
				t.Errorf("identifier over soft breaks left whole: %s", gated)
			}
		}
	}
}
