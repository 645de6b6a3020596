package bodyformat

import (
	"errors"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestFramedBodyOfTextRead: every printable ASCII byte is an item of
// MessagePack and of CBOR, so text labelled so parses as items that hold
// no string, and its identifiers went out raw, uncounted (fix44cbor's
// report). The bytes a reader that takes the body for text sees are read
// after the walk: masked in Redact, counted once in Scan.
func TestFramedBodyOfTextRead(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for _, ct := range []string{"application/msgpack", "application/x-msgpack", "application/cbor", "application/cbor-seq", "application/vnd.api+cbor"} {
		for k := 0; k < 20; k++ {
			m, id := synth.CNMobile(r), synth.CNID18(r)
			for _, body := range []string{m, "tel " + m, "hello " + m + " bye", "身份证 " + id, `{"tel":"` + m + `"}`} {
				raw := m
				if strings.Contains(body, id) {
					raw = id
				}
				res := mustInspect(t, eng, []byte(body), ct, "", Redact)
				if strings.Contains(string(res.Body), raw) {
					t.Fatalf("%s %q: left raw: %q", ct, body, res.Body)
				}
				if scan := mustInspect(t, eng, []byte(body), ct, "", Scan); len(scan.Findings) != 1 {
					t.Fatalf("%s %q: %d findings in Scan, want 1", ct, body, len(scan.Findings))
				}
			}
		}
	}
}

// TestFramedTextMaskKeepsItemsOrRefuses: a real MessagePack body
// whose bytes read as text hold an identifier its items do not (a mobile
// split over two strings, an address over two) is refused in Redact
// rather than sent with a mask across an item's header or inside a
// string's length (attack pass 45, F3): a redacted body either parses
// whole in its framing without the raw value, or is refused as
// ErrMalformed. Scan counts it.
func TestFramedTextMaskKeepsItemsOrRefuses(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for k := 0; k < 20; k++ {
		m := synth.CNMobile(r)
		addr := "河南省郑州市金水区建设路917号"
		for _, c := range []struct {
			ct, raw string
			body    []byte
			parses  func([]byte) bool
		}{
			{"application/msgpack", m, append([]byte{0x93}, append(append(mpStr("tel"), mpStr(m[:7])...), mpStr(m[7:])...)...), msgpackParses},
			{"application/msgpack", addr, append([]byte{0x93}, append(append(mpStr("收货地址"), mpStr(addr[:9])...), mpStr(addr[9:])...)...), msgpackParses},
		} {
			res, err := Inspect(eng, c.body, c.ct, "", Redact, Limits{})
			switch {
			case err != nil && !errors.Is(err, ErrMalformed):
				t.Fatalf("%s %q: %v", c.ct, c.body, err)
			case err == nil && (!c.parses(res.Body) || strings.Contains(string(res.Body), c.raw)):
				t.Fatalf("%s %q -> %q: broken or raw", c.ct, c.body, res.Body)
			}
			if scan := mustInspect(t, eng, c.body, c.ct, "", Scan); len(scan.Findings) == 0 {
				t.Fatalf("%s %q: nothing found in Scan", c.ct, c.body)
			}
		}
	}
}

// TestMsgpackParses checks msgpackParses against the walker: every body
// the walker reads whole parses, and every prefix cut inside a value does
// not.
func TestMsgpackParses(t *testing.T) {
	r := rng(t.Name())
	m := synth.CNMobile(r)
	bodies := [][]byte{
		mpStr("tel"),
		append([]byte{0x82}, append(append(mpStr("a"), mpStr(m)...), append(mpStr("b"), 0xcf, 0, 0, 0, 3, 0x37, 0xe0, 0x62, 0xbe)...)...),
		append([]byte{0xdc, 0, 2}, append([]byte{0xd4, 1, 2}, 0xc7, 2, 9, 'a', 'b')...),
		[]byte("tel 13812345678"),
	}
	for _, b := range bodies {
		if !msgpackParses(b) {
			t.Fatalf("%q: does not parse", b)
		}
		for cut := 1; cut < len(b); cut++ {
			if msgpackParses(b[:cut]) && !wholeValuesEnd(b, cut) {
				t.Fatalf("%q cut at %d parses", b, cut)
			}
		}
	}
	for _, bad := range [][]byte{{0xc1}, {0x92, 1}, {0xd9, 5, 'a'}, {0xdd, 0xff, 0xff, 0xff, 0xff}} {
		if msgpackParses(bad) {
			t.Fatalf("%q parses", bad)
		}
	}
}

// wholeValuesEnd reports whether a value of b ends at cut: b read value
// by value from the start reaches cut exactly.
func wholeValuesEnd(b []byte, cut int) bool {
	for end := 1; end <= cut; end++ {
		if end == cut && msgpackParses(b[:end]) {
			return msgpackParses(b[end:])
		}
	}
	return false
}
