package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestInvalidUTF8BetweenDigitsMasked: bytes that are not UTF-8 (0xFF,
// 0x80, 0xC0, 0x81, a sequence cut short) after each digit of an ID,
// which fetch's Response.json(), Go's encoding/json and a page show as
// U+FFFD between the digits, are read as those U+FFFD, like a U+FFFD
// written as one, in a JSON string, in text and in server-sent events;
// the invalid bytes around the value pass as they were.
func TestInvalidUTF8BetweenDigitsMasked(t *testing.T) {
	eng := testEngine(t)
	id := synth.CNID18(rng(t.Name()))
	for _, sep := range []string{"\xff", "\x80", "\xc0", "\x81", "\xe4\xbd", "\xf0\x9f\x98", "\xed\xa0", "\uFFFD"} {
		v := spaced(id, sep)
		for _, tc := range []struct{ ct, body string }{
			{"application/json", `{"idCard":"` + v + `"}`},
			{"application/json; charset=utf-8", `{"idCard":"` + v + `", "n": 1}`},
			{"text/plain; charset=utf-8", "身份证 " + v},
			{"text/plain", "id " + v + " ok"},
			{"text/event-stream", "data: {\"idCard\":\"" + v + "\"}\n\n"},
		} {
			res := mustInspect(t, eng, []byte(tc.body), tc.ct, "", Redact)
			if strings.Contains(visibleDigits(res.Body), id) {
				t.Errorf("separator %q, %s: the ID went out whole: %q", sep, tc.ct, res.Body)
			}
			if !maskedBetweenDigits([]byte(tc.body), res.Body) {
				t.Errorf("separator %q, %s: more than the value changed: %q", sep, tc.ct, res.Body)
			}
		}
	}
}

// TestInvalidUTF8LookalikesIntact: invalid bytes among short numbers, an
// ID-shaped number whose check digit is wrong in groups set apart by
// invalid bytes,
// and text in a legacy charset sent unlabelled pass byte for byte.
func TestInvalidUTF8LookalikesIntact(t *testing.T) {
	eng := testEngine(t)
	id := synth.CNIDBadCheck(rng(t.Name()))
	bad := id[:6] + "\xff" + id[6:14] + "\x80" + id[14:]
	for _, tc := range []struct{ ct, body string }{
		{"application/json", `{"v":"1\xff2\xff3","w":"2024\xff12\xff31"}`},
		{"application/json", `{"v":"` + bad + `"}`},
		{"text/plain", "\xff\xfe 12 \x80\x81 34 \xc0 v2.1 2024-12-31"},
		{"text/plain", "\xb6\xa9\xb5\xa5 12 \xbc\xfe 3 \xd4\xaa"}, // GBK: 订单 12 件 3 元
	} {
		res := mustInspect(t, eng, []byte(tc.body), tc.ct, "", Redact)
		if res.Changed || len(res.Findings) > 0 {
			t.Errorf("%s %q: changed to %q (%+v)", tc.ct, tc.body, res.Body, res.Findings)
		}
	}
}

// TestDecodeReplacement: each invalid sequence becomes one U+FFFD, a lead
// byte and the continuation bytes its shape calls for (a surrogate or an
// overlong form one character, as a lenient decoder shows it), mapped to
// the bytes it stands for; valid text decodes nothing.
func TestDecodeReplacement(t *testing.T) {
	if _, _, ok := decodeReplacement([]byte("身份 138 ok")); ok {
		t.Errorf("valid UTF-8 decoded")
	}
	for _, tc := range []struct{ in, want string }{
		{"1\xff2", "1\uFFFD2"},
		{"1\xe4\xbd2", "1\uFFFD2"},                       // a three-byte character cut after two
		{"1\xf0\x9f\x982", "1\uFFFD2"},                   // a four-byte one cut after three
		{"1\xed\xa0\x802", "1\uFFFD2"},                   // a surrogate written as UTF-8: one character (CESU-8)
		{"1\xe0\x80\x802", "1\uFFFD2"},                   // overlong
		{"1\xf4\x90\x80\x802", "1\uFFFD2"},               // beyond U+10FFFF
		{"1\xf8\x88\x80\x80\x802", "1\uFFFD2"},           // a five-byte form (RFC 2279)
		{"1\xed\xb0\x80\xed\xb0\x802", "1\uFFFD\uFFFD2"}, // two surrogates
		{"1\x80\x802", "1\uFFFD\uFFFD2"},                 // lone continuation bytes: one each
		{"1\xe4\xbd\xe4\xbd2", "1\uFFFD\uFFFD2"},         // two cut sequences
		{"\xc0\xaf身\xc2", "\uFFFD身\uFFFD"},
	} {
		got, offs, ok := decodeReplacement([]byte(tc.in))
		if !ok || string(got) != tc.want || len(offs) != len(got)+1 || offs[len(got)] != int32(len(tc.in)) {
			t.Errorf("%q: %q %v %v, want %q", tc.in, got, offs, ok, tc.want)
			continue
		}
		// every digit maps to itself
		for i, c := range got {
			if c >= '0' && c <= '9' && tc.in[offs[i]] != c {
				t.Errorf("%q: byte %d maps to %d", tc.in, i, offs[i])
			}
		}
	}
}
