package bodyformat

import (
	"fmt"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// Clients join text that stands one object deeper than an array's
// objects' members too: the OpenAI Responses API's output items, whose
// SDKs' response.output_text is the text of every output_text part of
// every message item (output[i].content[j].text), and the Assistants
// API's message parts ({"type":"text","text":{"value":…}}), shown one
// after another. Under a key a client appends (appendedKey) of an
// array's object, an object's members (under appendedKey or "value") and
// an array's joins by key are read by one more join of the outer array,
// one for each pair of keys: a string goes to its own join and at most
// one such join of the array one level out, never further, and an array
// holds at most maxDeeperJoins of them.
//
// The bound is no budget an upstream can spend: pairs a client ignores
// ({"message":{"text":…}}, {"delta":{"value":…}} …) ahead of the text
// parts it joins (attack pass 33, F2) would leave those read in their own
// strings only. The strings of the pairs past it spill (deeperSpill): a
// body whose spilled strings hold, outside what their own readings
// masked, digits in two strings or more, deepJoinDigits of them at least,
// is refused (errDeeperJoins), as a document nested past the depth limit
// is (deepJoinable). Each spilled string is read by its first and last
// joinEdge bytes, as a join reads it: the work stays linear, the memory
// two counters an array. The strings of an array's objects' keys a
// client appends past maxAppendedJoins (x0_text … ahead of output_text)
// spill the same way.

// maxDeeperJoins bounds the pairs of keys (outer, inner) an array's
// deeper joins read; past it a further pair's strings spill.
const maxDeeperJoins = 4

// errDeeperJoins: the strings of an array's pairs of keys past
// maxDeeperJoins, or of its keys past maxAppendedJoins, hold digits a
// client joining one of those pairs could show as an identifier no join
// read.
var errDeeperJoins = fmt.Errorf("%w: a JSON array's text parts past the join bound hold digits no join reads", ErrMalformed)

// deeperSpill counts the strings of an array's pairs of keys past
// maxDeeperJoins, and of its objects' keys past maxAppendedJoins, that
// hold digits their own readings left unmasked, and those digits.
type deeperSpill struct {
	strings, digits int
}

// add counts the digits text, a spilled string, holds outside found (the
// spans of its own findings) in its first and last joinEdge bytes.
func (s *deeperSpill) add(text []byte, found []span) {
	n := 0
	if len(text) <= 2*joinEdge {
		_, n = digitRuns(text, 0, found)
	} else {
		head, tail := runeCut(text, joinEdge), runeCut(text, len(text)-joinEdge)
		_, h := digitRuns(text[:head], 0, found)
		_, t := digitRuns(text[tail:], tail, found)
		n = h + t
	}
	if n > 0 {
		s.strings++
		s.digits += n
	}
}

// joinable reports whether the spilled strings could join into an
// identifier: digits in two of them or more, deepJoinDigits at least.
func (s *deeperSpill) joinable() bool {
	return s.strings >= 2 && s.digits >= deepJoinDigits
}

// deeperAt is where a value under an appended key of an array's object
// element sends the strings of its members and of its arrays' objects:
// the array and the key.
type deeperAt struct {
	a   *arrayJoins
	key [32]byte // (appendedKey: at most 32 bytes)
	n   int
}

// deeperUnder returns where the value under key of an object element of
// the array joins sends its strings; none (a nil array) when key is none a
// client appends (appended: appendedKey(key), asked by the caller).
func deeperUnder(joins *arrayJoins, key []byte, appended bool) deeperAt {
	if joins == nil || !appended {
		return deeperAt{}
	}
	d := deeperAt{a: joins, n: len(key)}
	copy(d.key[:], key)
	return d
}

// deeperMember reports whether the strings under key, in an object one
// level below an array's object, are joined: a text part's value
// ({"text":{"value":…}}) or a key a client appends (appended:
// appendedKey(key), asked by the caller).
func deeperMember(key []byte, appended bool) bool {
	return len(key) == 5 && string(key) == "value" || appended
}

// deeperJoin returns the array's join of the strings under inner below
// outer, nil when maxDeeperJoins other pairs are taken (the caller spills
// the string: addDeeper).
func (a *arrayJoins) deeperJoin(outer, inner []byte, hint detect.CategorySet) *textJoin {
	n := len(outer) + 1 + len(inner)
	for k := range a.deepers {
		j := &a.deeper[k]
		if len(j.key) == n && string(j.key[:len(outer)]) == string(outer) && j.key[len(outer)] == 0 && string(j.key[len(outer)+1:]) == string(inner) {
			return j
		}
	}
	if a.deepers == maxDeeperJoins {
		return nil
	}
	j := &a.deeper[a.deepers]
	a.deepers++
	j.reset(nil, hint)
	j.key = append(append(append(j.key, outer...), 0), inner...)
	return j
}

// addDeeper adds a string under inner below outer, in an object of the
// array a, to a's deeper join of the pair, or spills it when
// maxDeeperJoins other pairs are taken.
func (w *jsonWalker) addDeeper(a *arrayJoins, outer, inner []byte, hint detect.CategorySet, str int, text []byte, found []span) {
	if j := a.deeperJoin(outer, inner, hint); j != nil {
		w.addToJoin(j, str, text, found)
		return
	}
	a.spill.add(text, found)
}

// addKeyed adds a string of an object of the array a to a's join j (one of
// its keys', or of a pair's of them below), and to the join of the array a
// is under, if any, for the key a stands under and j's.
func (w *jsonWalker) addKeyed(a *arrayJoins, j *textJoin, str int, text []byte, found []span) {
	w.addToJoin(j, str, text, found)
	if j != nil && a.up.a != nil {
		w.addDeeper(a.up.a, a.up.key[:a.up.n], j.key, j.hint, str, text, found)
	}
}
