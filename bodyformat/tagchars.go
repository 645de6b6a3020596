package bodyformat

import "bytes"

// The tag characters U+E0020–U+E007E mirror printable ASCII (TAG DIGIT
// ONE is U+E0031) and are drawn as nothing: "ASCII smuggling" hides text
// from a reader in them, which a model reads as the ASCII they mirror and
// a client decodes with chr(ord(c) - 0xE0000). The engine reads them
// through as invisible (as the tags of a flag's subdivision are); the
// tag view of a piece (tagview.go) reads them as their ASCII, in every
// reading, each one's span masked whole.

// tagLead is how a tag character U+E0000–U+E007F is written in UTF-8:
// F3 A0 80 80–F3 A0 81 BF.
var tagLead = []byte{0xF3, 0xA0}

// tagASCII returns the ASCII character the tag character written at
// text[i] mirrors, or 0 when none is written there.
func tagASCII(text []byte, i int) byte {
	if len(text)-i < 4 || text[i] != 0xF3 || text[i+1] != 0xA0 || text[i+2]&0xFE != 0x80 || text[i+3]&0xC0 != 0x80 {
		return 0
	}
	c := (text[i+2]&1)<<6 | text[i+3]&0x3F
	if c < 0x20 || c > 0x7E {
		return 0 // the language tag and CANCEL TAG mirror nothing
	}
	return c
}

// decodeTagChars returns text with each tag character that mirrors an
// ASCII character read as that character, and for each byte the offset
// in text it comes from (one more entry: len(text)), or ok false when
// text holds none.
func decodeTagChars(text []byte) ([]byte, []int32, bool) {
	var m mapped
	start := 0 // the first byte not yet copied
	for i := bytes.Index(text, tagLead); i >= 0; {
		countReadingSteps(1) // (a look for the lead bytes is a memory scan)
		next := i + 1        // where the next tag character is looked for
		if c := tagASCII(text, i); c != 0 {
			if m.dst == nil {
				m = mapped{dst: make([]byte, 0, len(text)), offs: make([]int32, 0, len(text)+1)}
			}
			m.copy(text, start, i)
			m.bytes([]byte{c}, i)
			next = i + 4
			start = next
		}
		k := bytes.Index(text[next:], tagLead)
		if k < 0 {
			break
		}
		i = next + k
	}
	if m.dst == nil {
		return nil, nil, false
	}
	m.copy(text, start, len(text))
	dst, offs := m.done(len(text))
	return dst, offs, true
}
