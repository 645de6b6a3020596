package detect

// Invisible reports whether r is a character the engine reads through
// between digits because a receiver draws it as nothing or drops it: a
// soft hyphen, a zero-width space, a bidi mark, a combining mark
// (invisibleRune), a control other than white space (asciiClass). The
// format layer asks it where it follows a number across such characters
// itself (a stream's open tail split by them).
func Invisible(r rune) bool {
	if r < 0x80 {
		return asciiClass[r].kind == uIgnore
	}
	return invisibleRune(r)
}
