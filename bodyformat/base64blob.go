package bodyformat

import (
	"bytes"
	"encoding/hex"
	"errors"
	"io"
	"slices"

	"github.com/klauspost/compress/flate"
	"github.com/piifilter/caddy-pii-filter/detect"
)

// A base64 token that decodes to bytes that are no text still carries text
// to a receiver that reads it on (attack pass 54, F8, F9): a gzip file, a
// zlib stream or raw deflate (Java's GZIPOutputStream then Base64,
// pako.deflate then btoa, Python's zlib.compress then b64encode) is
// inflated by it, and a protobuf message (a tag and a length byte before
// each string: Pub/Sub's data, a bytes field) is decoded by its schema, or
// shown by protoc --decode_raw. Such bytes are inflated with the decoders
// and limits of a compressed body (gzipFile, zlibFile, and raw deflate only
// when its head inflates to text and it inflates cleanly), and what they
// hold, then the bytes themselves, read as text when they are text, else by
// their runs of text as a binary body is (binaryRuns, minBinaryTextRun
// bytes or more). A finding masks the whole token, as any finding of a
// token does. A stream cut short or corrupt is read up to its fault
// (deflated's rule); one that inflates past the limits of a content coding
// fails the body as a compressed body past them does (ErrTooLarge:
// uninspectable).

// blobFinding returns the first finding of raw, what a base64 token
// decoded to that is no text, read as above.
func (in *inspector) blobFinding(raw []byte, hint detect.CategorySet, samples int) (detect.Finding, bool) {
	return in.readBlob(raw, true, hint, samples)
}

// readBlob is blobFinding; without runs, raw is only read when it
// inflates.
func (in *inspector) readBlob(raw []byte, runs bool, hint detect.CategorySet, samples int) (detect.Finding, bool) {
	m := in.blobMeter()
	if m.err != nil || m != in.meter && in.refusal != nil {
		return detect.Finding{}, false // the inspection failed: nothing more is inflated
	}
	if m != in.meter {
		defer func() {
			if m.err != nil {
				in.refuse(m.err) // an inspection without a meter fails so
			}
		}()
	}
	if m.mem == nil && m.momentary != nil {
		m.mem = m.momentary // charged while the blob is read, given back after
		defer func() { m.mem = nil }()
	}
	mk := m.mark()
	defer m.giveBack(mk, 0) // the inflated copy is dropped once read
	if dec, ok := in.inflatedBlob(raw, m); ok {
		if f, ok := in.bytesFinding(dec, m, hint, samples); ok {
			return f, true
		}
	}
	if !runs {
		return detect.Finding{}, false
	}
	return in.bytesFinding(raw, m, hint, samples) // (raw deflate may be other bytes)
}

// bytesFinding returns the first finding of b read as text when it is
// text, else by its runs of text.
func (in *inspector) bytesFinding(b []byte, m *meter, hint detect.CategorySet, samples int) (detect.Finding, bool) {
	var fs []detect.Finding
	if text, ok := base64Text(b); ok {
		fs = in.scan(text, hint, samples)
	} else if m.reserve(int64(2*len(b))) == nil { // the runs' copy and flatControls'
		fs = in.runsFindings(b, hint, samples)
	}
	if len(fs) == 0 {
		return detect.Finding{}, false
	}
	return fs[0], true
}

// blobMeter returns the meter blobs are inflated under: the
// inspection's, else (FindText, a stream's event read without a work
// rate) one of the inspector's own, made once for the text or the event
// (reuse drops it), whose decoders yield at most maxBlobInflation bytes
// together: what the blobs of one text inflate is bounded together, not
// each on its own. Its failure is the inspection's refusal (refuse).
func (in *inspector) blobMeter() *meter {
	if in.meter != nil {
		return in.meter
	}
	if in.ownBlobMeter == nil {
		in.ownBlobMeter = newMeter(in.lim.withDefaults())
		in.ownBlobMeter.capDecoding(maxBlobInflation)
	}
	return in.ownBlobMeter
}

// maxBlobInflation bounds what the blobs of a text read outside a
// buffered body inflate to together: a header or log field (FindText), a
// stream's event (Stream), one reading of a binary screen. Past it the
// inspection fails (ErrTooLarge): fail closed. A buffered body's blobs are
// bounded with its other decoders (decodedBound of the body).
const maxBlobInflation = 1 << 20

// inflatedBlob returns what raw inflates to when it is a gzip file, a
// zlib stream, or raw deflate whose head inflates to text; ok false when
// it is none of them, or inflates to nothing. Inflating is work: each
// byte it yields is counted (meter.spend); what it may yield is m's
// decoders' bound (capDecoding).
func (in *inspector) inflatedBlob(raw []byte, m *meter) (dec []byte, ok bool) {
	lim := in.lim.withDefaults()
	defer func() {
		if len(dec) > 0 && m.spend(int64(len(dec))) != nil {
			dec, ok = nil, false // the inspection fails (the meter's error)
		}
	}()
	var err error
	switch {
	case gzipFile(raw):
		dec, _, err = decodeChain(raw, []string{"gzip"}, decodedBound(int64(len(raw)), lim), lim, m, false)
	case zlibFile(raw):
		dec, err = inflate(raw, true, "deflate", lim, m)
	case deflateStart(raw):
		head, whole := in.deflateTextHead(raw, m)
		if whole || head == nil {
			return head, head != nil // (nothing more to inflate)
		}
		if dec, err = inflate(raw, false, "deflate", lim, m); err != nil && !errors.Is(err, ErrTooLarge) {
			return nil, false // any bytes may start raw deflate: only a whole stream is one
		}
	default:
		return nil, false
	}
	if errors.Is(err, ErrTooLarge) {
		in.refuse(err) // what a receiver inflates, past what is read
		return nil, false
	}
	return dec, len(dec) > 0
}

// runsFindings returns the findings of the runs of text of b, bytes that
// are no text (binaryRuns, as binaryText reads a binary body), those read
// through an obfuscation only in a long run (keptBinaryFindings).
func (in *inspector) runsFindings(b []byte, hint detect.CategorySet, samples int) []detect.Finding {
	if !hasUTF8Run(b) {
		return nil // most such tokens: a look at each byte, nothing made (UTF-16 runs are otherCharsetFinding's)
	}
	runs := newBinaryRuns(b)
	var flat []byte
	runs.next(b, true, func(start, end int) { flat = runs.appendFlat(flat, b[start:end]) })
	if len(flat) == 0 {
		return nil
	}
	return keptBinaryFindings(flat, in.scan(flatControls(flat), hint, samples))
}

// minHexBlob is the fewest hex digits read as a compressed file: a gzip
// file's header and trailer (gzipFile).
const minHexBlob = 2 * 18

// hexBlobFindings returns, for each run of hex digits of text (an even
// number, minHexBlob to 2*maxBase64Token of them) that spells a gzip file
// or a zlib stream (a blob sent as hex: Python's gzip.compress(…).hex()), a
// finding spanning the run when what it inflates to holds one (readBlob).
// Raw deflate, which has no header, is not looked for in hex: hex digests
// would all be tried. Each byte of text is looked at once, and only runs
// that open with such a header are decoded.
func (in *inspector) hexBlobFindings(text []byte, hint detect.CategorySet, samples int) []detect.Finding {
	var fs []detect.Finding
	for i := 0; i < len(text); {
		if unhex(text[i]) < 0 {
			i++
			continue
		}
		j := i
		for j < len(text) && unhex(text[j]) >= 0 {
			j++
		}
		countReadingSteps(j - i)
		run := text[i:j]
		if n := len(run); n >= minHexBlob && n%2 == 0 && n <= 2*maxBase64Token && hexCompressed(run) {
			in.b64 = slices.Grow(in.b64[:0], n/2)[:n/2]
			if _, err := hex.Decode(in.b64, run); err == nil {
				if f, ok := in.readBlob(in.b64, false, hint, samples); ok {
					f.Start, f.End = i, j
					f.Masked = base64Mask[:min(j-i, len(base64Mask))]
					fs = append(fs, f)
				}
			}
		}
		i = j
	}
	return fs
}

// hexCompressed reports whether run, hex digits, opens with the header of
// a gzip file or a zlib stream.
func hexCompressed(run []byte) bool {
	var h [3]byte
	if _, err := hex.Decode(h[:], run[:6]); err != nil {
		return false
	}
	return h[0] == 0x1f && h[1] == 0x8b && h[2] == 8 || zlibHeader(h[:2])
}

// blobSniff is what an inspection keeps to sniff the tokens it reads as
// raw deflate (deflateTextHead): one decoder, its source and its head,
// reset for each token, so that a body of many short tokens (which any
// bytes may start raw deflate) makes nothing a token.
type blobSniff struct {
	src  bytes.Reader
	fr   io.ReadCloser // a flate.Resetter
	head [sniffLen]byte
}

// deflateTextHead returns what raw, as raw deflate, inflates to in its
// first sniffLen bytes (at most twice its length and 80), as deflateHead
// reads it, when that is text
// (textHead) and the stream is not corrupt there; whole reports that the
// stream ended cleanly there (head is then all of it, held until the
// next call). nil: not raw deflate of text.
func (in *inspector) deflateTextHead(raw []byte, m *meter) (head []byte, whole bool) {
	s := in.blobSniff
	if s == nil {
		if m.reserve(flateCost+sniffLen) != nil {
			return nil, false
		}
		s = &blobSniff{}
		s.fr = flate.NewReader(&s.src)
		in.blobSniff = s
	}
	s.src.Reset(raw)
	if s.fr.(flate.Resetter).Reset(&s.src, nil) != nil {
		return nil, false
	}
	// a head no longer than twice the token (and a line): a short token's
	// sniff costs what the token's length does
	head = s.head[:min(len(s.head), 2*len(raw)+80)]
	n := 0
	for stalls := 0; n < len(head) && stalls <= maxStalls; stalls++ {
		k, err := s.fr.Read(head[n:])
		n += k
		countReadingSteps(k + 1)
		if k > 0 {
			stalls = 0
		}
		if err == io.EOF {
			whole = true
			break
		}
		if err != nil {
			return nil, false // corrupt (or cut) where it starts: other bytes
		}
	}
	if !textHead(head[:n]) {
		return nil, false
	}
	return head[:n], whole
}
