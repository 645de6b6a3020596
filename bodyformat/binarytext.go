package bodyformat

import (
	"bytes"
	"fmt"
	"net/http"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// errBinaryText is binaryText's refusal in Redact mode.
var errBinaryText = fmt.Errorf("%w: a binary body holds text with personal data", ErrMalformed)

// minBinaryTextRun is the fewest bytes of text between two bytes that are
// no text (a NUL, a control byte, a byte no UTF-8 decoder reads) that
// binaryText reads: a mobile's 11 digits. Random bytes hold shorter runs
// of printable bytes often ("N1@7.Μk" between two invalid bytes reads as
// an e-mail address), runs this long seldom.
const minBinaryTextRun = 11

// binaryText reads b, a body that is no text and of no known binary type
// (untyped, application/octet-stream, a binary WebSocket message), for
// the text between its NUL bytes and binary heads: two STOMP frames in
// one message, an MQTT PUBLISH (a length, a topic, a packet id, then the
// payload), a type name ended by a NUL before a JSON document, an id of
// 16 bytes before text, UTF-16 text after a short head. A receiver that
// drops the framing reads each run as text; SniffFramedText takes only
// one run after a head of at most maxFramedHead bytes. The runs of at
// least minBinaryTextRun bytes (binaryRuns, the reading BinaryScreen
// shares as the body streams) are read as a binary framing's flat text
// (readBinaryText), read-only: a binary body is never rewritten. In Scan
// mode what it finds counts; in Redact mode it refuses the body
// (ErrMalformed). A body that opens with a known format's signature (a
// PNG with text chunks) is left to its format: not read so.
func (in *inspector) binaryText(b []byte) error {
	runs := newBinaryRuns(b)
	n := 0
	runs.next(b, true, func(start, end int) { n += runs.flatLen(end - start) })
	if n == 0 {
		return nil
	}
	if err := in.reserve(int64(2 * n)); err != nil {
		return err // the runs' copy and flatControls'
	}
	flat := make([]byte, 0, n)
	runs = newBinaryRuns(b)
	runs.next(b, true, func(start, end int) { flat = runs.appendFlat(flat, b[start:end]) })
	return in.readBinaryText(flat)
}

// minObfuscatedRun is the fewest bytes of a run of text of a binary body
// a finding read through an obfuscation (a letter for a digit, an
// invisible character in an e-mail address: detect.EvObfuscated) counts
// in. Random bytes hold a run of 11 to 20 bytes of text in every few
// hundred, and one run in about ten thousand spells an obfuscated e-mail
// address ("ki3Msex@b\u034f"); a run of 32 bytes they all but never hold.
const minObfuscatedRun = 32

// readBinaryText reads flat, the runs of text of a binary body each
// followed by a byte that is no text (binaryRuns.appendFlat), as a binary
// framing's flat text (findFlat: a byte no UTF-8 decoder reads sets apart
// what it stands between), an obfuscated finding only in a run of
// minObfuscatedRun bytes or more: in Scan mode what it finds counts, in
// Redact mode a finding is errBinaryText.
func (in *inspector) readBinaryText(flat []byte) error {
	if in.meter != nil && in.meter.err != nil {
		return nil
	}
	in.flatBinary = true
	text := flatControls(flat)
	fs := in.read(text, 0)
	in.flatBinary = false
	if fs := in.settle(text, keptBinaryFindings(flat, fs)); len(fs) > 0 && in.mode == Redact { // (counted)
		return errBinaryText
	}
	return nil
}

// keptBinaryFindings returns the findings fs of flat, runs of text of
// binary bytes (binaryRuns.appendFlat), that count: one read through an
// obfuscation (detect.EvObfuscated) only in a run of minObfuscatedRun
// bytes or more, or digits split by NULs. fs is filtered in place.
func keptBinaryFindings(flat []byte, fs []detect.Finding) []detect.Finding {
	kept := fs[:0]
	for _, f := range fs {
		if f.Evidence&detect.EvObfuscated == 0 || runAround(flat, f.Start, f.End) >= minObfuscatedRun || nulSplitDigits(flat[f.Start:f.End]) {
			kept = append(kept, f)
		}
	}
	return kept
}

// runAround returns the length of the run of flat (binaryRuns.appendFlat)
// that flat[start:end] stands in: from the 0xFF before it to the one
// after it.
func runAround(flat []byte, start, end int) int {
	from := bytes.LastIndexByte(flat[:start], 0xFF) + 1
	to := bytes.IndexByte(flat[end:], 0xFF)
	if to < 0 {
		to = len(flat) - end
	}
	return end + to - from
}

// nulSplitDigits reports whether span holds ASCII digits with single NULs
// between them (nulBetweenDigits) and nothing else: an identifier so cut
// is no obfuscation random bytes spell, so minObfuscatedRun does not
// apply to it.
func nulSplitDigits(span []byte) bool {
	nul := false
	for i, c := range span {
		switch {
		case isASCIIDigit(c):
		case nulBetweenDigits(span, i):
			nul = true
		default:
			return false
		}
	}
	return nul
}

// binaryRuns reads the runs of text of a binary body, whole (next at its
// end) or as it arrives (next as more of it comes): runs of at least
// minBinaryTextRun bytes of text characters (binaryTextCharAt: printable
// characters and white space, valid UTF-8), or, when the body's head is
// a short binary head before UTF-16 or UTF-32 text (textAfterHead), runs
// of such characters in that charset from the head on (wideRuneAt). Each
// byte is read once. A stream that cannot hold a run whole reads it in
// pieces (cut). Offsets count in the window next is given, which grows at
// its end and loses its start to shift.
type binaryRuns struct {
	start int      // the open run's first byte
	at    int      // how far the window has been read
	cs    *charset // the runs' charset: nil for UTF-8
	off   bool     // a known format's file: no run is read
}

// newBinaryRuns starts the reading of a body whose first bytes (its first
// sniffLen at least, or all of it) are head.
func newBinaryRuns(head []byte) *binaryRuns {
	head = head[:min(len(head), sniffLen)]
	if http.DetectContentType(head) != "application/octet-stream" {
		return &binaryRuns{off: true} // a file of a known format (a PNG, a JPEG …) by its signature
	}
	if skip, cs := textAfterHead(head); cs != nil && cs.unit > 1 {
		return &binaryRuns{start: skip, at: skip, cs: cs}
	}
	return &binaryRuns{}
}

// hasUTF8Run reports whether b holds a run of text in UTF-8 of
// minBinaryTextRun bytes or more (textAfterHead).
func hasUTF8Run(b []byte) bool {
	n := 0
	for i := 0; i < len(b); {
		k := binaryTextCharAt(b, i)
		if k == 0 && nulBetweenDigits(b, i) {
			k = 1 // a run goes on across it (binaryRuns.charAt)
		}
		if k == 0 {
			n, i = 0, i+1
			continue
		}
		if n += k; n >= minBinaryTextRun {
			return true
		}
		i += k
	}
	return false
}

// unit is the bytes of a code unit of the runs' charset.
func (r *binaryRuns) unit() int {
	if r.cs == nil {
		return 1
	}
	return r.cs.unit
}

// next reads b, the window, from where the last call stopped, calling
// run with each run of text that ended; atEOF says b ends the body, which
// ends the open run. It returns how many of b's first bytes no later run
// can take: all of b at its end, else up to the open run's first byte.
func (r *binaryRuns) next(b []byte, atEOF bool, run func(start, end int)) int {
	if r.off {
		return len(b)
	}
	for r.at < len(b) {
		n, more := r.charAt(b, atEOF)
		if more {
			break // a character cut off at the window's end
		}
		if n > 0 {
			r.at += n
			continue
		}
		if r.at-r.start >= minBinaryTextRun*r.unit() {
			run(r.start, r.at)
		}
		r.at = min(r.at+r.unit(), len(b))
		r.start = r.at
	}
	if !atEOF {
		return r.start
	}
	if r.at-r.start >= minBinaryTextRun*r.unit() {
		run(r.start, r.at)
	}
	r.start, r.at = len(b), len(b)
	return len(b)
}

// charAt returns the length of the text character at b[r.at] (0 for a
// byte or code unit that is no text), or more when b ends inside one
// before the body does.
func (r *binaryRuns) charAt(b []byte, atEOF bool) (n int, more bool) {
	i := r.at
	if r.cs == nil {
		if b[i] >= utf8.RuneSelf && !atEOF && !utf8.FullRune(b[i:]) {
			return 0, true
		}
		if n := binaryTextCharAt(b, i); n > 0 || b[i] != 0 {
			return n, false
		}
		if i+1 == len(b) && i > 0 && isASCIIDigit(b[i-1]) && !atEOF {
			return 0, true // a NUL after a digit: is a digit next?
		}
		if nulBetweenDigits(b, i) {
			return 1, false
		}
		return 0, false
	}
	n, full := wideRuneAt(b[i:], r.cs)
	return n, !full && !atEOF
}

// wideRuneAt returns the length of the text character (textRune) b opens
// with in cs, UTF-16 or UTF-32 (a surrogate pair in UTF-16), or 0; full is
// false when b ends before the character does.
func wideRuneAt(b []byte, cs *charset) (n int, full bool) {
	countReadingSteps(1)
	if len(b) < cs.unit {
		return 0, false
	}
	c := codeUnit(b, cs)
	if cs.unit == 2 && c >= 0xd800 && c < 0xdc00 {
		if len(b) < 4 {
			return 0, false
		}
		if lo := codeUnit(b[2:], cs); lo >= 0xdc00 && lo <= 0xdfff {
			return 4, true
		}
		return 0, true
	}
	if textRune(c) {
		return cs.unit, true
	}
	return 0, true
}

// cut reads the open run of b as it stands (a run longer than a stream
// may hold back), when it is long enough, and keeps it open from its last
// keep bytes on: what comes next is read with them, so an identifier
// split at the cut is read whole in one of the two readings. It returns
// the first byte still held.
func (r *binaryRuns) cut(b []byte, keep int, run func(start, end int)) int {
	if r.off {
		return len(b)
	}
	if r.at-r.start >= minBinaryTextRun*r.unit() {
		run(r.start, r.at)
	}
	from := max(r.start, r.at-keep)
	if r.cs == nil {
		for from < r.at && !utf8.RuneStart(b[from]) {
			from++
		}
	} else {
		from += (r.at - from) % r.cs.unit // (whole code units from the run's start)
	}
	r.start = from
	return from
}

// shift says the window lost its first n bytes, all of them done with.
func (r *binaryRuns) shift(n int) {
	r.start = max(r.start-n, 0)
	r.at = max(r.at-n, 0)
}

// flatLen is how many bytes appendFlat writes for a run of n bytes.
func (r *binaryRuns) flatLen(n int) int {
	if r.cs == nil {
		return n + 1
	}
	return n/r.cs.unit*utf8.UTFMax + 1
}

// appendFlat appends run, a run of text next found, to flat as UTF-8,
// then a byte that is no text (0xFF), which sets it apart from the next.
func (r *binaryRuns) appendFlat(flat, run []byte) []byte {
	if r.cs == nil {
		return append(append(flat, run...), 0xFF)
	}
	for i := 0; i < len(run); {
		n, _ := wideRuneAt(run[i:], r.cs)
		c := codeUnit(run[i:], r.cs)
		if n == 4 && r.cs.unit == 2 {
			c = utf16.DecodeRune(c, codeUnit(run[i+2:], r.cs))
		}
		flat = utf8.AppendRune(flat, c)
		i += max(n, r.cs.unit)
	}
	return append(flat, 0xFF)
}

// nulBetweenDigits reports whether b[i] is a NUL between two ASCII
// digits: a receiver that decodes the message as text shows it as
// nothing, so a run of text goes on across it (attack pass 42:
// `tel 138\x001234\x005678` had passed, no run reaching
// minBinaryTextRun); two NULs, or a NUL beside anything else, end a run.
func nulBetweenDigits(b []byte, i int) bool {
	return i > 0 && i+1 < len(b) && b[i] == 0 && isASCIIDigit(b[i-1]) && isASCIIDigit(b[i+1])
}

// binaryTextCharAt returns the length of the character of text at b[i]
// (printable ASCII, white space, a valid UTF-8 sequence that is no C1
// control), or 0.
func binaryTextCharAt(b []byte, i int) int {
	countReadingSteps(1)
	c := b[i]
	if c < utf8.RuneSelf {
		if c >= ' ' && c != 0x7F || c == '\t' || c == '\n' || c == '\r' {
			return 1
		}
		return 0
	}
	r, n := utf8.DecodeRune(b[i:])
	if r == utf8.RuneError && n == 1 || r < 0xA0 {
		return 0
	}
	return n
}
