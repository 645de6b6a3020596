package bodyformat

import (
	"errors"
	"io"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// maxBinaryFormValue is the most bytes of one value a BinaryScreen holds
// back: a longer value is read as it stands at that length, and read on
// with its last binaryFormOverlap bytes (binaryFields.cut).
const maxBinaryFormValue = 4 << 10

// binaryFormOverlap is how many bytes of a value cut at
// maxBinaryFormValue are read again with what follows: more than any
// identifier written spaced in full-width digits, with its label.
const binaryFormOverlap = 256

// binaryScreenRead is how many bytes a BinaryScreen asks its source for
// at a time.
const binaryScreenRead = 32 << 10

// binaryScreenPiece is the most bytes of one field, or one run of text, a
// BinaryScreen holds back before it reads it as it stands (cut): a name,
// its '=' and maxBinaryFormValue bytes of value, and a character cut off
// after them.
const binaryScreenPiece = maxBinaryFormKey + 1 + maxBinaryFormValue + utf8.UTFMax

// BinaryScreenHold is the most bytes a BinaryScreen holds back: a field
// not yet ended, and a run of text not yet ended before it (runs are read
// only where the fields were, so that a run and the field it stands in
// are read in the same read and counted once).
const BinaryScreenHold = 2 * binaryScreenPiece

// BinaryScreenMemory is what a BinaryScreen charges Limits.Memory when it
// starts, and all it holds: its window (what it holds back and one read
// of its source), the fields of one read joined as a form, its runs of
// text as UTF-8 (twice the window's bytes at most: UTF-16 decoded), and
// their readings.
const BinaryScreenMemory = 6 * (BinaryScreenHold + binaryScreenRead)

// BinaryScreen reads a body that is no text and of no binary type
// (untyped or application/octet-stream, its first bytes no text: IsText)
// as it streams, as Inspect reads such a body when it has it whole, on
// the same roads: the fields a form parser that ignores the type reads in
// it (each "name=value" from '&' to '&', read as a form's field:
// binaryFields), its runs of text of minBinaryTextRun bytes or more
// (binaryRuns; UTF-16 after a short head), and, when the body ends within
// the screen's first window (binaryScreenPiece bytes, held before any
// is read or passed on), the text after a short binary head
// (binaryHeadText: a length-prefixed JSON document), read-only. A body
// whose head is a JSON document's start behind a 4-byte length
// (docHeadLength) is held whole till it ends, up to maxBinaryScreenDoc
// bytes, and read so too (as JSON, sibling members joined): one that runs
// past what its length says, or holds a NUL or a byte that is no UTF-8,
// is streamed as any other; one longer than that bound whose length says
// more is refused (ErrTooLarge). A stream of length-prefixed messages in
// one framing longer than that bound (heldFraming of what it held) is
// then read message by message (startMessages): each held whole, read
// so, and passed on; a message longer than the bound is refused
// (ErrTooLarge). It passes the body's bytes on unchanged,
// each only once the field and the run it belongs to have been read: it
// holds back at most BinaryScreenHold bytes (a field or a run not yet
// ended; a length-prefixed document: up to maxBinaryScreenDoc and one
// more, charged to Limits.Memory when held), whatever the body's length,
// so it needs no size limit.
//
// In Redact mode a field with personal data ends the stream: the Read
// that reached it returns an error wrapping ErrMalformed (a binary body is
// never rewritten), and none of that field's bytes are passed on. In
// Scan mode what it finds counts, and the bytes pass. Check, when set,
// is called after each read that found more, with all found so far; an
// error from it ends the stream the same way. An error reading the
// source, or of the reading itself (ErrWork, ErrCanceled), ends it too.
// A field or a run longer than the screen holds is read in pieces that
// overlap by binaryFormOverlap bytes: a value in the overlap may count
// twice in Scan mode. Runs of text are read only until a field holds
// something, as Inspect reads none in a body whose fields hold something:
// a run the screen read before a later field held something counts,
// where the body read whole counts only its fields (the screen cannot
// know what a later field holds; it finds more, never less).
type BinaryScreen struct {
	// Check, when set, judges what was found so far (see BinaryScreen).
	Check func(Result) error

	src    io.Reader
	eng    finder
	mode   Mode
	lim    Limits
	fields *binaryFields
	runs   *binaryRuns // nil until the body's head is read
	buf    []byte      // read from src and not yet passed on
	off    int         // buf[off:ready] is read and may be passed on
	ready  int
	form   []byte // the fields of one read, joined as a form
	flat   []byte // the runs of text of one read (binaryRuns.appendFlat)
	passed int    // bytes passed on or let go from the window
	res    Result // what was found so far
	// fieldsFound: the fields found something (in this read or an
	// earlier one); from then on no run of text is read, as Inspect
	// reads none in a body whose fields hold something (binaryWhole): a
	// run may stand over fields read in earlier reads (a NUL between
	// digits, an '&', are text to it), and would count their values again
	fieldsFound bool
	err         error // what ends the stream once buf[off:ready] is passed on
	held        int   // the most bytes held back at once
	// doc: the body held whole, its head a length-prefixed JSON
	// document's of up to docLen bytes (holdDoc), doc[:docValid] UTF-8
	// with no NUL; docTried: the head was looked at for one
	doc      []byte
	docLen   int
	docValid int
	docTried bool
	// leadEnd: where the whole length-prefixed messages the held body
	// starts with end, when more follows them (leadDoc); leadTried: looked
	leadEnd   int
	leadTried bool
	// framedHead: the head held shows a stream of length-prefixed
	// messages (heldFraming); msgs: the body is read message by message
	// in framing msgKind (startMessages), s.buf holding them
	framedHead bool
	msgs       bool
	msgKind    uint8
	eof        bool
}

// NewBinaryScreen returns a BinaryScreen of src, reading its fields in
// mode under lim (each read's fields under lim's work and context, the
// screen's memory charged to lim.Memory at once: BinaryScreenMemory). A
// charge refused is ErrMemory. eng must not be nil.
func NewBinaryScreen(eng *detect.Engine, src io.Reader, mode Mode, lim Limits) (*BinaryScreen, error) {
	lim = lim.withDefaults()
	if lim.Memory != nil {
		if err := lim.Memory.Reserve(BinaryScreenMemory); err != nil {
			return nil, errors.Join(ErrMemory, err)
		}
	}
	return &BinaryScreen{
		src: src, eng: eng, mode: mode, lim: lim, fields: newBinaryFields(),
		buf:  make([]byte, 0, BinaryScreenHold+binaryScreenRead),
		form: make([]byte, 0, BinaryScreenHold+binaryScreenRead),
		flat: make([]byte, 0, 2*(BinaryScreenHold+binaryScreenRead)),
		res:  Result{Format: FormatSkipped, Summary: detect.Summary{Counts: map[detect.Category]int{}}},
	}, nil
}

// Read passes on the next bytes of the body that have been read for
// fields, reading more of the source when it has none.
func (s *BinaryScreen) Read(p []byte) (int, error) {
	for s.off == s.ready {
		if s.err != nil {
			return 0, s.err
		}
		s.fill()
	}
	n := copy(p, s.buf[s.off:s.ready])
	s.off += n
	return n, nil
}

// fill reads the source once and reads the fields that ended in what it
// gave, making the bytes no later field takes ready to be passed on; it
// sets err when the stream ends.
func (s *BinaryScreen) fill() {
	if s.msgs {
		s.fillMessages()
		return
	}
	if s.eof {
		s.err = io.EOF
		return
	}
	if s.doc != nil {
		if !s.fillDoc() {
			return
		}
	} else if !s.fillWindow() {
		return
	}
	if s.runs == nil {
		if len(s.buf) < binaryScreenPiece && !s.eof {
			// the first window: nothing is read or goes on before it is
			// held (the head decides how runs are read), and a body that
			// ends within it is read whole, as Inspect reads it (text
			// after a short binary head is read only so)
			s.held = max(s.held, len(s.buf))
			return
		}
		if !s.eof && !s.docTried {
			// a length-prefixed JSON document past the first window:
			// held whole to be read as Inspect reads it
			s.docTried = true
			if n := docHeadLength(s.buf); n > 0 {
				s.holdDoc(n)
				return
			}
		}
		s.runs = newBinaryRuns(s.buf)
	}
	add := func(key, val []byte) { s.form = appendBinaryField(s.form, key, val) }
	done := s.fields.next(s.buf, s.eof, add)
	if len(s.buf)-done > binaryScreenPiece-utf8.UTFMax {
		done = s.fields.cut(s.buf, binaryFormOverlap, add) // the field as it stands
	}
	// the runs of what the fields are done with
	run := func(start, end int) {
		if !s.fieldsFound { // else no run is read (fieldsFound)
			s.flat = s.runs.appendFlat(s.flat, s.buf[start:end])
		}
	}
	ran := s.runs.next(s.buf[:done], s.eof && done == len(s.buf), run)
	if done-ran > binaryScreenPiece-utf8.UTFMax {
		ran = s.runs.cut(s.buf[:done], binaryFormOverlap, run) // the run as it stands
	}
	done = ran
	s.held = max(s.held, len(s.buf)-done)
	if done == s.ready && !s.eof {
		// nothing more can go on: the fields and runs that ended are read
		// with those that end by the time some can (one reading decides
		// whether bytes are a field's or a run's: a run open over fields
		// is read with them), and a body held whole till its end is read
		// whole
		return
	}
	if len(s.form) > 0 || len(s.flat) > 0 || s.eof && s.passed == 0 && s.ready == 0 {
		if err := s.read(); err != nil {
			s.err = err // nothing of this read goes on
			return
		}
	}
	s.form, s.flat = s.form[:0], s.flat[:0]
	s.ready = done
	if s.eof && s.ready == s.off {
		s.err = io.EOF
	}
}

// fillWindow reads the source once into the window, what is held back
// moved to its front first when a read has no room, and reports whether
// bytes may be read (false: the stream ended with an error).
func (s *BinaryScreen) fillWindow() bool {
	if cap(s.buf)-len(s.buf) < BinaryScreenHold {
		// room for a read: what is held back moves to the front
		n := copy(s.buf, s.buf[s.ready:])
		s.buf = s.buf[:n]
		s.fields.shift(s.ready)
		s.runs.shift(s.ready)
		s.passed += s.ready
		s.off, s.ready = 0, 0
	}
	n, err := s.src.Read(s.buf[len(s.buf):cap(s.buf)])
	s.buf = s.buf[:len(s.buf)+n]
	switch {
	case err == io.EOF:
		s.eof = true
	case err != nil:
		s.err = err
		return false
	}
	return true
}

// read reads one read as Inspect reads a binary body: a body the screen
// holds whole, untouched (it ended within the first window), as text
// after a short binary head (binaryHeadText) when it is one; else the
// fields (form: readBinaryForm) and, while no field held anything, in
// this read or an earlier one, the runs of text (flat: readBinaryText)
// that ended in it. It judges what was found so far (Check).
func (s *BinaryScreen) read() error {
	in := s.newInspector()
	in.binarySigned = s.runs.off // a known format's file, as binaryForm reads it
	read, err := false, error(nil)
	if s.eof && s.passed == 0 && s.ready == 0 {
		// the body whole in the first window: read as Inspect reads it
		read, err = true, in.binaryWhole(s.buf)
	}
	if !read && err == nil && len(s.form) > 0 {
		err = in.readBinaryForm(s.form)
		s.fieldsFound = s.fieldsFound || in.counted() > 0
	}
	if !read && err == nil && !s.fieldsFound && len(s.flat) > 0 {
		err = in.readBinaryText(s.flat)
	}
	return s.judge(in, err)
}

// newInspector returns an inspector for one of the screen's readings,
// metered on its own within the screen's work limit; the blobs a reading
// inflates yield maxBlobInflation bytes at most together, charged to
// Limits.Memory while they are read (the rest is BinaryScreenMemory).
func (s *BinaryScreen) newInspector() *inspector {
	m := newMeter(Limits{MaxWork: s.lim.MaxWork, Context: s.lim.Context})
	m.capDecoding(maxBlobInflation)
	m.momentary = s.lim.Memory
	return &inspector{eng: s.eng, mode: s.mode, lim: s.lim, meter: m}
}

// judge ends a reading by in that ended with err: what it found is added
// to the screen's result and judged (Check); it returns the first error.
func (s *BinaryScreen) judge(in *inspector, err error) error {
	in.putHints()
	if err == nil {
		err = in.meter.err
	}
	if len(in.findings) > 0 || in.counted() > 0 {
		s.found(in)
		if err == nil && s.Check != nil {
			err = s.Check(s.res)
		}
	}
	return err
}

// found adds what in found to the screen's result: every finding counts;
// under Limits.SamplesOnly at most Limits.Samples are kept.
func (s *BinaryScreen) found(in *inspector) {
	sum := &s.res.Summary
	sum.Categories |= in.summary.Categories
	for c, n := range in.summary.Counts {
		sum.Counts[c] += n
	}
	for _, f := range in.findings {
		if s.lim.SamplesOnly && s.lim.Samples > 0 && len(s.res.Findings) >= s.lim.Samples {
			break
		}
		s.res.Findings = append(s.res.Findings, f)
	}
}

// Result returns what the screen found so far: Findings and Summary, the
// Format "skipped" (the body is passed on as it came).
func (s *BinaryScreen) Result() Result { return s.res }

// Held returns the most bytes the screen has held back at once.
func (s *BinaryScreen) Held() int { return s.held }
