package bodyformat

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/fxamacker/cbor/v2"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// cbText encodes a definite-length CBOR text string.
func cbText(s string) []byte { return appendCBORString(nil, 3, []byte(s)) }

// cbUint64 encodes an unsigned integer in its 8-byte form (0x1b).
func cbUint64(v uint64) []byte { return binary.BigEndian.AppendUint64([]byte{0x1b}, v) }

// cbChunks encodes an indefinite-length text string of chunks.
func cbChunks(chunks ...string) []byte {
	b := []byte{0x7f}
	for _, c := range chunks {
		b = append(b, cbText(c)...)
	}
	return append(b, 0xff)
}

// cbMap encodes a definite map of pairs already encoded.
func cbMap(pairs ...[]byte) []byte {
	b := []byte{0xb8, byte(len(pairs) / 2)}
	for _, p := range pairs {
		b = append(b, p...)
	}
	return b
}

// cbDecode decodes a CBOR body with a real decoder, failing on an error.
func cbDecode(t *testing.T, b []byte) map[any]any {
	t.Helper()
	var v map[any]any
	if err := cbor.Unmarshal(b, &v); err != nil {
		t.Fatalf("decoding %x: %v", b, err)
	}
	return v
}

// TestCBORRead: CBOR's strings (definite and chunked), keys, byte
// strings, integers, bignums and integral floats are read as a decoder
// returns them and masked; the body still decodes, its other values as
// they were.
func TestCBORRead(t *testing.T) {
	r := rng(t.Name())
	for range 5 {
		id, m, name := synth.CNID18(r), synth.CNMobile(r), synth.CNName(r)
		n, _ := strconv.ParseUint(m, 10, 64)
		body := cbMap(
			cbText("realName"), cbText(name),
			cbText("idCard"), cbChunks(id[:6], id[6:12], id[12:]),
			cbText("mobile"), cbUint64(n),
			cbText("tel"), binary.BigEndian.AppendUint64([]byte{0xfb}, math.Float64bits(float64(n))),
			cbText("big"), append([]byte{0xc2, 0x48}, binary.BigEndian.AppendUint64(nil, n)...),
			cbText(m), cbText("key holds it"),
			cbText("blob"), append([]byte{0x40 | byte(len(m))}, m...),
			cbText("list"), append([]byte{0x9f}, append(append(cbText("ok"), 0x18, 0x2a), 0xff)...),
		)
		for _, ct := range []string{"application/cbor", "application/foo+cbor"} {
			res := mustInspect(t, testEngine(t), body, ct, "", Redact)
			if res.Format != FormatCBOR || !res.Changed {
				t.Fatalf("%s read as %s, changed %v", ct, res.Format, res.Changed)
			}
			got := cbDecode(t, res.Body)
			if len(got) != 8 || got["list"].([]any)[1] != uint64(42) {
				t.Fatalf("%s: decoded %v", ct, got)
			}
			for _, k := range []string{"mobile", "tel", "big"} {
				if s, ok := got[k].(string); !ok || strings.Contains(s, m) {
					t.Errorf("%s: %s = %v, want its mask", ct, k, got[k])
				}
			}
			for k, v := range got {
				for _, raw := range []string{id, m, name} {
					if strings.Contains(strconv.Quote(k.(string)), raw) || strings.Contains(string(cborShown(v)), raw) {
						t.Errorf("%s: %s survives in %v: %v", ct, raw, k, v)
					}
				}
			}
			for _, c := range []detect.Category{detect.CNID, detect.CNMobile, detect.CNName} {
				if !hasCategory(res.Findings, c) {
					t.Errorf("%s: no %s in %+v", ct, c, res.Findings)
				}
			}
			assertStable(t, testEngine(t), res, ct)
		}
	}
}

// cborShown is a decoded value as a receiver shows it.
func cborShown(v any) []byte {
	switch v := v.(type) {
	case string:
		return []byte(v)
	case []byte:
		return v
	case uint64:
		return strconv.AppendUint(nil, v, 10)
	case float64:
		return strconv.AppendFloat(nil, v, 'f', -1, 64)
	case []any:
		var b []byte
		for _, e := range v {
			b = append(append(b, cborShown(e)...), ' ')
		}
		return b
	}
	return nil
}

// TestCBORUntyped: a CBOR body sent untyped or as octet-stream (the
// attack-43 chunked mobile, an 8-byte integer) is read as CBOR when it
// parses whole as a map or array; a text body is not.
func TestCBORUntyped(t *testing.T) {
	r := rng(t.Name())
	m := synth.CNMobile(r)
	n, _ := strconv.ParseUint(m, 10, 64)
	for name, body := range map[string][]byte{
		"chunked": cbMap(cbText("tel"), cbChunks(m[:3], m[3:7], m[7:])),
		"uint":    cbMap(cbText("tel"), cbUint64(n)),
		"tagged":  append([]byte{0xd9, 0xd9, 0xf7}, cbMap(cbText("x"), cbUint64(n))...),
	} {
		for _, ct := range []string{"", "application/octet-stream"} {
			res := mustInspect(t, testEngine(t), body, ct, "", Redact)
			if !res.Changed || !hasCategory(res.Findings, detect.CNMobile) {
				t.Errorf("%s %q: not masked: %s %+v %x", name, ct, res.Format, res.Findings, res.Body)
				continue
			}
			got := cbDecode(t, bytes.TrimPrefix(res.Body, []byte{0xd9, 0xd9, 0xf7}))
			for k, v := range got {
				if strings.Contains(string(cborShown(v)), m) {
					t.Errorf("%s %q: %v = %v", name, ct, k, v)
				}
			}
			scan := mustInspect(t, testEngine(t), body, ct, "", Scan)
			if got := scan.Summary.Counts[detect.CNMobile]; got != 1 {
				t.Errorf("%s %q: Scan counts %d mobiles, want 1", name, ct, got)
			}
		}
	}
	// the digits as eleven small integers in an array: CBOR shows numbers
	// under 24, the bytes show the mobile; read as bytes too
	digits := []byte{0x8b}
	digits = append(digits, m...)
	res, err := Inspect(testEngine(t), digits, "", "", Redact, Limits{})
	if err == nil && (bytes.Contains(res.Body, []byte(m)) || !hasCategory(res.Findings, detect.CNMobile)) {
		t.Errorf("digits as small integers pass: %q %+v", res.Body, res.Findings)
	}
	clean := []byte("\xa1ctelkhello") // a string cut short
	if !cborSniffed([]byte("\xa1ctelehello"), 64) || cborSniffed(clean, 64) || cborSniffed([]byte("hello"), 64) {
		t.Error("cborSniffed misjudges")
	}
}

// TestCBORCleanMalformedDeep: a clean body goes out byte for byte; one
// that does not parse is read as text; one nested too deep is refused.
func TestCBORCleanMalformedDeep(t *testing.T) {
	clean := cbMap(cbText("count"), cbUint64(1700000000), cbText("word"), cbChunks("hel", "lo"))
	if res := mustInspect(t, testEngine(t), clean, "application/cbor", "", Redact); res.Changed || !sameSlice(res.Body, clean) {
		t.Errorf("clean body changed: %x", res.Body)
	}
	m := synth.CNMobile(rng(t.Name()))
	for name, b := range map[string][]byte{
		"cut string":   append([]byte{0x78, 40}, " tel "+m...),
		"reserved":     append([]byte{0x1c}, cbText("tel "+m)...),
		"huge array":   append([]byte{0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, cbText(" tel "+m)...),
		"mixed chunks": append(append([]byte{0x7f}, 0x43), "tel "+m+"\xff"...),
	} {
		res := mustInspect(t, testEngine(t), b, "application/cbor", "", Redact)
		if res.Format == FormatCBOR || !hasCategory(res.Findings, detect.CNMobile) || strings.Contains(string(res.Body), m) {
			t.Errorf("%s: %s %+v %q", name, res.Format, res.Findings, res.Body)
		}
	}
	for name, deep := range map[string][]byte{
		"arrays": append(bytes.Repeat([]byte{0x81}, 300), cbText(m)...),
		"tags":   append(bytes.Repeat([]byte{0xc6}, 300), cbText(m)...),
	} {
		if _, err := Inspect(testEngine(t), deep, "application/cbor", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s too deep: err = %v", name, err)
		}
	}
}

// TestCBORUntypedIsText: an untyped CBOR body its first bytes hold whole,
// bytes no text sniffer calls text (an 8-byte integer holds control
// bytes), is text to inspect (IsText: read whole, then as CBOR), and is
// masked; a head cut inside a CBOR item, or of random bytes, is not.
func TestCBORUntypedIsText(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	n, _ := strconv.ParseUint(m, 10, 64)
	body := cbMap(cbText("tel"), cbUint64(n), cbText("z"), []byte{0x41, 0x01})
	if sniffText(body) {
		t.Fatalf("%x sniffs as text already", body)
	}
	for _, ct := range []string{"", "application/octet-stream"} {
		if !IsText(ct, body) {
			t.Errorf("%q: untyped CBOR is not text to inspect", ct)
		}
		res := mustInspect(t, testEngine(t), body, ct, "", Redact)
		if res.Format != FormatCBOR || !res.Changed || !hasCategory(res.Findings, detect.CNMobile) {
			t.Errorf("%q: %s %+v", ct, res.Format, res.Findings)
		}
	}
	if IsText("", body[:len(body)-1]) || IsText("image/png", body) || IsText("", []byte{0xa1, 0x01, 0x02, 0x00, 0x03}) {
		t.Error("a cut CBOR item, a known binary type or stray bytes taken for text")
	}
}
