//go:build detectsteps

package bodyformat

import (
	"fmt"
	"strings"
	"testing"
)

// keyedStream returns about n bytes of lines (StreamLines) or events
// (StreamEvents) made by line, given the line's number from 0 on.
func keyedStream(kind StreamKind, n int, line func(k int) string) []byte {
	var b strings.Builder
	for k := 0; b.Len() < n; k++ {
		if kind == StreamEvents {
			b.WriteString("data: " + line(k) + "\n\n")
		} else {
			b.WriteString(line(k) + "\n")
		}
	}
	return []byte(b.String())
}

// TestComplexityStreamJoinKeys checks shapes an attacker picks the keys
// of: keys that count up and so grow (every line a new field, k0 to
// k99999), keys of every width up to thousands of bytes, a delta deep in
// objects or in arrays whose elements name their index (each element's
// strings renamed to that index), and events of many fields. The
// engine's steps, the joined text read and the bytes of paths built for
// 8n bytes are at most 8.8 times those for n.
func TestComplexityStreamJoinKeys(t *testing.T) {
	eng := testEngine(t)
	for _, kind := range []StreamKind{StreamLines, StreamEvents} {
		for _, c := range []struct {
			name string
			n    int // bytes at the small size: a few hundred events at least, the fields' held text at its bound
			line func(k int) string
		}{
			{"growing keys", 32 << 10, func(k int) string { return fmt.Sprintf(`{"k%d_thinking":"1234567"}`, k) }},
			// from k100000 on: keys of 6 digits at both sizes (a key's digits
			// cost more a byte than its letters; TestComplexityStreamJoinKeyWidth)
			{"growing digit keys", 32 << 10, func(k int) string { return fmt.Sprintf(`{"k%d":"1234567"}`, 100000+k) }},
			{"growing keys of a block", 32 << 10, func(k int) string {
				return fmt.Sprintf(`{"index":%d,"delta":{"k%d_text":"1234567"}}`, k%3, k)
			}},
			{"keys of 512 bytes", 256 << 10, func(k int) string {
				return fmt.Sprintf(`{"%s%0*d":"1234567"}`, "k", 511, k)
			}},
			{"keys of 4096 bytes", 1 << 20, func(k int) string {
				return fmt.Sprintf(`{"%s%0*d":"1234567"}`, "k", 4095, k)
			}},
			{"delta at depth 100", 1 << 20, func(k int) string { return nested(100, false, `{"content":"1"}`) }},
			{"delta under 100 indexed arrays", 1 << 20, func(k int) string { return nested(100, true, `{"content":"1"}`) }},
			{"many strings under 100 indexed arrays", 512 << 10, func(k int) string {
				return nested(100, true, "["+strings.Repeat(`"1",`, 200)+`"1"]`)
			}},
			{"many fields an event", 1 << 20, func(k int) string {
				var b strings.Builder
				b.WriteString(`{"choices":[`)
				for e := range 16 {
					if e > 0 {
						b.WriteByte(',')
					}
					fmt.Fprintf(&b, `{"index":%d,"delta":{"content":"%d"}}`, e, k%10)
				}
				b.WriteString("]}")
				return b.String()
			}},
			{"many keys an event", 1 << 20, func(k int) string {
				var b strings.Builder
				b.WriteByte('{')
				for e := range 64 {
					if e > 0 {
						b.WriteByte(',')
					}
					fmt.Fprintf(&b, `"k%d_%d_thinking":"12"`, k, e)
				}
				b.WriteByte('}')
				return b.String()
			}},
		} {
			n := c.n
			small, smallJoin := streamSteps(t, eng, kind, keyedStream(kind, n, c.line))
			smallPaths := pathRead.Load()
			large, largeJoin := streamSteps(t, eng, kind, keyedStream(kind, 8*n, c.line))
			largePaths := pathRead.Load()
			name := fmt.Sprintf("%s (kind %d)", c.name, kind)
			t.Logf("%s: steps ×%.2f, joined ×%.2f, paths ×%.2f", name, float64(large)/float64(small),
				float64(largeJoin)/float64(max(smallJoin, 1)), float64(largePaths)/float64(max(smallPaths, 1)))
			if float64(large) > 8.8*float64(small) {
				t.Errorf("%s: %d steps for %d bytes, %d for 8 times as many: ×%.2f", name, small, n, large, float64(large)/float64(small))
			}
			if float64(largeJoin) > 8.8*float64(smallJoin) {
				t.Errorf("%s: %d bytes of joined text read for %d bytes, %d for 8 times as many", name, smallJoin, n, largeJoin)
			}
			if float64(largePaths) > 8.8*float64(smallPaths) {
				t.Errorf("%s: %d bytes of paths built for %d bytes, %d for 8 times as many", name, smallPaths, n, largePaths)
			}
			// a path is at most maxPathLen bytes, built once for each
			// member or element: each takes at least 4 bytes ("":0 or "",)
			if limit := int64(8*n+4096) * maxPathLen / 4; largePaths > limit {
				t.Errorf("%s: %d bytes of paths built for %d bytes, more than %d", name, largePaths, 8*n, limit)
			}
		}
	}
}

// TestComplexityStreamJoinKeyWidth checks that the steps a byte do not
// grow with the width of keys: bodies of equal size whose lines each
// bring a new key of 8, 64, 512, 4096 or 32768 bytes, all digits but
// the first (the costliest keys to read: every digit run of them is
// looked at), cost at most 1.5 times a byte what keys of 8 bytes do.
func TestComplexityStreamJoinKeyWidth(t *testing.T) {
	eng := testEngine(t)
	for _, kind := range []StreamKind{StreamLines, StreamEvents} {
		const size = 256 << 10
		var base float64
		for _, width := range []int{8, 64, 512, 4096, 32768} {
			body := keyedStream(kind, size, func(k int) string {
				return fmt.Sprintf(`{"k%0*d":"1234567"}`, width-1, k)
			})
			steps, _ := streamSteps(t, eng, kind, body)
			perByte := float64(steps) / float64(len(body))
			if width == 8 {
				base = perByte
				continue
			}
			if perByte > 1.5*base {
				t.Errorf("kind %d: keys of %d bytes cost %.2f steps a byte, keys of 8 %.2f", kind, width, perByte, base)
			}
		}
	}
}
