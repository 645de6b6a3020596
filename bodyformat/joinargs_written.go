package bodyformat

// An event is read on its own before its strings are joined, and its
// reading masks what it finds in them in place: a piece of arguments
// that holds a whole number ({"tel": 13812345678}) comes to the joiner as
// {"tel": 138****5678}, which is no JSON, and the arguments' JSON reading
// (readArgDoc) would leave it to the text reading, whose stars the client
// cannot parse. So the arguments are lexed as the event came (the
// client's SDK would have them so), and the masks of their JSON reading
// are put into the pieces as masked (textAt: in place, where the
// event's reading starred in place).

// argsAsCame finds, for a string of an event's payload as its reading
// wrote it, the same string in the payload as it came: the strings of
// both are in the same order.
type argsAsCame struct {
	orig []byte           // the payload as it came
	strs []jsonStringSpan // its strings
	next int              // the first of strs not yet matched
}

// written returns the text as it came of the next string of the payload
// as it came on path, decoded, when it reads as text does but where text
// has a star (a mask in place); else nil (text is read as written).
func (a *argsAsCame) written(path string, text []byte) []byte {
	for ; a.next < len(a.strs); a.next++ {
		str := a.strs[a.next]
		if str.path != path {
			continue
		}
		a.next++
		raw := a.orig[str.start:str.end]
		if str.escaped {
			raw, _, _ = decodeEscapes(raw, nil, nil)
		}
		if !starredOf(raw, text) {
			return nil
		}
		return raw
	}
	return nil
}

// starredOf reports whether text is raw with some of its bytes starred
// in place, and differs from it.
func starredOf(raw, text []byte) bool {
	if len(raw) != len(text) {
		return false
	}
	differs := false
	for i := range raw {
		if raw[i] != text[i] {
			if text[i] != '*' {
				return false
			}
			differs = true
		}
	}
	return differs
}
