package bodyformat

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime/multipart"
	"mime/quotedprintable"
	"regexp"
	"strings"
)

// Multipart bodies are parsed by mime/multipart (never ParseMultipartForm:
// no temporary files, the buffer is only read). The byte span of each part
// in the buffer is found alongside and checked against what the parser
// read, so a redacted body is the original with only the changed part
// bodies replaced: same boundary, same part headers in their order, same
// preamble and epilogue framing, binary parts byte for byte. A body the
// parser rejects, or whose parts cannot be located, is ErrMalformed: it is
// never passed through unread.

// malformed returns an ErrMalformed that says what was wrong. It never
// quotes the body: mime/multipart's own messages do, so they are kept
// only for errors.Is/As.
func malformed(what string, cause error) error {
	return &malformedError{what, cause}
}

type malformedError struct {
	what  string
	cause error
}

func (e *malformedError) Error() string {
	return fmt.Sprintf("%v: %s", ErrMalformed, e.what)
}

func (e *malformedError) Unwrap() []error {
	if e.cause == nil {
		return []error{ErrMalformed}
	}
	return []error{ErrMalformed, e.cause}
}

// partSpan is where one part's header block and body sit in the multipart
// buffer: the header block from hdr to start (its empty line included),
// the body from start to end.
type partSpan struct{ hdr, start, end int }

// partLocator follows the multipart parser through the buffer, mirroring
// its framing rules (RFC 2046 delimiters, CRLF or bare LF lines).
type partLocator struct {
	b        []byte
	dash     []byte // "--" + boundary
	nl       []byte // line ending of the delimiters: "\r\n", or "\n"
	pos      int    // where the next delimiter is looked for
	parts    int
	preamble int // end of the preamble
}

// next locates the part whose body the parser read as body, and checks that
// it is followed by a delimiter.
func (l *partLocator) next(body []byte) (partSpan, bool) {
	var lineEnd int
	if l.parts == 0 {
		// skip preamble lines up to the first delimiter line
		for p := 0; ; {
			end := indexFrom(l.b, p, '\n')
			if end < 0 {
				return partSpan{}, false
			}
			line := l.b[p : end+1]
			if bytes.HasPrefix(line, l.dash) {
				rest := skipLWSP(line[len(l.dash):])
				if string(rest) == "\n" {
					l.nl = l.nl[1:]
				}
				if bytes.Equal(rest, l.nl) {
					l.preamble, lineEnd = p, end+1
					break
				}
			}
			p = end + 1
		}
	} else {
		p := l.pos
		if bytes.HasPrefix(l.b[p:], l.nl) {
			p += len(l.nl)
		}
		if !bytes.HasPrefix(l.b[p:], l.dash) {
			return partSpan{}, false
		}
		end := indexFrom(l.b, p, '\n')
		if end < 0 || !bytes.Equal(skipLWSP(l.b[p+len(l.dash):end+1]), l.nl) {
			return partSpan{}, false
		}
		lineEnd = end + 1
	}
	// the header block ends with an empty line
	start := lineEnd
	switch {
	case bytes.HasPrefix(l.b[start:], []byte("\r\n")):
		start += 2
	case bytes.HasPrefix(l.b[start:], []byte("\n")):
		start++
	default:
		k := headerEnd(l.b[start:])
		if k < 0 {
			return partSpan{}, false
		}
		start += k
	}
	end := start + len(body)
	if end > len(l.b) || !bytes.Equal(l.b[start:end], body) {
		return partSpan{}, false
	}
	after := l.b[end:]
	if !(bytes.HasPrefix(after, l.nl) && bytes.HasPrefix(after[len(l.nl):], l.dash)) &&
		!(len(body) == 0 && bytes.HasPrefix(after, l.dash)) {
		return partSpan{}, false
	}
	l.pos = end
	l.parts++
	return partSpan{lineEnd, start, end}, true
}

// epilogue returns where the text after the close delimiter's line starts.
func (l *partLocator) epilogue() int {
	p := l.pos
	if bytes.HasPrefix(l.b[p:], l.nl) {
		p += len(l.nl)
	}
	if end := indexFrom(l.b, p, '\n'); end >= 0 {
		return end + 1
	}
	return len(l.b)
}

// headerEnd returns the offset just past the empty line that ends the
// header block at the start of b, or -1.
func headerEnd(b []byte) int {
	for p := 0; ; {
		k := bytes.IndexByte(b[p:], '\n')
		if k < 0 {
			return -1
		}
		p += k + 1
		switch {
		case bytes.HasPrefix(b[p:], []byte("\r\n")):
			return p + 2
		case bytes.HasPrefix(b[p:], []byte("\n")):
			return p + 1
		}
	}
}

func indexFrom(b []byte, from int, c byte) int {
	if k := bytes.IndexByte(b[from:], c); k >= 0 {
		return from + k
	}
	return -1
}

func skipLWSP(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	return b
}

// multipart inspects a multipart body. Text parts (no content type and no
// file name, or a textual content type, or an untyped file whose bytes are
// text) are inspected by their own content type with the hint of their
// form field name; other parts are left as they are. Parts in base64 or
// quoted-printable transfer encoding are decoded for inspection and
// re-encoded when redacted. The preamble and the epilogue, which parsers
// ignore, are scanned as text. More than Limits.MaxParts parts in all is
// ErrMalformed, and so is a part with two headers of one name that decides
// how it is read.
func (in *inspector) multipart(b []byte, boundary string, nest int) ([]byte, error) {
	if boundary == "" {
		return nil, malformed("multipart: no boundary parameter", nil)
	}
	if nest >= maxPartNesting {
		return nil, malformed("multipart: parts nested too deep", nil)
	}
	mr := multipart.NewReader(bytes.NewReader(b), boundary)
	loc := &partLocator{b: b, dash: []byte("--" + boundary), nl: []byte("\r\n")}
	out := splicer{src: b}
	var bodies [][]byte // every part body of the result, to check it
	var buf bytes.Buffer
	for {
		p, err := mr.NextRawPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, malformed("multipart: cannot read the next part", err)
		}
		if in.parts++; in.parts > in.lim.MaxParts {
			// not a size: oversize pass does not let it through
			return nil, malformed(fmt.Sprintf("multipart: more than %d parts", in.lim.MaxParts), nil)
		}
		buf.Reset()
		if _, err := buf.ReadFrom(p); err != nil {
			return nil, malformed("multipart: truncated part", err)
		}
		span, ok := loc.next(buf.Bytes())
		if !ok {
			return nil, malformed("multipart: cannot locate a part in the body", nil)
		}
		if loc.parts == 1 && loc.preamble > 0 {
			in.textSpan(&out, 0, loc.preamble)
		}
		if err := in.partHeader(&out, span); err != nil {
			return nil, err
		}
		seen := in.counted()
		newBody, err := in.part(p, b[span.start:span.end], nest)
		if err != nil {
			return nil, err
		}
		// the fields a lenient parser reads inside the part (multipart_lenient.go)
		newBody, err = in.partPieces(newBody, b[span.start:span.end], loc.dash, in.counted()-seen, nest)
		if err != nil {
			return nil, err
		}
		if newBody != nil {
			out.replace(span.start, span.end, newBody)
			bodies = append(bodies, newBody)
		} else {
			bodies = append(bodies, b[span.start:span.end])
		}
	}
	switch {
	case loc.parts == 0: // only a close delimiter: whatever surrounds it is text
		in.textSpan(&out, 0, len(b))
	case loc.epilogue() < len(b):
		in.textSpan(&out, loc.epilogue(), len(b))
	}
	res := out.result()
	if res != nil {
		if err := checkParts(res, boundary, bodies); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// textSpan scans b[start:end] of the splicer's source as text and replaces
// the findings' spans by their masks.
func (in *inspector) textSpan(out *splicer, start, end int) {
	fs := in.find(out.src[start:end], 0)
	if in.mode != Redact {
		return
	}
	for _, f := range fs {
		out.replace(start+f.Start, start+f.End, []byte(f.Masked))
	}
}

// partHeader inspects a part's header block, which a receiver reads too
// (a file name such as "13812345678.jpg", a field name): as text, with the
// findings masked in place. It is also read as the most lenient parser
// reads it (headerView: RFC 2047 encoded words, RFC 2231 percent escapes,
// quoted pairs, every line, whether or not Go's parser accepts the
// header); personal data found only that way is counted, and in Redact
// mode makes the body ErrMalformed, since those bytes cannot be masked
// where they stand.
func (in *inspector) partHeader(out *splicer, span partSpan) error {
	raw := out.src[span.hdr:span.start]
	before := in.counted()
	in.textSpan(out, span.hdr, span.start)
	seen := in.counted() - before
	view := headerView(raw)
	if bytes.Equal(view, raw) {
		return nil
	}
	mark := in.mark()
	fs := in.find(view, 0)
	if len(fs) <= seen {
		in.rollback(mark) // the same values, read twice
		return nil
	}
	if in.mode == Redact {
		return malformed("multipart: personal data in an encoded part header", nil)
	}
	return nil
}

// continuation matches the seam between the pieces of an RFC 2231
// parameter split in sections: "; filename*1=".
var continuation = regexp.MustCompile(`"?\s*;\s*[A-Za-z0-9_-]+\*[1-9][0-9]*\*?=\s*"?`)

// headerView returns a header block as a lenient reader decodes it: each
// line's RFC 2047 encoded words decoded, the sections of RFC 2231
// parameters joined, percent escapes decoded, and the backslashes of
// quoted pairs dropped. Encoded words and ext-values are decoded in the
// charset they name (DecodeWords, decodeExtValues: =?GBK?B?…?= and
// filename*=gbk”%A3%B1… are full-width digits to Commons FileUpload and
// Werkzeug).
func headerView(raw []byte) []byte {
	lines := bytes.Split(raw, []byte("\n"))
	for k, line := range lines {
		if d, ok := DecodeWords(string(line)); ok {
			lines[k] = []byte(d)
		}
	}
	out := continuation.ReplaceAll(bytes.Join(lines, []byte("\n")), nil)
	out = decodeExtValues(out)
	out, _, _ = decodeForm(out, nil, nil, false)
	return bytes.ReplaceAll(out, []byte("\\"), nil)
}

// part inspects one part's body and returns its replacement, or nil. A
// part in base64 or quoted-printable is read decoded and re-encoded when
// masked; a form-data part is read as its raw bytes too (rawFormPart).
func (in *inspector) part(p *multipart.Part, raw []byte, nest int) ([]byte, error) {
	for _, h := range []string{"Content-Type", "Content-Transfer-Encoding", "Content-Disposition"} {
		if v := p.Header.Values(h); len(v) > 1 {
			// parsers disagree on which one counts (python-multipart keeps
			// the last): the part cannot be read one way
			return nil, malformed("multipart: a part with more than one "+h+" header", nil)
		}
	}
	cte := strings.ToLower(strings.TrimSpace(p.Header.Get("Content-Transfer-Encoding")))
	content, err := decodeTransfer(cte, raw)
	if err != nil {
		return nil, err
	}
	rawToo := (cte == "base64" || cte == "quoted-printable") && formDataPart(p)
	mode := in.mode
	if rawToo && mode == Scan {
		// the raw reading reads the part as the decoded one masked it,
		// so that a value both find counts once (the masked content
		// and its encoding charged)
		if err := in.reserve(2 * int64(len(raw))); err != nil {
			return nil, err
		}
		in.mode = Redact
	}
	out, err := in.partContent(p, content, nest)
	in.mode = mode
	if err != nil {
		return nil, err
	}
	if out != nil {
		out = encodeTransfer(cte, out, bytes.IndexByte(raw, '\n') >= 0)
	}
	if rawToo {
		out, err = in.rawFormPart(p, raw, out, nest)
	}
	if mode != Redact {
		out = nil
	}
	return out, err
}

// partContent inspects a part's content, decoded from its transfer
// encoding, and returns its replacement, or nil.
func (in *inspector) partContent(p *multipart.Part, content []byte, nest int) ([]byte, error) {
	ct := p.Header.Get("Content-Type")
	mt, params := mediaType(ct)
	if ct == "" && p.FileName() == "" {
		mt = "text/plain"
	}
	hint := keyHint(p.FormName())
	var out []byte
	var err error
	binary := !textual(mt) && !sniffText(content) && !gzipFile(content) && !pdfFile(content)
	if binary && p.FormName() != "" && p.FileName() == "" {
		// a form value to every parser (Go's MultipartForm.Value, PHP's
		// $_POST, Django's request.POST, Werkzeug's request.form), a
		// string whatever type it names or bytes it opens with: read as
		// text, in the charset it names
		mt, binary = "text/plain", false
	}
	if binary {
		// other bytes, unless a zlib stream or raw deflate of text
		out, _, _, err = in.binaryFile(content, hint, nest+1)
	} else {
		out, _, err = in.charsetBody(content, mt, params, hint, nest+1)
	}
	return out, err
}

// formDataPart reports whether a part's disposition says form-data, as a
// lenient parser finds it (a word anywhere in the header, any case).
func formDataPart(p *multipart.Part) bool {
	return strings.Contains(strings.ToLower(p.Header.Get("Content-Disposition")), "form-data")
}

// rawFormPart reads a form-data part sent in base64 or quoted-printable
// (attack pass 34, F2) as the bytes it holds: RFC 7578 section 4.7
// deprecates the header for form-data, and PHP's $_POST and $_FILES,
// busboy, formidable and Django's request.POST (for quoted-printable)
// ignore it and hand the application the raw text, in which "call
// 13812345678 now ok" (valid base64 once its blanks are dropped) or
// "phone=13812345678" ("=13" is a control byte decoded) shows a mobile the
// decoded reading does not. decOut is the decoded reading's replacement
// (nil: unchanged). It returns decOut when the raw bytes (of the re-encoded
// part, when the decoded reading masked it) hold nothing more; the raw
// bytes masked in place when the decoded reading changed nothing; and
// ErrMalformed when both readings need a change (a re-encoded part cannot
// also be masked in its encoded bytes). It reads the part as the decoded
// reading masked it, so a value both readings see counts once (in Scan mode
// too: part). A mask in base64 text replaces whole characters, four digits
// of a mobile by four stars: a decoder that drops the stars (Python's)
// stays aligned past them and decodes the rest as before. A binary file in
// base64 is text of the base64 alphabet: read, it is returned as it came.
func (in *inspector) rawFormPart(p *multipart.Part, raw, decOut []byte, nest int) ([]byte, error) {
	cur := raw
	if decOut != nil {
		cur = decOut
	}
	out, err := in.partContent(p, cur, nest)
	if err != nil {
		return nil, err
	}
	if out == nil {
		return decOut, nil
	}
	if decOut != nil {
		return nil, malformed("multipart: a form part whose raw and decoded readings both need a change", nil)
	}
	return out, nil
}

// decodeTransfer decodes a part body in its Content-Transfer-Encoding
// (lower case): base64 and quoted-printable are decoded, others are the
// body as it is.
func decodeTransfer(cte string, raw []byte) ([]byte, error) {
	switch cte {
	case "base64":
		dec, err := decodeBase64(raw)
		if err != nil {
			return nil, malformed("multipart: bad base64 part", err)
		}
		return dec, nil
	case "quoted-printable":
		dec, err := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(raw)))
		if err != nil {
			return nil, malformed("multipart: bad quoted-printable part", err)
		}
		return dec, nil
	}
	return raw, nil
}

// encodeTransfer encodes a replaced part body in its
// Content-Transfer-Encoding, base64 in lines when wrap is set.
func encodeTransfer(cte string, b []byte, wrap bool) []byte {
	switch cte {
	case "base64":
		return encodeBase64(b, wrap)
	case "quoted-printable":
		var qp bytes.Buffer
		w := quotedprintable.NewWriter(&qp)
		w.Write(b)
		w.Close()
		return qp.Bytes()
	}
	return b
}

// decodeBase64 decodes a base64 part body, ignoring line breaks and spaces.
func decodeBase64(raw []byte) ([]byte, error) {
	clean := make([]byte, 0, len(raw))
	for _, c := range raw {
		if c != '\r' && c != '\n' && c != ' ' && c != '\t' {
			clean = append(clean, c)
		}
	}
	out := make([]byte, base64.StdEncoding.DecodedLen(len(clean)))
	n, err := base64.StdEncoding.Decode(out, clean)
	return out[:n], err
}

// encodeBase64 encodes a part body in base64, in lines of 76 characters
// when wrap is set (RFC 2045).
func encodeBase64(b []byte, wrap bool) []byte {
	enc := base64.StdEncoding.EncodeToString(b)
	if !wrap {
		return []byte(enc)
	}
	var out []byte
	for len(enc) > 76 {
		out = append(append(out, enc[:76]...), '\r', '\n')
		enc = enc[76:]
	}
	return append(out, enc...)
}

// checkParts re-reads a rewritten multipart body and checks that it holds
// exactly the expected part bodies: a replacement must never shift the
// framing.
func checkParts(b []byte, boundary string, bodies [][]byte) error {
	mr := multipart.NewReader(bytes.NewReader(b), boundary)
	for i := 0; ; i++ {
		p, err := mr.NextRawPart()
		if err == io.EOF {
			if i != len(bodies) {
				return malformed("multipart: rewritten body lost parts", nil)
			}
			return nil
		}
		if err != nil || i >= len(bodies) {
			return malformed("multipart: rewritten body does not parse", err)
		}
		got, err := io.ReadAll(p)
		if err != nil || !bytes.Equal(got, bodies[i]) {
			return malformed("multipart: rewritten body changed its framing", err)
		}
	}
}
