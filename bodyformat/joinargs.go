package bodyformat

import (
	"bytes"
	"sort"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A tool call's arguments stream as pieces of one JSON document
// (Anthropic's input_json_delta partial_json, OpenAI's
// tool_calls[].function.arguments), which the client parses once they
// are whole: {"tel1":"159","tel2":"2972",…} is read as JSON by it, so the
// joiner reads it as JSON too, not only as text. The pieces of a document
// are held until it is complete (argDoc lexes each piece once), then the
// document is walked as a JSON body is (inspector.walkJSONKeeping) and
// its masks are spread over the held pieces (fieldText.mask). A document
// longer than maxArgDoc is read in windows (joinargs_window.go): past the
// bound the members before the last member boundary are walked and go
// out, and the rest is held and read with the members after it, after
// the openers of the containers it stands in. A document a release sends
// out before its end is read as text only up to the next member
// boundary, and held from there.

// maxArgDoc bounds the text of a tool call's arguments held for their
// JSON reading, in each field: past it the members before the last
// member boundary are read and go out (joinargs_window.go).
const maxArgDoc = 8 << 10

// argDocKeep is the most buffer a field keeps for the next document once
// one is read or given up: a larger one goes.
const argDocKeep = 1 << 10

// argKey reports whether a client parses the strings appended under key
// as one JSON document: a tool call's arguments.
func argKey(key []byte) bool {
	return string(key) == "partial_json" || string(key) == "arguments"
}

// The OpenAI Responses API streams a function call's arguments under
// the event's top-level "delta" (response.function_call_arguments.delta),
// a key text deltas use too: the event's type (its data's "type", or its
// event name) tells them apart (argsEvent), and such a delta is joined as
// the arguments of its output item (argsPath), held and read as JSON as
// the others are.

// argsEventType reports whether an event of type typ streams a tool
// call's arguments in its "delta": the Responses API's
// response.function_call_arguments.delta and
// response.mcp_call_arguments.delta.
func argsEventType(typ []byte) bool {
	return bytes.HasPrefix(typ, []byte("response.")) && bytes.HasSuffix(typ, []byte("_arguments.delta"))
}

// argsEvent reports whether a held JSON event streams a tool call's
// arguments in its top-level "delta" (argsEventType): by its event name,
// or by the top-level "type" among strs, its payload's strings.
func (ev *heldEvent) argsEvent(strs []jsonStringSpan) bool {
	for _, line := range ev.lines {
		if name, ok := bytes.CutPrefix(line, []byte("event:")); ok && argsEventType(bytes.TrimSpace(name)) {
			return true
		}
	}
	for _, str := range strs {
		if str.path == "type" {
			typ := ev.payload[str.start:str.end]
			if str.escaped {
				typ, _, _ = decodeEscapes(typ, nil, nil)
			}
			return argsEventType(typ)
		}
	}
	return false
}

// argsPath is the path and key under which an arguments event's "delta"
// is joined: its output item's arguments (block: the event's
// output_index), a field of their own, never a text delta's.
func argsPath(block string) (string, []byte) {
	return block + ".delta#arguments", []byte("arguments")
}

// argDoc lexes the joined text of a tool call's arguments, piece by
// piece, to tell where each JSON document in it ends, and keeps the
// document as it was written (the pieces' text before the joiner reads
// their escapes or masks them).
type argDoc struct {
	depth int    // containers open; 0: no document started
	inStr bool   // inside a string
	esc   bool   // after a backslash in a string
	over  bool   // nothing held: released before its end, held again from the next member boundary
	first uint64 // the ord of its first held piece
	at    int    // where in its first held piece as written raw starts
	raw   []byte // the document as written, from its start or from a member boundary
	ends  []int  // where in raw each of its pieces ends, from first on
	lens  []int  // the length of each of its pieces as written
	win   argWindow
}

// holds reports whether the piece of ord waits for the end of the
// document it is part of.
func (d *argDoc) holds(ord uint64) bool {
	return d != nil && d.depth > 0 && !d.over && ord >= d.first
}

// argsHeld reports whether a piece of the event waits for the end of a
// tool call's arguments.
func (ev *heldEvent) argsHeld() bool {
	for _, p := range ev.pieces {
		if !p.closed && p.field != nil && p.field.args.holds(p.ord) {
			return true
		}
	}
	return false
}

// giveUp stops holding the document (a release sends a held piece out
// before its end): what was held is read as text only, and the document
// is held again from its next member boundary (lexArgs).
func (d *argDoc) giveUp() {
	if d != nil && d.depth > 0 {
		d.over = true
		d.reset()
	}
}

// reset empties the document's buffers, keeping at most argDocKeep bytes
// of them.
func (d *argDoc) reset() {
	if cap(d.raw) > argDocKeep {
		d.raw, d.ends, d.lens = nil, nil, nil
	}
	d.raw, d.ends, d.lens = d.raw[:0], d.ends[:0], d.lens[:0]
}

// lexArgs lexes written, the text of the field's piece of ord as it was
// written, and reads each document it completes as JSON (readArgDoc),
// masking the field's pieces it spans. The piece is the last of the
// field's, its text (escapes read) at the end of the field's text.
// Past maxArgDoc held, the held members before the last member boundary
// are read and go out (cut).
func (j *joiner) lexArgs(f *fieldText, ord uint64, written []byte) {
	d := f.args
	from := 0 // where in written the document being read starts
	for i, c := range written {
		if d.depth == 0 {
			if c == '{' || c == '[' {
				d.depth, d.inStr, d.esc, d.over, d.first, d.at, from = 1, false, false, false, ord, i, i
				d.reset()
				d.win.start(c)
			}
			continue
		}
		boundary := false
		switch {
		case d.inStr && d.esc:
			d.esc = false
			d.win.keyByte(c)
		case d.inStr && c == '\\':
			d.esc = true
			d.win.keyByte(c)
		case d.inStr:
			d.inStr = c != '"'
			if d.inStr {
				d.win.keyByte(c)
			} else {
				d.win.keyEnd()
			}
		case c == '"':
			d.inStr = true
			d.win.keyStart()
		case c == '{' || c == '[':
			d.depth++
			d.win.push(d.depth, c)
			boundary = true
		case c == '}' || c == ']':
			d.depth--
		case c == ',':
			d.win.member(d.depth)
			boundary = true
		}
		if d.depth == 0 && !d.over {
			d.raw = append(d.raw, written[from:i+1]...)
			d.ends, d.lens = append(d.ends, len(d.raw)), append(d.lens, len(written))
			j.readArgDoc(f, d, d.raw, 0)
			continue
		}
		if !boundary {
			continue
		}
		if d.over {
			// released before its end: held again from here
			if d.depth > argMaxDepth {
				j.refuseArgs(d)
				continue
			}
			d.over, d.first, d.at, from = false, ord, i+1, i+1
			d.reset()
			d.win.anchor(d.depth)
			continue
		}
		d.win.markAt(len(d.raw)+i+1-from, d.depth)
	}
	if d.depth > 0 && !d.over {
		d.raw = append(d.raw, written[from:]...)
		d.ends, d.lens = append(d.ends, len(d.raw)), append(d.lens, len(written))
		if len(d.raw) > maxArgDoc {
			j.cutArgs(f, d, ord)
		}
	}
}

// readArgDoc walks part, the start of what d holds (raw[:len(part)]),
// after its window's openers and closed as the containers open at depth
// open are (argWindow.document), as a JSON body is
// walked, and puts its masks into the field's pieces it spans: at the
// same place where a piece's text is as written, else over the whole of
// the piece's text (escapes read, or masked by the text reading).
func (j *joiner) readArgDoc(f *fieldText, d *argDoc, part []byte, open int) {
	in := j.s.in
	if in == nil || len(f.pieces) == 0 {
		return
	}
	doc, off := d.win.document(part, open)
	if m := j.s.meter; m != nil && m.spend(int64(len(doc))) != nil {
		return
	}
	countJoinRead(len(doc))
	n := len(in.findings)
	if d.win.seen > 0 {
		// the members the window before walked were counted then
		in.countFrom = off + d.win.seen
	}
	w, err := in.walkJSONKeeping(doc, f.hint, 0, false, true)
	in.countFrom = 0
	if cap(d.win.syn) > argDocKeep {
		d.win.syn = nil // (held only while it is read)
	}
	if in.refusal != nil {
		// (nested past the depth limit, as an event's own: event)
		j.s.err, in.refusal = in.refusal, nil
		return
	}
	if err != nil {
		return
	}
	var fs []detect.Finding
	var quoted []bool // a number's mask, written as a string (maskQuoting)
	for _, e := range w.out.edits {
		if e.from < off || e.to > off+len(part) {
			continue // (a key of the openers, read in its own window)
		}
		lo, okLo := d.textAt(f, e.from-off, false)
		hi, okHi := d.textAt(f, max(e.from, e.to-1)-off, true)
		if okLo && okHi && lo < hi && (e.to-e.from == hi-lo || !bytes.ContainsAny(f.text[lo:hi], `"{}[]`)) {
			// (a span read through escapes or masks that takes in
			// the document's syntax is left to the text reading)
			fs = append(fs, detect.Finding{Start: lo, End: hi, Masked: string(e.repl)})
			quoted = append(quoted, len(e.repl) > 0 && e.repl[0] == '"' && doc[e.from] != '"')
		}
	}
	counted := n // the first finding not counted by the window before
	if w.countFrom > 0 {
		counted = len(in.findings)
		if w.countAt >= 0 {
			counted = w.countAt
		}
	}
	in.giveWalker(w)
	first := len(f.pieces)
	for i := len(fs) - 1; i >= 0; i-- { // from the end: a mask moves no span before it
		if i+1 < len(fs) && fs[i].End > fs[i+1].Start {
			continue // (two edits in one piece read whole)
		}
		if c := f.maskQuoting(fs[i], quoted[i]); c >= 0 {
			first = min(first, c)
		}
	}
	if first < len(f.pieces) {
		f.rebuildFrom(first)
		// the text read next starts no further back than the document
		f.openStart = min(f.openStart, len(f.text))
		f.cutFrom = min(f.cutFrom, len(f.text))
	}
	j.s.found(j.counted.fresh(in.findings[counted:])) // (joinargs_counted.go)
	in.findings = in.findings[:n]
}

// textAt returns where in the field's text the byte at in the document
// as written stands (after it: end), and whether its piece is held.
func (d *argDoc) textAt(f *fieldText, at int, end bool) (int, bool) {
	k := sort.SearchInts(d.ends, at+1) // the piece whose part ends after at
	if k == len(d.ends) {
		return 0, false
	}
	idx := int(d.first + uint64(k) - f.pieces[0].ord)
	if d.first+uint64(k) < f.pieces[0].ord || idx >= len(f.pieces) {
		return 0, false // released: nothing to mask in it
	}
	p := f.pieces[idx]
	rawStart, off := 0, d.at
	if k > 0 {
		rawStart, off = d.ends[k-1], 0
	}
	w := off + at - rawStart // where in the piece as written
	if end {
		w++
	}
	switch {
	case !p.escaped && len(p.text) == d.lens[k]:
		// its text is as written (a mask stars in place)
		return f.starts[idx] + w, true
	case p.escaped && p.from != nil:
		// its escapes read: where each byte of its text came from
		for t, src := range p.from {
			if int(src) >= p.carriedIn+w {
				return f.starts[idx] + t, true
			}
		}
		return f.starts[idx] + len(p.text), true
	case end:
		return f.starts[idx] + len(p.text), true
	}
	return f.starts[idx], true
}
