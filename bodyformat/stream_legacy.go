package bodyformat

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/transform"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A stream with no charset (Unlabelled) is shown by a browser in a
// Chinese or Japanese locale in GBK, Big5 or Shift_JIS, as a buffered
// body with none is (charset_unlabelled.go): there the full-width digits
// of a mobile show, which the stream's UTF-8 reading sees as U+FFFD. So
// what the stream writes, after its UTF-8 reading, passes through a
// legacyGuard: a small transform that reads each line in every fallback
// charset that shows it in a way that matters (legacyLook, decided from
// the line itself; a valid UTF-8 line only for a type browsers show
// through their charset detector, detectorShown), masks what a reading finds in that
// charset's bytes, and writes the rest byte for byte. It holds back only
// the start of a line not yet ended (a line end is a character boundary
// in all three charsets, and what a browser shows an identifier within),
// at most legacyPending bytes: past that, the line goes out up to its
// last legacyContext bytes, which are kept as the context of what
// follows, and a value found running into them fails the stream closed
// (its start went out). The guard sees every byte of a line from its
// start, in order, so it knows where each charset's characters start in
// the context (legacyGuard.align): each reading of the context starts at
// a character of its charset, as the browser's reading of the whole line
// does, and not one byte off inside a double-byte character (whose trail
// bytes read on as lead bytes until an ASCII byte). A mask stars the
// bytes of the characters a finding spans, in place (starChars): every
// other byte goes out as it came, and the line keeps its length.
//
// A page or plain text (detectorShown) shows a line end as a space, and
// the stream's UTF-8 reading joins its lines: such a stream reads each
// line after the end of the one before (acrossLines), and a line that a
// reading shows ending in digits keeps that open tail held (openTail,
// bounded by legacyContext), read again with the next line, so a value
// split over lines is starred, not refused (attack pass 28 F8). Each
// reading, and the context, shows a run of white space as one space, as
// a page does; past the hold's bound the collapsed context carries an
// open tail that went out (stream_legacy_space.go, attack pass 29 F3).

// legacyPending bounds the bytes of an unfinished line a legacyGuard holds.
const legacyPending = 4 << 10

// legacyContext is how much of a line written before it ended is read
// again with what follows: more than any identifier spelled in full-width
// digits with separators.
const legacyContext = 256

// legacyHold is the most a legacyGuard holds: an unfinished line, its
// context, and one line being read (its decoded text too).
const legacyHold = 3 * (legacyPending + legacyContext)

// errLegacyMask: a value a fallback reading of an unlabelled stream
// found could not be masked in that charset's bytes.
var errLegacyMask = fmt.Errorf("%w: an identifier a fallback charset shows in the stream cannot be masked", ErrMalformed)

// legacyGuard reads the output of an unlabelled stream in the fallback
// charsets (fallbackCharsets).
type legacyGuard struct {
	in    *inspector // reads each line: text, in every reading
	found func([]detect.Finding)
	// validToo: lines that are valid UTF-8 are read too (detectorShown)
	validToo bool
	// acrossLines: the end of a line is the context of the next (a
	// buffered body, whose page shows a line end as a space; a value
	// that runs into what was written before fails closed)
	acrossLines bool
	// openTail, when set (a stream, acrossLines), says where the open
	// tail of a reading starts (detect.Engine.OpenTail): a line that ends
	// in one keeps it held, read again with the next line
	openTail func([]byte) int
	// decoders of fallbackCharsets, and the buffer they decode into,
	// kept for every line (shows)
	decoders [3]transform.Transformer
	decoded  [1024]byte
	pending  []byte // the start of a line not yet ended
	context  []byte // the end of a line written before it ended, or nil
	// align[k]: where the first character of fallbackCharsets[k] that
	// starts in context starts (0 to 3: the bytes before it end a
	// character that went out before the context)
	align [3]int
	// shown: where the end of the context stands in the page's markup
	// (acrossLines: the context is kept as the page shows it,
	// stream_legacy_markup.go)
	shown shownScan
}

// write passes b through the guard: each line that ends in it is read
// and handed to out, masked where a fallback reading finds a value; the
// start of a line not yet ended is held.
func (g *legacyGuard) write(b []byte, out func([]byte)) error {
	for len(b) > 0 {
		// no more than legacyPending is held, however much b holds (a
		// buffered body is written whole): past it, the line goes out
		seg := b[:min(len(b), max(legacyPending+1-len(g.pending), 1))]
		end := bytes.IndexByte(seg, '\n')
		if end < 0 {
			g.pending = append(g.pending, seg...)
			b = b[len(seg):]
			if len(g.pending) > legacyPending {
				if err := g.flushLine(out, legacyContext); err != nil {
					return err
				}
			}
			continue
		}
		g.pending = append(g.pending, seg[:end+1]...)
		b = b[end+1:]
		if err := g.flushLine(out, -1); err != nil {
			return err
		}
	}
	return nil
}

// flush reads and writes all it holds: the stream ended, or paused.
func (g *legacyGuard) flush(out func([]byte)) error {
	if len(g.pending) == 0 {
		return nil
	}
	return g.flushLine(out, 0)
}

// flushLine reads the held bytes, after their context, and writes them
// (as masked) but the last keep; those stay held, and what was written of
// a line not ended is kept (its last legacyContext bytes) as context.
// keep < 0: a line ended, and (acrossLines) its open tail is kept, at
// most legacyContext bytes.
func (g *legacyGuard) flushLine(out func([]byte), keep int) error {
	line, open, err := g.read()
	if err != nil {
		return err
	}
	if keep < 0 {
		keep = 0
		if g.openTail != nil {
			keep = min(len(line)-open, legacyContext)
		}
	}
	n := max(0, len(line)-keep)
	out(line[:n])
	ended := n > 0 && line[n-1] == '\n'
	// the context is what went out, followed for a while by what is held
	// (realign reads the characters that straddle the two)
	old := len(g.context)
	g.context = append(g.context, line...)
	sent := old + n
	if ended && !g.acrossLines {
		sent, g.align = 0, [3]int{} // a line ended: nothing runs on
	} else {
		// white space is kept as a page shows it, one byte a run
		// (stream_legacy_space.go), and markup too, one short tag a run,
		// in a stream a browser shows (stream_legacy_markup.go; its
		// align is 0 until the context is first cut); else the first
		// bytes stay as they are, where align points
		if g.acrossLines {
			g.context = g.shown.compact(g.context[:sent], old)
			sent = len(g.context)
		} else if from := max(old, len(g.align)+1); sent > from {
			sent = collapseSpaceIn(g.context[:sent], from)
		}
		if k := sent - legacyContext; k > 0 {
			g.realign(k)
			g.context = append(g.context[:0], g.context[k:]...)
			sent -= k
		}
	}
	g.context = g.context[:sent]
	g.pending = append(g.pending[:0], line[n:]...)
	return nil
}

// realign moves each charset's first character start in the context
// (align) past the first drop bytes, which leave it: it walks the
// characters of the charset (charLen, as the browser reads them) from
// where it stood. The context is followed by the held bytes, so the walk,
// which stops short of its last legacyContext bytes, reads every
// character whole. Each byte is walked once a charset: linear.
func (g *legacyGuard) realign(drop int) {
	for k, cs := range fallbackCharsets {
		if cs == nil {
			continue
		}
		i := g.align[k]
		for i < drop {
			countReadingSteps(1)
			i += charLen(g.context[i:], cs)
		}
		g.align[k] = i - drop
	}
}

// read returns the held bytes as masked by every fallback reading that
// finds a value in them (read with their context), or as they are, and
// where in them the first open tail of those readings starts
// (readIn; len: none).
func (g *legacyGuard) read() ([]byte, int, error) {
	line := g.pending
	if isASCII(line) {
		return line, len(line), nil
	}
	if !g.validToo && utf8.Valid(line) && utf8.Valid(g.context) {
		return line, len(line), nil // valid UTF-8 of a type read as UTF-8 (validToo)
	}
	window := append(append(make([]byte, 0, len(g.context)+len(line)), g.context...), line...)
	valid := utf8.Valid(window)
	set := uint8(0)
	if valid {
		// legacyLook reads valid UTF-8 for its digits only: a charset
		// shows one UTF-8 does not only where it has a pair of its own
		if set = wideDigitCharsets(window); set == 0 {
			return line, len(line), nil
		}
	}
	open := len(window)
	for k, cs := range fallbackCharsets {
		from := min(g.align[k], len(g.context)) // its first character
		if cs == nil || valid && set&(1<<k) == 0 || !g.shows(window[from:], k, valid) {
			continue
		}
		masked, at, err := g.readIn(window, from, cs)
		if err != nil {
			return nil, 0, err
		}
		if masked != nil {
			window = masked
		}
		open = min(open, at)
	}
	if !bytes.HasPrefix(window, g.context) {
		return nil, 0, errLegacyMask // a value ran into what went out before
	}
	return window[len(g.context):], max(open, len(g.context)) - len(g.context), nil
}

// readIn reads window, its first len(g.context) bytes already written,
// in cs from from (a character start of cs), and returns it with the
// characters of cs a finding of the reading spans starred in its bytes
// (starChars), or nil when it masks nothing, and where in window the
// reading's open tail starts (detect.Engine.OpenTail: a value the next
// line may complete, 电话 １３８ before a line end a page shows as a
// space; len(window): none). Only a reading that finds a value or ends
// open is mapped to the bytes each decoded byte comes from
// (decodeCharsMapped, which reads as the decoder does); a finding in what
// went out fails closed.
func (g *legacyGuard) readIn(window []byte, from int, cs *charset) ([]byte, int, error) {
	w := window[from:]
	text, err := cs.decode(w)
	if err != nil {
		return nil, 0, err
	}
	read, _ := collapseSpace(text, nil) // as a page shows it
	g.in.reuse()
	fs := g.in.find(read, 0)
	dropped := false
	if len(fs) == 0 {
		if t, _ := dropReplacement(read, nil); len(t) < len(read) {
			read, dropped = t, true
			g.in.reuse()
			fs = g.in.find(read, 0)
		}
	}
	g.found(g.in.findings)
	masks := len(fs) > 0 && !bytes.Equal(detect.Apply(read, fs), read)
	tail := len(read)
	if g.openTail != nil {
		// digits the text ends in, markup and all (a value in a comment
		// or an attribute the markup view reads), or that the page shows
		// it ending in, the markup after them aside
		if endsInDigitRune(read, fs) {
			tail = g.openTail(read)
		}
		if end := shownEnd(read); end < len(read) && endsInDigitRune(read[:end], fs) {
			if t := g.openTail(read[:end]); t < end {
				tail = min(tail, t)
			}
		}
	}
	if !masks && tail == len(read) {
		return nil, len(window), nil
	}
	mapped, offs, _ := decodeCharsMapped(w, cs.enc, nil)
	if !bytes.Equal(mapped, text) {
		if !masks {
			return nil, len(window), nil // no tail held: a value it starts fails closed
		}
		return nil, 0, errLegacyMask // no reading to map the finding to bytes by
	}
	mapped, offs = collapseSpace(mapped, offs)
	if dropped {
		_, offs = dropReplacement(mapped, offs)
	}
	open := len(window)
	if tail < len(read) {
		open = from + int(offs[tail])
	}
	if !masks {
		return nil, open, nil
	}
	spans := make([]detect.Finding, 0, len(fs))
	for _, f := range fs {
		f.Start, f.End = rawSpan(offs, f.Start, f.End)
		if f.End <= len(g.context)-from {
			continue // all of it went out: read when its line was (a cut context reads more)
		}
		if f.Start < len(g.context)-from {
			return nil, 0, errLegacyMask // a value ran into what went out before
		}
		spans = append(spans, f)
	}
	return append(append([]byte(nil), window[:from]...), starChars(w, spans, cs)...), open, nil
}

// endsInDigitRune reports whether text, white space aside, ends with a
// digit the engine reads (engineDigit: circled ① and superscript ¹
// included) no finding of fs ends at: a number a reading shows at the end
// of a line, which the next may go on with. A label alone at the end is no
// reason to hold (the context carries it to the next line), nor a value
// found there.
func endsInDigitRune(text []byte, fs []detect.Finding) bool {
	end := len(bytes.TrimRight(text, " \t\n\r\f"))
	if r, _ := utf8.DecodeLastRune(text[:end]); !engineDigit(r) {
		return false
	}
	for _, f := range fs {
		if f.End >= end {
			return false
		}
	}
	return true
}

// dropReplacement returns text without its U+FFFD, and offs (the
// offset of each of its bytes, as decodeCharsMapped maps them; nil: none)
// without theirs: bytes a fallback charset cannot read, shown as a
// replacement character a reader reads past (�１�３�８/�６…, valid UTF-8
// crafted to show digits in Big5, attack pass 27). A line the reading
// finds nothing in is read again without them; a value found so is
// starred over the bytes its characters come from.
func dropReplacement(text []byte, offs []int32) ([]byte, []int32) {
	if !bytes.Contains(text, replacementChar) {
		return text, offs
	}
	if offs == nil {
		return bytes.ReplaceAll(text, replacementChar, nil), nil
	}
	t := make([]byte, 0, len(text))
	o := make([]int32, 0, len(offs))
	for i := 0; i < len(text); {
		countReadingSteps(1)
		if bytes.HasPrefix(text[i:], replacementChar) {
			i += len(replacementChar)
			continue
		}
		t, o = append(t, text[i]), append(o, offs[i])
		i++
	}
	return t, append(o, offs[len(text)])
}

// replacementChar is U+FFFD in UTF-8.
var replacementChar = []byte("\uFFFD")

// newLegacyGuard returns the guard of s, an unlabelled stream; validToo
// reads lines that are valid UTF-8 too (detectorShown).
func newLegacyGuard(s *Stream, validToo bool) *legacyGuard {
	in := &inspector{eng: s.eng, mode: Redact, lim: Limits{}.withDefaults(), meter: s.meter}
	g := &legacyGuard{in: in, found: s.found, validToo: validToo}
	if validToo {
		g.acrossLines, g.openTail = true, s.eng.OpenTail
	}
	return g
}

// shows is the package's readIn for a line of the stream and
// fallbackCharsets[k] (legacyLook; valid: the line is UTF-8): it decodes
// through the guard's own decoder and fixed buffer, so a line costs no
// allocation, and looks at each decoded character once.
func (g *legacyGuard) shows(b []byte, k int, valid bool) bool {
	t := g.decoders[k]
	if t == nil {
		t = fallbackCharsets[k].enc.NewDecoder()
		g.decoders[k] = t
	}
	t.Reset()
	var look legacyLook
	for {
		nDst, nSrc, err := t.Transform(g.decoded[:], b, true)
		for d := g.decoded[:nDst]; len(d) > 0; {
			c, size := utf8.DecodeRune(d)
			d = d[size:]
			countReadingSteps(1)
			if look.add(c) {
				return true
			}
		}
		b = b[nSrc:]
		if err != transform.ErrShortDst {
			return err == nil && look.read(valid)
		}
	}
}
