package bodyformat

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// prefixedDoc returns a JSON document of about n bytes behind its 4-byte
// length (big- or little-endian, counting the document or the message):
// a record with a name beside a resident ID, a mobile split over sibling
// members (tel1, tel2, tel3; pii false: a clean record), padded with
// clean members before it.
func prefixedDoc(r *rand.Rand, n int, little, inclusive, pii bool) []byte {
	var doc strings.Builder
	doc.WriteString(`{"items":[`)
	for i := 0; doc.Len() < n-300; i++ {
		if i > 0 {
			doc.WriteByte(',')
		}
		fmt.Fprintf(&doc, `{"sku":"a%d","qty":%d,"note":"fresh and cold"}`, i, i%7)
	}
	doc.WriteString(`],`)
	if pii {
		m := synth.CNMobile(r)
		fmt.Fprintf(&doc, `"tel1":"%s","tel2":"%s","tel3":"%s",`, m[:3], m[3:7], m[7:])
		fmt.Fprintf(&doc, `"rec":{"a":"%s","b":"%s"}}`, synth.CNName(r), synth.CNID18(r))
	} else {
		doc.WriteString(`"tel1":"x","rec":{"a":"b"}}`)
	}
	size := uint32(doc.Len())
	if inclusive {
		size += lengthPrefixWidth
	}
	var body []byte
	if little {
		body = binary.LittleEndian.AppendUint32(nil, size)
	} else {
		body = binary.BigEndian.AppendUint32(nil, size)
	}
	return append(body, doc.String()...)
}

// TestBinaryScreenPrefixedDocument (attack pass 45, F1, F8): a JSON
// document behind its 4-byte length, of 4 KiB to 64 KiB (past the
// screen's first window), is read by a BinaryScreen as Inspect reads it:
// a mobile split over sibling members (which Inspect joins) ends the
// stream in Redact mode before any byte goes on, and in Scan mode the
// screen counts what Inspect counts, category by category (a record's
// name once). The clean document passes byte for byte in both modes.
func TestBinaryScreenPrefixedDocument(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(46, 1))
	for _, n := range []int{4 << 10, binaryScreenPiece + 10, 6 << 10, 16 << 10, 40 << 10, 64 << 10} {
		for _, form := range []struct{ little, inclusive bool }{{false, false}, {true, false}, {false, true}, {true, true}} {
			name := fmt.Sprintf("%d bytes, little %v, inclusive %v", n, form.little, form.inclusive)
			body := prefixedDoc(r, n, form.little, form.inclusive, true)
			if _, ok := SniffLengthPrefix(body); !ok || IsText("", body) {
				t.Fatalf("%s: not a length-prefixed document that is no text", name)
			}
			want, err := Inspect(eng, body, "", "", Scan, Limits{})
			if err != nil || want.Summary.Counts[detect.CNMobile] == 0 || want.Summary.Counts[detect.CNName] == 0 {
				t.Fatalf("%s: Inspect counted %v (%v)", name, want.Summary.Counts, err)
			}
			for _, chunk := range []int{7, 4096, binaryScreenRead} {
				out, s, err := screenAll(t, eng, body, Scan, chunk)
				if err != nil || !bytes.Equal(out, body) {
					t.Fatalf("%s by %d: scan passed %d of %d bytes (%v)", name, chunk, len(out), len(body), err)
				}
				if got := s.Result().Summary.Counts; !maps.Equal(got, want.Summary.Counts) {
					t.Errorf("%s by %d: the screen counted %v, Inspect %v", name, chunk, got, want.Summary.Counts)
				}
				out, _, err = screenAll(t, eng, body, Redact, chunk)
				if !errors.Is(err, ErrMalformed) || len(out) != 0 {
					t.Errorf("%s by %d: redact passed %d bytes, ended %v", name, chunk, len(out), err)
				}
			}
			clean := prefixedDoc(r, n, form.little, form.inclusive, false)
			for _, mode := range []Mode{Scan, Redact} {
				out, s, err := screenAll(t, eng, clean, mode, 4096)
				if err != nil || !bytes.Equal(out, clean) || len(s.Result().Summary.Counts) != 0 {
					t.Errorf("%s clean, mode %v: passed %d of %d bytes, found %v (%v)", name, mode, len(out), len(clean), s.Result().Summary.Counts, err)
				}
			}
		}
	}
}

// TestBinaryScreenPrefixedDocumentBounds: a BinaryScreen holds a
// length-prefixed document whole only up to maxBinaryScreenDoc bytes: one
// whose length says more is refused once more than that arrived
// (ErrTooLarge, in both modes), having passed nothing; a body longer than
// its head's length says (two documents, each behind its length; a
// stream of short messages longer than the screen holds a document) is
// held up to that bound too, its messages read as JSON (prefixedDocs),
// and streams as any binary body past it, clean bytes byte for byte.
func TestBinaryScreenPrefixedDocumentBounds(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(46, 2))
	big := prefixedDoc(r, maxBinaryScreenDoc+(8<<10), false, false, false)
	for _, mode := range []Mode{Scan, Redact} {
		out, s, err := screenAll(t, eng, big, mode, binaryScreenRead)
		if !errors.Is(err, ErrTooLarge) || len(out) != 0 || s.Held() > maxBinaryScreenDoc+1 {
			t.Errorf("mode %v: a %d-byte document passed %d bytes, held %d, ended %v", mode, len(big), len(out), s.Held(), err)
		}
	}
	first := prefixedDoc(r, 6<<10, false, false, false)
	two := append(append([]byte{}, first...), prefixedDoc(r, 6<<10, true, false, false)...)
	for _, mode := range []Mode{Scan, Redact} {
		out, s, err := screenAll(t, eng, two, mode, 4096)
		if err != nil || !bytes.Equal(out, two) || len(s.Result().Summary.Counts) != 0 {
			t.Errorf("mode %v: two clean documents passed %d of %d bytes, found %v (%v)", mode, len(out), len(two), s.Result().Summary.Counts, err)
		}
		if s.Held() > maxBinaryScreenDoc+1 {
			t.Errorf("mode %v: held %d bytes, the first document is %d", mode, s.Held(), len(first))
		}
	}
	// a stream of short messages, each behind its length, longer than
	// the screen holds a document: held up to the bound, then streamed
	var msgs []byte
	for i := 0; len(msgs) <= maxBinaryScreenDoc+(4<<10); i++ {
		msgs = append(msgs, prefixedDoc(r, 200+i%50, i%2 == 0, false, false)...)
	}
	for _, mode := range []Mode{Scan, Redact} {
		out, s, err := screenAll(t, eng, msgs, mode, 4096)
		if err != nil || !bytes.Equal(out, msgs) || len(s.Result().Summary.Counts) != 0 || s.Held() > maxBinaryScreenDoc+1 {
			t.Errorf("mode %v: %d bytes of messages passed %d, held %d, found %v (%v)", mode, len(msgs), len(out), s.Held(), s.Result().Summary.Counts, err)
		}
	}
}
