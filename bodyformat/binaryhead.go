package bodyformat

import (
	"net/http"
	"strings"
)

// textAfterHead returns where text starts in head, a binary body's first
// bytes, after a binary head of at most maxFramedHead bytes (a type byte,
// a 2-, 4- or 8-byte length, a magic number), and the charset it sniffs
// in (sniffText: UTF-8, or UTF-16 or UTF-32 by a byte-order mark or their
// NUL pattern, or UTF-16 CJK text); 0 and nil when no head that short
// stands before text.
func textAfterHead(head []byte) (int, *charset) {
	head = head[:min(len(head), sniffLen)]
	for skip := 1; skip <= maxFramedHead && skip < len(head)-1; skip++ {
		rest := head[skip:]
		if !sniffText(rest) {
			continue
		}
		valid := utf8Of(rest)
		switch cs := bomCharset(rest, 0); {
		case cs != nil && !strayBOM(cs, rest):
			return skip, cs
		}
		if hasUTF8Run(rest) {
			// a run of UTF-8 text long enough to read: a NUL after a
			// letter is no UTF-16 (`\x01\x02tel\x00` and a mobile had
			// passed read as UTF-16, attack pass 42)
			return skip, csUTF8
		}
		if cs := sniffWide(rest, 0); cs != nil {
			return skip, cs
		}
		if cs := sniffCJKWide(rest, valid); cs != nil {
			return skip, cs
		}
		return skip, csUTF8
	}
	return 0, nil
}

// binaryHeadText reads b, a binary body whole, as a binary WebSocket
// message is read (wsfilter): a JSON document after its length
// (SniffLengthPrefix: an RPC client's "\x00\x00\x00\x2a{…}"), and each
// such message after it, whatever follows them (prefixedDocs), text with
// NULs after it and a short head before it (SniffFramedText), or text in
// any charset sniffed after a head of at most maxFramedHead bytes
// (textAfterHead: UTF-16 after a 4-byte length) — read as an untyped body
// is (charsetBody), read-only: in Scan mode what it finds counts, in
// Redact mode a finding is errBinaryText (a binary body is never
// rewritten). It reports whether it read b so. A file of a known format
// by its signature is not read so.
func (in *inspector) binaryHeadText(b []byte) (bool, error) {
	if ct := http.DetectContentType(b); ct != "application/octet-stream" && !strings.HasPrefix(ct, "text/plain") {
		return false, nil // (text/plain: a 2-byte length of no control byte before a document, framedLead)
	}
	read := func(text []byte) error {
		_, _, err := in.charsetBody(text, "", nil, 0, 0)
		return err
	}
	mode, before := in.mode, in.counted()
	in.mode = Scan
	var err error
	if end, e := prefixedDocs(b, read); end > 0 {
		err = e // the rest, past its messages, is read with the body's bytes (binaryWhole)
	} else if ft, ok := SniffFramedText(b); ok {
		err = read(ft.Text(b))
	} else if skip, cs := textAfterHead(b); cs != nil {
		err = read(b[skip:])
	} else {
		in.mode = mode
		return false, nil
	}
	in.mode = mode
	if err == nil && mode == Redact && in.counted() > before {
		err = errBinaryText
	}
	return true, err
}

// binaryWhole reads b, a binary body whole, read-only: as text after a
// short binary head (binaryHeadText), and when that found nothing, for
// what a form parser reads in it (binaryForm) and, when that found
// nothing too, the text between its NULs and binary heads (binaryText):
// not counted twice. Inspect and a BinaryScreen holding a body whole read
// it so.
func (in *inspector) binaryWhole(b []byte) error {
	before := in.counted()
	read, err := in.binaryHeadText(b)
	if err != nil || read && in.counted() != before {
		return err
	}
	if err := in.binaryForm(b); err != nil || in.counted() != before {
		return err
	}
	return in.binaryText(b)
}
