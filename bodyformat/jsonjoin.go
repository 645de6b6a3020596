package bodyformat

import (
	"maps"
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A client that shows the strings of an array one after another shows
// them joined: the text parts of an LLM's message ([{"type":"text",
// "text":"138"},{"type":"text","text":"12345678"}]), the chunks of a
// transcript, fragments a page concatenates (["138","1234","5678"]), and
// numbers the same way ([138,1234,5678].join('')). The JSON walker adds,
// for each array, its string and number elements to one join (and to the
// joins of up to two arrays of arrays it is in: flat().join('')) and the
// string and number members of its object elements to one join per key,
// for the keys such texts stand under (appendedKey: joinedKeys, and keys
// whose last word is one of them or names a model's reasoning, as JSON
// lines are joined). An identifier a join
// holds across two or more values is found there and masked in each of
// them (a number becomes a string of its part of the mask); one inside a
// single value was found in it.
//
// A join reads only the first and last joinEdge bytes of each string (an
// identifier running across strings starts or ends within them), in
// windows of at most arrayJoinWindow bytes that overlap by 2*joinEdge: the
// work is linear in the body, the memory bounded by a window per open
// array.

const (
	// joinEdge is longer than any identifier's spelling in the text.
	joinEdge = 128
	// arrayJoinWindow is how much joined text is read at once.
	arrayJoinWindow = 16 << 10
	// maxJoinWords is how many words joinWords holds: each has its own
	// place in an array's joins, which no run of other keys can use up
	maxJoinWords = 12
	// maxAppendedJoins bounds the other keys a client appends (appendedKey:
	// reasoning_content, output_text) joined in one array's objects; past
	// it a further such key's strings spill (deeperSpill: refused when
	// they could join, attack pass 33 F2's decoys spelled as keys)
	maxAppendedJoins = 4
	// maxJoinKeys bounds the keys of an array's objects that are joined.
	maxJoinKeys = maxJoinWords + maxAppendedJoins
)

// joinBreak stands between the first and last joinEdge bytes of a long
// string: no identifier runs across it.
var joinBreak = []byte("\n\n。\n\n")

// joinSeg is a run of a join's text copied from one string.
type joinSeg struct {
	at  int // where it starts in the join's text
	str int // where the string's content starts in the walker's source; -1 for a joinBreak
	dec int // where the run starts in the string's decoded text
}

// forcedSpan is the part of an identifier that runs across strings which
// lies in one string: its span in the string's decoded text and what
// stands there instead.
type forcedSpan struct {
	start, end int
	repl       string
}

// textJoin is the joined text of the strings of one array, or of one key
// of its objects, read window by window.
type textJoin struct {
	key     []byte
	hint    detect.CategorySet
	text    []byte
	segs    []joinSeg
	covered []span // what the strings' own findings cover, in order
	strings int    // strings added to the join
	quoted  int    // of which quoted strings (the others are numbers)
	base    int    // offset of text[0] in the whole join
	takenTo int    // offset in the whole join where the last identifier taken ends
}

// arrayJoins are the joins of one array. The walker keeps one for each
// depth and reuses it, buffers and all, for the next array there.
type arrayJoins struct {
	elems textJoin
	// keyed are the joins by key: keyed[:maxJoinWords] those of the words
	// of joinWords, by their place (words: a bit for each in use), then
	// those of other appended keys, keys of them in use
	keyed [maxJoinKeys]textJoin
	words uint32
	keys  int
	// deeper are the joins of strings one object below its objects'
	// members, by pair of keys (jsonjoin_deeper.go), deepers of them in
	// use; up is where its own joins by key are read too (none: up.a nil)
	deeper  [maxDeeperJoins]textJoin
	deepers int
	spill   deeperSpill // the strings of pairs past them, and of keys past maxAppendedJoins
	up      deeperAt
	// parent is the array this one is an element of, root the outermost
	// of the arrays of arrays it is in (nil: none): their element joins
	// read its values too, as flat().join('') and flat(Infinity) show
	// them, and as join('') shows arrays of one element ([[138],[1234]])
	parent, root *arrayJoins
}

// nestIn records that the array is an element of outer (nil: of no
// array).
func (a *arrayJoins) nestIn(outer *arrayJoins) {
	a.parent, a.root = outer, nil
	if outer != nil {
		a.root = outer.root
		if a.root == nil {
			a.root = outer
		}
	}
}

// joinable reports whether a value starting with c is one an array's
// join reads: a string or a number (a client's join(”) shows
// [138,1234,5678] as 13812345678).
func joinable(c byte) bool { return c == '"' || c == '-' || c >= '0' && c <= '9' }

// addElem adds a string or number element of the array a to its join,
// and to the joins of the array it is an element of and of the outermost
// array of arrays it is in: at most three joins, whatever the nesting.
func (w *jsonWalker) addElem(a *arrayJoins, str int, text []byte, found []span) {
	w.addToJoin(&a.elems, str, text, found)
	if a.parent != nil {
		w.addToJoin(&a.parent.elems, str, text, found)
	}
	if a.root != nil && a.root != a.parent {
		w.addToJoin(&a.root.elems, str, text, found)
	}
}

// joinedSpan is where an identifier across values starts and ends: the
// value each end is in (where it starts in the source) and the offset in
// its text. Two joins that read the same values (a nested array's and
// its outer array's) take an identifier once.
type joinedSpan struct {
	fromStr, fromAt, toStr, toAt int
}

// spanOf returns where text[start:end] of the join's window lies in the
// values it was read from.
func (j *textJoin) spanOf(start, end int) joinedSpan {
	a, b := j.segs[j.segAt(start)], j.segs[j.segAt(end-1)]
	return joinedSpan{a.str, a.dec + start - a.at, b.str, b.dec + end - b.at}
}

// takeOnce reports whether no join of the walk took the identifier at
// text[start:end] of j's window before, and records it taken.
func (w *jsonWalker) takeOnce(j *textJoin, start, end int) bool {
	k := j.spanOf(start, end)
	if w.taken[k] {
		return false
	}
	if w.taken == nil {
		w.taken = make(map[joinedSpan]bool)
	}
	w.taken[k] = true
	return true
}

// joinsAt returns the joins for an array at depth, emptied.
func (w *jsonWalker) joinsAt(depth int, hint detect.CategorySet) *arrayJoins {
	for len(w.joins) <= depth {
		w.joins = append(w.joins, new(arrayJoins))
	}
	a := w.joins[depth]
	a.elems.reset(nil, hint)
	a.words, a.keys, a.deepers = 0, 0, 0
	a.spill, a.up = deeperSpill{}, deeperAt{}
	return a
}

// joinedKeys are the keys whose strings, across the objects of an array,
// clients show one after another: the text of an LLM message's parts
// (OpenAI and Anthropic "text", Gemini parts' "text"), streamed chunks and
// tokens. Other keys of a list of records (orderNo, status, note) are
// values of their own, and reading them joined would double the work on
// every API's lists for nothing a client shows.
var joinedKeys = map[string]bool{ // len(joinedKeys) == maxJoinKeys (TestJoinedKeysAllFit)
	"text": true, "content": true, "delta": true, "chunk": true, "token": true,
	"part": true, "output": true, "response": true, "answer": true, "message": true,
}

// joinedKeyLens has, by the first letter of a key of joinedKeys (small),
// a bit for each length such a key has: a record's keys (name, mobile,
// orderNo) are told apart from them without the map's look-up.
var joinedKeyLens = func() (t [256]uint32) {
	for k := range joinedKeys {
		t[k[0]] |= 1 << len(k)
	}
	return t
}()

// joinedKey reports whether key is one of joinedKeys, in any case.
func joinedKey(key []byte) bool {
	var lower [16]byte
	if len(key) > len(lower) || len(key) == 0 || joinedKeyLens[key[0]|0x20]&(1<<len(key)) == 0 {
		return false
	}
	for k, c := range key {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[k] = c
	}
	return joinedKeys[string(lower[:len(key)])]
}

// joinWords are the words a client appends the strings of, as a key or
// as a key's last word (appendedKey): joinedKeys and appendedWords, each
// with its place in an array's joins.
var joinWords = func() map[string]int {
	words := slices.Sorted(maps.Keys(joinedKeys))
	words = append(words, slices.Sorted(maps.Keys(appendedWords))...)
	m := make(map[string]int, len(words))
	for k, w := range words {
		m[w] = k
	}
	return m
}()

// joinWordAt returns the place of key in joinWords when key, in any case,
// is one of them.
func joinWordAt(key []byte) (int, bool) {
	var lower [16]byte
	if len(key) > len(lower) {
		return 0, false
	}
	for k, c := range key {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[k] = c
	}
	at, ok := joinWords[string(lower[:len(key)])]
	return at, ok
}

// keyedJoin returns the join of key, a key a client appends the strings
// under (appendedKey, as for JSON lines: one predicate, asked by the
// caller), nil when key is none of joinWords and maxAppendedJoins other
// keys are taken (the caller spills the string: deeperSpill).
// A word of joinWords has its own place, whatever keys came before it
// (in any case: Text and text in one array's objects share it, read in
// the order they stand).
func (a *arrayJoins) keyedJoin(key []byte, hint detect.CategorySet) *textJoin {
	if at, ok := joinWordAt(key); ok {
		j := &a.keyed[at]
		if a.words&(1<<at) == 0 {
			a.words |= 1 << at
			j.reset(key, hint)
		}
		return j
	}
	for k := range a.keys {
		if j := &a.keyed[maxJoinWords+k]; string(j.key) == string(key) {
			return j
		}
	}
	if a.keys == maxAppendedJoins {
		return nil
	}
	j := &a.keyed[maxJoinWords+a.keys]
	a.keys++
	j.reset(key, hint)
	return j
}

// reset empties the join for key, keeping its buffers.
func (j *textJoin) reset(key []byte, hint detect.CategorySet) {
	j.key = append(j.key[:0], key...)
	j.hint = hint
	j.text, j.segs, j.covered = j.text[:0], j.segs[:0], j.covered[:0]
	j.strings, j.quoted, j.base, j.takenTo = 0, 0, 0, 0
}

// addToJoin appends the decoded text of the string whose content starts
// at src[str] to the join: all of it, or its first and last joinEdge
// bytes; found are the spans of what was found in it.
func (w *jsonWalker) addToJoin(j *textJoin, str int, text []byte, found []span) {
	if j == nil {
		return
	}
	j.strings++
	if str > 0 && w.quoted(w.src[str-1]) {
		j.quoted++
	}
	if len(text) <= 2*joinEdge {
		j.appendSeg(str, 0, text, found)
	} else {
		head := runeCut(text, joinEdge)
		tail := runeCut(text, len(text)-joinEdge)
		j.appendSeg(str, 0, text[:head], found)
		j.appendSeg(-1, 0, joinBreak, nil)
		j.appendSeg(str, tail, text[tail:], found)
	}
	if len(j.text) > arrayJoinWindow {
		w.readJoin(j, false)
	}
}

// appendSeg appends b, the decoded text of a string from dec on, with the
// parts of found (spans in the string's text) that lie in it.
func (j *textJoin) appendSeg(str, dec int, b []byte, found []span) {
	at := len(j.text)
	j.segs = append(j.segs, joinSeg{at: at, str: str, dec: dec})
	j.text = append(j.text, b...)
	for _, f := range found {
		if from, to := max(f.from, dec), min(f.to, dec+len(b)); from < to {
			j.covered = append(j.covered, span{at + from - dec, at + to - dec, f.cat})
		}
	}
}

// span is the range of bytes of what a string's own reading found, and
// its category.
type span struct {
	from, to int
	cat      detect.Category
}

// runeCut returns the start of the rune that holds text[i].
func runeCut(text []byte, i int) int {
	for k := 0; k < utf8.UTFMax && i > 0 && !utf8.RuneStart(text[i]); k++ {
		i--
	}
	return i
}

// finishJoins reads what the array's joins hold still, and refuses the
// body when the strings its deeper joins spilled could join
// (deeperSpill).
func (w *jsonWalker) finishJoins(a *arrayJoins) {
	if a.spill.joinable() {
		w.in.refuse(errDeeperJoins)
	}
	w.readJoin(&a.elems, true)
	for words := a.words; words != 0; words &= words - 1 {
		w.readJoin(&a.keyed[bits.TrailingZeros32(words)], true)
	}
	for k := range a.keys {
		w.readJoin(&a.keyed[maxJoinWords+k], true)
	}
	for k := range a.deepers {
		w.readJoin(&a.deeper[k], true)
	}
}

// readJoin reads the join's window. An identifier that runs across
// strings is counted, and each string's part of it is kept for the walk
// that writes the document (w.found). Unless final, identifiers that end
// in the window's last joinEdge bytes are left to the next window, which
// starts 2*joinEdge bytes before this one ends.
func (w *jsonWalker) readJoin(j *textJoin, final bool) {
	if j.strings >= 2 && len(j.text) > 0 {
		limit := len(j.text)
		if !final {
			limit -= joinEdge
		}
		// numbers alone are read as numbers, not as hex: [31,35,36,…]
		// (daily highs) spell a mobile read as hex
		noHex := w.in.noHex
		w.in.noHex = noHex || j.quoted == 0
		fs := w.in.readJoined(j.text, j.hint)
		w.in.noHex = noHex
		counted := fs[:0]
		for _, f := range fs {
			if j.base+f.Start < j.takenTo || f.End > limit || !j.acrossStrings(f.Start, checkXAfter(j.text, f)) || j.coveredAll(f.Start, f.End) || !w.takeOnce(j, f.Start, f.End) {
				continue
			}
			j.takenTo = j.base + f.End
			w.force(j, f)
			if !j.readsOn(f) {
				counted = append(counted, f)
			}
		}
		w.in.sample(counted)
		w.in.account(counted)
	}
	if final {
		j.reset(j.key, j.hint)
		return
	}
	j.keepTail(runeCut(j.text, len(j.text)-2*joinEdge))
}

// acrossStrings reports whether text[start:end] of the join's window
// comes from more than one string.
func (j *textJoin) acrossStrings(start, end int) bool {
	first := -1
	for k := j.segAt(start); k < len(j.segs) && j.segs[k].at < end; k++ {
		if j.segs[k].str < 0 {
			continue // a joinBreak: no string's
		}
		if first < 0 {
			first = j.segs[k].str
		} else if j.segs[k].str != first {
			return true
		}
	}
	return false
}

// coveredAll reports whether the strings' own findings cover all of
// text[start:end] but the breaks: then the strings were values of their
// own (two addresses, two names of a list of records) and the join reads
// nothing they did not.
func (j *textJoin) coveredAll(start, end int) bool {
	k, _ := slices.BinarySearchFunc(j.covered, start, func(c span, i int) int { return c.to - i - 1 })
	pos := start
	for ; k < len(j.covered) && pos < end; k++ {
		c := j.covered[k]
		if c.from > pos {
			if !j.isBreak(pos, c.from) {
				return false
			}
		}
		pos = max(pos, c.to)
	}
	return pos >= end || j.isBreak(pos, end)
}

// readsOn reports whether f is what a string's own reading found, of
// f's category and where f starts, read on into the next strings
// (a***@qq.com then "Regards": a***@qq.comregards): one identifier, which
// that string's finding counts already. It is masked all the same.
func (j *textJoin) readsOn(f detect.Finding) bool {
	k, _ := slices.BinarySearchFunc(j.covered, f.Start, func(c span, i int) int { return c.to - i - 1 })
	return k < len(j.covered) && j.covered[k].from <= f.Start && j.covered[k].cat == f.Category
}

// isBreak reports whether text[from:to] lies in one joinBreak.
func (j *textJoin) isBreak(from, to int) bool {
	k := j.segAt(from)
	end := len(j.text)
	if k+1 < len(j.segs) {
		end = j.segs[k+1].at
	}
	return j.segs[k].str < 0 && to <= end
}

// segAt returns the segment that holds text[i].
func (j *textJoin) segAt(i int) int {
	k, found := slices.BinarySearchFunc(j.segs, i, func(s joinSeg, i int) int { return s.at - i })
	if !found {
		k--
	}
	return max(k, 0)
}

// force records, for each string f runs through, the part of f in it and
// the part of f's mask that stands there: a client joining the strings
// shows f's mask (138****5678), or stars when the mask's length differs
// from the text's.
func (w *jsonWalker) force(j *textJoin, f detect.Finding) {
	if w.in.mode != Redact {
		return
	}
	text := j.text[f.Start:f.End]
	aligned := utf8.RuneCount(text) == utf8.RuneCountInString(f.Masked)
	mask := f.Masked
	for k := j.segAt(f.Start); k < len(j.segs) && j.segs[k].at < f.End; k++ {
		s := j.segs[k]
		end := len(j.text)
		if k+1 < len(j.segs) {
			end = j.segs[k+1].at
		}
		from, to := max(s.at, f.Start), min(end, f.End)
		n := utf8.RuneCount(j.text[from:to])
		var repl string
		if aligned {
			cut := runeOffset(mask, n)
			repl, mask = mask[:cut], mask[cut:]
		} else {
			repl = strings.Repeat("*", n)
		}
		if s.str < 0 {
			continue
		}
		if w.found == nil {
			w.found = make(map[int][]forcedSpan)
		}
		w.found[s.str] = append(w.found[s.str], forcedSpan{s.dec + from - s.at, s.dec + to - s.at, repl})
	}
}

// runeOffset returns the byte offset of the n-th rune of s.
func runeOffset(s string, n int) int {
	i := 0
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}

// keepTail drops the window's text before cut, keeping the segments
// that run on past it.
func (j *textJoin) keepTail(cut int) {
	k := j.segAt(cut)
	segs := j.segs[k:]
	if segs[0].at < cut {
		segs[0].dec += cut - segs[0].at
		segs[0].at = cut
	}
	for i := range segs {
		segs[i].at -= cut
	}
	j.segs = append(j.segs[:0], segs...)
	j.text = append(j.text[:0], j.text[cut:]...)
	j.base += cut
	covered := j.covered[:0]
	for _, c := range j.covered {
		if c.to > cut {
			covered = append(covered, span{max(c.from, cut) - cut, c.to - cut, c.cat})
		}
	}
	j.covered = covered
}

// withForced returns the findings of a string with the parts of
// identifiers across strings that lie in it added, in order and without
// overlaps: where two meet, stars cover both.
func withForced(text []byte, fs []detect.Finding, forced []forcedSpan) []detect.Finding {
	all := make([]detect.Finding, 0, len(fs)+len(forced))
	all = append(all, fs...)
	for _, f := range forced {
		all = append(all, detect.Finding{Start: f.start, End: f.end, Masked: f.repl})
	}
	slices.SortFunc(all, func(a, b detect.Finding) int { return a.Start - b.Start })
	out := all[:1]
	for _, f := range all[1:] {
		last := &out[len(out)-1]
		if f.Start >= last.End {
			out = append(out, f)
			continue
		}
		last.End = max(last.End, f.End)
		last.Masked = strings.Repeat("*", utf8.RuneCount(text[last.Start:last.End]))
	}
	return out
}
