//go:build detectsteps

package bodyformat

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"testing"
)

// bracketMessages returns k length-prefixed binary messages whose
// payloads open with '[' or '{' and hold no JSON (attack pass 49a, F8);
// long, their payloads open and close as JSON and are JSON but for the
// byte before the last (json.Valid reads them through).
func bracketMessages(k int, long bool) []byte {
	var b []byte
	for i := range k {
		payload := []byte("[\xff\x00\x01")
		if i%2 == 1 {
			payload = []byte("{\x00\x9c\x81\xfe")
		}
		if long {
			payload = append(bytes.Repeat([]byte("[1,"), 40), 0xff, ']')
		}
		b = binary.BigEndian.AppendUint32(b, uint32(len(payload)))
		b = append(b, payload...)
	}
	return b
}

// TestStepsFix50BracketMessages: binaryRun walking over binary messages
// that open with '[' or '{' (each read with json.Valid once the walk
// reached its end) works in steps linear in the body's length, with a
// document after each run, after none, and messages that read almost
// whole as JSON.
func TestStepsFix50BracketMessages(t *testing.T) {
	shapes := map[string]func(n int) []byte{
		"bracket messages then a doc": func(n int) []byte {
			r := rand.New(rand.NewPCG(50, 3))
			var b []byte
			for i := 0; len(b) < n; i++ {
				b = append(b, bracketMessages(1+i%9, false)...)
				b = append(b, prefixedDoc(r, 200+i%50, false, false, false)...)
			}
			return b
		},
		"bracket messages, no doc": func(n int) []byte {
			return bracketMessages(n/9, false)
		},
		"almost JSON messages": func(n int) []byte {
			return bracketMessages(n/126, true)
		},
		"almost JSON then a doc": func(n int) []byte {
			r := rand.New(rand.NewPCG(50, 4))
			var b []byte
			for i := 0; len(b) < n; i++ {
				b = append(b, bracketMessages(1+i%3, true)...)
				b = append(b, prefixedDoc(r, 200+i%50, false, false, false)...)
			}
			return b
		},
	}
	for name, shape := range shapes {
		stepsGrowLinearly(t, name, func(n int) int64 {
			b := shape(n)
			resetReadingSteps()
			prefixedDocs(b, func([]byte) error { return nil })
			return readingSteps.Load()
		})
	}
}
