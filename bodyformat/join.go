package bodyformat

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// heldEvent is a complete event of a stream, inspected on its own and
// waiting to be written: its fields may still be completed by the next
// events.
type heldEvent struct {
	raw     []byte   // the event as it came
	lines   [][]byte // StreamEvents: its lines, each with its line end
	payload []byte   // its data (joined data lines, or the line without its end), redacted on its own
	changed bool     // payload or a line differs from raw
	json    bool     // payload is a JSON document, pieces are its strings
	pieces  []*piece
}

// piece is the text of one field of a held event: a string of its JSON
// payload, or its whole text payload.
type piece struct {
	ev      *heldEvent
	span    jsonStringSpan // JSON: where the string's content sits in ev.payload
	text    []byte         // the decoded text, masks applied
	changed bool
	open    bool // an identifier may run on into the next event
	openAt  int  // when open: where in text the identifier that may run on starts
}

// event inspects one complete event and holds it, then writes every held
// event nothing is waiting for.
func (s *Stream) event(raw []byte) {
	ev := &heldEvent{raw: bytes.Clone(raw)}
	in := &inspector{eng: s.eng, mode: Redact, lim: Limits{}.withDefaults(), meter: s.meter}
	if s.kind == StreamEvents {
		s.parseEvent(ev, in)
	} else {
		ev.payload = bytes.TrimRight(ev.raw, "\r\n")
	}
	if looksLikeJSON(ev.payload) {
		if out, format := in.json(ev.payload, 0, 0, false); format == FormatJSON {
			ev.json = true
			if out != nil {
				ev.payload, ev.changed = out, true
			}
		}
	}
	s.found(in.findings)
	s.held = append(s.held, ev)
	s.heldN += len(ev.raw)
	s.fieldsOf(ev)
	s.release(false, false)
}

// parseEvent splits a server-sent event into lines and joins its data
// lines into the payload; the other lines (event names, ids, comments)
// are scanned as text on their own.
func (s *Stream) parseEvent(ev *heldEvent, in *inspector) {
	var data [][]byte
	for rest := ev.raw; len(rest) > 0; {
		end := lineEnd(rest)
		line := rest[:end]
		rest = rest[end:]
		// a byte-order mark may open the stream
		if v, ok := bytes.CutPrefix(bytes.TrimPrefix(line, []byte("\xef\xbb\xbf")), []byte("data:")); ok {
			v = bytes.TrimRight(v, "\r\n")
			data = append(data, bytes.TrimPrefix(v, []byte(" ")))
		} else if out := in.text(line, 0); out != nil {
			line, ev.changed = out, true
		}
		ev.lines = append(ev.lines, line)
	}
	ev.payload = bytes.Join(data, []byte("\n"))
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
// text its field has across events.
func (s *Stream) fieldsOf(ev *heldEvent) {
	if !ev.json {
		p := &piece{ev: ev, text: bytes.Clone(ev.payload)}
		ev.pieces = append(ev.pieces, p)
		s.joins.add("", 0, p)
		return
	}
	strs, ok := jsonStrings(ev.payload, DefaultMaxDepth)
	if !ok {
		return
	}
	for _, str := range strs {
		raw := ev.payload[str.start:str.end]
		text := bytes.Clone(raw)
		if str.escaped {
			text, _, _ = decodeEscapes(raw, nil, nil)
		}
		p := &piece{ev: ev, span: str, text: text}
		ev.pieces = append(ev.pieces, p)
		s.joins.add(str.path, keyHint(str.key), p)
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
		s.held[0] = nil
		s.held = s.held[1:]
		s.heldN -= len(ev.raw)
		for _, p := range ev.pieces {
			if p.open && !ended {
				// released before what completes it has come (a pause, or
				// too much held): what may be the start of an identifier
				// does not go out as it is
				p.maskOpenTail()
			}
			p.open = false
			p.ev = nil // released: its field keeps it only as context
		}
		s.write(ev.render())
	}
}

// waiting reports whether one of the event's fields may run on.
func (ev *heldEvent) waiting() bool {
	for _, p := range ev.pieces {
		if p.open {
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
			if p.changed {
				out.replace(p.span.start, p.span.end, appendJSONEscaped(nil, p.text))
			}
		}
		if res := out.result(); res != nil {
			payload, ev.changed = res, true
		}
	} else if len(ev.pieces) == 1 && ev.pieces[0].changed {
		payload, ev.changed = ev.pieces[0].text, true
	}
	if !ev.changed {
		return ev.raw
	}
	if ev.lines == nil {
		return append(payload, ev.raw[len(bytes.TrimRight(ev.raw, "\r\n")):]...)
	}
	var out []byte
	wroteData := false
	for _, line := range ev.lines {
		if !bytes.HasPrefix(line, []byte("data:")) {
			out = append(out, line...)
			continue
		}
		if wroteData {
			continue
		}
		wroteData = true
		end := line[len(bytes.TrimRight(line, "\r\n")):]
		for l := range bytes.SplitSeq(payload, []byte("\n")) {
			out = append(append(append(out, "data: "...), l...), end...)
		}
	}
	return out
}

// joinContext is how much of a field's released text stays as context for
// the next pieces: labels and glue before a value.
const joinContext = 64

// maxFields bounds the fields followed across events; past it the least
// recently seen is forgotten.
const maxFields = 32

// joiner follows the text of each field across the events of a stream.
type joiner struct {
	s      *Stream
	fields map[string]*fieldText
	clock  uint64
}

// fieldText is the text of one field across events: the end of what was
// released, as context, and the pieces still held.
type fieldText struct {
	ctx    []byte
	pieces []*piece
	hint   detect.CategorySet
	seen   uint64
}

func (j *joiner) init(s *Stream) { j.s, j.fields = s, map[string]*fieldText{} }

// add joins a new piece to its field's text, masks what the joined text
// holds (a value split across events included), and marks the pieces an
// identifier may still run on from.
func (j *joiner) add(path string, hint detect.CategorySet, p *piece) {
	f := j.fields[path]
	if f == nil {
		if len(j.fields) >= maxFields {
			j.forgetOldest()
		}
		f = &fieldText{hint: hint}
		j.fields[path] = f
	}
	j.clock++
	f.seen = j.clock
	f.settleReleased()
	f.pieces = append(f.pieces, p)
	text, starts := f.joined()
	if m := j.s.meter; m != nil && m.spend(int64(len(text))) != nil {
		return // a buffered body's inspection fails: nothing more matters
	}
	fs := j.s.eng.FindSampled(text, f.hint, 0)
	var kept []detect.Finding
	for k := len(fs) - 1; k >= 0; k-- {
		fd := fs[k]
		if fd.Start < len(f.ctx) && fd.End > len(f.ctx) {
			// part of it went out already: a partial mask of the whole
			// would show what completes it (14 digits out, then
			// 3409**********173X), so what is held is masked whole
			fd.Masked = strings.Repeat("*", utf8.RuneCount(text[len(f.ctx):fd.End]))
		}
		if fd.End > len(f.ctx) && f.mask(fd, starts) {
			kept = append(kept, fs[k])
		}
	}
	j.s.found(kept)
	if len(kept) > 0 {
		text, starts = f.joined()
	}
	open := j.s.eng.OpenTail(text)
	for k, q := range f.pieces {
		end := len(text)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		q.open, q.openAt = end > open, max(0, open-starts[k])
	}
}

// maskOpenTail masks the digits of the piece's open tail when it holds
// at least minMaskedTail of them: the start of a number that goes out
// before its end is known (身份证 11010519…, then a pause). Fewer digits
// (chatcmpl-1, gpt-4), a label waiting for its value, or words go out as
// they are.
func (p *piece) maskOpenTail() { p.maskOpenTailFrom(minMaskedTail) }

// maskOpenTailFrom masks the digits of the piece's open tail when it holds
// at least least of them.
func (p *piece) maskOpenTailFrom(least int) {
	tail := p.text[min(p.openAt, len(p.text)):]
	if k := bytes.LastIndexByte(tail, '*'); k >= 0 {
		// a mask stands in it (138****5678): what it kept is no start
		tail = tail[k+1:]
	}
	n := 0
	for _, r := range string(tail) {
		if isDigitRune(r) {
			n++
		}
	}
	if n < least {
		return
	}
	out := append([]byte(nil), p.text[:len(p.text)-len(tail)]...)
	for _, r := range string(tail) {
		if isDigitRune(r) {
			r = '*'
		}
		out = utf8.AppendRune(out, r)
	}
	p.text, p.changed = out, true
}

// minMaskedTail is the fewest digits of an open tail that a forced
// release masks: fewer tell nothing of a number.
const minMaskedTail = 5

// isDigitRune reports a digit of any script or a Chinese numeral.
func isDigitRune(r rune) bool { return unicode.IsDigit(r) || cjkNumeral(r) }

// cjkNumeral reports the Chinese numerals a number may be spelled in.
func cjkNumeral(r rune) bool {
	return strings.ContainsRune("〇零一二三四五六七八九壹贰叁肆伍陆柒捌玖幺两拐勾", r)
}

// joinWindow bounds the held text of a field that is read again with each
// new piece: an identifier, spelled however, is far shorter, and a field
// repeated many times in one event (duplicate keys) costs linear time.
const joinWindow = 512

// settleReleased moves into the context the pieces at the front that were
// released, and those further back than joinWindow from the end, which
// nothing to come can still join.
func (f *fieldText) settleReleased() {
	held := 0
	for _, p := range f.pieces {
		held += len(p.text)
	}
	n := 0
	for n < len(f.pieces) && (f.pieces[n].ev == nil || held > joinWindow) {
		held -= len(f.pieces[n].text)
		f.pieces[n].open = false
		f.ctx = append(f.ctx, f.pieces[n].text...)
		n++
	}
	f.pieces = f.pieces[n:]
	if len(f.ctx) > joinContext {
		f.ctx = append(f.ctx[:0], f.ctx[len(f.ctx)-joinContext:]...)
	}
}

// joined returns the context and the held pieces' text end to end, and
// where each piece starts in it.
func (f *fieldText) joined() ([]byte, []int) {
	text := append([]byte(nil), f.ctx...)
	starts := make([]int, len(f.pieces))
	for k, p := range f.pieces {
		starts[k] = len(text)
		text = append(text, p.text...)
	}
	return text, starts
}

// mask replaces a finding of the joined text in the pieces it covers: its
// mask goes where the first held piece's part of it was, and the parts in
// the pieces after are emptied, so that the joined text reads the mask.
// A part already released cannot be taken back. It reports whether any
// piece changed.
func (f *fieldText) mask(fd detect.Finding, starts []int) bool {
	placed := false
	for k := range f.pieces {
		p := f.pieces[k]
		a, b := starts[k], starts[k]+len(p.text)
		lo, hi := max(fd.Start, a), min(fd.End, b)
		if lo >= hi {
			continue
		}
		repl := ""
		if !placed {
			repl, placed = fd.Masked, true
		}
		t := append([]byte(nil), p.text[:lo-a]...)
		t = append(append(t, repl...), p.text[hi-a:]...)
		p.text, p.changed = t, true
	}
	return placed
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
	for _, p := range j.fields[oldest].pieces {
		if p.open {
			// what follows would no longer be joined to it: the digits it
			// may start with go out masked, however few
			p.maskOpenTailFrom(1)
		}
		p.open = false
	}
	delete(j.fields, oldest)
}

// open reports whether a piece of the field may run on into the next.
func (f *fieldText) open() bool {
	for _, p := range f.pieces {
		if p.open {
			return true
		}
	}
	return false
}
