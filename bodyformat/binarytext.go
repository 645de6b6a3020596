package bodyformat

import (
	"fmt"
	"net/http"
	"unicode/utf8"
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
// 16 bytes before text. A receiver that drops the framing reads each run
// as text; SniffFramedText takes only one run after a head of at most
// maxFramedHead bytes. The runs of at least minBinaryTextRun bytes are
// read in place as a binary framing's flat text (findFlat: every other
// byte an invalid one that sets apart what it stands between),
// read-only: a binary body is never rewritten. In Scan mode what it finds
// counts; in Redact mode it refuses the body (ErrMalformed). A body that
// opens with a known format's signature (a PNG with text chunks) is left
// to its format: not read so.
func (in *inspector) binaryText(b []byte) error {
	if http.DetectContentType(b) != "application/octet-stream" {
		return nil // a file of a known format (a PNG, a JPEG …) by its signature
	}
	runs, ok := binaryTextRuns(b)
	if !ok {
		return nil
	}
	if err := in.reserve(int64(2 * len(b))); err != nil {
		return err // the runs' copy and flatControls'
	}
	if fs := in.findFlat(runs(make([]byte, len(b)))); len(fs) > 0 && in.mode == Redact { // (counted)
		return errBinaryText
	}
	return nil
}

// binaryTextRuns returns a function that writes to dst (len(b) bytes) b
// with every byte outside its runs of text of at least minBinaryTextRun
// bytes (printable characters and white space, valid UTF-8, a NUL
// between two digits: nulBetweenDigits) as 0xFF, and
// ok false when b holds no such run. One pass over b to find a run, one
// to write.
func binaryTextRuns(b []byte) (write func(dst []byte) []byte, ok bool) {
	each := func(run func(start, end int)) {
		start := 0
		for i := 0; i <= len(b); {
			n := 0
			if i < len(b) {
				n = binaryTextCharAt(b, i)
			}
			if n > 0 || nulBetweenDigits(b, i) {
				i += max(n, 1)
				continue
			}
			if i-start >= minBinaryTextRun {
				run(start, i)
			}
			i++
			start = i
		}
	}
	each(func(int, int) { ok = true })
	return func(dst []byte) []byte {
		for i := range dst {
			dst[i] = 0xFF
		}
		each(func(start, end int) { copy(dst[start:end], b[start:end]) })
		return dst
	}, ok
}

// nulBetweenDigits reports whether b[i] is a single NUL with an ASCII
// digit on each side: a receiver that decodes the message as text shows
// it as nothing (138\x001234\x005678 is a mobile), so a run of text goes
// on across it.
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
