package bodyformat

import (
	"bytes"
	"hash/maphash"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/asciidigits"
)

// heldEvent is a complete event of a stream, inspected on its own and
// waiting to be written: its fields may still be completed by the next
// events.
type heldEvent struct {
	raw     []byte   // the event as it came
	lines   [][]byte // StreamEvents: its lines, each with its line end
	payload []byte   // its data (joined data lines, or the line without its end), redacted on its own
	prefix  []byte   // StreamLines: a data stream part's type code and colon before payload (datastream.go)
	lead    []byte   // StreamLines: the RS bytes that open a record of a JSON text sequence, before prefix
	changed bool     // payload or a line differs from raw
	json    bool     // payload is a JSON document, pieces are its strings
	pieces  []*piece
}

// piece is the text of one field of a held event: a string of its JSON
// payload, or its whole text payload.
type piece struct {
	ev      *heldEvent
	field   *fieldText     // the field it is joined to; nil once the field is forgotten
	ord     uint64         // its place among the pieces of its field
	span    jsonStringSpan // JSON: where the string's content sits in ev.payload
	text    []byte         // the decoded text, masks applied
	changed bool
	closed  bool // released or settled: nothing runs on from it any more
	// escaped: a text payload's piece read with its backslash escapes
	// decoded (\u0031 is 1 to a client that unescapes); rendered escaped
	// again where a receiver would read an escape
	escaped bool
	// twin is the same string read in a second field (see fieldsOf):
	// both share one text, and a mask either field applies is the
	// other's too. The shadow of the two is not rendered.
	twin   *piece
	shadow bool
	// src is what a piece read with its escapes (readEscapes) was
	// written as, from where each byte of text came from in it (-1: a
	// mask's, rendered as a string's content; fromWritten: the JSON
	// syntax a mask wrote, rendered as it is); carry the unfinished
	// escape held back from its end, which the next piece of its field
	// takes (joinescapes.go)
	src       []byte
	from      []int32
	carry     []byte
	carriedIn int    // the length of the carry src starts with
	giver     *piece // the piece the carry came from
	takenBy   *piece // the piece that took its carry
	carrySent bool   // the carry it took went out, in part, with an earlier piece
	// written is a tool call's arguments' piece as it came, before its
	// event's own reading masked it (argsWritten); nil: text
	written []byte
}

// setText gives the piece (and its twin) masked text.
func (p *piece) setText(t []byte) {
	p.assign(t)
	if q := p.twin; q != nil {
		q.assign(t)
		if q.field != nil {
			q.field.stale = true // its field's text is built again
		}
	}
}

// assign gives the piece masked text, keeping where its bytes came from.
func (p *piece) assign(t []byte) {
	if p.from != nil {
		p.from = realign(p.text, t, p.from)
	}
	p.text, p.changed = t, true
	p.carryGone()
}

// isOpen reports whether an identifier may run on from the piece into the
// next event: it is held, and it ends after where the open tail of its
// field starts, or holds back an unfinished escape.
func (p *piece) isOpen() bool {
	return !p.closed && p.field != nil && (p.ord >= p.field.firstOpen || p.heldCarry() || p.field.args.holds(p.ord))
}

// openAt returns where in the piece's text the identifier that may run on
// starts (an open piece).
func (p *piece) openAt() int {
	f := p.field
	k := int(p.ord - f.pieces[0].ord)
	return max(0, f.openStart-f.starts[k])
}

// event inspects one complete event and holds it, then writes every held
// event nothing is waiting for.
func (s *Stream) event(raw []byte) {
	// an event costs, beside the text read in it, what reading eventWork
	// bytes does: a buffered body of values back to back ([1][a]…, an
	// event every three bytes) is bounded by the work cap as its cost is
	s.creditWork(eventWork) // (a stream bounded by its rate: streamwork.go)
	if m := s.meter; m != nil {
		if m.spend(eventWork) != nil {
			s.err = m.err
			return
		}
		m.capDecoding(maxBlobInflation) // (what the event's blobs inflate together)
	}
	if s.quietEvent(raw) {
		return
	}
	ev := &heldEvent{raw: bytes.Clone(raw)}
	if s.in == nil {
		s.in = &inspector{eng: s.eng, mode: Redact, lim: Limits{}.withDefaults(), meter: s.meter}
	} else {
		s.in.reuse() // its buffers and key-hint caches serve every event
	}
	in := s.in
	if s.kind == StreamEvents {
		s.parseEvent(ev, in)
	} else {
		ev.payload = trimLineEnd(ev.raw)
		// RFC 7464: RS opens each record (application/json-seq)
		if k := leadingRS(ev.payload); k > 0 {
			ev.lead, ev.payload = ev.payload[:k], ev.payload[k:]
		}
		if k := partPrefix(ev.payload); k > 0 {
			ev.prefix, ev.payload = ev.payload[:k], ev.payload[k:]
		}
	}
	// a JSON string alone is JSON too: a client that parses each line
	// and appends the strings joins them as it joins delta.content
	var orig []byte // a JSON payload as it came, when its reading changed it
	if looksLikeJSON(ev.payload) || looksLikeJSONString(ev.payload) {
		if out, format := in.json(ev.payload, 0, 0, false); format == FormatJSON {
			ev.json = true
			if out != nil {
				orig, ev.payload, ev.changed = ev.payload, out, true
			}
		}
		if in.refusal != nil {
			// (a document nested past the depth limit: json_deeptext.go)
			s.err, in.refusal = in.refusal, nil
			return
		}
	}
	if !ev.json && (ev.prefix != nil || ev.lead != nil) {
		// not JSON after all: the line is text, code and all
		ev.payload = trimLineEnd(ev.raw)
		ev.prefix, ev.lead = nil, nil
	}
	if !ev.json {
		// a text payload is read as a buffered text body is, in every
		// reading (escapes, markup between digits, base64 …); the joiner
		// then reads it with the events around it
		if out := s.textLine(in, ev.payload); out != nil {
			ev.payload, ev.changed = out, true
		}
	} else {
		s.table.head = s.table.head[:0] // (a JSON value ends a table of lines)
	}
	if in.refusal != nil {
		// (a stream without a work rate: a blob past what it may inflate)
		s.err, in.refusal = in.refusal, nil
		return
	}
	s.held = append(s.held, ev)
	s.heldN += len(ev.raw)
	s.fieldsOf(ev, orig, in.findings) // (counts them: countEvent)
	if m := s.meter; m != nil && m.err != nil {
		s.err = m.err // a reading was cut short: nothing more goes out
		return
	}
	s.release(false, false)
}

// eventWork is the work (Limits.MaxWork) an event of a buffered body's
// stream is charged beside its text: what one costs to hold, walk and
// join, in bytes of text read.
const eventWork = 32

// parseEvent splits a server-sent event into lines and joins its data
// lines into the payload; the other lines (event names, ids, comments)
// are scanned as text on their own.
func (s *Stream) parseEvent(ev *heldEvent, in *inspector) {
	var data [][]byte
	for rest := ev.raw; len(rest) > 0; {
		end := lineEnd(rest)
		line := rest[:end]
		rest = rest[end:]
		if _, v, ok := dataLine(line); ok {
			v = bytes.TrimRight(v, "\r\n")
			data = append(data, bytes.TrimPrefix(v, []byte(" ")))
		} else if out := in.text(line, 0); out != nil {
			line, ev.changed = out, true
		}
		ev.lines = append(ev.lines, line)
	}
	ev.payload = bytes.Join(data, []byte("\n"))
}

// dataLine reports whether line is a data line of an event, and returns
// the byte-order mark before it (EventSource ignores one that opens the
// stream; one elsewhere is read as opening a data line too, which reads
// more, not less) and what follows "data:", with its line end.
func dataLine(line []byte) (bom, v []byte, ok bool) {
	rest := bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
	v, ok = bytes.CutPrefix(rest, []byte("data:"))
	return line[:len(line)-len(rest)], v, ok
}

// lineEnd returns where the first line of b ends, past its "\r\n", "\n"
// or lone "\r", or len(b).
func lineEnd(b []byte) int {
	i := bytes.IndexAny(b, "\r\n")
	switch {
	case i < 0:
		return len(b)
	case b[i] == '\r' && i+1 < len(b) && b[i+1] == '\n':
		return i + 2
	}
	return i + 1
}

// fieldsOf cuts a held event's payload into pieces and joins each to the
// text its field has across events. orig is its JSON payload as it came
// when its own reading changed it (nil: unchanged): a tool call's
// arguments are lexed as they came (argsWritten).
func (s *Stream) fieldsOf(ev *heldEvent, orig []byte, found []detect.Finding) {
	if !ev.json {
		s.found(found)
		// \u0031\u0033 in one event and 812345678 in the next are one
		// mobile to a client that unescapes what it joins: the joiner
		// reads its escapes (readEscapes)
		p := &piece{ev: ev, text: bytes.Clone(ev.payload)}
		ev.pieces = append(ev.pieces, p)
		s.joins.add("", nil, p)
		return
	}
	strs, block, shape, ok := jsonStrings(ev.payload, DefaultMaxDepth)
	if !ok {
		s.found(found)
		return
	}
	args := ev.argsEvent(strs)
	var was argsAsCame
	if orig != nil {
		was.strs, _, _, _ = jsonStrings(orig, DefaultMaxDepth)
		was.orig = orig
	}
	s.countEvent(found, ev.payload, strs, was, args) // (joinargs_counted.go)
	for _, str := range strs {
		if metaKey(str.key) || s.recordMember(str.key, shape) {
			continue // read in its event, never joined (joinmeta.go)
		}
		raw := ev.payload[str.start:str.end]
		text := bytes.Clone(raw)
		if str.escaped {
			text, _, _ = decodeEscapes(raw, nil, nil)
		}
		p := &piece{ev: ev, span: str, text: text}
		ev.pieces = append(ev.pieces, p)
		if argStr(str, args) {
			p.written = was.written(str.path, text)
		}
		if args && str.path == "delta" {
			// a function call's arguments (Responses API): joined by
			// their output item only, as the SDK joins them (joinargs.go)
			path, key := argsPath(string(ev.prefix) + block)
			s.joins.add(path, key, p)
			continue
		}
		if block == "" {
			// a data stream's parts join by type code (datastream.go)
			s.joins.add(string(ev.prefix)+str.path, str.key, p)
			continue
		}
		// an event of a block ({"index":1,"delta":{"text":…}}): a client
		// that prints deltas as they come joins it to the event before,
		// an SDK to the text of its block, so 138 in block 0, words in
		// block 1, then 12345678 in block 0 is a mobile to the SDK. Its
		// strings are read both ways: by path, and by block and path.
		q := &piece{ev: ev, span: str, text: text, twin: p, shadow: true, written: p.written}
		if q.written == nil && argKey(str.key) {
			// (lexed as it came, not with the masks p's field puts in
			// the text both share: a number's quotes, maskQuoting)
			q.written = text
		}
		p.twin = q
		ev.pieces = append(ev.pieces, q)
		s.joins.add(str.path, str.key, p)
		s.joins.add(block+"."+str.path, str.key, q)
	}
}

// release writes the held events from the oldest on, as long as none of
// their fields may run on into the next event, or all of them (force),
// or as many as keep the held bytes within MaxHeld. ended says the stream
// is over: nothing can run on any more.
func (s *Stream) release(force, ended bool) {
	for len(s.held) > 0 {
		ev := s.held[0]
		if !force && s.heldN <= s.opt.MaxHeld && ev.waiting() {
			return
		}
		if s.pausing && s.heldN <= s.opt.MaxHeld && ev.argsHeld() {
			return // a pause does not cut a tool call's arguments (joinargs.go)
		}
		s.held[0] = nil
		s.held = s.held[1:]
		s.heldN -= len(ev.raw)
		for _, p := range ev.pieces {
			if p.field != nil && p.field.args.holds(p.ord) {
				p.field.args.giveUp() // out before its end: read as text only
			}
			p.carryReleased()
			if p.isOpen() {
				s.joins.applyDeferred(p.field)
			}
			if p.isOpen() && (!ended || p.field.openCut) {
				// released before what completes it has come (a pause, or
				// too much held): what may be the start of an identifier
				// does not go out as it is (however short after a run
				// too long to read back across, and then at the end
				// too: openCut)
				if p.field.openCut && ended {
					// the number after the cut is over: masked if it
					// could be an identifier with what it continued
					p.maskOpenTailFrom(max(1, minCutChain-p.field.cutChain))
				} else if p.field.openCut {
					p.maskOpenTailFrom(1)
				} else {
					p.maskOpenTail()
				}
			}
			p.closed = true
			p.ev = nil // released: its field keeps it only as context
		}
		s.write(ev.render())
	}
}

// waiting reports whether one of the event's fields may run on.
func (ev *heldEvent) waiting() bool {
	for _, p := range ev.pieces {
		if p.isOpen() {
			return true
		}
	}
	return false
}

// render returns the event as it goes out: as it came when nothing in it
// changed, else with its redacted payload.
func (ev *heldEvent) render() []byte {
	payload := ev.payload
	if ev.json {
		out := splicer{src: payload}
		for _, p := range ev.pieces {
			if p.changed && !p.shadow {
				out.replace(p.span.start, p.span.end, appendJSONEscaped(nil, p.rendered(appendJSONEscaped[[]byte])))
			}
		}
		if res := out.result(); res != nil {
			payload, ev.changed = res, true
		}
	} else if len(ev.pieces) == 1 && ev.pieces[0].changed {
		payload, ev.changed = ev.pieces[0].text, true
		if p := ev.pieces[0]; p.escaped {
			payload = p.rendered(appendTextEscaped)
		}
	}
	if !ev.changed {
		return ev.raw
	}
	if ev.lines == nil {
		out := append(append(append([]byte(nil), ev.lead...), ev.prefix...), payload...)
		return append(out, ev.raw[len(trimLineEnd(ev.raw)):]...)
	}
	var out []byte
	wroteData := false
	for _, line := range ev.lines {
		bom, _, ok := dataLine(line)
		if !ok {
			out = append(out, line...)
			continue
		}
		if wroteData {
			continue
		}
		wroteData = true
		out = append(out, bom...) // the mark that opened the stream stays in front
		end := line[len(bytes.TrimRight(line, "\r\n")):]
		for l := range bytes.SplitSeq(payload, []byte("\n")) {
			out = append(append(append(out, "data: "...), l...), end...)
		}
	}
	return out
}

// appendTextEscaped appends the decoded, masked text of an escaped text
// payload, escaped again where a receiver that unescapes would otherwise
// read something else: backslashes, and control characters other than the
// line ends that separate data lines. What an escape stood for otherwise
// goes out as the character itself (\u4e2d as 中), the same to a client
// that unescapes.
func appendTextEscaped(dst, s []byte) []byte {
	const hexDigits = "0123456789abcdef"
	for _, c := range s {
		switch {
		case c == '\\':
			dst = append(dst, '\\', '\\')
		case c == '\t':
			dst = append(dst, '\\', 't')
		case c < 0x20 && c != '\n' || c == 0x7f:
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// joinContext is how much of a field's released text stays as context for
// the next pieces: labels and glue before a value. It is also how much
// settled text before the open tail a new piece is read with.
const joinContext = 64

// maxFields bounds the fields followed across events; past it the least
// recently seen is forgotten.
const maxFields = 32

// joiner follows the text of each field across the events of a stream.
//
// Joining is incremental: a field keeps its text end to end in one
// buffer, a new piece is appended to it, and the engine reads only what
// the new piece can change: the piece, the open tail before it (what it
// may complete, detect.Engine.OpenTail: a bounded stretch) and
// joinContext bytes of settled text before that. So the work of a piece
// is its size plus a constant, however much of the field is held (a
// field held because another field of its events is open), and the
// joined text is never built again for each piece. Every piece is read
// with the text before it as the client shows it at that moment: a value
// the next piece glues onto ("…5678" then "bye") was on the screen.
type joiner struct {
	s      *Stream
	fields map[string]*fieldText
	clock  uint64
	// paused are the paths of forgotten fields whose text ended in
	// digits masked as an open tail (fieldText.pausedRun): the field seen
	// again starts with that state, so that the digits that continue the
	// number go out masked too (joinpaused.go)
	paused pausedPaths
	// inMarkup: the text read is a markup view of the field's text
	// (findMarkup), whose markup is not read again
	inMarkup bool
	// counted: the values counted in tool calls' arguments, which no
	// reading of them counts again (joinargs_counted.go)
	counted countedIDs
	// inArgs: the text read is a tool call's arguments, whose findings
	// carry their value's fingerprint (find)
	inArgs bool
}

// fieldText is the text of one field across events: the end of what was
// released, as context, and the pieces still held, end to end in text.
type fieldText struct {
	text   []byte   // text[:ctx] released context, then the held pieces' text
	ctx    int      // where the held pieces start in text
	pieces []*piece // the held pieces, in order
	starts []int    // where each held piece starts in text
	next   uint64   // the ord of the next piece
	// firstOpen is the ord of the first piece an identifier may run on
	// from (next: none); openStart where in text that identifier starts.
	// Before openStart the text is settled: the engine read it with
	// everything the next pieces can change it by.
	firstOpen uint64
	openStart int
	stale     bool // a released piece's text changed after text was built
	// pausedRun says the field's text ends in digits a release masked
	// while their number was open (maskOpenTail): digits the next piece
	// starts with continue that number, and go out masked too
	pausedRun bool
	// openCut: the open tail follows a run shown as nothing too long to
	// read back across (openTail): released open, its digits are
	// masked however few (fail closed)
	openCut bool
	// cutHeld: the text ends in such a run, and the pieces open before
	// it, from cutFrom in text, stay held (joiner.add)
	cutHeld bool
	cutFrom int
	// cutChain counts the digits of the number the open tail continues
	// across cut runs (closeCut), before the run it follows
	cutChain int
	// deferred is a name or an address the text ends in, deferredAt
	// bytes before its end (0: none): held for the next piece, which may
	// make it another word (add, applyDeferred)
	deferred   detect.Finding
	deferredAt int
	hint       detect.CategorySet
	seen       uint64
	sentCarry  []byte   // an unfinished escape a released piece wrote, for the next piece
	folds      foldMode // how the field's client folds its lines (fieldFolds)
	// args lexes a tool call's arguments (argKey): nil for other fields
	args *argDoc
}

// fieldFolds returns how a client folds the lines of the text of a field
// under key (nil: a text event's data) it appends: as Markdown shows an
// LLM's reply, its soft breaks read as spaces, for the strings of
// appendedKey and the data of text events; none for the others.
func fieldFolds(key []byte) foldMode {
	if key == nil || appendedKey(key) {
		return foldSoft
	}
	return foldNone
}

func (j *joiner) init(s *Stream) {
	j.s, j.fields, j.paused.seed = s, map[string]*fieldText{}, maphash.MakeSeed()
}

// add joins a new piece to its field's text, masks what the joined text
// holds (a value split across events included), and marks the pieces an
// identifier may still run on from. key is the last key of the field's
// path (nil: none), the hint of a field seen for the first time.
func (j *joiner) add(path string, key []byte, p *piece) {
	f := j.fields[path]
	if f == nil {
		if len(j.fields) >= maxFields {
			j.forgetOldest()
		}
		f = &fieldText{hint: keyHint(key), pausedRun: j.paused.take(path), folds: fieldFolds(key)}
		if argKey(key) {
			f.args = &argDoc{}
		}
		j.fields[path] = f
	}
	j.clock++
	f.seen = j.clock
	j.settleReleased(f)
	quiet := f.settled() && inertText(p.text) && p.written == nil
	written := p.text // (a tool call's arguments are read as written too: joinargs.go)
	if p.written != nil {
		written, p.written = p.written, nil
	}
	p.readEscapes(f.takeCarry())
	if f.pausedRun {
		f.pausedRun = p.maskContinuedRun()
	}
	p.field, p.ord = f, f.next
	f.next++
	f.pieces = append(f.pieces, p)
	f.starts = append(f.starts, len(f.text))
	f.text = append(f.text, p.text...)
	if f.args != nil {
		j.lexArgs(f, p.ord, written) // (joinargs.go)
	}
	if quiet {
		// nothing was open and the piece holds nothing an identifier is
		// made of ("[", "{", a line's end): it completes nothing, and the
		// piece that brings a value is read with it as context
		f.markOpen(len(f.text))
		return
	}
	// what the piece can change: the open tail, and context before it
	from := max(0, max(f.ctx, f.openStart)-joinContext)
	if m := j.s.meter; m != nil && m.spend(int64(len(f.text)-from)) != nil {
		return // a buffered body's inspection fails: nothing more matters
	}
	j.inArgs = f.args != nil
	fs := j.find(f.text[from:], f.hint)
	countJoinRead(len(f.text) - from)
	fs = j.readMarkdown(f.text[from:], f.hint, fs, f.folds)
	j.inArgs = false
	var kept []detect.Finding
	first := len(f.pieces)
	f.deferred, f.deferredAt = detect.Finding{}, 0
	for k := len(fs) - 1; k >= 0; k-- {
		fd := fs[k]
		fd.Start, fd.End = fd.Start+from, fd.End+from
		if fd.End == len(f.text) && fd.Start >= f.ctx && unfinishedWord(fd.Category) {
			// a name or an address the text ends in: the next piece may
			// make it another word (哈尔 then 滨: a city), so it stays
			// held and unmasked, read again with that piece, and masked
			// if it goes out before (applyDeferred)
			f.deferred, f.deferredAt = fs[k], len(f.text)-fd.Start
			continue
		}
		if fd.Start < f.ctx && fd.End > f.ctx {
			// part of it went out already: a partial mask of the whole
			// would show what completes it (14 digits out, then
			// 3409**********173X), so what is held is masked whole (its
			// digits starred where they stand, when it has no others)
			held := f.text[f.ctx:fd.End]
			fd.Start, fd.Masked = f.ctx, strings.Repeat("*", utf8.RuneCount(held))
			if m, ok := spreadMask(held, strings.Repeat("*", asciidigits.Count(held))); ok {
				fd.Masked = m
			}
		}
		if fd.End > f.ctx {
			if c := f.mask(fd); c >= 0 {
				kept, first = append(kept, fs[k]), min(first, c)
			}
		}
	}
	if f.args != nil {
		kept = j.counted.fresh(kept) // (joinargs_counted.go)
	}
	j.s.found(kept)
	if first < len(f.pieces) {
		f.rebuildFrom(first)
	}
	if c := f.maskAddressLead(f.starts[len(f.starts)-1]); c >= 0 {
		f.rebuildFrom(c) // (counted by the piece's own reading: joinaddress.go)
	}
	open, walk := j.openTail(f.text)
	if f.deferredAt > 0 {
		open = min(open, len(f.text)-f.deferredAt)
	}
	if walk == walkCutPending && f.firstOpen < f.next {
		// the text ends in a run too long to read back across: digits
		// may follow it, so what was open stays held (its digits masked
		// if they do, closeCut), and the engine reads on from here
		if !f.cutHeld {
			f.cutHeld, f.cutFrom = true, f.openStart
		}
		f.openStart, f.openCut = open, false
		return
	}
	if r, _ := utf8.DecodeRune(p.text); f.cutHeld && walk == walkRead && (engineDigit(r) || shownNothingLead(p.text) > 0) {
		// digits right after the run held for (the engine's open tail
		// may have read back into it: a link destination's letters)
		walk = walkCutDigits
	}
	cut := false
	if walk == walkCutDigits || f.openCut {
		// the open tail follows the cut until the number after it ends
		cut = f.closeCut(open, walk == walkCutDigits)
	}
	f.cutHeld = false
	f.markOpen(open)
	f.openCut = cut
}

// unfinishedWord reports the categories of findings made of words, which
// a piece that continues the last word can unmake: a name, an address.
func unfinishedWord(c detect.Category) bool {
	return c == detect.CNName || c == detect.CNAddress
}

// applyDeferred masks the finding the field's text ends in that waits for
// the next piece (fieldText.deferred), before a piece it spans goes out
// or is settled without being read again.
func (j *joiner) applyDeferred(f *fieldText) {
	if f == nil || f.deferredAt == 0 {
		return
	}
	fd := f.deferred
	fd.Start, fd.End = max(f.ctx, len(f.text)-f.deferredAt), len(f.text)
	f.deferred, f.deferredAt = detect.Finding{}, 0
	if c := f.mask(fd); c >= 0 {
		j.s.found([]detect.Finding{fd})
		f.rebuildFrom(c)
	}
}

// closeCut fails closed for the held pieces an identifier could run on
// from until now that end before open, the new open tail's start, when
// one of the two follows a run a renderer shows as nothing too long to
// read back across (openTail's cut). digitsAfter says digits follow the
// run: while they are open the number may go on past it, so the open
// digits before it are masked, however few (187, 200 soft hyphens, then
// 1431: the groups are not read together), and their count carries into
// cutChain. Else the number after the run ended before open: its digits
// (and those before the run) are masked only when, with those the cut
// runs before it held (cutChain), they reach minCutChain; a count after a
// long comment, a time, a numeral word (一个) go out as they are. It
// reports whether a piece ended before open.
func (f *fieldText) closeCut(open int, digitsAfter bool) bool {
	if f.cutHeld {
		f.openStart = min(f.openStart, f.cutFrom) // where the pieces held open start
	}
	// the open pieces that end before open: from the first open one to
	// the first that ends after open (pieces end in order)
	k := sort.Search(len(f.pieces), func(k int) bool {
		end := len(f.text)
		if k+1 < len(f.starts) {
			end = f.starts[k+1]
		}
		return end > open
	})
	from := k
	if len(f.pieces) > 0 && f.firstOpen < f.next {
		from = min(k, max(0, int(f.firstOpen)-int(f.pieces[0].ord)))
	}
	n := f.cutChain
	for _, p := range f.pieces[from:k] {
		n += p.openDigits()
	}
	// the digits after the run still open: the number may go on
	goesOn := digitsAfter && open < len(f.text)
	if goesOn || n >= minCutChain {
		for _, p := range f.pieces[from:k] {
			if p.ev != nil {
				p.maskOpenTailFrom(1)
			}
		}
	}
	if goesOn {
		f.cutChain = n
		return true
	}
	if k > from {
		f.cutChain = 0
		return false
	}
	return !digitsAfter
}

// minCutChain is the fewest digits of a number read across runs cut by
// the bound (closeCut) that are masked once it ended: a mobile's
// (minDelimitedDigits).
const minCutChain = minDelimitedDigits

// openDigits counts the digits of the piece's open tail (engineDigit),
// and the '*' of a mask in it: the part of a number it holds.
func (p *piece) openDigits() int {
	tail := p.text[min(p.openAt(), len(p.text)):]
	_, n := starDigits(nil, tail)
	if p.mayHoldMask() {
		n += bytes.Count(tail, []byte("*"))
	}
	return n
}

// markOpen records that an identifier may start at open in the field's
// text and run on: the pieces that end after it are open.
func (f *fieldText) markOpen(open int) {
	f.openStart = open
	// the first held piece that ends after open (pieces end in order)
	k := sort.Search(len(f.pieces), func(k int) bool {
		end := len(f.text)
		if k+1 < len(f.starts) {
			end = f.starts[k+1]
		}
		return end > open
	})
	f.firstOpen = f.next
	if k < len(f.pieces) {
		f.firstOpen = f.pieces[k].ord
	}
}

// rebuildFrom writes the text of the held pieces from the k-th on again,
// after their text changed (masks).
func (f *fieldText) rebuildFrom(k int) {
	f.text = f.text[:f.starts[k]]
	for ; k < len(f.pieces); k++ {
		f.starts[k] = len(f.text)
		f.text = append(f.text, f.pieces[k].text...)
	}
}

// maskOpenTail masks the digits of the piece's open tail when it holds
// at least minMaskedTail of them: the start of a number that goes out
// before its end is known (身份证 11010519…, then a pause). Fewer digits
// (chatcmpl-1, gpt-4), a label waiting for its value, or words go out as
// they are.
func (p *piece) maskOpenTail() { p.maskOpenTailFrom(minMaskedTail) }

// maskOpenTailFrom masks the digits (engineDigit: every digit the engine
// reads, circled ① and superscript ¹ included) of the piece's open tail
// when the open run holds at least least of them: its digits in this
// piece and those of the same run that earlier pieces released (a chat
// sending a number four digits a message, each released by a pause,
// would otherwise send all of it but the last digits).
func (p *piece) maskOpenTailFrom(least int) {
	tail := p.text[min(p.openAt(), len(p.text)):]
	n := 0
	if k := bytes.LastIndexByte(tail, '*'); k >= 0 && p.mayHoldMask() {
		// a mask stands in it (138****5678): what it kept is no start
		tail = tail[k+1:]
	} else {
		n = p.releasedOpenDigits()
	}
	_, digits := starDigits(nil, tail)
	if n += digits; n < least {
		return
	}
	out, _ := starDigits(append(make([]byte, 0, len(p.text)), p.text[:len(p.text)-len(tail)]...), tail)
	p.setText(out)
	p.field.stale = true
	last := tail
	if r, size := utf8.DecodeLastRune(last); groupSep(r) {
		last = last[:len(last)-size] // 2120- : the number may go on
	} else {
		// 2120` or 2120</b>: shown as nothing, the number may go on
		last = last[:shownNothingBefore(last, len(last), max(0, len(last)-maxShownNothing))]
	}
	if r, _ := utf8.DecodeLastRune(last); engineDigit(r) && p.ord+1 == p.field.next {
		p.field.pausedRun = true
	}
}

// starDigits appends to dst t with its digits (engineDigit) starred and
// returns how many it starred, or with dst nil (not an empty slice) only
// counts them. The
// digits of a character reference (&#8203;, a zero-width space between
// two groups) are its spelling, not the number's, and stay.
func starDigits(dst, t []byte) ([]byte, int) {
	n := 0
	for i := 0; i < len(t); {
		if t[i] == '&' {
			if _, size := detect.DecodeCharRef(t[i:]); size > 0 {
				if dst != nil {
					dst = append(dst, t[i:i+size]...)
				}
				i += size
				continue
			}
		}
		r, size := utf8.DecodeRune(t[i:])
		if engineDigit(r) {
			n++
			r = '*'
		}
		if dst != nil {
			if r == '*' {
				dst = append(dst, '*')
			} else {
				dst = append(dst, t[i:i+size]...)
			}
		}
		i += size
	}
	return dst, n
}

// mayHoldMask reports whether a '*' in the piece's text may be a mask's:
// the piece or its event was masked. A piece as its sender wrote it holds
// Markdown's emphasis (198**8615**), which ends no open tail.
func (p *piece) mayHoldMask() bool {
	return p.changed || p.ev == nil || p.ev.changed
}

// checkX reports an 'X' or 'x' at t[i] that ends a token: a resident ID's
// check character.
func checkX(t []byte, i int) bool {
	if t[i] != 'X' && t[i] != 'x' {
		return false
	}
	r, _ := utf8.DecodeRune(t[i+1:])
	return i+1 == len(t) || !unicode.IsLetter(r) && !engineDigit(r)
}

// maskContinuedRun masks the digits a piece starts with (after at most one
// space or '-' between digit groups, or what a renderer shows as nothing:
// shownNothingLead; an ID's check character included) when they continue a
// number whose start a release masked (fieldText.pausedRun): 3218, released
// masked by a pause as ****, then 8012 would show itself, and the reader,
// who sees the messages one after the other, would read more of the number
// than a partial mask shows. It reports whether the piece is that number to
// its end (a space or '-', or a run shown as nothing, after it aside), so
// that the next piece continues it too; a piece all of it shown as nothing,
// however long (200 soft hyphens), continues it as well.
func (p *piece) maskContinuedRun() bool {
	t := p.text
	i := 0
	if len(t) > 1 && groupSep(rune(t[0])) {
		i = 1
	} else {
		i = shownNothingLead(t)
	}
	if len(t) > 0 && shownNothingBefore(t, len(t), 0) == 0 {
		return true // shown as nothing, however long: the number may go on
	}
	if r, _ := utf8.DecodeRune(t[i:]); i == len(t) || !engineDigit(r) && !checkX(t, i) {
		return false
	}
	out := append([]byte(nil), t[:i]...)
	for i < len(t) {
		r, size := utf8.DecodeRune(t[i:])
		if !engineDigit(r) && !checkX(t, i) {
			break
		}
		out = append(out, '*')
		i += size
	}
	p.setText(append(out, t[i:]...))
	return i == len(t) || i+1 == len(t) && groupSep(rune(t[i])) ||
		len(t)-i <= maxShownNothing && shownNothingBefore(t, len(t), i) == i
}

// releasedOpenDigits counts the digits, masked or not, that went out right
// before the piece when its open run starts at its beginning (or after what
// a renderer shows as nothing: `8012): the run of digits and '*' (a digit
// an earlier release masked) that ends where the piece starts in its
// field's text, read across one space or '-' between groups (or a line
// feed, in a field whose client folds soft breaks into spaces: 187⏎1431)
// and across what a renderer shows as nothing (shownNothingBefore, at most
// maxShownNothing bytes of it). So 3218, ****, then 8012 is a run of
// twelve, not a fresh start of four, and 180, `6206` then 0627 one of
// eleven. At most maxReleasedRun characters are counted.
func (p *piece) releasedOpenDigits() int {
	f := p.field
	k := int(p.ord - f.pieces[0].ord)
	if k < 0 || k >= len(f.starts) {
		return 0
	}
	start := f.starts[k]
	if at := start + min(p.openAt(), len(p.text)); at > start && shownNothingBefore(f.text, at, max(start, at-maxShownNothing)) != start {
		return 0 // its open run starts after text of its own a renderer shows
	}
	n, skipped := 0, 0
	for i := start; i > 0 && n < maxReleasedRun; {
		r, size := utf8.DecodeLastRune(f.text[:i])
		if groupSep(r) || r == '\n' && f.folds == foldSoft {
			// one space or '-' between groups (1507 2120 …), as OpenTail
			// joins them, or a soft line break Markdown shows as a space
			if q, _ := utf8.DecodeLastRune(f.text[:i-size]); q != '*' && !engineDigit(q) {
				break
			}
			i -= size
			continue
		}
		if r != '*' && !engineDigit(r) {
			// what a renderer shows as nothing between the groups
			// (180`6206`, 180<b>6206</b>: joinopen.go)
			from := shownNothingBefore(f.text, i, max(0, i-maxShownNothing+skipped))
			if from == i || !digitOrStarBefore(f.text, from) {
				break
			}
			skipped += i - from
			i = from
			continue
		}
		i -= size
		n++
	}
	return n
}

// groupSep reports a character that may stand between the digit groups
// of one number sent in pieces: a space or a '-'.
func groupSep(r rune) bool { return r == ' ' || r == '-' }

// maxReleasedRun bounds the characters releasedOpenDigits reads back.
const maxReleasedRun = 32

// minMaskedTail is the fewest digits of an open tail that a forced
// release masks: fewer tell nothing of a number.
const minMaskedTail = 5

// isDigitRune reports a digit of any script or a Chinese numeral: the
// set the charset looks sniff for. The stream's open tails ask the wider
// engineDigit, which the engine reads as digits.
func isDigitRune(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return r >= '0' && r <= '9'
	case r >= 0x3400 && r <= 0x9fff || r >= 0xac00 && r <= 0xd7a3:
		return cjkNumeral(r) // no decimal digit in the CJK and Hangul blocks
	}
	return detect.DecimalDigit(r) || cjkNumeral(r)
}

// cjkNumeral reports the Chinese numerals a number may be spelled in.
func cjkNumeral(r rune) bool {
	switch r {
	case '〇', '零', '一', '二', '三', '四', '五', '六', '七', '八', '九',
		'壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖', '幺', '两', '拐', '勾':
		return true
	}
	return false
}

// nonASCIIDigits lists every rune beyond ASCII isDigitRune reports: the
// decimal digits of every script (detect.DecimalDigits) and the CJK
// numerals (all in U+3000–U+9FFF), for the tables built from them
// (digitUnits, wideDigitPairs) without asking isDigitRune of every code
// point.
var nonASCIIDigits = sync.OnceValue(func() []rune {
	var rs []rune
	for r := range detect.DecimalDigits() {
		if r >= utf8.RuneSelf && isDigitRune(r) {
			rs = append(rs, r)
		}
	}
	for r := rune(0x3000); r <= 0x9fff; r++ {
		if cjkNumeral(r) {
			rs = append(rs, r)
		}
	}
	return rs
})

// joinWindow bounds the held text of a field that a new piece is joined
// to: an identifier, spelled however, is far shorter, and a field
// repeated many times in one event (duplicate keys) is held no longer.
const joinWindow = 512

// compactSlack is how much released text a field's buffer gathers before
// it is cut back to joinContext: each cut copies what is left, so it is
// made once for that many bytes.
const compactSlack = 1024

// settleReleased moves into the context the pieces at the front of a
// field that were released, and those further back than joinWindow from
// the end, which nothing to come can still join. Each piece
// is moved once, and the buffer is cut back once compactSlack bytes of
// context are past use.
func (j *joiner) settleReleased(f *fieldText) {
	if f.stale {
		// a released piece was masked (a pause): its text goes on as it
		// went out, and everything held is read again with the next piece
		f.stale = false
		if len(f.pieces) > 0 {
			f.rebuildFrom(0)
		}
		f.openStart = f.ctx
		f.cutFrom = min(f.cutFrom, f.ctx)
	}
	n := 0
	for n < len(f.pieces) && (f.pieces[n].ev == nil || len(f.text)-f.starts[n] > joinWindow) {
		p := f.pieces[n]
		if p.ev != nil && f.args.holds(p.ord) {
			break // a tool call's arguments, held until they are whole (joinargs.go)
		}
		if p.ev != nil && p.isOpen() && f.cutHeld {
			// open before a run shown as nothing that is still going
			// (300 word joiners, U+FEFF, combining marks … in pieces):
			// what follows the run decides whether its digits go out
			// masked (closeCut), so it stays held past the window
			break
		}
		if p.ev != nil && p.isOpen() {
			j.applyDeferred(f) // it is not read again
		}
		p.closed = true
		n++
	}
	if n > 0 {
		f.ctx = len(f.text)
		if n < len(f.pieces) {
			f.ctx = f.starts[n]
		}
		clear(f.pieces[:n]) // nothing keeps a settled piece's text alive
		f.pieces, f.starts = f.pieces[n:], f.starts[n:]
	}
	if drop := f.ctx - joinContext; drop > compactSlack {
		f.text = f.text[:copy(f.text, f.text[drop:])]
		f.ctx -= drop
		f.openStart = max(0, f.openStart-drop)
		f.cutFrom = max(0, f.cutFrom-drop)
		for k := range f.starts {
			f.starts[k] -= drop
		}
	}
}

// mask replaces a finding of the joined text in the pieces it covers: its
// mask spread over them, each piece's digits starred in place
// (spreadMask), or else whole where the first held piece's part of it
// was, the parts in the pieces after emptied, so that the joined text
// reads the mask.
// A part already released cannot be taken back. It returns the index of
// the first piece changed, or -1 when none is (rebuildFrom then joins
// the text again).
func (f *fieldText) mask(fd detect.Finding) int {
	return f.maskQuoting(fd, false)
}

// maskQuoting is mask; quoted: fd.Masked is a JSON string written where a
// bare number was (a tool call's arguments, readArgDoc), and a mask
// spread over the number's digits keeps its quotes around them, the
// opening one in the piece where the number starts, the closing one in
// the piece where it ends: the joined text stays JSON. The quotes (or a
// mask not spread, the JSON string whole) are the document's syntax: a
// piece read with its escapes writes them as they are (markWritten).
func (f *fieldText) maskQuoting(fd detect.Finding, quoted bool) int {
	first := -1
	// the first piece that ends after its start: the pieces before it are
	// not looked at (a field held whole may have many)
	from := sort.Search(len(f.pieces), func(k int) bool { return f.starts[k]+len(f.pieces[k].text) > fd.Start })
	// a mask that spreads over the value as written stars its digits in
	// each piece where they stand (spreadMask): the pieces keep their
	// text's shape, a line's event its line
	m, spread := "", false
	if len(f.pieces) > 0 && fd.Start >= f.starts[0] {
		m, spread = spreadMask(f.text[fd.Start:fd.End], fd.Masked)
	}
	for k := from; k < len(f.pieces); k++ {
		p := f.pieces[k]
		a, b := f.starts[k], f.starts[k]+len(p.text)
		if a >= fd.End {
			break
		}
		lo, hi := max(fd.Start, a), min(fd.End, b)
		if lo >= hi {
			continue
		}
		repl := ""
		if spread {
			repl = m[lo-fd.Start : hi-fd.Start]
		} else if first < 0 {
			repl = fd.Masked
		}
		// the bytes of repl that are the document's syntax, not a
		// string's content: a number's quotes, or the whole of a mask
		// written as its JSON string
		syn := 0 // how many of repl's first bytes
		if quoted && !spread && first < 0 {
			syn = len(repl)
		}
		if spread && quoted && lo == fd.Start {
			repl, syn = `"`+repl, 1
		}
		closing := spread && quoted && hi == fd.End
		if closing {
			repl += `"`
		}
		if first < 0 {
			first = k
		}
		t := append([]byte(nil), p.text[:lo-a]...)
		t = append(append(t, repl...), p.text[hi-a:]...)
		p.setText(t)
		p.markWritten(lo-a, syn)
		if closing {
			p.markWritten(lo-a+len(repl)-1, 1)
		}
	}
	return first
}

// forgetOldest drops the field seen least recently; its held pieces stay
// held until their events go.
func (j *joiner) forgetOldest() {
	var oldest, settled string
	var at, settledAt uint64
	for path, f := range j.fields {
		if at == 0 || f.seen < at {
			oldest, at = path, f.seen
		}
		if !f.open() && (settledAt == 0 || f.seen < settledAt) {
			settled, settledAt = path, f.seen
		}
	}
	if settledAt != 0 {
		oldest = settled // a field nothing can run on from goes first
	}
	j.applyDeferred(j.fields[oldest])
	for _, p := range j.fields[oldest].pieces {
		if p.isOpen() {
			// what follows would no longer be joined to it: the digits it
			// may start with go out masked, however few
			p.maskOpenTailFrom(1)
		}
		p.closed = true
	}
	for _, p := range j.fields[oldest].pieces {
		p.field = nil
	}
	if j.fields[oldest].pausedRun {
		j.paused.keep(oldest)
	}
	delete(j.fields, oldest)
}

// open reports whether a piece of the field may run on into the next:
// the open pieces are the last ones, so whether the last one is.
func (f *fieldText) open() bool {
	return len(f.pieces) > 0 && f.pieces[len(f.pieces)-1].isOpen()
}

// readMarkdown reads a field's joined text as a Markdown renderer shows it
// too (decodeMarkdown: a code span or emphasis cut across pieces, 138` in
// one and 1234`5678 in the next), and with its backslash escapes decoded
// (a tool call's arguments, JSON text the client parses once joined:
// {"phone":"\u0031\u0033\u0038 in one and 12345678"} in the next), and
// with its lines folded as folds says (fieldFolds: 138⏎ in one and
// 1234⏎5678 in the next, a spaced mobile on the screen), soft breaks with
// its Markdown read too (decodeFoldedMarkdown), and with its inline
// HTML taken out as a page renders it (findMarkup: 171<b> in one and
// 7146</b>8916 in the next), and merges what each reading finds, its
// spans mapped back to the text, into fs.
func (j *joiner) readMarkdown(text []byte, hint detect.CategorySet, fs []detect.Finding, folds foldMode) []detect.Finding {
	trig := triggers(text)
	if mayReadMarkdown(trig) {
		fs = j.readDecoded(text, hint, fs, decodeMarkdown)
	}
	if folds != foldNone {
		// (a mask keeps the lines it spans: foldMasks)
		fs = mergeFindings(fs, foldMasks(text, j.findDecoded(text, hint, func(b []byte) ([]byte, []int32, bool) { return decodeFoldedLines(b, folds) })))
	}
	if folds == foldSoft && mayReadMarkdown(trig) {
		// both at once (decodeFoldedMarkdown: 138*1234*⏎ in one and 5678 in the next)
		fs = mergeFindings(fs, foldMasks(text, j.findDecoded(text, hint, decodeFoldedMarkdown)))
	}
	if trig&trigBackslash != 0 {
		fs = j.readDecoded(text, hint, fs, decodeEscapesOf)
	}
	if trig&trigTag != 0 {
		fs = mergeFindings(fs, j.findTags(text, hint, folds))
	}
	if trig&trigMarkup != 0 && !j.inMarkup {
		// inline HTML between the digits (171<b> in one and 7146</b> in
		// the next: joinmarkup.go)
		fs = mergeFindings(fs, j.findMarkup(text, hint, folds))
	}
	return fs
}

// findTags returns what a field's joined text holds in its tag view (the
// tag characters read as the ASCII they mirror: tagview.go), read as the
// text is, by the engine and in the readings above, the spans mapped
// back to the text. The view holds no tag character that mirrors ASCII:
// its own readMarkdown reads no tag view again.
func (j *joiner) findTags(text []byte, hint detect.CategorySet, folds foldMode) []detect.Finding {
	dec, offs, ok := decodeTagChars(text)
	if !ok {
		return nil
	}
	if m := j.s.meter; m != nil && m.spend(int64(len(dec))) != nil {
		return nil
	}
	fs := j.find(dec, hint)
	countJoinRead(len(dec))
	fs = j.readMarkdown(dec, hint, fs, folds)
	for k := range fs {
		fs[k].Start, fs[k].End = rawSpan(offs, fs[k].Start, fs[k].End)
	}
	return fs
}

// readDecoded reads a field's joined text as decode gives it and merges
// what that reading finds into fs.
func (j *joiner) readDecoded(text []byte, hint detect.CategorySet, fs []detect.Finding, decode func([]byte) ([]byte, []int32, bool)) []detect.Finding {
	return mergeFindings(fs, j.findDecoded(text, hint, decode))
}

// findDecoded returns what a field's joined text holds read as decode
// gives it, the spans mapped back to the text.
func (j *joiner) findDecoded(text []byte, hint detect.CategorySet, decode func([]byte) ([]byte, []int32, bool)) []detect.Finding {
	dec, offs, ok := decode(text)
	if !ok {
		return nil
	}
	if m := j.s.meter; m != nil && m.spend(int64(len(dec))) != nil {
		return nil
	}
	more := j.find(dec, hint)
	countJoinRead(len(dec))
	for k := range more {
		more[k].Start, more[k].End = rawSpan(offs, more[k].Start, more[k].End)
	}
	return more
}
