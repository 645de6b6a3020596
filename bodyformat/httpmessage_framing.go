package bodyformat

import (
	"bytes"
	"strconv"
	"strings"
)

// contentEncodingLines returns the content codings of an HTTP message
// whose Content-Encoding is given on one line or more. Lines that all say
// the same are one list (RFC 9110 5.3: "gzip" twice is gzip, gzip) that a
// receiver taking the first line alone reads as far as the first coding;
// lines that disagree are ErrMalformed, since receivers read them
// differently.
func contentEncodingLines(vals []string) (string, error) {
	if len(vals) <= 1 {
		if len(vals) == 0 {
			return "", nil
		}
		return vals[0], nil
	}
	first := strings.Join(codings(vals[0]), ",")
	for _, v := range vals[1:] {
		if strings.Join(codings(v), ",") != first {
			return "", malformed("an HTTP message with Content-Encoding headers that disagree", nil)
		}
	}
	return strings.Join(vals, ", "), nil
}

// chunkExtensions reads the chunk extensions of a chunked body whose
// framing parsed (framed: from its first chunk line to the end of its last
// one), text a receiver may log ("5;ref=…"), and reports whether personal
// data is there (extensions are not written back: they cannot be masked).
// Each byte is looked at once.
func (in *inspector) chunkExtensions(framed []byte) bool {
	var exts []byte
	for at := 0; at < len(framed); {
		i := bytes.IndexByte(framed[at:], '\n')
		if i < 0 {
			countReadingSteps(len(framed) - at)
			break
		}
		countReadingSteps(i + 1)
		line := framed[at : at+i]
		at += i + 1
		sizeText, ext, hasExt := bytes.Cut(line, []byte(";"))
		if hasExt {
			exts = append(append(exts, bytes.TrimRight(ext, "\r")...), '\n')
		}
		size, err := strconv.ParseUint(string(bytes.TrimSpace(sizeText)), 16, 63)
		if err != nil || size == 0 || size > uint64(len(framed)-at) {
			break
		}
		at += int(size) + 2 // the data, then its CRLF
	}
	if len(exts) == 0 {
		return false
	}
	if in.meter.reserve(int64(cap(exts))) != nil {
		return true // not read: as if found, it fails closed
	}
	return len(in.find(exts, 0)) > 0
}
