package bodyformat

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"testing"
)

// fix51PaddedDoc returns a 4-byte length-prefixed message holding a
// document of about n bytes followed, inside its frame, by pad.
func fix51PaddedDoc(r *rand.Rand, n int, pad []byte) []byte {
	doc := prefixedDoc(r, n, false, false, false)[lengthPrefixWidth:]
	msg := append(append([]byte{}, doc...), pad...)
	return append(binary.BigEndian.AppendUint32(nil, uint32(len(msg))), msg...)
}

// TestFix51PaddedFramedDocs: a framed JSON document followed inside its
// frame by NULs or by more than maxJSONLead bytes of white space, after
// a binary message or first, is read as the document it holds (without
// its padding), as a length-framed reader parses it (attack50 F5).
func TestFix51PaddedFramedDocs(t *testing.T) {
	r := rand.New(rand.NewPCG(51, 5))
	bin := []byte{0, 0, 0, 7, 0xee, 0x01, 0, 0, 0xc3, 0x00, 0x9f}
	for name, pad := range map[string][]byte{
		"one NUL":            {0},
		"NULs and spaces":    append([]byte{0, 0}, bytes.Repeat([]byte{' '}, 90)...),
		"100 spaces":         bytes.Repeat([]byte{' '}, 100),
		"spaces then a NUL":  append(bytes.Repeat([]byte{' '}, 80), 0),
		"zeroed buffer tail": make([]byte, 300),
	} {
		msg := fix51PaddedDoc(r, 600, pad)
		want := bytes.TrimRight(msg[lengthPrefixWidth:], jsonPad)
		for lead, body := range map[string][]byte{
			"first":               append(append([]byte{}, msg...), 0),
			"after a binary":      append(append(append([]byte{}, bin...), msg...), 0),
			"after binary and {}": append(append(append(append([]byte{}, bin...), 0, 0, 0, 2, '{', '}'), msg...), 0),
		} {
			var docs [][]byte
			prefixedDocs(body, func(d []byte) error { docs = append(docs, d); return nil })
			if len(docs) == 0 || !bytes.Equal(bytes.TrimRight(docs[len(docs)-1], jsonPad), want) {
				t.Errorf("%s, %s: %d documents read, the padded one not among them", name, lead, len(docs))
			}
		}
	}
}
