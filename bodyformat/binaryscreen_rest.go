package bodyformat

import (
	"bytes"
	"io"
)

// Rest returns what s has not passed on yet, unscreened: the bytes it
// holds back and the rest of its source, for a caller that gives up
// screening (a panic contained under on_error pass) and must still send
// the body whole. s must not be read after.
func (s *BinaryScreen) Rest() io.Reader {
	held := append(bytes.Clone(s.buf[min(s.off, len(s.buf)):]), s.doc...)
	if s.eof {
		return bytes.NewReader(held)
	}
	return io.MultiReader(bytes.NewReader(held), s.src)
}
