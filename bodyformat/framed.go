package bodyformat

import (
	"bytes"
	"strings"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A stream may arrive whole: server-sent events or JSON lines sent with a
// Content-Length, labelled text/plain or not labelled at all, or uploaded
// by a client. Its reader still joins its events (an LLM client appends
// each event's delta.content), so a whole body framed as a stream is read
// twice: whole, as every other body (its pieces, escapes and keys), and
// then, redacted, through a Stream, the one reader that joins the text of
// each field across events. The second reading finds only what the first
// could not see: values cut across events.

// framing reports whether a decoded body of media type mt is framed as a
// stream of events, and how. Declared streams (text/event-stream, JSON
// lines) are; so is a body of any other type but forms, multipart and
// markup (text/plain, untyped, mislabelled as JSON or binary) that a
// stream's client would read as one: a line beginning with "data:" (the
// event-stream parser ignores the lines it does not know, so junk before
// it changes nothing), or JSON lines (a first line that is a JSON object
// or array, and more lines after it) unless the type is Markdown's: a
// Markdown body ([x][y] reference links back to back) is read as the
// Markdown it says it is, not as values of JSON.
func framing(mt string, b []byte) (StreamKind, bool) {
	switch {
	case mt == "text/event-stream":
		return StreamEvents, true
	case jsonStream(mt):
		return StreamLines, true
	case isChunkArray(b):
		return streamChunks, true
	case mt == "application/x-www-form-urlencoded", mt == "text/html", mt == "application/xhtml+xml",
		mt == "text/xml", mt == "application/xml", strings.HasPrefix(mt, "multipart/"),
		strings.HasSuffix(mt, "+xml"):
		return 0, false
	}
	if eventLines(b) {
		return StreamEvents, true
	}
	if foldsLines(mt) != foldSoft && jsonLines(b) {
		return StreamLines, true
	}
	return 0, false
}

// eventLines reports whether a line of b begins with "data:" (a line may
// end with "\n", "\r\n" or a lone "\r"; a byte-order mark may open b).
func eventLines(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if bytes.HasPrefix(b, []byte("data:")) {
		return true
	}
	return bytes.Contains(b, []byte("\ndata:")) || bytes.Contains(b, []byte("\rdata:"))
}

// jsonLines reports whether b reads as JSON lines (ended as lineScan ends
// them): its first line, white space aside, is a JSON object or array (or a
// data stream's part, datastream.go), and another line follows that is not
// blank. A document printed over many lines opens with a line that is not a
// whole value, and a compact one has a single line. Values back to back
// (`{…}{…}`, which Go's json.Decoder and Jackson read as a stream) are
// lines too.
func jsonLines(b []byte) bool {
	if !mayEndLine(b) {
		return false // a single line (a compact document), told without reading it byte by byte
	}
	var ls lineScan
	nl := ls.end(b)
	if nl < 0 {
		return false
	}
	if first := trimLineEnd(b[:nl]); !looksLikeJSON(first) && partPrefix(first) == 0 {
		return false
	}
	return len(bytes.TrimLeft(b[nl:], " \t"+lineBreaks)) > 0
}

// joinFramed reads b, a body framed as a stream of events of kind, as the
// stream's client joins them: out, the whole reading's redacted body (nil:
// b unchanged), goes through a Stream, and what it finds across events is
// added to the body's findings. It returns the body with those masked too,
// or out when they changed nothing. Its work, memory and context are the
// body's (Limits); when they run out the inspection fails.
func (in *inspector) joinFramed(b, out []byte, kind StreamKind) []byte {
	eng, ok := in.eng.(*detect.Engine)
	if !ok {
		return out // an engine wrapped by a test: the whole reading only
	}
	src := b
	if out != nil {
		src = out
	}
	// the body is in memory already: an event as long as the body is
	// read whole, as a shorter one is, not in pieces
	opt := StreamOptions{Mode: Redact, OnFinding: in.joinedFinding, MaxEvent: len(src) + 1}
	// the joined copy, and what the stream holds of it at most
	if in.reserve(int64(len(src)+opt.HoldBound())) != nil {
		return out
	}
	var joined bytes.Buffer
	joined.Grow(len(src))
	if kind == streamChunks {
		return in.joinChunks(eng, src, out, opt, &joined)
	}
	s := NewStream(eng, &joined, kind, opt)
	s.meter = in.meter
	_, err := s.Write(src)
	if err == nil {
		err = s.Close()
	}
	if err != nil || in.failed() || bytes.Equal(joined.Bytes(), src) {
		return out
	}
	return joined.Bytes()
}

// joinedFinding adds a finding of the joined reading to the body's, as
// find does (a sample or not, kept or only counted).
func (in *inspector) joinedFinding(f detect.Finding) {
	fs := []detect.Finding{f}
	in.sample(fs)
	in.keep(fs)
}

// reserve charges n bytes to the inspection's memory, when it has an
// account.
func (in *inspector) reserve(n int64) error {
	if in.meter == nil {
		return nil
	}
	return in.meter.reserve(n)
}

// isChunkArray reports whether b is a chunk array (chunkArray).
func isChunkArray(b []byte) bool {
	_, ok := chunkArray(b)
	return ok
}

// streamChunks frames a body as one JSON array whose elements are the
// chunks of a stream (chunkArray): a framing of buffered bodies only.
const streamChunks StreamKind = 255

// chunkArray reports whether b is the answer of Gemini's
// streamGenerateContent without events, and where its chunks stand: one
// JSON array of at least two objects, one of which at least has a
// top-level "candidates" member holding a string. Its client joins the
// text of the chunks as an event-stream client does. Arrays of other
// records are not chunks: their values are not joined.
func chunkArray(b []byte) ([][2]int, bool) {
	c := &stringCollector{src: b, maxDepth: DefaultMaxDepth}
	c.space()
	if c.pos >= len(b) || b[c.pos] != '[' || !bytes.Contains(b, []byte(`"candidates"`)) {
		return nil, false // (a body that opens with no array is not looked through for the member)
	}
	c.pos++
	c.space()
	var els [][2]int
	candidates := false
	for c.pos < len(b) && b[c.pos] == '{' {
		start := c.pos
		if !c.value(-1, nil, 1) {
			return nil, false
		}
		c.paths()
		els = append(els, [2]int{start, c.pos})
		for _, str := range c.out {
			p := str.path
			candidates = candidates || strings.HasPrefix(p, "candidates") && (len(p) == 10 || p[10] == '[' || p[10] == '.')
		}
		c.out, c.block, c.nodes = c.out[:0], c.block[:0], c.nodes[:0]
		if done, ok := c.after(']'); done || !ok {
			ok = ok && len(bytes.TrimSpace(b[c.pos:])) == 0
			return els, ok && candidates && len(els) >= 2
		}
	}
	return nil, false
}

// joinChunks reads the chunks of a chunk array (src) through a Stream, one
// event each, as its client joins them, and returns the array with what
// the joined reading masked, or out when it masked nothing.
func (in *inspector) joinChunks(eng *detect.Engine, src, out []byte, opt StreamOptions, joined *bytes.Buffer) []byte {
	els, ok := chunkArray(src)
	if !ok {
		return out
	}
	// the stream writes each chunk once, in order: what stood before it
	// in the array goes first
	k, at := 0, 0
	s := NewStream(eng, writerFunc(func(p []byte) {
		if k < len(els) {
			joined.Write(src[at:els[k][0]])
			at = els[k][1]
		}
		joined.Write(p)
		k++
	}), StreamLines, opt)
	s.meter = in.meter
	var err error
	for _, el := range els {
		if err = s.WriteEvent(src[el[0]:el[1]]); err != nil {
			break
		}
	}
	if err == nil {
		err = s.Close()
	}
	if err != nil || in.failed() || k != len(els) {
		return out
	}
	joined.Write(src[at:])
	if bytes.Equal(joined.Bytes(), src) {
		return out
	}
	return joined.Bytes()
}
