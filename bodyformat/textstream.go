package bodyformat

import (
	"io"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// Plain text too long to hold (a log, a dump, an over-long line of a
// stream) is read in pieces by the engine's stream redactor, each piece
// in every reading a buffered text body gets (inspector.read): escapes,
// markup between digits, data: URLs, joined arrays, hex, base64 …, and
// its lines folded as the text's type folds them (foldsLines: indented
// lines of YAML, those of text/plain under a key line, soft breaks of
// Markdown). One reading of
// text, whether the body is buffered or streamed. A fold cut across two
// pieces is read whole: the redactor holds back the last few KiB of each
// piece and reads them again with the next (a fold's indentation longer
// than that is read in the piece it ends in).

// NewTextStream returns a writer that redacts the plain text written to
// it, in any pieces, and writes the result to w: a detect.StreamRedactor
// (it scans 64 KiB at a time and holds back a few KiB, so its memory is
// bounded however long the text runs) whose every chunk is read as a
// buffered text/plain body is. onFinding, if not nil, is called for each
// finding, its offsets counted from the start of the text. It is read
// as text/plain is (the indented lines of a scalar a YAML key line opens
// folded as well). A reading whose text runs longer than the redactor's
// window (a data: URL of more than 64 KiB) is read in the part the window
// holds.
func NewTextStream(eng *detect.Engine, w io.Writer, onFinding func(detect.Finding)) *detect.StreamRedactor {
	return newTextStream(eng, w, nil, "text/plain", onFinding)
}

// NewTextStreamAs is NewTextStream for text of media type mt (without
// parameters): each chunk is read as a buffered body of that type is
// when it holds no structure, its lines folded as the type folds them
// (text/markdown: soft breaks read as spaces).
func NewTextStreamAs(eng *detect.Engine, w io.Writer, mt string, onFinding func(detect.Finding)) *detect.StreamRedactor {
	return newTextStream(eng, w, nil, mt, onFinding)
}

// newTextStream is NewTextStream for text of media type mt, with the
// account of the body the text belongs to (nil: none).
func newTextStream(eng *detect.Engine, w io.Writer, m *meter, mt string, onFinding func(detect.Finding)) *detect.StreamRedactor {
	in := &inspector{eng: eng, mode: Redact, lim: Limits{}.withDefaults(), meter: m, folds: foldsLines(mt)}
	find := func(text []byte) []detect.Finding {
		in.reuse() // its buffers serve every chunk
		return in.read(text, 0)
	}
	return eng.NewStreamRedactorWith(w, find, onFinding)
}
