package bodyformat

import (
	"bytes"
	"fmt"
	"sort"
	"unicode/utf8"
)

// A tool call's arguments longer than maxArgDoc are read in windows: when
// what argDoc holds passes the bound, the members before the last member
// boundary (a ',' at the depth it stands at, or a container's opener)
// are walked as one document, closed there, and go out; the rest stays
// held, and is walked later with the members after it, after openers
// that stand for the containers it is in ({"a":[{ with their keys as
// written). So siblings within maxArgDoc of each other are read together
// as JSON however long the document (those that span at most maxArgDoc/4
// bytes always: cutArgs), each byte walked at most twice besides the
// openers and closers (at most argMaxDepth of each a walk, and a walk
// sends at least argWindowKeep bytes out), and what is held stays within
// maxArgDoc. A member longer than the bound is read as
// text only, and the document is held again from the next boundary.
// What a window finds in the members the window before walked was
// counted by that one: a window counts only what it finds from the first
// key or value past them on (seen, inspector.countFrom).

// argMaxDepth bounds the containers argWindow remembers: a document
// past maxArgDoc whose window would start deeper is refused (errDeepArgs).
const argMaxDepth = 64

// argKeysMax bounds the bytes of the keys argWindow keeps for the open
// containers: a key past it stands as "" in the openers.
const argKeysMax = 4 * maxKeyBytes

// argWindowHold is the most a field's argWindow holds besides the
// document it reads: the keys, and two sets of openers.
const argWindowHold = 3 * (argKeysMax + 4*argMaxDepth)

// errDeepArgs: a tool call's arguments past maxArgDoc nested deeper than
// argMaxDepth where their window would start, which could not be read
// as JSON (fail closed).
var errDeepArgs = fmt.Errorf("%w: a tool call's arguments longer than %d bytes nested deeper than %d", ErrMalformed, maxArgDoc, argMaxDepth)

// argWindow is what argDoc keeps to read a window of its document: the
// containers open (bounded), the last member boundary, and the openers
// the window is read after.
type argWindow struct {
	kinds   [argMaxDepth]byte  // the opener of each open container, outermost first
	keyEnds [argMaxDepth]int32 // where in keys the key of each ends (its parent an object)
	keys    []byte             // the keys the open containers stand under, as written (at most argKeysMax bytes)
	key     []byte             // the last key read, as written (its first maxKeyBytes bytes)
	keyLong bool               // key was longer
	inKey   bool               // reading a key
	wantKey bool               // the next string is a key
	// mark is where in raw the last member boundary is (after its ','
	// or opener; 0: none since raw starts), markDepth the depth there
	mark, markDepth int
	// ckAt is the first member boundary at least argWindowKeep bytes into
	// raw (0: none yet), where the next window starts: ckDepth deep, read
	// after the openers ckPre
	ckAt, ckDepth int
	ckPre         []byte
	// seen is how much of raw the window before walked (0: none): its
	// findings were counted then (readArgDoc counts those past it)
	seen int
	pre  []byte // the openers raw is read after
	syn  []byte // the document read (document)
}

// argWindowKeep is where in what is held the next window starts at the
// earliest: its first member boundary past it. Siblings whose members
// span at most maxArgDoc/4 bytes are so always walked together (cutArgs).
const argWindowKeep = maxArgDoc / 2

// start begins a document opened by c.
func (w *argWindow) start(c byte) {
	w.kinds[0], w.keyEnds[0], w.keys = c, 0, w.keys[:0]
	w.wantKey, w.inKey, w.mark, w.ckAt, w.seen, w.pre = c == '{', false, 0, 0, 0, w.pre[:0]
}

// push opens a container c, depth deep now.
func (w *argWindow) push(depth int, c byte) {
	w.wantKey = c == '{'
	if depth > argMaxDepth {
		return
	}
	w.keys = w.keys[:w.keyEnds[depth-2]]
	if w.kinds[depth-2] == '{' && len(w.keys)+len(w.key) <= argKeysMax {
		w.keys = append(w.keys, w.key...)
	}
	w.kinds[depth-1], w.keyEnds[depth-1] = c, int32(len(w.keys))
}

// member notes a ',' at depth: a key follows in an object.
func (w *argWindow) member(depth int) {
	w.wantKey = depth <= argMaxDepth && w.kinds[depth-1] == '{'
}

// keyStart notes a string starting.
func (w *argWindow) keyStart() {
	if w.wantKey {
		w.inKey, w.key, w.keyLong = true, w.key[:0], false
	}
	w.wantKey = false
}

// keyByte notes a byte of a string as written.
func (w *argWindow) keyByte(c byte) {
	switch {
	case !w.inKey:
	case len(w.key) < maxKeyBytes:
		w.key = append(w.key, c)
	default:
		w.keyLong = true
	}
}

// keyEnd notes a string's end.
func (w *argWindow) keyEnd() {
	if w.inKey && w.keyLong {
		w.key = keyPrefix(w.key)
	}
	w.inKey = false
}

// keyPrefix cuts a key's first bytes as written where they are still a
// JSON string's content: before an escape they may cut (the run of
// backslashes it is in) and a character cut short.
func keyPrefix(k []byte) []byte {
	tail := max(0, len(k)-6) // the longest escape, \u0031
	if i := bytes.IndexByte(k[tail:], '\\'); i >= 0 {
		i += tail
		for i > 0 && k[i-1] == '\\' {
			i--
		}
		k = k[:i]
	}
	for n := len(k); n > 0 && n > len(k)-utf8.UTFMax; n-- {
		if utf8.RuneStart(k[n-1]) {
			if !utf8.FullRune(k[n-1:]) {
				k = k[:n-1]
			}
			break
		}
	}
	return k
}

// markAt notes a member boundary at pos in raw, depth deep.
func (w *argWindow) markAt(pos, depth int) {
	w.mark, w.markDepth = pos, depth
	if w.ckAt == 0 && pos >= argWindowKeep {
		w.checkpoint()
	}
}

// checkpoint makes the last member boundary where the next window starts.
func (w *argWindow) checkpoint() {
	w.ckAt, w.ckDepth = w.mark, w.markDepth
	if w.ckDepth <= argMaxDepth {
		w.ckPre = w.openers(w.ckPre[:0], w.ckDepth)
	}
}

// anchor sets the openers of the containers open at depth as those raw
// is read after, raw starting there.
func (w *argWindow) anchor(depth int) {
	w.pre, w.mark, w.ckAt, w.seen = w.openers(w.pre[:0], depth), 0, 0, 0
}

// openers appends to dst the openers of the containers open at depth,
// each under its key as written in an object.
func (w *argWindow) openers(dst []byte, depth int) []byte {
	for i := range depth {
		if i > 0 && w.kinds[i-1] == '{' {
			dst = append(append(append(dst, '"'), w.keys[w.keyEnds[i-1]:w.keyEnds[i]]...), '"', ':')
		}
		dst = append(dst, w.kinds[i])
	}
	return dst
}

// document returns part read after the window's openers and closed as
// the open containers of depth open are, and where part starts in it.
func (w *argWindow) document(part []byte, open int) ([]byte, int) {
	if len(w.pre) == 0 && open == 0 {
		return part, 0
	}
	if cap(w.syn) > argDocKeep {
		w.syn = nil
	}
	w.syn = append(append(w.syn[:0], w.pre...), part...)
	for i := open - 1; i >= 0; i-- {
		w.syn = append(w.syn, w.kinds[i]+2) // '{'+2 is '}', '['+2 is ']'
	}
	return w.syn, len(w.pre)
}

// cutArgs reads the members d holds before the last member boundary
// (raw past maxArgDoc, the field's piece of ord lexed), and holds on from
// the window's next start (ckAt; with none yet, that boundary): the
// pieces before it go out, and what it holds is read again with the
// members after it. With no boundary (one member past the bound),
// nothing is held any more, read as text only, until the next.
//
// A sibling walked in no window with one that went out ends past the
// last boundary, and the latter starts before argWindowKeep: their
// members span more than the member after the boundary and more than
// the boundary's distance from argWindowKeep, at least maxArgDoc/4 bytes
// in all. Each cut walks at most maxArgDoc bytes and the openers, and
// sends argWindowKeep bytes out (or all it walked).
func (j *joiner) cutArgs(f *fieldText, d *argDoc, ord uint64) {
	w := &d.win
	if w.mark == 0 {
		d.over = true
		d.reset()
		return
	}
	if w.markDepth > argMaxDepth {
		j.refuseArgs(d)
		return
	}
	part := d.raw[:w.mark]
	if part[len(part)-1] == ',' {
		part = part[:len(part)-1]
	}
	j.readArgDoc(f, d, part, w.markDepth)
	cut, depth := w.mark, w.markDepth
	if w.ckAt > 0 {
		cut, depth = w.ckAt, w.ckDepth
	}
	if depth > argMaxDepth {
		j.refuseArgs(d)
		return
	}
	k := sort.SearchInts(d.ends, cut+1) // the piece the boundary's next byte is in
	if k == len(d.ends) {
		d.first, d.at = ord+1, 0
		d.raw, d.ends, d.lens = d.raw[:0], d.ends[:0], d.lens[:0]
	} else {
		rawStart, at := 0, d.at
		if k > 0 {
			rawStart, at = d.ends[k-1], 0
		}
		d.first, d.at = d.first+uint64(k), at+cut-rawStart
		d.raw = d.raw[:copy(d.raw, d.raw[cut:])]
		d.ends = d.ends[:copy(d.ends, d.ends[k:])]
		d.lens = d.lens[:copy(d.lens, d.lens[k:])]
		for i := range d.ends {
			d.ends[i] -= cut
		}
	}
	if w.ckAt > 0 {
		w.pre, w.ckPre = w.ckPre, w.pre
	} else {
		w.pre = w.openers(w.pre[:0], depth)
	}
	w.mark, w.ckAt = w.mark-cut, 0
	w.seen = w.mark // (walked up to the boundary, and held from cut on)
	if w.mark >= argWindowKeep {
		w.checkpoint()
	}
	if len(d.raw) > maxArgDoc {
		d.over = true // (the member after the boundary is past the bound)
		d.reset()
	}
}

// refuseArgs fails the stream closed: a document past maxArgDoc deeper
// than argMaxDepth where its window would start (errDeepArgs).
func (j *joiner) refuseArgs(d *argDoc) {
	d.over = true
	d.reset()
	in := j.s.in
	if in == nil {
		j.s.err = errDeepArgs
		return
	}
	in.refuse(errDeepArgs)
	if in.refusal != nil {
		j.s.err, in.refusal = in.refusal, nil
	}
}
