package bodyformat

import "github.com/piifilter/caddy-pii-filter/detect"

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

// maxDeeperJoins bounds the pairs of keys (outer, inner) an array's
// deeper joins read; past it a further pair is read in its own join only.
const maxDeeperJoins = 4

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
// outer, nil when maxDeeperJoins other pairs are taken.
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

// addKeyed adds a string of an object of the array a to a's join j (one
// of its keys', or of a pair's of them below), and to the join of the
// array a is under, if any, for the key a stands under and j's.
func (w *jsonWalker) addKeyed(a *arrayJoins, j *textJoin, str int, text []byte, found []span) {
	w.addToJoin(j, str, text, found)
	if j != nil && a.up.a != nil {
		w.addToJoin(a.up.a.deeperJoin(a.up.key[:a.up.n], j.key, j.hint), str, text, found)
	}
}
