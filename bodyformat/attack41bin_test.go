package bodyformat

import (
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// pctControls percent-encodes s's control bytes, spaces and bytes that
// are no ASCII, so s reads as an urlencoded form's text.
func pctControls(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for _, c := range []byte(s) {
		if c <= ' ' || c >= 0x7f {
			b.WriteString("%" + string(hex[c>>4]) + string(hex[c&15]))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// gbkWideDigits writes the ASCII digits of s as GBK's full-width digits
// (A3 B0 to A3 B9), bytes that are no UTF-8.
func gbkWideDigits(s string) string {
	var b []byte
	for _, c := range []byte(s) {
		b = append(b, 0xa3, 0xb0+c-'0')
	}
	return string(b)
}

// TestAttack41BinaryScreenFormParserFields: a form parser that ignores
// the type (Go's ParseQuery, PHP's $_POST) reads a binary body's fields
// from '&' to '&': a value keeps every byte but '&' (a NUL, a vertical
// tab, a form feed, a unit separator between a mobile's groups, or before
// it), and a field with no '=' is a name holding all its bytes (spaces
// too, past 64 bytes too). The same fields sent as an urlencoded form are
// read (the test checks it), but after a binary head the screen passes
// them whole in Redact mode; so does a value in GBK's full-width digits,
// cut at its first byte that is no UTF-8, which a GBK application reads
// (the target's %A3%B1… is read: legacyLook). Expected to fail.
func TestAttack41BinaryScreenFormParserFields(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(41, 1))
	m := synth.CNMobile(r)
	id := synth.CNID18(r)
	name := synth.CNName(r)
	cases := []struct {
		name, field string
		cat         detect.Category
	}{
		{"value NUL between groups", "tel=" + m[:3] + "\x00" + m[3:7] + "\x00" + m[7:], detect.CNMobile},
		{"value vertical tab between groups", "tel=" + m[:3] + "\x0b" + m[3:7] + "\x0b" + m[7:], detect.CNMobile},
		{"value form feed between groups", "tel=" + m[:3] + "\x0c" + m[3:7] + "\x0c" + m[7:], detect.CNMobile},
		{"value unit separator between groups", "tel=" + m[:3] + "\x1f" + m[3:7] + "\x1f" + m[7:], detect.CNMobile},
		{"value control byte first", "tel=\x01" + m, detect.CNMobile},
		{"id vertical tab between groups", "id=" + id[:6] + "\x0b" + id[6:14] + "\x0b" + id[14:], detect.CNID},
		{"name alone, no =", m, detect.CNMobile},
		{"name with spaces", m[:3] + " " + m[3:7] + " " + m[7:] + "=1", detect.CNMobile},
		{"value in GBK full-width digits", "tel=" + gbkWideDigits(m), detect.CNMobile},
		{"name over 64 bytes", "姓名" + name + strings.Repeat("a", 70) + "=1", detect.CNName},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			form, err := Inspect(eng, []byte("a=1&"+pctControls(c.field)), "application/x-www-form-urlencoded", "", Scan, Limits{})
			if err != nil || form.Summary.Counts[c.cat] == 0 {
				t.Fatalf("as an urlencoded form: counted %v (%v); the case proves nothing", form.Summary.Counts, err)
			}
			body := []byte("\x00\x00\x01&" + c.field + "&z=1")
			for _, chunk := range []int{1, 4096} {
				out, s, err := screenAll(t, eng, body, Redact, chunk)
				if !errors.Is(err, ErrMalformed) {
					t.Errorf("by %d: the screen passed %d of %d bytes (%q), found %v, ended %v", chunk, len(out), len(body), out, s.Result().Summary.Counts, err)
				}
			}
			res, err := Inspect(eng, body, "", "", Scan, Limits{})
			if err != nil || res.Summary.Counts[c.cat] == 0 {
				t.Errorf("Inspect of the whole body counted %v (%v)", res.Summary.Counts, err)
			}
		})
	}
}

// TestAttack41BinaryHeadLengthPrefixedJSON: a WebSocket binary message
// that is one JSON document after a 4-byte length, or text after a head
// of at most 8 bytes, is read (SniffLengthPrefix, the framed-text
// reading: threat model, WebSocket rows); the same bytes as an untyped or
// octet-stream HTTP request body (an RPC client's framing,
// "\x00\x00\x00\x2a{"user":{"tel":"…"}}") hold no '=' and pass the binary
// screen, and Inspect of the whole body reads nothing either. Expected
// to fail.
func TestAttack41BinaryHeadLengthPrefixedJSON(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rand.New(rand.NewPCG(41, 7)))
	js := `{"user":{"tel":"` + m + `","city":"x"}}`
	be := binary.BigEndian.AppendUint32(nil, uint32(len(js)))
	le := binary.LittleEndian.AppendUint32(nil, uint32(len(js)))
	for _, tc := range []struct {
		name string
		body []byte
	}{
		{"big-endian length", append(be, js...)},
		{"little-endian length", append(le, js...)},
		{"two documents", append(append(append(append([]byte{}, be...), js...), be...), js...)},
		{"text after a 4-byte head", []byte("\x00\x01\x02\x03 mobile " + m)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if IsText("", tc.body) {
				t.Fatalf("%q sniffs as text: the case proves nothing", tc.body)
			}
			for _, ct := range []string{"", "application/octet-stream"} {
				res, err := Inspect(eng, tc.body, ct, "", Scan, Limits{})
				if err != nil || res.Summary.Counts[detect.CNMobile] == 0 {
					t.Errorf("type %q: Inspect counted %v (%v)", ct, res.Summary.Counts, err)
				}
			}
			out, s, err := screenAll(t, eng, tc.body, Redact, 4096)
			if err == nil {
				t.Errorf("the binary screen passed %d of %d bytes, found %v", len(out), len(tc.body), s.Result().Summary.Counts)
			}
		})
	}
}

// TestAttack41BinaryHeadUTF16: UTF-16 text with no byte-order mark, an
// untyped body, is read (IsText says text; the control subtest); the same
// text after a head of 2, 4 or 8 bytes (a record type, a length, a magic
// number) is no text by its head, passes the binary screen (no '=') and
// Inspect of the whole body reads nothing: a reader that skips the head
// and decodes UTF-16 (Python's .decode("utf-16-le"), a Windows export's
// reader) shows the mobile. Expected to fail.
func TestAttack41BinaryHeadUTF16(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rand.New(rand.NewPCG(41, 8)))
	text := utf16LE("客户资料备注：请联系手机号码 " + m + " 谢谢。")
	for _, tc := range []struct {
		name string
		head []byte
	}{
		{"control: no head", nil},
		{"2-byte head", []byte{0x01, 0x00}},
		{"4-byte length head", binary.LittleEndian.AppendUint32(nil, uint32(len(text)))},
		{"8-byte magic head", []byte{0x89, 'D', 'A', 'T', 0, 0, 0, 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := append(append([]byte{}, tc.head...), text...)
			res, err := Inspect(eng, body, "", "", Scan, Limits{})
			if err != nil || res.Summary.Counts[detect.CNMobile] == 0 {
				t.Errorf("Inspect counted %v (%v)", res.Summary.Counts, err)
			}
			if !IsText("", body) {
				if out, s, err := screenAll(t, eng, body, Redact, 4096); err == nil {
					t.Errorf("the binary screen passed %d of %d bytes, found %v", len(out), len(body), s.Result().Summary.Counts)
				}
			}
		})
	}
}
