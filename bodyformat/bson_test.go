package bodyformat

import (
	"encoding/binary"
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// bsDoc encodes a BSON document of elements already encoded.
func bsDoc(elems ...[]byte) []byte {
	var body []byte
	for _, e := range elems {
		body = append(body, e...)
	}
	n := len(body) + 5
	return append(binary.LittleEndian.AppendUint32(nil, uint32(n)), append(body, 0)...)
}

// bsElem encodes an element: its type, its name, its value.
func bsElem(t byte, name string, v []byte) []byte {
	return append(append(append([]byte{t}, name...), 0), v...)
}

// bsString encodes a BSON string value.
func bsString(s string) []byte {
	return append(append(binary.LittleEndian.AppendUint32(nil, uint32(len(s)+1)), s...), 0)
}

// bsInt64 encodes an int64 element.
func bsInt64(name string, v int64) []byte {
	return bsElem(0x12, name, binary.LittleEndian.AppendUint64(nil, uint64(v)))
}

// TestBSONNumbersRefused: an int64, an int32 (a QQ-length number under
// its key), a double, a decimal128 and a nested array holding an
// identifier as a number are found; Redact refuses the body (numbers are
// not rewritten), Scan counts them.
func TestBSONNumbersRefused(t *testing.T) {
	r := rng(t.Name())
	m := synth.CNMobile(r)
	n, _ := strconv.ParseInt(m, 10, 64)
	dec := make([]byte, 16) // decimal128: coefficient n, exponent 0
	binary.LittleEndian.PutUint64(dec, uint64(n))
	binary.LittleEndian.PutUint64(dec[8:], uint64(6176)<<49)
	for name, body := range map[string][]byte{
		"int64":      bsDoc(bsInt64("tel", n)),
		"double":     bsDoc(bsElem(0x01, "tel", binary.LittleEndian.AppendUint64(nil, math.Float64bits(float64(n))))),
		"decimal128": bsDoc(bsElem(0x13, "x", dec)),
		"array":      bsDoc(bsElem(0x04, "list", bsDoc(bsInt64("0", 1), bsInt64("1", n)))),
	} {
		if _, err := Inspect(testEngine(t), body, "application/bson", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: Redact err = %v", name, err)
		}
		res := mustInspect(t, testEngine(t), body, "application/bson", "", Scan)
		if res.Format != FormatBSON || res.Summary.Counts[detect.CNMobile] != 1 {
			t.Errorf("%s: Scan %s %+v", name, res.Format, res.Summary.Counts)
		}
	}
}

// TestBSONStringsMasked: a string, a name and UTF-8 binary data are
// masked in place, the lengths kept; a clean body passes byte for byte;
// one too deep is refused; one that does not parse is read as text.
func TestBSONStringsMasked(t *testing.T) {
	r := rng(t.Name())
	id, m := synth.CNID18(r), synth.CNMobile(r)
	body := bsDoc(
		bsElem(0x02, "idCard", bsString(id)),
		bsElem(0x02, m, bsString("key holds it")),
		bsElem(0x05, "blob", append(append(binary.LittleEndian.AppendUint32(nil, uint32(len(m))), 0), m...)),
		bsElem(0x10, "n", binary.LittleEndian.AppendUint32(nil, 42)),
	)
	res := mustInspect(t, testEngine(t), body, "application/bson", "", Redact)
	if res.Format != FormatBSON || !res.Changed || len(res.Body) != len(body) {
		t.Fatalf("read as %s, changed %v, %d bytes of %d", res.Format, res.Changed, len(res.Body), len(body))
	}
	for _, raw := range []string{id, m} {
		if strings.Contains(string(res.Body), raw) {
			t.Errorf("%s survives: %q", raw, res.Body)
		}
	}
	if res2 := mustInspect(t, testEngine(t), res.Body, "application/bson", "", Scan); res2.Format != FormatBSON {
		t.Errorf("masked body no longer parses: %s %q", res2.Format, res.Body)
	}
	clean := bsDoc(bsElem(0x02, "word", bsString("hello")), bsInt64("count", 1700000000))
	if res := mustInspect(t, testEngine(t), clean, "application/bson", "", Redact); res.Changed || !sameSlice(res.Body, clean) {
		t.Errorf("clean body changed: %q", res.Body)
	}
	deep := bsDoc(bsElem(0x02, "tel", bsString(m)))
	for range 300 {
		deep = bsDoc(bsElem(0x03, "d", deep))
	}
	if _, err := Inspect(testEngine(t), deep, "application/bson", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
		t.Errorf("too deep: err = %v", err)
	}
	cut := bsDoc(bsElem(0x02, "tel", bsString(" "+m)))
	cut = cut[:len(cut)-1]
	if res := mustInspect(t, testEngine(t), cut, "application/bson", "", Redact); res.Format == FormatBSON || strings.Contains(string(res.Body), m) {
		t.Errorf("cut body: %s %q", res.Format, res.Body)
	}
}
