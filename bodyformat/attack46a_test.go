package bodyformat

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// attack46aSplitMobileDoc returns a JSON document of about n bytes
// behind its 4-byte big-endian length, whose only personal data is a
// mobile split over sibling members (tel1, tel2, tel3), which the JSON
// reading joins and a reading of runs of text does not.
func attack46aSplitMobileDoc(r *rand.Rand, n int) []byte {
	var doc strings.Builder
	doc.WriteString(`{"items":[`)
	for i := 0; doc.Len() < n-100; i++ {
		if i > 0 {
			doc.WriteByte(',')
		}
		fmt.Fprintf(&doc, `{"sku":"a%d","qty":%d,"note":"fresh and cold"}`, i, i%7)
	}
	m := synth.CNMobile(r)
	fmt.Fprintf(&doc, `],"tel1":"%s","tel2":"%s","tel3":"%s"}`, m[:3], m[3:7], m[7:])
	return LengthPrefix{width: lengthPrefixWidth}.Append(nil, []byte(doc.String()))
}

// TestAttack46aPrefixedDocumentTrailingByte (attack46a F9): the screen
// holds a length-prefixed JSON document whole only while no NUL and no
// byte that is no UTF-8 arrives (fillDoc): one NUL after the document
// streams it as runs of text, where the split mobile is not read, while
// Inspect reads the same body whole (binaryHeadText: SniffFramedText)
// and refuses it; at 20 KiB Inspect misses it too. A line break after
// the document (a newline-ended frame) makes SniffLengthPrefix fail and
// both Inspect and the screen pass it at any size. Two length-prefixed
// messages one after the other (a stream of RPC frames) are read by
// neither as JSON: SniffLengthPrefix asks the length to be the whole
// body's. Every such body should be refused in Redact mode as the
// document alone is.
func TestAttack46aPrefixedDocumentTrailingByte(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(46, 0xb))
	for _, n := range []int{6 << 10, 20 << 10} {
		doc := attack46aSplitMobileDoc(r, n)
		if _, err := Inspect(eng, doc, "", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
			t.Fatalf("%d bytes alone: Inspect redact %v", n, err)
		}
		if out, _, err := screenAll(t, eng, doc, Redact, 4096); !errors.Is(err, ErrMalformed) || len(out) != 0 {
			t.Fatalf("%d bytes alone: screen redact passed %d bytes, %v", n, len(out), err)
		}
		for name, body := range map[string][]byte{
			"a NUL after":        append(bytes.Clone(doc), 0),
			"a line break after": append(bytes.Clone(doc), '\n'),
			"a second message":   append(bytes.Clone(doc), LengthPrefix{width: lengthPrefixWidth}.Append(nil, []byte(`{"ok":true}`))...),
		} {
			if _, err := Inspect(eng, body, "", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
				t.Errorf("%d bytes, %s: Inspect redact passed it (%v)", n, name, err)
			}
			if out, _, err := screenAll(t, eng, body, Redact, 4096); !errors.Is(err, ErrMalformed) {
				t.Errorf("%d bytes, %s: the screen passed %d of %d bytes (%v)", n, name, len(out), len(body), err)
			}
		}
	}
}
