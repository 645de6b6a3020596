package bodyformat

import "bytes"

// settled reports whether nothing in the field's text waits for the next
// piece: no piece is open, no name or address the text ends in is held
// (deferred), no run shown as nothing is pending or was cut, no number a
// release masked goes on (pausedRun), no escape is carried, the field is
// no tool call's arguments, and its text is as it went out (stale).
func (f *fieldText) settled() bool {
	return f.firstOpen == f.next && f.openStart == len(f.text) && f.deferredAt == 0 &&
		!f.cutHeld && !f.openCut && !f.pausedRun && !f.stale && f.args == nil && f.sentCarry == nil
}

// inertText reports whether t holds only bytes no identifier, label or
// reading (escapes, markup, Markdown, character references) is made of:
// brackets, braces, parentheses, commas, quotes and white space. Such a
// piece after a settled field completes nothing and opens nothing
// (joiner.add).
func inertText(t []byte) bool {
	for _, c := range t {
		if !inertByte[c] {
			return false
		}
	}
	return true
}

// inertByte holds the bytes inertText accepts.
var inertByte = func() (t [256]bool) {
	for _, c := range []byte("[]{}(),\" \t\r\n") {
		t[c] = true
	}
	return t
}()

// quietEvent writes at once, allocating nothing, a line or message that
// holds only brackets, braces, parentheses, commas and white space ("[",
// "{" lines, one a message) when nothing is held and the text field
// it joins is settled: no reading can find anything in it, and it
// completes nothing. Its bytes join the field's text as released
// context, as a piece's would (x, [ then at]qq.com is still read as an
// address). It reports whether it wrote the event.
func (s *Stream) quietEvent(raw []byte) bool {
	if s.kind == StreamEvents || len(s.held) > 0 {
		return false
	}
	payload := trimLineEnd(raw)
	if len(payload) == 0 || !inertText(payload) || bytes.IndexByte(payload, '"') >= 0 {
		return false
	}
	j := &s.joins
	if f := j.fields[""]; f != nil {
		if !f.settled() {
			return false
		}
		j.clock++
		f.seen = j.clock
		f.text = append(f.text, payload...)
		f.ctx, f.openStart = len(f.text), len(f.text)
		j.settleReleased(f) // (cut back past compactSlack)
	}
	s.write(raw)
	return true
}
