package bodyformat

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
)

// fix49Framed returns doc behind a big-endian length of width bytes (2
// or 4) counting the document.
func fix49Framed(doc []byte, width int) []byte {
	if width == 2 {
		return append(binary.BigEndian.AppendUint16(nil, uint16(len(doc))), doc...)
	}
	return append(binary.BigEndian.AppendUint32(nil, uint32(len(doc))), doc...)
}

// fix49HoldStream returns a stream of clean JSON messages of about 2 KiB
// behind big-endian lengths of width bytes, past the screen's hold by
// past bytes, then (pii) a message with a mobile split over sibling
// members, then more clean messages.
func fix49HoldStream(r *rand.Rand, width, past int, pii bool) []byte {
	var b []byte
	for len(b) < maxBinaryScreenDoc+past {
		doc, _ := fix49SplitDoc(r, 2<<10, false)
		b = append(b, fix49Framed(doc, width)...)
	}
	if pii {
		doc, _ := fix49SplitDoc(r, 1<<10, true)
		b = append(b, fix49Framed(doc, width)...)
	}
	for range 3 {
		doc, _ := fix49SplitDoc(r, 1<<10, false)
		b = append(b, fix49Framed(doc, width)...)
	}
	return b
}

// fix49ScreenRefuses checks that body, holding personal data, is refused
// by the screen in Redact mode before its personal message goes on
// (wantAt: where that message starts) and counted in Scan mode; and that
// clean, the same shape, passes byte for byte held no more than the hold.
func fix49ScreenRefuses(t *testing.T, name string, body, clean []byte, wantAt int) {
	t.Helper()
	eng := testEngine(t)
	out, _, err := screenAll(t, eng, body, Redact, 4096)
	if !errors.Is(err, ErrMalformed) || len(out) > wantAt {
		t.Errorf("%s: Redact: the screen passed %d bytes (the personal message at %d): %v", name, len(out), wantAt, err)
	}
	out, s, err := screenAll(t, eng, body, Scan, 4096)
	if err != nil || !bytes.Equal(out, body) || s.Result().Summary.Counts["cn_mobile"] == 0 {
		t.Errorf("%s: Scan: %v, passed %d of %d bytes, counts %v", name, err, len(out), len(body), s.Result().Summary.Counts)
	}
	out, s, err = screenAll(t, eng, clean, Redact, 4096)
	if err != nil || !bytes.Equal(out, clean) || s.Held() > maxBinaryScreenDoc+1 {
		t.Errorf("%s: clean: %v, passed %d of %d bytes, held %d", name, err, len(out), len(clean), s.Held())
	}
}

// TestFix49HoldFramedStream (issue #9, fix49hold): an untyped stream of
// JSON messages behind 4-byte or 2-byte big-endian lengths whose message
// with a mobile split over sibling members starts past the screen's
// 256 KiB hold is read message by message as JSON: refused in Redact
// mode before that message goes on, counted in Scan mode. Before, the
// screen read the messages past its hold as runs of text, which join no
// members, and the mobile went on raw. Clean, the stream passes byte for
// byte, held no more than the hold.
func TestFix49HoldFramedStream(t *testing.T) {
	for _, width := range []int{4, 2} {
		for _, past := range []int{1 << 10, 64 << 10, 600 << 10} {
			r := rand.New(rand.NewPCG(49, uint64(past+width)))
			body := fix49HoldStream(r, width, past, true)
			clean := fix49HoldStream(r, width, past, false)
			at := bytes.Index(body, []byte(`"tel1":"1`))
			at = bytes.LastIndex(body[:at], []byte(`{"items"`)) - width // the message's start
			fix49ScreenRefuses(t, fmt.Sprintf("%d-byte lengths, %d past the hold", width, past), body, clean, at)
		}
	}
}

// TestFix49HoldDocAfterBinaryMessages (issue #9, fix49hold): a JSON
// document after binary messages (4-byte lengths) that starts past the
// screen's first window, or past its hold, is read as JSON by the
// screen as Inspect reads it: refused in Redact mode, counted in Scan
// mode. Before, the screen saw only its head (openDocAfter) and read
// the document as runs of text. Clean, the body passes byte for byte.
func TestFix49HoldDocAfterBinaryMessages(t *testing.T) {
	for _, k := range []int{600, 10000} {
		r := rand.New(rand.NewPCG(49, uint64(k)))
		msgs := fix49BinaryMessages(r, k)
		doc, _ := fix49SplitDoc(r, 16<<10, true)
		cdoc, _ := fix49SplitDoc(r, 16<<10, false)
		body := append(append(bytes.Clone(msgs), fix49Framed(doc, 4)...), 0)
		clean := append(append(bytes.Clone(msgs), fix49Framed(cdoc, 4)...), 0)
		if k < 1000 {
			if _, err := Inspect(testEngine(t), body, "", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
				t.Errorf("%d binary messages: Inspect %v, want refused", k, err)
			}
		}
		fix49ScreenRefuses(t, fmt.Sprintf("%d binary messages", k), body, clean, len(msgs))
	}
}

// TestFix49HoldMessageTooLong (issue #9, fix49hold): in a stream of
// length-prefixed messages past the screen's hold, a message longer
// than the hold (it cannot be read whole) ends the stream as too large
// (ErrTooLarge: refused as uninspectable, or passed under oversize pass)
// before any of it goes on.
func TestFix49HoldMessageTooLong(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(49, 7))
	body := fix49HoldStream(r, 4, 8<<10, false)
	start := len(body)
	doc, _ := fix49SplitDoc(r, maxBinaryScreenDoc+(4<<10), false)
	body = append(body, fix49Framed(doc, 4)...)
	out, _, err := screenAll(t, eng, body, Scan, 4096)
	if !errors.Is(err, ErrTooLarge) || len(out) > start {
		t.Errorf("passed %d bytes (the long message at %d): %v, want ErrTooLarge", len(out), start, err)
	}
}
