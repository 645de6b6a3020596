package bodyformat

import (
	"bytes"
	"encoding/base64"
	"slices"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// An API hands out text in base64 as often as in the clear: a JWT's
// payload ({"phone_number":"…"}), a base64 field of a JSON document, a
// cookie value. Every reader of such a token can decode it, so a token
// that decodes to text is read as that text, and a finding in it masks
// the whole token: the token is not rewritten in base64, it is replaced.

// minBase64Token is the shortest token read as base64: a bare mobile's
// eleven bytes, unpadded (MTM4…, 15 characters); shorter ones are words,
// and hold no identifier.
const minBase64Token = 15

// maxBase64Token bounds the tokens decoded, and so the copy made of each.
const maxBase64Token = 64 << 10

// readBase64 returns the findings of the base64 tokens of text that decode
// to text, each spanning its whole token, in order.
func (in *inspector) readBase64(text []byte, hint detect.CategorySet, samples int) []detect.Finding {
	var fs []detect.Finding
	alone := 0 // pieces that start before it are read on their own: a join of them failed
	for i := 0; i < len(text); {
		if !base64Bytes[text[i]] {
			i++
			continue
		}
		if end := base64End(text, i+1); shortPiece(text, i, end) {
			i = end // (base64Token's token: the piece alone, too short to decode)
			continue
		}
		start, end, tok := in.base64Token(text, i, i >= alone)
		var decoded bool
		if fs, decoded = in.tokenFindings(fs, tok, start, end, hint, samples); !decoded && end > base64End(text, i+1) {
			// pieces joined that decode to nothing (a word before a token:
			// -EncodedCommand //50AG…): each read on its own
			alone = end
			start, end, tok = in.base64Token(text, i, false)
			fs, _ = in.tokenFindings(fs, tok, start, end, hint, samples)
		}
		i = end
	}
	return mergeFindings(nil, fs)
}

// tokenFindings appends to fs a finding spanning text[start:end] when a
// segment of its token tok (a JWT is three base64url segments joined by
// dots) decodes to text holding one; decoded reports whether any segment
// decoded to text. A segment that does not decode as a whole is read in
// the pieces its '-', '_', '/' and '+' set apart (tokenPieces).
func (in *inspector) tokenFindings(fs []detect.Finding, tok []byte, start, end int, hint detect.CategorySet, samples int) (_ []detect.Finding, decoded bool) {
	if len(tok) < minBase64Token || len(tok) > maxBase64Token {
		return fs, false
	}
	before := len(fs)
	fs, decoded = in.segmentFindings(fs, tok, start, end, hint, samples)
	if len(fs) == before {
		// read whole with its separators dropped, as a lenient decoder
		// does (strippedFindings)
		fs = in.strippedFindings(fs, tok, start, end, hint, samples)
		decoded = decoded || len(fs) > before
	}
	return fs, decoded
}

// segmentFindings reads tok's segments for tokenFindings.
func (in *inspector) segmentFindings(fs []detect.Finding, tok []byte, start, end int, hint detect.CategorySet, samples int) (_ []detect.Finding, decoded bool) {
	for off := 0; off <= len(tok); {
		n := bytes.IndexByte(tok[off:], '.')
		if n < 0 {
			n = len(tok) - off
		}
		seg, segOff := tok[off:off+n], off
		off += n + 1
		if len(seg) < minBase64Token || !mixedAlphabet(seg) {
			continue
		}
		f, found, ok := in.decodedFinding(seg, hint, samples)
		if !ok {
			var some bool
			fs, some = in.tokenPieces(fs, tok, seg, segOff, start, end, hint, samples)
			decoded = decoded || some
			continue
		}
		decoded = true
		if found {
			f.Start, f.End = start, end // one finding masks the whole token
			f.Masked = base64Mask[:min(end-start, len(base64Mask))]
			fs = append(fs, f)
		}
	}
	return fs, decoded
}

// tokenPieces reads a segment seg of tok (at segOff in it) that does not
// decode as a whole in the pieces its '-', '_', '/' and '+' set apart: a
// base64 token and what follows it joined by a separator (the base64 of an
// ID, '-', a mobile: base64url's '-' made the whole one token of the wrong
// length), each piece read as base64 on its own, as a reader splitting
// there does. A finding spans its piece when tok is text[start:end] itself,
// the whole token when tok was joined across white space. Only pieces as
// long as minBase64Token and of mixed alphabet are decoded: the words of a
// hyphenated name are not. decoded reports whether a piece decoded to text.
func (in *inspector) tokenPieces(fs []detect.Finding, tok, seg []byte, segOff, start, end int, hint detect.CategorySet, samples int) (_ []detect.Finding, decoded bool) {
	if bytes.IndexAny(seg, "-_/+") < 0 {
		return fs, false
	}
	alias := len(tok) == end-start
	for off := 0; off < len(seg); {
		n := bytes.IndexAny(seg[off:], "-_/+")
		if n < 0 {
			n = len(seg) - off
		}
		piece, pieceOff := seg[off:off+n], segOff+off
		off += n + 1
		if len(piece) < minBase64Token || !mixedAlphabet(piece) {
			continue
		}
		f, found, ok := in.decodedFinding(piece, hint, samples)
		decoded = decoded || ok
		if !found {
			continue
		}
		f.Start, f.End = start, end
		if alias {
			f.Start = start + pieceOff
			f.End = f.Start + len(piece)
		}
		f.Masked = base64Mask[:min(f.End-f.Start, len(base64Mask))]
		fs = append(fs, f)
	}
	return fs, decoded
}

// decodedFinding decodes seg as base64 and reads the text it spells:
// ok reports whether it decoded to text, found whether the text holds a
// finding, f the first one (its span the decoded text's).
func (in *inspector) decodedFinding(seg []byte, hint detect.CategorySet, samples int) (f detect.Finding, found, ok bool) {
	if in.b64, ok = decodeBase64Bytes(in.b64[:0], seg); !ok {
		return f, false, false
	}
	text, ok := base64Text(in.b64)
	if !ok {
		// no UTF-8 text: GBK or UTF-16 text to a receiver that names
		// its charset (base64charsets.go)
		f, found = in.otherCharsetFinding(in.b64, hint, samples)
		if !found && !in.noBlob {
			// compressed text, a protobuf message (base64blob.go)
			f, found = in.blobFinding(in.b64, hint, samples)
		}
		return f, found, found
	}
	fs := in.scan(text, hint, samples)
	if len(fs) == 0 && bytes.IndexByte(text, '<') >= 0 {
		fs = in.readMarkup(text, hint, samples) // data:text/html;base64,… as rendered
	}
	if len(fs) == 0 {
		fs = in.innerEncodedFindings(text, hint, samples) // base64 of base64, of hex
	}
	if len(fs) == 0 {
		return f, false, true
	}
	return fs[0], true, true
}

// base64Token returns the base64 token that starts at text[i], which
// must be a base64 byte: its span and its bytes; with join, across white
// space as follows. A token wrapped over
// lines (MIME's 76 columns, PEM's 64) or set apart in groups by white
// space (MTM4 MTIz NDU2 …) is one token to a decoder, which skips the
// white space (atob, Go's, Python's): its pieces are joined, copied into
// the inspector's buffer, when a piece is a whole number of quads before
// a line break, or when both pieces on either side of a space look like
// base64 (mixedAlphabet), not like words.
func (in *inspector) base64Token(text []byte, i int, join bool) (start, end int, tok []byte) {
	start = i
	end = base64End(text, i+1)
	joined, width := false, 0
	for piece := start; join && end < len(text) && text[end-1] != '=' && end-start <= maxBase64Token; {
		countReadingSteps(end - piece) // the piece just joined
		g := end
		// a '*' too: a lenient decoder drops it (MTM3NTc0*NzQwNzY=)
		for g < len(text) && g-end < 2 && (text[g] == ' ' || text[g] == '\t' || text[g] == '\r' || text[g] == '\n' || text[g] == '*') {
			g++
		}
		if g == end || g == len(text) || !base64Bytes[text[g]] {
			break
		}
		next := base64End(text, g+1)
		prev := text[piece:end]
		wrapped := text[g-1] == '\n' && len(prev) >= minBase64Token && len(prev)%4 == 0
		// groups of one width (MTM4 MTIz NDU2 …) go on once two joined
		// looked like base64, whatever the letters of the next one
		even := joined && len(prev) == width && next-g <= width
		if !wrapped && !even && !(len(prev) >= 4 && next-g >= 4 && mixedAlphabet(prev) && mixedAlphabet(text[g:next])) {
			break
		}
		if !joined {
			width = len(prev)
			in.b64tok = append(in.b64tok[:0], text[start:end]...)
			joined = true
		}
		in.b64tok = append(in.b64tok, text[g:next]...)
		piece, end = g, next
	}
	if joined {
		return start, end, in.b64tok
	}
	return start, end, text[start:end]
}

// shortPiece reports whether the run of base64 bytes text[i:end] is
// shorter than minBase64Token and base64Token joins no other piece to it:
// shorter than 4 bytes (no join reads it as base64), or not followed by
// what pieces are set apart with. readBase64 skips such a run without
// asking base64Token (most words of a text: TestShortPieceJoinsNothing).
func shortPiece(text []byte, i, end int) bool {
	if end-i >= minBase64Token {
		return false
	}
	if end-i < 4 || end == len(text) {
		return true
	}
	switch text[end] {
	case ' ', '\t', '\r', '\n', '*':
		return false
	}
	return true
}

// base64End returns where the run of base64 bytes and padding from
// text[j] on ends.
func base64End(text []byte, j int) int {
	for j < len(text) && base64Bytes[text[j]] {
		j++
	}
	for j < len(text) && text[j] == '=' {
		j++ // padding ends a token: what follows it is another (Python decodes both)
	}
	return j
}

// isBase64Byte reports a byte of the standard or URL base64 alphabets, or
// the '.' that joins a JWT's segments.
func isBase64Byte(c byte) bool { return base64Bytes[c] }

// base64Bytes is isBase64Byte as a table.
var base64Bytes = func() (t [256]bool) {
	for _, c := range []byte("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_.") {
		t[c] = true
	}
	return t
}()

// base64Mask is what stands for a base64 token with a finding in it.
const base64Mask = "****************"

// decodeBase64Text appends to dst what the token decodes to in standard
// or URL base64, padded or not, if that is text (base64Text).
func decodeBase64Text(dst, tok []byte) ([]byte, bool) {
	base := len(dst)
	dst, ok := decodeBase64Bytes(dst, tok)
	if !ok {
		return dst, false
	}
	text, ok := base64Text(dst[base:])
	if !ok {
		return dst[:base], false
	}
	if len(text) > 0 && &text[0] != &dst[base] {
		return append(dst[:base], text...), true
	}
	return dst, true
}

// decodeBase64Bytes appends to dst the bytes the token decodes to in
// standard or URL base64, padded or not; ok is false (and dst as it was)
// when it does not decode.
func decodeBase64Bytes(dst, tok []byte) ([]byte, bool) {
	t := bytes.TrimRight(tok, "=")
	enc := base64.RawStdEncoding
	if bytes.ContainsAny(t, "-_") {
		enc = base64.RawURLEncoding
	}
	n := enc.DecodedLen(len(t))
	base := len(dst)
	dst = slices.Grow(dst, n)[:base+n]
	m, err := enc.Decode(dst[base:], t)
	if err != nil {
		return dst[:base], false
	}
	return dst[:base+m], true
}

// base64Text returns the text out, the bytes a base64 token decodes to,
// spells: out itself when it is valid UTF-8 with few control characters
// (readsAsText), or a new copy in UTF-8 when it is UTF-16 or UTF-32 text
// by its byte-order mark or its NUL bytes (a data: URL with a UTF-16
// charset, PowerShell's -EncodedCommand); ok false when neither.
func base64Text(out []byte) ([]byte, bool) {
	if cs := wideOf(out); cs != nil {
		text, err := cs.decode(bytes.TrimPrefix(out, []byte(cs.bom)))
		return text, err == nil
	}
	return out, readsAsText(out)
}

// mixedAlphabet reports whether tok has upper- and lower-case letters or
// letters and digits, as base64 of text does and words, numbers and hex
// digests do not.
func mixedAlphabet(tok []byte) bool {
	var upper, lower, digit bool
	for i := 0; i < len(tok); i++ {
		switch c := tok[i]; {
		case c >= 'A' && c <= 'Z':
			upper = true
		case c >= 'a' && c <= 'z':
			lower = true
		case c >= '0' && c <= '9':
			digit = true
		}
	}
	return upper && lower || (upper || lower) && digit && upper != lower
}

// wideOf returns the UTF-16 or UTF-32 charset decoded bytes are text in,
// by their byte-order mark or their NUL bytes (sniffWide), or nil.
func wideOf(b []byte) *charset {
	if cs := bomCharset(b, 0); cs != nil && cs.unit > 1 {
		return cs
	}
	return sniffWide(b, 0)
}
