package bodyformat

import (
	"bytes"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestDecodeLabelledMapped checks that a field's bytes decode in the
// charset a label names with each decoded byte mapped to where its
// character starts, that bytes the charset does not hold read as U+FFFD
// one at a time, and that UTF-8, UTF-16, ISO-2022-JP, UTF-7 and unknown
// labels are left to the UTF-8 reading.
func TestDecodeLabelledMapped(t *testing.T) {
	for _, tc := range []struct {
		label, in, want string
		offs            []int32
	}{
		{"gbk", "\xa3\xb1a\xc4\xe3", "１a你", []int32{0, 0, 0, 2, 3, 3, 3, 5}},
		{"GB2312", "\x81\x30\x81\x30", "\u0080", []int32{0, 0, 4}},
		{"big5", "\xa2\xb0", "１", []int32{0, 0, 0, 2}},
		{"Shift_JIS", "\x82\x50\xb1", "１ｱ", []int32{0, 0, 0, 2, 2, 2, 3}},
		{"gbk", "\xff1", "\ufffd1", []int32{0, 0, 0, 1, 2}},
		{"gbk", "\xa3", "\ufffd", []int32{0, 0, 0, 1}},
		{"utf-16le", "\x11\xff1\x00", "１1", []int32{0, 0, 0, 2, 4}},
		{"UTF-16BE", "\xff\x11\xd8\x3d\xde\x00", "１😀", []int32{0, 0, 0, 2, 2, 2, 2, 6}},
		{"utf-16", "\xfe\xff\xff\x11", "１", []int32{2, 2, 2, 4}},
		{"utf-16", "\x11\xff\x00", "１\ufffd", []int32{0, 0, 0, 2, 2, 2, 3}},
		{"utf-16le", "\x00\xdc", "\ufffd", []int32{0, 0, 0, 2}},
		{"utf-32le", "\x11\xff\x00\x00", "１", []int32{0, 0, 0, 4}},
	} {
		got, offs, ok := DecodeLabelled(tc.label, []byte(tc.in))
		if !ok || string(got) != tc.want || !equalOffs(offs, tc.offs) {
			t.Errorf("%s %q: %q %v %v, want %q %v", tc.label, tc.in, got, offs, ok, tc.want, tc.offs)
		}
	}
	for _, label := range []string{"utf-8", "UTF8", "iso-2022-jp", "utf-7", "x-no-such", ""} {
		if _, _, ok := DecodeLabelled(label, []byte("\xa3\xb1")); ok {
			t.Errorf("label %q decoded", label)
		}
	}
}

func equalOffs(a, b []int32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestFindLegacyDigits checks that bytes whose GBK, Big5 or Shift_JIS
// decoding shows a mobile in full-width digits are read there, spans in
// the bytes, and that GBK words, UTF-8 text and a digit run too short
// for a cluster are never read in a fallback charset.
func TestFindLegacyDigits(t *testing.T) {
	eng := detect.MustCompile(detect.Policy{FingerprintKey: []byte("fieldbytes-test")})
	var calls int
	find := func(text []byte) []detect.Finding {
		calls++
		return findText(t, eng, text, 0)
	}
	gbk := []byte("x=\xa3\xb1\xa3\xb3\xa3\xb8\xa3\xb0\xa3\xb0\xa3\xb1\xa3\xb3\xa3\xb8\xa3\xb0\xa3\xb0\xa3\xb0")
	fs := FindLegacyDigits(gbk, nil, find)
	if len(fs) != 1 || fs[0].Start != 2 || fs[0].End != len(gbk) {
		t.Errorf("gbk full-width mobile: %+v", fs)
	}
	for _, in := range [][]byte{
		[]byte("\xc4\xe3\xba\xc3 \xd5\xc5\xc8\xfd"),
		[]byte("你好 1234"),
		[]byte("\xa3\xb1\xa3\xb2\xa3\xb3\xa3\xb4"),
		[]byte("plain ascii 1234"),
	} {
		calls = 0
		if fs := FindLegacyDigits(in, nil, find); len(fs) != 0 || calls != 0 {
			t.Errorf("%q: %d findings, %d readings", in, len(fs), calls)
		}
	}
	if !bytes.Equal(gbk[:2], []byte("x=")) {
		t.Fatal("input changed")
	}
}

// TestDecodeCharsMappedReadsAsDecoder: decodeCharsMapped reads bytes of a
// fallback charset as its decoder does, bad characters too (Big5 F0 9F is
// one, whose 9F would otherwise read on as a lead byte, one byte off:
// F0 9F A2 B1 shows a full-width digit), over random runs of lead, trail,
// ASCII and bad bytes.
func TestDecodeCharsMappedReadsAsDecoder(t *testing.T) {
	r := rng(t.Name())
	alphabet := []byte{0x81, 0x9f, 0xa1, 0xa3, 0xb1, 0xf0, 0xfe, 0xff, 0x80, 0x30, 0x39, 0x40, 0x7f, 'a', 0xfd, 0xe0}
	for _, cs := range fallbackCharsets {
		for range 20000 {
			b := make([]byte, 1+r.IntN(8))
			for i := range b {
				b[i] = alphabet[r.IntN(len(alphabet))]
			}
			want, _ := cs.enc.NewDecoder().Bytes(b)
			got, offs, _ := decodeCharsMapped(b, cs.enc, nil)
			if !bytes.Equal(got, want) || len(offs) != len(got)+1 {
				t.Fatalf("%s %x: mapped %q, decoder %q", cs.name, b, got, want)
			}
		}
	}
}

// TestFindLegacyDigitsValidUTF8 (attack pass 28, F7): field bytes that
// are valid UTF-8 are read in the fallback charsets by the rule a valid
// UTF-8 body's lines are (mojibakeLines): D2 BB is U+04BB in UTF-8 and 一
// in GBK, so tel=\xd2\xbb3812345678 is a mobile to a GBK application,
// found with its span on the bytes; the same bytes in a body are masked.
// UTF-8 Chinese and full-width digits (你好, 手机, 第１章, an order
// number beside words) show no digit cluster there and are never read.
func TestFindLegacyDigitsValidUTF8(t *testing.T) {
	e := testEngine(t)
	var calls int
	find := func(b []byte) []detect.Finding {
		calls++
		return findText(t, e, b, 0)
	}
	m := "138" + "1234" + "5678" // 1[3-9]x + 8 digits
	raw := []byte("tel=\xd2\xbb" + m[1:])
	fs := FindLegacyDigits(raw, find(raw), find)
	if len(fs) != 1 || fs[0].Start != 4 || fs[0].End != len(raw) {
		t.Errorf("tel=%q (GBK: 一%s): findings %+v, want one over the bytes after tel=", raw[4:], m[1:], fs)
	}
	res, err := Inspect(e, []byte("tel \xd2\xbb"+m[1:]+" ok"), "text/plain", "", Redact, Limits{})
	if err != nil || bytes.Contains(res.Body, []byte(m[3:7])) {
		t.Errorf("the same bytes in a body went out as %q (%v)", res.Body, err)
	}
	for _, in := range []string{
		"你好", "q=你好&page=2", "/search/手机/壳", "第１章", "订单 12345678 你好",
		"张三 13 号楼 2 单元", "价格：１２３元",
	} {
		calls = 0
		if fs := FindLegacyDigits([]byte(in), nil, find); len(fs) != 0 || calls != 0 {
			t.Errorf("%q: %d findings, %d fallback readings", in, len(fs), calls)
		}
	}
}
