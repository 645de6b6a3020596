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
// (its start went out). A mask that cannot be written back in the
// charset fails it closed too.

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
	// decoders of fallbackCharsets, and the buffer they decode into,
	// kept for every line (shows)
	decoders [3]transform.Transformer
	decoded  [1024]byte
	pending  []byte // the start of a line not yet ended
	context  []byte // the end of a line written before it ended, or nil
}

// write passes b through the guard: each line that ends in it is read
// and handed to out, masked where a fallback reading finds a value; the
// start of a line not yet ended is held.
func (g *legacyGuard) write(b []byte, out func([]byte)) error {
	for len(b) > 0 {
		end := bytes.IndexByte(b, '\n')
		if end < 0 {
			g.pending = append(g.pending, b...)
			if len(g.pending) > legacyPending {
				return g.flushLine(out, legacyContext)
			}
			return nil
		}
		g.pending = append(g.pending, b[:end+1]...)
		b = b[end+1:]
		if err := g.flushLine(out, 0); err != nil {
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
func (g *legacyGuard) flushLine(out func([]byte), keep int) error {
	line, err := g.read()
	if err != nil {
		return err
	}
	n := max(0, len(line)-keep)
	out(line[:n])
	ended := n > 0 && line[n-1] == '\n'
	g.context = append(g.context, line[:n]...)
	if ended && !g.acrossLines {
		g.context = g.context[:0] // a line ended: nothing runs on
	} else if k := len(g.context) - legacyContext; k > 0 {
		g.context = append(g.context[:0], g.context[k:]...)
	}
	g.pending = append(g.pending[:0], line[n:]...)
	return nil
}

// read returns the held bytes as masked by every fallback reading that
// finds a value in them (read with their context), or as they are.
func (g *legacyGuard) read() ([]byte, error) {
	line := g.pending
	if isASCII(line) {
		return line, nil
	}
	if !g.validToo && utf8.Valid(line) && utf8.Valid(g.context) {
		return line, nil // valid UTF-8 of a type read as UTF-8 (validToo)
	}
	window := append(append(make([]byte, 0, len(g.context)+len(line)), g.context...), line...)
	valid := utf8.Valid(window)
	set := uint8(0)
	if valid {
		// legacyLook reads valid UTF-8 for its digits only: a charset
		// shows one UTF-8 does not only where it has a pair of its own
		if set = wideDigitCharsets(window); set == 0 {
			return line, nil
		}
	}
	for k, cs := range fallbackCharsets {
		if cs == nil || valid && set&(1<<k) == 0 || !g.shows(window, k, valid) {
			continue
		}
		masked, err := g.readIn(window, cs)
		if err != nil {
			return nil, err
		}
		if masked != nil {
			window = masked
		}
	}
	if !bytes.HasPrefix(window, g.context) {
		return nil, errLegacyMask // a value ran into what went out before
	}
	return window[len(g.context):], nil
}

// readIn reads window, its first len(g.context) bytes already written,
// in cs, and returns it written back in cs with what the reading masks,
// or nil when it masks nothing.
func (g *legacyGuard) readIn(window []byte, cs *charset) ([]byte, error) {
	text, err := cs.decode(window)
	if err != nil {
		return nil, err
	}
	g.in.reuse()
	masked := g.in.text(text, 0)
	dropped := false
	if masked == nil {
		if t := dropReplacement(text); len(t) < len(text) {
			text, dropped = t, true
			g.in.reuse()
			masked = g.in.text(text, 0)
		}
	}
	g.found(g.in.findings)
	if masked == nil || bytes.Equal(masked, text) {
		return nil, nil
	}
	ctx, err := cs.decode(g.context)
	if dropped {
		ctx = dropReplacement(ctx)
	}
	if err != nil || !bytes.HasPrefix(text, ctx) || !bytes.HasPrefix(masked, ctx) {
		return nil, errLegacyMask // a value ran into what went out before
	}
	rest, err := cs.encode(masked[len(ctx):], nil)
	if err != nil {
		return nil, errLegacyMask
	}
	return append(append([]byte(nil), g.context...), rest...), nil
}

// dropReplacement returns text without its U+FFFD: bytes a fallback
// charset cannot read, shown as a replacement character a reader reads
// past (�１�３�８/�６…, valid UTF-8 crafted to show digits in Big5,
// attack pass 27). A line the reading finds nothing in is read again
// without them; once a value is masked so, the line is written back
// without those bytes (they were no character there either).
func dropReplacement(text []byte) []byte {
	if !bytes.Contains(text, replacementChar) {
		return text
	}
	return bytes.ReplaceAll(text, replacementChar, nil)
}

// replacementChar is U+FFFD in UTF-8.
var replacementChar = []byte("\uFFFD")

// newLegacyGuard returns the guard of s, an unlabelled stream; validToo
// reads lines that are valid UTF-8 too (detectorShown).
func newLegacyGuard(s *Stream, validToo bool) *legacyGuard {
	in := &inspector{eng: s.eng, mode: Redact, lim: Limits{}.withDefaults(), meter: s.meter}
	return &legacyGuard{in: in, found: s.found, validToo: validToo}
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
