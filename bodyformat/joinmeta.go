package bodyformat

import "bytes"

// The strings of a stream's events under some keys are the protocol's own,
// never text a client appends to what it shows: an event's or a message's
// id, the model's name, a type or a role. They are read in their event as
// every string is, but not joined across events: an id or a model name
// that ends in digits (claude-3-5-sonnet-20241022) would otherwise hold
// the first event of every stream back, and all those after it, until the
// stream paused.

// metaKeys are the keys of protocol strings, in lower case.
var metaKeys = map[string]bool{
	"id": true, "object": true, "model": true, "type": true, "role": true, "event": true,
	"finish_reason": true, "stop_reason": true, "system_fingerprint": true,
}

// metaKey reports whether a string under key is a protocol string: a key
// of metaKeys in any case, or an id's key (message_id, messageId,
// toolCallId).
func metaKey(key []byte) bool {
	if len(key) > 32 {
		return false
	}
	if bytes.HasSuffix(key, []byte("_id")) || bytes.HasSuffix(key, []byte("Id")) && len(key) > 2 {
		return true
	}
	var lower [32]byte
	for k, c := range key {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[k] = c
	}
	return metaKeys[string(lower[:len(key)])]
}

// JSON lines are as often records (an export, a log, a data set: one
// complete value under each key, `{"value":"-1"}` then `{"value":"900"}`)
// as a stream's deltas, and a client that appends lines appends only the
// text of the protocol it reads. A path that repeats line after line does
// not tell the two apart: a data set's "value", "note" and "source"
// repeat on every line as a delta's key does (peer-vectors' vectors.jsonl
// read so finds mobiles across records). What does is the key the text
// stands under: a key such texts stand under (joinedKeys: Ollama's
// "response" and "message.content", Cohere's "text", a chunk's "delta"),
// or a key whose last word is one of them or names a model's reasoning
// (appendedWords: Ollama's "thinking", "reasoning", OpenAI-compatible
// servers' "reasoning_content", "reasoningContent", "output_text",
// "text_delta"). A line's object member under another key is read in its
// line only, as the members of an array's objects are (jsonjoin.go); a
// string that is no member (a line that is a string, an array's element)
// and a data stream's parts are joined as before. Events of an event
// stream and messages given by WriteEvent (a WebSocket's, a chunk
// array's) join every field.

// appendedWords are the last words of keys, besides joinedKeys, whose
// strings a client appends line after line: a model's reasoning.
var appendedWords = map[string]bool{"thinking": true, "reasoning": true}

// appendedWordLens has, by the first letter of a word of joinedKeys or
// appendedWords (small), a bit for each length such a word has: the last
// words of a record's keys (name, card, no, at) are told apart from them
// without the maps' look-ups, as joinedKeyLens tells keys.
var appendedWordLens = func() (t [256]uint64) {
	for _, words := range []map[string]bool{joinedKeys, appendedWords} {
		for w := range words {
			t[w[0]] |= 1 << len(w)
		}
	}
	return t
}()

// appendedKey reports whether a client appends a JSON line's strings
// under key: key is one of joinedKeys, or its last word (after '_', '-'
// or a digit, or its last capitalised word: reasoningContent), in any
// case, is one of joinedKeys or appendedWords. Keys longer than 32 bytes
// are none.
func appendedKey(key []byte) bool {
	if len(key) > 32 {
		return false
	}
	if joinedKey(key) {
		return true
	}
	w := lastWord(key)
	if len(w) == 0 || appendedWordLens[w[0]|0x20]&(1<<len(w)) == 0 {
		return false // (no word of either list has its first letter and length)
	}
	var lower [32]byte
	for k, c := range w {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[k] = c
	}
	return joinedKeys[string(lower[:len(w)])] || appendedWords[string(lower[:len(w)])]
}

// lastWord returns the last word of an identifier's spelling: its
// trailing lower-case letters with the capital before them (camelCase),
// or its trailing capitals (SNAKE_CASE).
func lastWord(key []byte) []byte {
	isLower := func(c byte) bool { return c >= 'a' && c <= 'z' }
	isUpper := func(c byte) bool { return c >= 'A' && c <= 'Z' }
	i := len(key)
	for i > 0 && isLower(key[i-1]) {
		i--
	}
	switch {
	case i == len(key):
		for i > 0 && isUpper(key[i-1]) {
			i--
		}
	case i > 0 && isUpper(key[i-1]):
		i--
	}
	return key[i:]
}

// A key whose last word only is one a client appends (error_message,
// statusMessage, log_text, output_text) is as often a log record's
// message as a model's delta: {"level":"info","error_message":"attempt
// 186"} then {"level":"info","error_message":"58473661 bytes written"}
// read joined hold a mobile no one sees (attack pass 31 F11). A JSON
// line's member under such a key is joined across lines only when the
// line has a model stream's shape (lineShape): a member only a model's
// stream has (streamMarkers: Ollama's model, created_at and done,
// OpenAI's choices and object, a delta, an event's type, Cohere's
// event_type and is_finished, Gemini's candidates), or no member but
// the protocol's own (metaKey, an index: blockKeys) and those a client
// appends ({"reasoning_content":"…"} alone). A bare key of joinWords
// (text, response, thinking) is joined whatever the line's shape, as
// before.

// streamMarkers are the keys, in lower case, of a top-level member only a
// model's stream has.
var streamMarkers = map[string]bool{
	"model": true, "created_at": true, "done": true, "choices": true, "object": true,
	"delta": true, "type": true, "event": true, "event_type": true, "is_finished": true,
	"candidates": true,
}

// lineShape is what the top-level members of a JSON line say of it.
type lineShape struct {
	marked bool // a member of streamMarkers
	record bool // a member under any other key but metaKey, blockKeys and appendedKey
}

// member records a top-level member under key.
func (l *lineShape) member(key []byte) {
	if len(key) <= 32 {
		var lower [32]byte
		for k, c := range key {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			lower[k] = c
		}
		if streamMarkers[string(lower[:len(key)])] {
			l.marked = true
			return
		}
	}
	if !metaKey(key) && !blockKeys[string(key)] && !appendedKey(key) {
		l.record = true
	}
}

// streamed reports whether the line has a model stream's shape: a
// marker, or no record's member.
func (l lineShape) streamed() bool { return l.marked || !l.record }

// recordMember reports whether a string under key in an event of s is a
// record's member, read in its event only: a JSON line's member under a
// key a client does not append (appendedKey), or under a key only whose
// last word is one in a line of no model stream's shape.
func (s *Stream) recordMember(key []byte, shape lineShape) bool {
	if s.kind != StreamLines || s.events || key == nil {
		return false
	}
	if !appendedKey(key) {
		return true
	}
	_, word := joinWordAt(key)
	return !word && !shape.streamed()
}
