package bodyformat

import (
	"encoding/binary"
	"testing"
)

// TestSniffLengthPrefix: a JSON document after a 4-byte length that
// counts it (or the whole message), in either byte order, is found, and
// Append writes a new length as the original was written.
func TestSniffLengthPrefix(t *testing.T) {
	doc := []byte(`{"a":"b"}`)
	longer := []byte(`{"a":"bcd"}`)
	for name, c := range map[string]struct {
		prefix func([]byte, uint32) []byte
		incl   bool
	}{
		"big":              {binary.BigEndian.AppendUint32, false},
		"little":           {binary.LittleEndian.AppendUint32, false},
		"big inclusive":    {binary.BigEndian.AppendUint32, true},
		"little inclusive": {binary.LittleEndian.AppendUint32, true},
	} {
		n := func(d []byte) uint32 {
			if c.incl {
				return uint32(len(d) + 4)
			}
			return uint32(len(d))
		}
		msg := append(c.prefix(nil, n(doc)), doc...)
		lp, ok := SniffLengthPrefix(msg)
		if !ok || lp.Width() != 4 {
			t.Errorf("%s: not found in %q", name, msg)
			continue
		}
		if got := lp.Append(nil, doc); string(got) != string(msg) {
			t.Errorf("%s: Append %q, want %q", name, got, msg)
		}
		want := append(c.prefix(nil, n(longer)), longer...)
		if got := lp.Append(nil, longer); string(got) != string(want) {
			t.Errorf("%s: Append of a longer document %q, want %q", name, got, want)
		}
	}
	for name, msg := range map[string]string{
		"wrong length": "\x00\x00\x00\x05" + `{"a":"b"}`,
		"not JSON":     "\x00\x00\x00\x05hello",
		"binary rest":  "\x00\x00\x00\x05{\x00\x01\x02\x03",
		"too short":    "\x00\x00\x00\x00",
		"bad UTF-8":    "\x00\x00\x00\x05{\"\xff\"}",
	} {
		if _, ok := SniffLengthPrefix([]byte(msg)); ok {
			t.Errorf("%s: %q taken for a length-prefixed document", name, msg)
		}
	}
	if (LengthPrefix{}).Width() != 0 || string(LengthPrefix{}.Append([]byte("x"), doc)) != "x"+string(doc) {
		t.Error("the zero prefix writes one")
	}
}
