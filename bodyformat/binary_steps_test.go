//go:build detectsteps

package bodyformat

import (
	"testing"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// binaryShapes are binary bodies of about n bytes built to cost the most:
// strings of digits that parse as messages, messages nested to the depth
// limit and past it, and MessagePack values of every kind.
func binaryShapes(n int) map[string]struct {
	ct   string
	body []byte
} {
	r := rng("binary shapes")
	flat := []byte{}
	for len(flat) < n {
		flat = protowire.AppendTag(flat, 1, protowire.BytesType)
		flat = protowire.AppendString(flat, synth.CNMobile(r))
		flat = protowire.AppendTag(flat, 2, protowire.VarintType)
		flat = protowire.AppendVarint(flat, 13800000000+uint64(len(flat)))
	}
	deep := []byte{}
	for len(deep) < n {
		msg := protowire.AppendString(protowire.AppendTag(nil, 1, protowire.BytesType), "tel "+synth.CNMobile(r))
		for range 40 {
			msg = protowire.AppendBytes(protowire.AppendTag(nil, 2, protowire.BytesType), msg)
		}
		deep = append(deep, msg...)
	}
	mp := []byte{0xdd, 0xff, 0xff, 0xff, 0xff}
	for len(mp) < n {
		mp = append(mp, mpMap(mpStr("tel"), mpStr(synth.CNMobile(r)), mpStr("n"), mpUint64(13800000000))...)
	}
	mp = append(mp, 0xc1) // never used: the body fails at the end
	cb := []byte{0x9f}    // an indefinite array, never ended
	for len(cb) < n {
		m := synth.CNMobile(r)
		cb = append(cb, cbMap(cbText("tel"), cbChunks(m[:3], m[3:7], m[7:]), cbText("n"), cbUint64(13800000000))...)
	}
	cbDeep := []byte{}
	for len(cbDeep) < n {
		item := cbText("tel " + synth.CNMobile(r))
		for range 40 {
			item = append([]byte{0x81, 0xc6}, item...)
		}
		cbDeep = append(cbDeep, item...)
	}
	// tag 24 and BSON binary data nested 40 levels, whole and cut at
	// every level: each level's bytes read once
	var cb24, cb24Cut, bsBin, bsBinCut []byte
	cb24, cb24Cut = []byte{0x9f}, []byte{0x9f}
	for len(cb24) < n || len(cb24Cut) < n || len(bsBin) < n || len(bsBinCut) < n {
		m := synth.CNMobile(r)
		whole, cut := cbText("tel "+m), cbText("tel "+m)
		doc, docCut := bsDoc(bsElem(0x02, "tel", bsString(m))), bsDoc(bsElem(0x02, "tel", bsString(m)))
		for range 40 {
			whole = cbMap(cbText("d"), cbTag24(whole))
			cut = append(append([]byte{0xa2}, cbText("d")...), cbTag24(cut)...)
			doc = bsDoc(bsElem(0x05, "d", bsBinary(0x00, doc)))
			docCut = bsDoc(bsElem(0x05, "d", bsBinary(0x00, docCut)), []byte{0x99, 'x', 0})
		}
		cb24, cb24Cut = append(cb24, whole...), append(cb24Cut, cbTag24(cut)...)
		bsBin, bsBinCut = append(bsBin, doc...), append(bsBinCut, bsDoc(bsElem(0x05, "d", bsBinary(0x00, docCut)))...)
	}
	cb24, cb24Cut = append(cb24, 0xff), append(cb24Cut, 0xff)
	var bs []byte
	for len(bs) < n {
		bs = append(bs, bsDoc(bsElem(0x02, "tel", bsString(synth.CNMobile(r))), bsInt64("n", 1380000000), bsElem(0x03, "d", bsDoc(bsInt64("x", 7))))...)
	}
	return map[string]struct {
		ct   string
		body []byte
	}{
		"protobuf digits": {"application/x-protobuf", flat},
		"protobuf deep":   {"application/x-protobuf", deep},
		"grpc deep":       {"application/grpc", grpcFrames(0, deep)},
		"msgpack":         {"application/msgpack", mp},
		"cbor":            {"application/cbor", cb},
		"cbor untyped":    {"", append(append([]byte{0x9f}, cb[1:]...), 0xff)},
		"cbor deep":       {"application/cbor", cbDeep},
		"bson":            {"application/bson", bs},
		"cbor tag 24":     {"application/cbor", cb24},
		"cbor tag 24 cut": {"application/cbor", cb24Cut},
		"bson binary":     {"application/bson", bsBin},
		"bson binary cut": {"application/bson", bsBinCut},
	}
}

// TestComplexityBinaryLinear checks that reading binary framings is
// linear: the engine's steps for 8n bytes are at most 8.8 times those for
// n, and within detect's per-byte bound of the work counted.
func TestComplexityBinaryLinear(t *testing.T) {
	eng := testEngine(t)
	const n = 32 << 10
	small, large := binaryShapes(n), binaryShapes(8*n)
	for name, s := range small {
		steps := func(body []byte) (int64, int64) {
			lim := Limits{MaxWork: 1 << 40}.withDefaults()
			m := newMeter(lim)
			in := &inspector{eng: eng, mode: Redact, lim: lim, meter: m}
			mt, params := mediaType(s.ct)
			detect.ResetSteps()
			_, _, _ = in.charsetBody(body, mt, params, 0, 0)
			return detect.Steps(), lim.MaxWork - m.work
		}
		a, wa := steps(s.body)
		b, wb := steps(large[name].body)
		if float64(b) > 8.8*float64(a)+8*n {
			t.Errorf("%s: %d steps at 32 KiB, %d at 256 KiB: ×%.1f", name, a, b, float64(b)/float64(max(a, 1)))
		}
		if b > maxEngineStepsPerByte*wb || wb > 4*int64(len(large[name].body)) {
			t.Errorf("%s: %d steps for %d bytes of work, body %d bytes", name, b, wb, len(large[name].body))
		}
		t.Logf("%s: %d bytes, %d steps, %d work; %d bytes, %d steps, %d work", name, len(s.body), a, wa, len(large[name].body), b, wb)
	}
}
