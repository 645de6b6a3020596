package bodyformat

import (
	"encoding/binary"
	"errors"
	"strconv"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// bsShortString encodes a BSON string element whose length counts one
// byte fewer than its bytes and their NUL: it does not parse until a
// mask shortens s by one byte.
func bsShortString(name, s string) []byte {
	v := append(binary.LittleEndian.AppendUint32(nil, uint32(len(s))), s...)
	return bsElem(0x02, name, append(v, 0))
}

// TestMaskMakesBSONParse (FuzzInspectBinary): bytes labelled BSON that do
// not parse are read as text, and a mask that shortens an obfuscated
// mobile (1*38… → eleven stars) made a string's length add up: the body
// then parsed, and its int64 (a card number no reading had seen) reached
// a BSON receiver. A body whose mask would make items parse that hold
// personal data is refused; the same with a first document that parses
// and a second that does not; a mask that makes a clean body parse
// passes.
func TestMaskMakesBSONParse(t *testing.T) {
	r := rng(t.Name())
	m := synth.CNMobile(r)
	obfuscated := m[:1] + "*" + m[1:]
	card, _ := strconv.ParseInt(synth.Visa(r), 10, 64)
	doc := func(n int64) []byte {
		d := bsDoc(bsShortString("note", obfuscated), bsInt64("n", n))
		binary.LittleEndian.PutUint32(d, uint32(len(d)-1)) // its length once masked
		return d
	}
	for name, body := range map[string][]byte{
		"whole":            doc(card),
		"after a document": append(bsDoc(bsElem(0x02, "word", bsString("hello"))), doc(card)...),
	} {
		res, err := Inspect(testEngine(t), body, "application/bson", "", Redact, Limits{})
		if !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: err = %v, body %q", name, err, res.Body)
		}
		res = mustInspect(t, testEngine(t), body, "application/bson", "", Scan)
		if res.Summary.Counts["cn_mobile"] != 1 || res.Summary.Counts["bank_card"] != 0 {
			t.Errorf("%s: Scan counts %+v", name, res.Summary.Counts)
		}
	}
	res := mustInspect(t, testEngine(t), doc(42), "application/bson", "", Redact)
	if !res.Changed {
		t.Fatalf("the mobile is not masked: %q", res.Body)
	}
	if again := mustInspect(t, testEngine(t), res.Body, "application/bson", "", Scan); again.Format != FormatBSON || len(again.Findings) != 0 {
		t.Errorf("the masked body reads as %s with %+v", again.Format, again.Findings)
	}
}
