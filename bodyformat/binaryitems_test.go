package bodyformat

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/fxamacker/cbor/v2"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// cbBytes encodes a definite-length CBOR byte string.
func cbBytes(b []byte) []byte { return appendCBORString(nil, 2, b) }

// cbTag24 encodes item as CBOR's tag 24: an encoded data item in a byte
// string.
func cbTag24(item []byte) []byte { return append([]byte{0xd8, 0x18}, cbBytes(item)...) }

// bsBinary encodes a BSON binary value of subtype sub.
func bsBinary(sub byte, b []byte) []byte {
	return append(append(binary.LittleEndian.AppendUint32(nil, uint32(len(b))), sub), b...)
}

// masksMobile fails unless s is a mask of mobile m: its length, not m.
func masksMobile(t *testing.T, what string, s any, m string) {
	t.Helper()
	str, ok := s.(string)
	if !ok || len(str) != len(m) || str == m || !strings.Contains(str, "*") {
		t.Errorf("%s = %v (%T), want a mask of %s", what, s, s, m)
	}
}

// TestBinaryItemsThenRest: a labelled CBOR, MessagePack or BSON body whose
// first item parses is read as items up to the one that does not, the
// rest as the body is read when it does not parse: the items are masked
// and still decode, the rest goes on as it was; a rest holding an
// identifier as text is masked in Redact mode and counted once in Scan
// mode, the finding of the cut item's walk forgotten.
func TestBinaryItemsThenRest(t *testing.T) {
	r := rng(t.Name())
	m := synth.CNMobile(r)
	n, _ := strconv.ParseUint(m, 10, 64)
	tail := []byte("\x00\x00junk\xff")
	t.Run("cbor", func(t *testing.T) {
		item := cbMap(cbText("mobile"), cbUint64(n))
		for _, ct := range []string{"application/cbor", "application/cbor-seq"} {
			body := append(append(append([]byte{}, item...), item...), tail...)
			res := mustInspect(t, testEngine(t), body, ct, "", Redact)
			if res.Format != FormatCBOR || !res.Changed || !bytes.HasSuffix(res.Body, tail) {
				t.Fatalf("%s: %s changed %v %x", ct, res.Format, res.Changed, res.Body)
			}
			dec := cbor.NewDecoder(bytes.NewReader(res.Body))
			for range 2 {
				var v map[string]any
				if err := dec.Decode(&v); err != nil {
					t.Fatalf("%s: decoding %x: %v", ct, res.Body, err)
				}
				masksMobile(t, ct+" mobile", v["mobile"], m)
			}
			if dec.NumBytesRead() != len(res.Body)-len(tail) {
				t.Errorf("%s: items end at %d of %d", ct, dec.NumBytesRead(), len(res.Body))
			}
		}
	})
	t.Run("msgpack", func(t *testing.T) {
		body := append(mpMap(mpStr("mobile"), mpUint64(n)), tail...)
		res := mustInspect(t, testEngine(t), body, "application/msgpack", "", Redact)
		if res.Format != FormatMsgpack || !bytes.HasSuffix(res.Body, tail) {
			t.Fatalf("%s %x", res.Format, res.Body)
		}
		v, end := mpValue(t, res.Body)
		masksMobile(t, "mobile", v.(map[string]any)["mobile"], m)
		if end != len(res.Body)-len(tail) {
			t.Errorf("the value ends at %d of %d", end, len(res.Body))
		}
	})
	t.Run("bson", func(t *testing.T) {
		doc := bsDoc(bsElem(0x02, "mobile", bsString(m)))
		res := mustInspect(t, testEngine(t), append(append([]byte{}, doc...), tail...), "application/bson", "", Redact)
		if res.Format != FormatBSON || len(res.Body) != len(doc)+len(tail) || !bytes.HasSuffix(res.Body, tail) {
			t.Fatalf("%s %q", res.Format, res.Body)
		}
		at := bytes.Index(doc, []byte(m))
		masksMobile(t, "mobile", string(res.Body[at:at+len(m)]), m)
		if again := mustInspect(t, testEngine(t), res.Body[:len(doc)], "application/bson", "", Scan); again.Format != FormatBSON || len(again.Findings) != 0 {
			t.Errorf("the masked document reads %s %+v", again.Format, again.Findings)
		}
	})
	t.Run("rest holds text", func(t *testing.T) {
		for ct, first := range map[string][]byte{
			"application/cbor":    cbMap(cbText("a"), cbText("b")),
			"application/msgpack": mpMap(mpStr("a"), mpStr("b")),
			"application/bson":    bsDoc(bsElem(0x02, "a", bsString("b"))),
		} {
			// a cut item (a map of two pairs holding one, a document
			// longer than the body) that holds the mobile as text
			cut := map[string][]byte{
				"application/cbor":    append([]byte{0xa2}, append(cbText("a"), cbText("tel "+m)...)...),
				"application/msgpack": append([]byte{0x82}, append(mpStr("a"), mpStr("tel "+m)...)...),
				"application/bson":    append(binary.LittleEndian.AppendUint32(nil, 200), bsElem(0x02, "a", bsString("tel "+m))...),
			}[ct]
			body := append(append([]byte{}, first...), cut...)
			red := mustInspect(t, testEngine(t), body, ct, "", Redact)
			if !red.Changed || !bytes.HasPrefix(red.Body, first) || bytes.Contains(red.Body, []byte(m)) {
				t.Errorf("%s: Redact gives %q", ct, red.Body)
			}
			res := mustInspect(t, testEngine(t), body, ct, "", Scan)
			if got := res.Summary.Counts[detect.CNMobile]; got != 1 {
				t.Errorf("%s: %d mobiles counted, want 1 (%+v)", ct, got, res.Findings)
			}
		}
	})
}

// TestCBORTag24AndChunkedBignumMasked: an identifier in the item tag 24
// holds, and a bignum over a chunked byte string, are masked; the body
// still decodes, tag 24's byte string to an item with the mask.
func TestCBORTag24AndChunkedBignumMasked(t *testing.T) {
	r := rng(t.Name())
	m := synth.CNMobile(r)
	n, _ := strconv.ParseUint(m, 10, 64)
	be := binary.BigEndian.AppendUint64(nil, n)
	chunked := append(append(append([]byte{0xc2, 0x5f}, cbBytes(be[:3])...), cbBytes(be[3:])...), 0xff)
	body := cbMap(
		cbText("data"), cbTag24(cbMap(cbText("mobile"), cbUint64(n))),
		cbText("big"), chunked,
	)
	res := mustInspect(t, testEngine(t), body, "application/cbor", "", Redact)
	if res.Format != FormatCBOR || !res.Changed {
		t.Fatalf("%s changed %v", res.Format, res.Changed)
	}
	var v struct {
		Data cbor.RawTag `cbor:"data"`
		Big  any         `cbor:"big"`
	}
	if err := cbor.Unmarshal(res.Body, &v); err != nil {
		t.Fatalf("decoding %x: %v", res.Body, err)
	}
	masksMobile(t, "big", v.Big, m)
	var content []byte
	if err := cbor.Unmarshal(v.Data.Content, &content); v.Data.Number != 24 || err != nil {
		t.Fatalf("data: tag %d, %v", v.Data.Number, err)
	}
	inner := map[string]any{}
	if err := cbor.Unmarshal(content, &inner); err != nil {
		t.Fatalf("tag 24's item %x: %v", content, err)
	}
	masksMobile(t, "data's mobile", inner["mobile"], m)
}

// TestBSONBinaryDocument: binary data holding a whole BSON document is
// read as one: a string in it is masked in place (the body the same
// length, reading clean), a number refuses the body in Redact mode and is
// counted in Scan mode; binary data of another subtype, or that is no
// whole document, is read as bytes.
func TestBSONBinaryDocument(t *testing.T) {
	r := rng(t.Name())
	m := synth.CNMobile(r)
	n, _ := strconv.ParseUint(m, 10, 64)
	str := bsDoc(bsElem(0x05, "data", bsBinary(0x80, bsDoc(bsElem(0x02, "tel", bsString(m))))))
	res := mustInspect(t, testEngine(t), str, "application/bson", "", Redact)
	if res.Format != FormatBSON || len(res.Body) != len(str) || strings.Contains(string(res.Body), m) {
		t.Fatalf("%s %q", res.Format, res.Body)
	}
	if again := mustInspect(t, testEngine(t), res.Body, "application/bson", "", Scan); again.Format != FormatBSON || len(again.Findings) != 0 {
		t.Errorf("the masked body reads %s %+v", again.Format, again.Findings)
	}
	num := bsDoc(bsElem(0x05, "data", bsBinary(0x00, bsDoc(bsInt64("x", int64(n))))))
	if _, err := Inspect(testEngine(t), num, "application/bson", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
		t.Errorf("a number in binary data: err = %v, want a refusal", err)
	}
	attack44Finds(t, num, "application/bson", detect.CNMobile)
	for name, b := range map[string][]byte{
		"function subtype": bsDoc(bsElem(0x05, "data", bsBinary(0x01, bsDoc(bsInt64("x", int64(n)))))),
		"longer than it":   bsDoc(bsElem(0x05, "data", bsBinary(0x00, append(bsDoc(bsInt64("x", int64(n))), 0)))),
	} {
		res := mustInspect(t, testEngine(t), b, "application/bson", "", Scan)
		if res.Format != FormatBSON || hasCategory(res.Findings, detect.CNMobile) {
			t.Errorf("%s: %s %+v", name, res.Format, res.Findings)
		}
	}
}

// TestBinaryEmbeddedTooDeep: tag 24 in tag 24, binary data in binary
// data, past Limits.MaxDepth, refuse the body; the hint of a key reaches
// the elements of an array under it in MessagePack too.
func TestBinaryEmbeddedTooDeep(t *testing.T) {
	r := rng(t.Name())
	m := synth.CNMobile(r)
	n, _ := strconv.ParseUint(m, 10, 64)
	cb, bs := cbUint64(n), bsDoc(bsInt64("x", int64(n)))
	for range 300 {
		cb = cbTag24(cb)
		bs = bsDoc(bsElem(0x05, "d", bsBinary(0x00, bs)))
	}
	for ct, b := range map[string][]byte{"application/cbor": cb, "application/bson": bs} {
		for _, mode := range []Mode{Scan, Redact} {
			if _, err := Inspect(testEngine(t), b, ct, "", mode, Limits{}); !errors.Is(err, ErrMalformed) {
				t.Errorf("%s mode %v: err = %v, want a refusal", ct, mode, err)
			}
		}
	}
	name := synth.CNName(r)
	attack44Redact(t, mpMap(mpStr("realName"), append([]byte{0x91}, mpStr(name)...)), "application/msgpack", name)
}
