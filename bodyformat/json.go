package bodyformat

import (
	"bytes"
	"errors"
	"math"
	"strconv"
	"sync"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// JSON is read by a small tokenizer of its own rather than encoding/json:
// it keeps the byte span of every string and number, so that a redacted
// document is the original with only the personal data replaced (the
// spelling of numbers, escapes, white space and key order all stay), and it
// costs no allocation per value.

// Below minTextLen bytes a JSON string (decoded) cannot hold any
// category the engine knows (the shortest: a two-character Chinese name
// or a@b.cn, six bytes), so the engine is not called.
const minTextLen = 6

// keyOnlyNumbers are the categories whose values, written as a number
// alone, the engine finds only behind a key naming them and with fewer
// digits than any other's: a QQ number, a landline's local number, a
// 台胞证 permit, a Macau ID. A number is read for them under their own
// key only, and for every other category under any key.
var keyOnlyNumbers = detect.NewCategorySet(detect.QQ, detect.CNLandline, detect.CNPermit, detect.MOID)

// anyKeyNumbers are the categories a number is read for whatever its key.
var anyKeyNumbers = detect.NewCategorySet(detect.AllCategories...) &^ keyOnlyNumbers

// minNumberLen is the fewest digits a number needs to be read under a
// key naming nothing: the fewest a value of a category of anyKeyNumbers
// has (detect.KeyDigits: nine, an SSN, an international number, an
// all-digit passport). Below it the engine is not called.
var minNumberLen = detect.KeyDigits(anyKeyNumbers)

// minTextFor and minNumberFor return the shortest string and number worth
// scanning under a key's hint: shorter under a key naming a category whose
// values are shorter (detect.KeyDigits: "qq": 23104, five digits;
// "座机": 6543210, seven; "permit_no": 12345678, eight).
func minTextFor(hint detect.CategorySet) int {
	return min(minTextLen, keyedMin(hint))
}

func minNumberFor(hint detect.CategorySet) int {
	return min(minNumberLen, keyedMin(hint))
}

// keyedMin is the fewest digits a value of a category of hint has written
// alone (detect.KeyDigits), or no bound when none has such values.
func keyedMin(hint detect.CategorySet) int {
	if k := detect.KeyDigits(hint); k > 0 {
		return k
	}
	return math.MaxInt
}

var (
	errJSONSyntax = errors.New("json syntax")
	errJSONDepth  = errors.New("json too deep")
)

// jsonWalker walks one JSON document.
type jsonWalker struct {
	in     *inspector
	src    []byte
	pos    int
	depth0 int // nesting outside this document (a JSON document inside a JSON string)
	out    splicer
	dec    []byte  // decoded string
	offs   []int32 // offsets of dec's bytes in the raw string
	key    []byte  // decoded key
	// lentHint: the value being read has the hint of the key of the
	// object around it, its own key naming nothing (object): an object
	// there lends it no further
	lentHint bool
	// names are the values of the objects open that may be a record's
	// name, src offsets of their text (jsonrecordnames.go)
	names [][2]int32
	// recDec and recOffs decode a record's value (recordText);
	// scalarIDs: the array read last held a person's identifier among
	// its own scalars (recordMember)
	recDec    []byte
	recOffs   []int32
	scalarIDs bool
	// keyDeny is what the key read last denies (keyWords): its value is
	// read under it (inspector.deny)
	keyDeny detect.CategorySet
	// keySlot is the hint cache's slot of the key read last, nil when it
	// has none (an escaped or empty key): keyAppended asks it
	keySlot *hintSlot
	esc     []byte     // escaped replacement
	hints   *hintCache // the inspector's (takeHints), given back when the walk ends
	// srcValid: src is a body known to be valid UTF-8 (inspector.validBody),
	// so a string read from it as it is, between its quotes, is too;
	// textValid: the text inspectText is given is such a string
	srcValid, textValid bool
	// js: the document is a script's data literal (jsliteral.go): bare
	// and single-quoted keys, single-quoted strings, undefined, trailing
	// commas and comments are read too
	js bool
	// joins (jsonjoin.go): member is the array whose object element is
	// being read, outer the one whose array element is; taken the
	// identifiers across values a join took already (a nested array's
	// values are in its own join and its outer arrays'); lastStr and
	// lastText the string or number read last (lastStr -1 when the value
	// was no string read as text), lastTime whether it was a time
	// (unixTime), lastFound what was found in it; found
	// the parts of identifiers across values this walk found, forced
	// those an earlier walk of the same document found, masked as it
	// writes
	member    *arrayJoins
	outer     *arrayJoins
	deeper    deeperAt      // where the object or array read next sends its strings (jsonjoin_deeper.go)
	joins     []*arrayJoins // by depth, reused
	taken     map[joinedSpan]bool
	lastStr   int
	lastText  []byte
	lastTime  bool
	lastFound []span // the spans of what was found in lastText
	// lastQuote is the closing quote of the string read last, at lastStr
	// (-1 after a number): recordMember reads no string to its end again
	lastQuote     int
	found, forced map[int][]forcedSpan
	// inner: the documents inside strings, by where the string starts in
	// src, as the first walk made them; the second walk gives them again
	// (jsoninner.go)
	inner map[int]innerDoc
	// countFrom is inspector.countFrom as the walk began (0: none);
	// countAt how many findings the body had when the walk first read a
	// key or a value at countFrom or past it (-1: not yet)
	countFrom, countAt int
}

// reached notes countAt, the first time the walk reads a key or a value
// at countFrom or past it.
func (w *jsonWalker) reached() {
	if w.countFrom > 0 && w.countAt < 0 && w.pos >= w.countFrom {
		w.countAt = len(w.in.findings)
	}
}

// json inspects b as JSON (also behind a wrapper: wrappedJSON), falling
// back to scanning it as text when it is not valid JSON or nests deeper
// than Limits.MaxDepth. stream accepts a
// sequence of values (newline-delimited JSON). hint is the context of
// top-level scalars; inside objects each value takes its key's. It returns
// the redacted document (nil when unchanged) and "json" or "text".
func (in *inspector) json(b []byte, hint detect.CategorySet, depth int, stream bool) ([]byte, string) {
	mark := in.mark()
	w, err := in.walkJSON(b, hint, depth, stream)
	if err != nil {
		in.rollback(mark)
		if !stream {
			if out, format, ok := in.wrappedJSON(b, hint, depth); ok {
				return out, format
			}
		}
		return in.jsonAsText(b, hint, errors.Is(err, errJSONDepth)), FormatText
	}
	out := w.out.result()
	in.giveWalker(w)
	return out, FormatJSON
}

// walkJSON walks the document b. When the walk finds identifiers that
// run across strings, and redacts, the strings before the end of their
// array are written already: the document is walked once more, with
// those parts known (the findings are counted once, by the second walk).
func (in *inspector) walkJSON(b []byte, hint detect.CategorySet, depth int, stream bool) (*jsonWalker, error) {
	return in.walkJSONKeeping(b, hint, depth, stream, false)
}

// walkJSONKeeping is walkJSON, the walker's splicer keeping its
// replacements (splicer.edits) when keep is set.
func (in *inspector) walkJSONKeeping(b []byte, hint detect.CategorySet, depth int, stream, keep bool) (*jsonWalker, error) {
	return in.walkDoc(b, hint, depth, stream, keep, false)
}

// walkJS walks b, a script's data literal (jsliteral.go), as walkJSON
// walks a JSON document.
func (in *inspector) walkJS(b []byte, hint detect.CategorySet, depth int) (*jsonWalker, error) {
	return in.walkDoc(b, hint, depth, false, false, true)
}

// walkDoc is walkJSONKeeping, reading a script's data literal when js is
// set.
func (in *inspector) walkDoc(b []byte, hint detect.CategorySet, depth int, stream, keep, js bool) (*jsonWalker, error) {
	mark := in.mark()
	hints := in.takeHints()
	defer in.giveHints(hints)
	from := in.countFrom
	in.countFrom = 0 // (this walk's: not the documents inside its strings')
	w := in.takeWalker()
	w.in, w.src, w.depth0, w.out, w.hints, w.js = in, b, depth, splicer{src: b, keep: keep}, hints, js
	w.countFrom, w.countAt = from, -1
	w.srcValid = in.knownValid(b)
	if err := w.document(hint, stream); err != nil {
		// no caller reads a walk that failed: its walker, and the joins
		// it holds, walk the next document (a body of values back to
		// back that are no JSON, [a][b]…, allocates none for each)
		in.giveWalker(w)
		return nil, err
	}
	if len(w.found) == 0 || in.mode != Redact {
		return w, nil
	}
	in.rollback(mark)
	again := &jsonWalker{in: in, src: b, depth0: depth, out: splicer{src: b, keep: keep}, forced: w.found, inner: w.inner, hints: hints, js: js, srcValid: w.srcValid, countFrom: from, countAt: -1}
	return again, again.document(hint, stream)
}

// takeHints returns a key-hint cache with no key in it, one the inspection
// has used before when there is one: a stream's every event is a document
// of its own, and a cache is 4 KiB.
func (in *inspector) takeHints() *hintCache {
	if n := len(in.hintCaches); n > 0 {
		c := in.hintCaches[n-1]
		in.hintCaches = in.hintCaches[:n-1]
		c.reset()
		return c
	}
	if c, ok := hintCaches.Get().(*hintCache); ok {
		return c // (cleared when put: putHints)
	}
	return &hintCache{gen: 1}
}

// hintCaches are the key-hint caches of inspections that are over, with
// no key in them, for the next inspection's walks: a cache is 4 KiB and
// more, asked for once an inspection of a JSON body.
var hintCaches sync.Pool

// putHints gives the inspection's key-hint caches to hintCaches, every
// key forgotten first: a cache held for another request holds no slice of
// this one's body.
func (in *inspector) putHints() {
	for k, c := range in.hintCaches {
		*c = hintCache{gen: 1}
		hintCaches.Put(c)
		in.hintCaches[k] = nil
	}
	in.hintCaches = in.hintCaches[:0]
}

// giveHints gives a cache back when its walk is over.
func (in *inspector) giveHints(c *hintCache) { in.hintCaches = append(in.hintCaches, c) }

// document reads the whole input: one value (or, for a stream, values
// separated by white space, or by the RS that opens each record of a
// JSON text sequence), after an optional byte order mark.
func (w *jsonWalker) document(hint detect.CategorySet, stream bool) error {
	if len(w.src) >= 3 && w.src[0] == 0xEF && w.src[1] == 0xBB && w.src[2] == 0xBF {
		w.pos = 3
	}
	w.streamSpace(stream)
	if w.pos == len(w.src) {
		return errJSONSyntax
	}
	for {
		if err := w.value(hint, w.depth0); err != nil {
			return err
		}
		w.streamSpace(stream)
		if w.pos == len(w.src) {
			return nil
		}
		if !stream {
			return errJSONSyntax
		}
	}
}

// streamSpace skips white space, and in a stream the RS bytes between
// values too (RFC 7464).
func (w *jsonWalker) streamSpace(stream bool) {
	for {
		w.space()
		if !stream || w.pos == len(w.src) || w.src[w.pos] != recordSep {
			return
		}
		w.pos++
	}
}

func (w *jsonWalker) space() {
	if w.js {
		w.pos = skipJSComments(w.src, w.pos) // comments too
		return
	}
	for w.pos < len(w.src) && isJSONSpace(w.src[w.pos]) {
		w.pos++
	}
}

// scanString reads the string whose opening quote is at w.src[i]: a JSON
// string, or in a script's literal one in either quote (scanJSString).
func (w *jsonWalker) scanString(i int) (end int, escaped, ok bool) {
	if w.js {
		return scanJSString(w.src, i)
	}
	return scanJSONString(w.src, i)
}

// quoted reports whether c opens a string: a double quote, or in a
// script's literal a single quote or a template's backquote too.
func (w *jsonWalker) quoted(c byte) bool { return c == '"' || w.js && (c == '\'' || c == '`') }

// joinable reports whether a value starting with c may be a part of a
// number: a string or a number (joinable).
func (w *jsonWalker) joinable(c byte) bool { return joinable(c) || w.js && (c == '\'' || c == '`') }

// value reads one value at w.pos (white space already skipped).
func (w *jsonWalker) value(hint detect.CategorySet, depth int) error {
	w.reached()
	if w.pos >= len(w.src) {
		return errJSONSyntax
	}
	switch c := w.src[w.pos]; {
	case c == '{':
		return w.object(hint, depth+1)
	case c == '[':
		return w.array(hint, depth+1)
	case w.quoted(c):
		return w.stringValue(hint, depth)
	case c == '-' || c >= '0' && c <= '9':
		return w.number(hint)
	case w.js && (c == '!' || jsNameByte(c)):
		// a script's name (x, a.b.c, undefined) or !0, !1: read as
		// nothing (jsScalarLen)
		n := jsScalarLen(w.src, w.pos)
		if n == 0 {
			return errJSONSyntax
		}
		w.pos += n
		return nil
	case c == 't':
		return w.literal("true")
	case c == 'f':
		return w.literal("false")
	case c == 'n':
		return w.literal("null")
	}
	return errJSONSyntax
}

func (w *jsonWalker) literal(lit string) error {
	if len(w.src)-w.pos < len(lit) || string(w.src[w.pos:w.pos+len(lit)]) != lit {
		return errJSONSyntax
	}
	w.pos += len(lit)
	return nil
}

// object reads an object; each member's value is inspected with the hint
// of its key, and each key as text of its own. hint is what the key the
// object is the value of says ({"idcard":{"p1":"110105","p2":…}}): its
// digit members are joined under it as under a key of their own.
func (w *jsonWalker) object(hint detect.CategorySet, depth int) error {
	if depth > w.in.lim.MaxDepth {
		return errJSONDepth
	}
	joins := w.member // the array this object is an element of, if any
	up := w.deeper    // the array whose object this object is a member of, if any
	w.member, w.deeper = nil, deeperAt{}
	w.pos++ // '{'
	w.space()
	if w.pos < len(w.src) && w.src[w.pos] == '}' {
		w.pos++
		return nil
	}
	// the object's own join: its members' values that are digits, a space
	// apart (jsonsiblings.go)
	own := w.in.siblingJoin(depth)
	keysHint := hint & siblingHint // what the object's key and its members' keys say
	deny := w.in.deny              // what the key around the object denies, given back once it is read
	// the object's key lends its hint to the members whose keys name
	// nothing ({"phone": {"value": …}}, {"phones": [{"n": …}]}), one level
	// down: not when its own hint was lent (lentHint)
	lentIn := w.lentHint
	lend := hint & siblingHint
	if lentIn {
		lend = 0
	}
	defer func() { w.in.deny, w.lentHint = deny, lentIn }()
	rec := w.recordStart() // its members that may be a name (jsonrecordnames.go)
	for {
		w.in.deny = 0 // a key is a name, no value of the key around it
		key, hint, err := w.objectKey()
		if err != nil {
			return err
		}
		keyEnd := w.pos
		w.in.deny = w.keyDeny // a member's value is read under its own key
		w.lentHint = false
		if hint == 0 && w.keyDeny == 0 && lend != 0 {
			hint, w.lentHint = lend, true
		}
		if err := w.memberValue(joins, up, own, key, hint, depth, &keysHint); err != nil {
			return err
		}
		w.recordMember(&rec, key, keyEnd, hint)
		w.in.deny, w.lentHint = deny, lentIn
		done, err := w.afterMember('}')
		if err != nil {
			return err
		}
		if done {
			w.closeObject(own, keysHint)
			w.recordNames(rec)
			return nil
		}
	}
}

// objectKey reads the key of an object's member at w.pos, and returns it
// (decoded) and its hint. A key is read by the receiver as well as its
// value: personal data used as a key ({"13812345678": {…}}) is found and
// masked too; a script's bare key that is a name (mobile: …) is read for
// its hint only (a mask would be no name), one of digits ({13812345678:
// 1}, a number the script reads as its string) as a string key is
// (numericKey).
func (w *jsonWalker) objectKey() ([]byte, detect.CategorySet, error) {
	w.reached()
	if n := w.bareKey(); n > 0 {
		key := w.src[w.pos : w.pos+n]
		if isDigit(key[0]) {
			w.numericKey(w.pos, key)
		}
		w.pos += n
		slot := w.hints.slot(key) // (a bare key is never empty)
		w.keyDeny, w.keySlot = slot.deny, slot
		return key, slot.hint, nil
	}
	w.keySlot = nil
	if w.pos >= len(w.src) || !w.quoted(w.src[w.pos]) {
		return nil, 0, errJSONSyntax
	}
	end, escaped, ok := w.scanString(w.pos)
	if !ok {
		return nil, 0, errJSONSyntax
	}
	var hint detect.CategorySet
	w.keyDeny = 0
	key := w.src[w.pos+1 : end]
	// a key is read by the receiver as well as its value: personal data
	// used as a key ({"13812345678": {…}}) is found and masked too
	switch {
	case escaped:
		w.key, w.offs, _ = decodeEscapes(key, w.key[:0], w.offs[:0])
		key = w.key
		hint, w.keyDeny = keyWords(w.key)
		w.inspectText(w.pos+1, key, true, 0)
	case len(key) > 0:
		slot := w.hints.slot(key)
		hint, w.keyDeny = slot.hint, slot.deny
		w.readKey(w.pos+1, key, slot) // read once a document when clean
		w.keySlot = slot
	default:
		w.inspectText(w.pos+1, key, false, 0)
	}
	w.pos = end + 1
	return key, hint, nil
}

// bareKey returns the length of the bare key of a script's literal at
// w.pos (jsKeyLen: a name or digits), or 0 (none, or not a script's).
func (w *jsonWalker) bareKey() int {
	if !w.js || w.pos >= len(w.src) || w.quoted(w.src[w.pos]) {
		return 0
	}
	return jsKeyLen(w.src, w.pos)
}

// keyAppended is appendedKey(key) for key, the key objectKey read last:
// asked of its slot in the hint cache, where it is worked out once a walk
// for each key (a record's keys come again in every record).
func (w *jsonWalker) keyAppended(key []byte) bool {
	s := w.keySlot
	if s == nil || string(s.key) != string(key) {
		return appendedKey(key) // (no slot, or one a reading in the key took since)
	}
	if s.appended == 0 {
		s.appended = appendedNo
		if appendedKey(key) {
			s.appended = appendedYes
		}
	}
	return s.appended == appendedYes
}

// closeObject reads the object's own join when one of its keys (or the
// object's) names a phone or an ID (jsonsiblings.go).
func (w *jsonWalker) closeObject(own *textJoin, keysHint detect.CategorySet) {
	if keysHint&siblingHint != 0 {
		own.hint = keysHint
		w.readJoin(own, true)
	}
}

// memberValue reads what follows an object's key (key, its hint): the
// ':' and the value, added to the join of the array the object is an
// element of (joins), or to the deeper join of the array whose object
// holds it (up), and to the object's own (own) when it is a string of
// digits or an integer; keysHint gathers what the keys say.
func (w *jsonWalker) memberValue(joins *arrayJoins, up deeperAt, own *textJoin, key []byte, hint detect.CategorySet, depth int, keysHint *detect.CategorySet) error {

	w.space()
	if w.pos >= len(w.src) || w.src[w.pos] != ':' {
		return errJSONSyntax
	}
	w.pos++
	w.space()
	var join *textJoin
	var in *arrayJoins // the array join is one of
	deeper := false    // the value goes to up's deeper join (addDeeper)
	spill := false     // past maxAppendedJoins: the value spills (deeperSpill)
	var c byte         // the value's first byte (none at the end)
	if w.pos < len(w.src) {
		c = w.src[w.pos]
	}
	member := w.pos < len(w.src) && w.joinable(c)
	opens := w.pos < len(w.src) && (w.quoted(c) || c == '[' || c == '{')
	// whether a client appends the strings under key, asked once for the
	// joins and the soft breaks below (and only where one of them may use it)
	appended := (joins != nil || up.a != nil || opens) && w.keyAppended(key)
	switch {
	case joins != nil && member:
		if appended {
			join, in = joins.keyedJoin(key, hint), joins
			spill = join == nil
		}
	case up.a != nil && member && deeperMember(key, appended):
		deeper = true
	case joins != nil && (c == '{' || c == '['):
		w.deeper = deeperUnder(joins, key, appended)
	}
	folds := w.in.folds
	if opens && appended {
		// a client appends and renders the text under key as Markdown (an
		// LLM's content, text, delta): its soft breaks are spaces
		// (foldedlines.go)
		w.in.folds = foldSoft
	}
	err := w.value(hint, depth)
	w.in.folds = folds
	w.deeper = deeperAt{}
	if err != nil {
		return err
	}
	if w.lastStr >= 0 && !w.lastTime {
		switch {
		case join != nil:
			w.addKeyed(in, join, w.lastStr, w.lastText, w.lastFound)
		case spill:
			joins.spill.add(w.lastText, w.lastFound)
		case deeper:
			// (read by up's join of the pair, and by one of the array up is
			// under: addKeyed; or spilled)
			if j := up.a.deeperJoin(up.key[:up.n], key, hint); j != nil {
				w.addKeyed(up.a, j, w.lastStr, w.lastText, w.lastFound)
			} else {
				up.a.spill.add(w.lastText, w.lastFound)
			}
		}
	}
	*keysHint |= hint
	if member && w.lastStr >= 0 {
		// a string of digits or an integer (a masked one is written back
		// as a string, as an array's join writes it: number)
		w.addSibling(own, w.lastStr, w.lastText, w.lastFound)
	}
	return nil
}

// array reads an array; its elements take the array's own hint (the key
// the array is the value of).
func (w *jsonWalker) array(hint detect.CategorySet, depth int) error {
	if depth > w.in.lim.MaxDepth {
		return errJSONDepth
	}
	outer := w.outer // the array this array is an element of, if any
	w.outer = nil
	w.scalarIDs = false
	ids := false // one of its scalars holds a person's identifier (recordMember)
	w.pos++      // '['
	w.space()
	if w.pos < len(w.src) && w.src[w.pos] == ']' {
		w.pos++
		return nil
	}
	joins := w.joinsAt(depth-w.depth0, hint)
	joins.nestIn(outer)
	joins.up = w.deeper // (read once: the array's elements are under no key)
	w.deeper = deeperAt{}
	for {
		var c byte
		if w.pos < len(w.src) {
			c = w.src[w.pos]
		}
		switch c {
		case '{':
			w.member = joins
		case '[':
			w.outer = joins
		}
		if err := w.value(hint, depth); err != nil {
			return err
		}
		w.member, w.outer = nil, nil
		if w.joinable(c) && w.lastStr >= 0 && !(w.lastTime && hint&siblingHint == 0) {
			// (a time is a series' point or a sample's, [[t, v], …],
			// "value":[1765000000,"1"]; under a key that names a phone or
			// an ID it may be a number's first ten digits:
			// {"mobile":[1381234567, 8]})
			w.addElem(joins, w.lastStr, w.lastText, w.lastFound)
		}
		if c != '{' && c != '[' && w.lastStr >= 0 && hasRecordID(w.lastFound) {
			ids = true
		}
		done, err := w.afterMember(']')
		if err != nil {
			return err
		}
		if done {
			w.finishJoins(joins)
			w.scalarIDs = ids
			return nil
		}
	}
}

// afterMember reads what follows a member of an object or an array: a ','
// before the next one, or the closing byte, which ends it (done).
func (w *jsonWalker) afterMember(closing byte) (done bool, err error) {
	w.space()
	if w.pos >= len(w.src) {
		return false, errJSONSyntax
	}
	switch w.src[w.pos] {
	case ',':
		w.pos++
		w.space()
		if w.js && w.pos < len(w.src) && w.src[w.pos] == closing {
			w.pos++ // a script's trailing comma
			return true, nil
		}
		return false, nil
	case closing:
		w.pos++
		return true, nil
	}
	return false, errJSONSyntax
}

// stringValue reads a string value and inspects its decoded text. A string
// that itself holds a JSON object or array (a document serialised into a
// field) is walked as JSON, with its own keys as hints.
func (w *jsonWalker) stringValue(hint detect.CategorySet, depth int) error {
	end, escaped, ok := w.scanString(w.pos)
	if !ok {
		return errJSONSyntax
	}
	start := w.pos + 1
	w.pos = end + 1
	text := w.src[start:end]
	if escaped {
		w.dec, w.offs, _ = decodeEscapes(text, w.dec[:0], w.offs[:0])
		text = w.dec
	}
	w.lastStr, w.lastTime = -1, false
	deep := false // a document in the string nests past Limits.MaxDepth
	if len(text) >= minTextLen && looksLikeJSON(text) {
		deep = depth >= w.in.lim.MaxDepth
		if !deep {
			done, tooDeep := w.embedded(text, start, end, hint, depth)
			if done {
				return nil
			}
			deep = tooDeep
		}
	}
	w.lastFound = w.lastFound[:0]
	w.textValid = !escaped && w.srcValid
	w.inspectText(start, text, escaped, hint)
	w.textValid = false
	if deep && deepJoinableSpans(text, w.lastFound) {
		// read as text, as a body nested past the limit is (jsonAsText):
		// refused when it holds digits the walk could have joined
		// (attack pass 33, F5)
		w.in.refuse(errDeepJSON)
	}
	w.lastStr, w.lastText, w.lastQuote = start, text, end
	return nil
}

// inspectText scans text, the decoded content of the string that starts at
// src[start] (mapped back through w.offs when escaped), and in Redact mode
// replaces each finding's span by its mask.
func (w *jsonWalker) inspectText(start int, text []byte, escaped bool, hint detect.CategorySet) {
	forced := w.forced[start]
	minLen := minTextFor(hint)
	if len(text) < minLen && len(forced) == 0 {
		return
	}
	var fs []detect.Finding
	if len(text) >= minLen {
		w.in.validPiece = w.textValid
		fs = w.in.find(text, hint)
		w.in.validPiece = false
	}
	for _, f := range fs {
		w.lastFound = append(w.lastFound, span{f.Start, f.End, f.Category})
	}
	if len(fs)+len(forced) == 0 || w.in.mode != Redact {
		return
	}
	if len(forced) > 0 {
		fs = withForced(text, fs, forced)
	}
	for _, f := range fs {
		ts, te, masked := keptEnds(text[f.Start:f.End], f.Masked)
		if len(masked) == 0 && ts == te {
			continue // (a mask that keeps every byte of its span)
		}
		rs, re := f.Start+ts, f.Start+te
		if escaped {
			rs, re = rawSpan(w.offs, rs, re)
		}
		w.out.replaceEscaped(start+rs, start+re, masked)
	}
}

// keptEnds returns the part of span, a finding's decoded text, that its
// mask masked writes, span[ts:te], and what it writes there: the ASCII
// bytes but letters and digits the two begin and end with alike are left
// out, so that they stay as the source wrote them (a '>' or a '\n' after
// a join's element's digits written escaped or not as it was, not
// re-escaped as appendJSONEscaped writes a mask); the identifier's own
// letters and digits are written as the mask spells them. An ASCII byte
// of a JSON string is decoded from one raw byte or one whole escape, so
// span[ts:te] maps to whole raw bytes.
func keptEnds(span []byte, masked string) (ts, te int, changed string) {
	te = len(span)
	for ts < te && len(masked) > 0 && keptByte(span[ts]) && span[ts] == masked[0] {
		ts, masked = ts+1, masked[1:]
	}
	for te > ts && len(masked) > 0 && keptByte(span[te-1]) && span[te-1] == masked[len(masked)-1] {
		te, masked = te-1, masked[:len(masked)-1]
	}
	return ts, te, masked
}

// keptByte reports whether keptEnds may leave c as the source wrote it:
// an ASCII byte that is no letter or digit.
func keptByte(c byte) bool {
	l := c | 0x20
	return c < 0x80 && !('0' <= c && c <= '9') && !('a' <= l && l <= 'z')
}

// embedded walks text, the decoded content of the string src[start:end],
// as a JSON document of its own. It reports false, having recorded
// nothing, when text is not valid JSON or nests past Limits.MaxDepth
// (deep): the caller then scans it as text. A second walk of the
// document gives what the first made of text again.
func (w *jsonWalker) embedded(text []byte, start, end int, hint detect.CategorySet, depth int) (ok, deep bool) {
	var d innerDoc
	if w.forced != nil {
		d = w.inner[start]
		w.in.replay(d)
	} else {
		mark := w.in.mark()
		inner, err := w.in.walkJSON(text, hint, depth, false)
		switch {
		case err != nil:
			w.in.rollback(mark) // not kept: the second walk reads it as text too
			d.deep = errors.Is(err, errJSONDepth)
			if d.deep && w.in.mode == Redact { // (the second walk refuses it too)
				if w.inner == nil {
					w.inner = make(map[int]innerDoc)
				}
				w.inner[start] = d
			}
		case w.in.mode == Redact:
			// only a redaction walks the document a second time
			d = w.in.innerSince(mark, inner.out.result())
			if w.inner == nil {
				w.inner = make(map[int]innerDoc)
			}
			w.inner[start] = d
		default:
			d.ok = true
		}
	}
	if d.out != nil {
		if q := w.src[start-1]; q != '"' {
			w.esc = jsLiteral(w.esc[:0], d.out, q) // a script's '…': its own quote escaped
		} else {
			w.esc = appendJSONEscaped(w.esc[:0], d.out)
		}
		w.out.replace(start, end, w.esc)
	}
	return d.ok, d.deep
}

// number reads a number. A long one is scanned as text (a mobile number or
// card number sent as a JSON number); one written with a fraction or an
// exponent is scanned by the integer it denotes (1.3812345678e10). A
// number is also the text an array's join reads of it (a client joining
// [138,1234,5678] shows 13812345678), unless it is a time (unixTime) or
// a fraction. A redacted number becomes a JSON string holding its mask.
func (w *jsonWalker) number(hint detect.CategorySet) error {
	start := w.pos
	end, integral, ok := scanJSONNumber(w.src, start)
	if !ok {
		return errJSONSyntax
	}
	w.pos = end
	text, read := w.numberText(w.src[start:end], integral, hint)
	w.lastStr, w.lastText, w.lastFound, w.lastQuote = start, text, w.lastFound[:0], -1
	w.lastTime = integral && unixTime(text)
	if bytes.ContainsAny(text, ".eE") || w.in.scriptData && hint&siblingHint == 0 {
		// a fraction (12.34, 5.67 join as 12.345.67), or a script's data
		// (chart.setData([180, 1024, 2048])): not a piece of a number,
		// joins skip it
		w.lastStr = -1
	}
	forced := w.forced[start]
	var fs []detect.Finding
	if read {
		fs = w.in.find(text, hint)
	}
	for _, f := range fs {
		w.lastFound = append(w.lastFound, span{f.Start, f.End, f.Category})
	}
	if len(fs)+len(forced) == 0 || w.in.mode != Redact {
		return nil
	}
	if len(forced) > 0 {
		fs = withForced(text, fs, forced)
	}
	w.esc = append(w.esc[:0], '"')
	w.esc = appendJSONEscaped(w.esc, detect.Apply(text, fs))
	w.esc = append(w.esc, '"')
	w.out.replace(start, end, w.esc)
	return nil
}

// unixTime reports whether the integer num reads as a time since 1970
// between the years 2000 and 2040, in seconds or milliseconds: a time
// series' points ([[1733400000, 5], …]) would otherwise read, joined, as
// mobiles, a sample's ("value":[1765000000,"1"], Prometheus) too. A
// mobile's first ten digits read so as well ({"mobile":[1381234567, 8]}):
// a time is read joined only in an array under a key that names a phone
// or an ID (array), and never across the records of an array of objects
// (member).
func unixTime(num []byte) bool {
	if len(num) != 10 && len(num) != 13 {
		return false
	}
	v, err := strconv.ParseUint(string(num), 10, 64)
	if err != nil {
		return false
	}
	for v > unixTimeTo {
		v /= 1000
	}
	return v >= unixTimeFrom && v <= unixTimeTo
}

// The times unixTime takes, in seconds: 2000-01-01 and 2040-01-01 UTC.
const (
	unixTimeFrom = 946684800
	unixTimeTo   = 2208988800
)

// numberText returns the text a client shows for num (an integer as
// written; the integer a fraction or an exponent denotes, or what
// JSON.parse shows when it is a whole number; else num as written) and
// whether it is worth reading on its own: long enough to hold a number
// the engine knows, or a short fraction under a key that says what it is
// ("lat": 31.2304), read as written.
func (w *jsonWalker) numberText(num []byte, integral bool, hint detect.CategorySet) ([]byte, bool) {
	if integral {
		return num, len(num) >= minNumberFor(hint)
	}
	var ok bool
	if w.dec, ok = appendIntegerDigits(w.dec[:0], num); ok && len(w.dec) >= minNumberLen {
		return w.dec, true
	}
	// what JSON.parse and a JavaScript page show: the nearest double,
	// when it is a whole number (13812345678.0000000001)
	w.dec, ok = appendShownInteger(w.dec[:0], num)
	switch {
	case ok && len(w.dec) >= minNumberLen:
		return w.dec, true
	case ok:
		// what a join reads of 1.38e2 or 138.0: 138
		return w.dec, hint != 0
	case hint != 0:
		return num, true
	}
	return num, false
}
