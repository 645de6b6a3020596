package bodyformat

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"testing"

	"github.com/fxamacker/cbor/v2"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// Attack pass 44: every test in this file fails on purpose, each a
// finding against what the last session merged (e13e26b..main).

// attack44Redact inspects body as ct in Redact mode and fails when one of
// raws survives in what goes on (the body itself when nothing changed); a
// refusal (ErrMalformed) passes: nothing goes on.
func attack44Redact(t *testing.T, body []byte, ct string, raws ...string) {
	t.Helper()
	res, err := Inspect(testEngine(t), body, ct, "", Redact, Limits{})
	if errors.Is(err, ErrMalformed) {
		return
	}
	if err != nil {
		t.Fatalf("inspect: %v", err)
	}
	out := body
	if res.Changed {
		out = res.Body
	}
	for _, raw := range raws {
		if bytes.Contains(out, []byte(raw)) {
			t.Errorf("%q passes raw in %q (format %s, findings %+v)", raw, out, res.Format, res.Findings)
		}
	}
}

// attack44Finds fails unless a Scan of body as ct finds category c.
func attack44Finds(t *testing.T, body []byte, ct string, c detect.Category) {
	t.Helper()
	res, err := Inspect(testEngine(t), body, ct, "", Scan, Limits{})
	if err != nil {
		t.Fatalf("inspect: %v", err)
	}
	if !hasCategory(res.Findings, c) {
		t.Errorf("no %s found in %x (format %s, findings %+v)", c, body, res.Format, res.Findings)
	}
}

// TestAttack44CBORBSONTrailingByte: one byte after a whole CBOR map (a
// lone break, a reserved head) or a whole BSON document makes the walker
// return errNotFramed, and the body labelled CBOR or BSON is read as text:
// a mobile held as CBOR's 8-byte integer or BSON's int64 is no text and
// passes. A stream decoder (cbor.NewDecoder(body).Decode, one BSON
// document read by its length) reads the first item and never looks at
// the byte after it.
func TestAttack44CBORBSONTrailingByte(t *testing.T) {
	r := rng(t.Name())
	m := synth.CNMobile(r)
	n, _ := strconv.ParseUint(m, 10, 64)
	for _, tail := range [][]byte{{0xff}, {0x1c}, []byte("\x00\x00junk")} {
		t.Run(fmt.Sprintf("cbor %x", tail), func(t *testing.T) {
			body := append(cbMap(cbText("mobile"), cbUint64(n)), tail...)
			var v map[string]any
			if err := cbor.NewDecoder(bytes.NewReader(body)).Decode(&v); err != nil || v["mobile"] != n {
				t.Fatalf("a stream decoder reads %v, %v", v, err)
			}
			attack44Finds(t, body, "application/cbor", detect.CNMobile)
		})
		t.Run(fmt.Sprintf("bson %x", tail), func(t *testing.T) {
			body := append(bsDoc(bsInt64("mobile", int64(n))), tail...)
			attack44Finds(t, body, "application/bson", detect.CNMobile)
		})
	}
}

// TestAttack44CBORChunkedKey: a map key written as an indefinite-length
// text string ("real" "Name", which every decoder joins to realName)
// gives its value no hint (container reads the key's hint only through
// cborString, definite strings only): the name under it passes.
func TestAttack44CBORChunkedKey(t *testing.T) {
	r := rng(t.Name())
	name := synth.CNName(r)
	body := cbMap(cbChunks("real", "Name"), cbText(name))
	if got := cbDecode(t, body); got["realName"] != name {
		t.Fatalf("decoded %v", got)
	}
	attack44Redact(t, body, "application/cbor", name)
}

// TestAttack44ArrayUnderNameKey: a value in an array under a name key
// ({"realName":[name]}) is read with no hint in CBOR (container passes
// none to its elements) and in BSON (an array's elements are named "0",
// "1"): the name passes, where JSON masks it (余*).
func TestAttack44ArrayUnderNameKey(t *testing.T) {
	r := rng(t.Name())
	name := synth.CNName(r)
	json := mustInspect(t, testEngine(t), []byte(`{"realName":["`+name+`"]}`), "application/json", "", Redact)
	if strings.Contains(string(json.Body), name) {
		t.Fatalf("JSON's array under a name key left %s raw: %s", name, json.Body)
	}
	t.Run("cbor", func(t *testing.T) {
		attack44Redact(t, cbMap(cbText("realName"), append([]byte{0x81}, cbText(name)...)), "application/cbor", name)
	})
	t.Run("bson", func(t *testing.T) {
		body := bsDoc(bsElem(0x04, "realName", bsDoc(bsElem(0x02, "0", bsString(name)))))
		attack44Redact(t, body, "application/bson", name)
	})
}

// TestAttack44CBORChunkedBignum: tag 2 over an indefinite-length byte
// string (chunks of the number's bytes) is a bignum every decoder reads
// (fxamacker: a big.Int), but bignum reads only a definite byte string and
// the chunks, no UTF-8, go to findFlat as bytes: the mobile passes.
func TestAttack44CBORChunkedBignum(t *testing.T) {
	r := rng(t.Name())
	m := synth.CNMobile(r)
	n, _ := strconv.ParseUint(m, 10, 64)
	be := binary.BigEndian.AppendUint64(nil, n)
	bn := append([]byte{0xc2, 0x5f}, appendCBORString(nil, 2, be[:4])...)
	bn = append(append(bn, appendCBORString(nil, 2, be[4:])...), 0xff)
	body := cbMap(cbText("mobile"), bn)
	var v map[string]any
	if err := cbor.Unmarshal(body, &v); err != nil {
		t.Fatalf("decoding: %v", err)
	}
	if got, ok := v["mobile"].(big.Int); !ok || got.Uint64() != n {
		t.Fatalf("a decoder reads %T %v", v["mobile"], v["mobile"])
	}
	attack44Finds(t, body, "application/cbor", detect.CNMobile)
}

// TestAttack44EmbeddedItems: CBOR's tag 24 (an encoded CBOR data item in
// a byte string, RFC 8949 3.4.5.1) and BSON binary data holding a BSON
// document are read as flat bytes: the mobile as an integer inside them
// is not found, where the same item outside them is.
func TestAttack44EmbeddedItems(t *testing.T) {
	r := rng(t.Name())
	m := synth.CNMobile(r)
	n, _ := strconv.ParseUint(m, 10, 64)
	t.Run("cbor tag 24", func(t *testing.T) {
		inner := cbMap(cbText("mobile"), cbUint64(n))
		body := cbMap(cbText("data"), append([]byte{0xd8, 0x18}, appendCBORString(nil, 2, inner)...))
		attack44Finds(t, body, "application/cbor", detect.CNMobile)
	})
	t.Run("bson binary", func(t *testing.T) {
		inner := bsDoc(bsInt64("mobile", int64(n)))
		bin := append(binary.LittleEndian.AppendUint32(nil, uint32(len(inner))), 0x00)
		attack44Finds(t, bsDoc(bsElem(0x05, "data", append(bin, inner...))), "application/bson", detect.CNMobile)
	})
}
