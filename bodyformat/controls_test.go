package bodyformat

import (
	"bytes"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// visibleDigits returns the ASCII digits of b decoded as UTF-8 the way a
// page, a scraper or a JSON client shows it: controls drawn as nothing,
// every invalid byte a U+FFFD, neither a digit.
func visibleDigits(b []byte) string {
	var sb strings.Builder
	for _, r := range strings.ToValidUTF8(string(b), "\uFFFD") {
		if r >= '0' && r <= '9' {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// maskedBetweenDigits reports whether out is in with at most the bytes
// from its first digit to its last replaced (by the value's mask): what
// stands around the value passes as it was.
func maskedBetweenDigits(in, out []byte) bool {
	first := bytes.IndexAny(in, "0123456789")
	last := bytes.LastIndexAny(in, "0123456789")
	return first >= 0 && bytes.HasPrefix(out, in[:first]) && bytes.HasSuffix(out, in[last+1:])
}

// spaced returns s with sep after each byte.
func spaced(s, sep string) string {
	var v strings.Builder
	for _, c := range []byte(s) {
		v.WriteByte(c)
		v.WriteString(sep)
	}
	return v.String()
}

// TestControlCharactersBetweenDigitsMasked: one C0 or C1 control (SOH,
// BS, ESC, DEL, U+009B) after each digit of an ID, which a page draws as
// nothing or a box and a scraper strips, is read through like a
// zero-width space, in text, HTML, JSON and server-sent events; what
// stands around the value passes as it was.
func TestControlCharactersBetweenDigitsMasked(t *testing.T) {
	eng := testEngine(t)
	id := synth.CNID18(rng(t.Name()))
	for _, sep := range []string{"\x01", "\x08", "\x1b", "\x1f", "\x7f", "\u0085", "\u009b"} {
		v := spaced(id, sep)
		for _, tc := range []struct{ ct, body string }{
			{"text/plain; charset=utf-8", "身份证 " + v},
			{"text/html; charset=utf-8", "<p>" + v + "</p>"},
			{"application/json", `{"idCard":"` + v + `"}`},
			{"text/event-stream", "data: " + v + "\n\n"},
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

// TestControlCharactersLookalikesIntact: clean text with controls among
// short numbers (a FIX message's SOH between fields, records set apart by
// the ASCII separators, a terminal's colours, short numbers a control
// apart), and two protobuf string fields whose tag and length bytes are
// controls, pass byte for byte.
func TestControlCharactersLookalikesIntact(t *testing.T) {
	eng := testEngine(t)
	var pb []byte
	pb = protowire.AppendTag(pb, 1, protowire.BytesType)
	pb = protowire.AppendString(pb, "order 13812")
	pb = protowire.AppendTag(pb, 2, protowire.BytesType)
	pb = protowire.AppendString(pb, "345678")
	pb = protowire.AppendTag(pb, 3, protowire.BytesType)
	pb = protowire.AppendString(pb, "units: 90")
	for _, tc := range []struct{ ct, body string }{
		{"text/plain", "8=FIX.4.2\x019=178\x0135=D\x0134=1080\x0149=TESTBUY1\x0152=20180920-18:14:19.508\x0110=128\x01"},
		{"text/plain", "id\x1f42\x1fqty\x1f7\x1e43\x1f8\x1e44\x1f12\x1e"},
		{"text/plain", "\x1b[32mOK\x1b[0m 200 12ms\n\x1b[31mERR\x1b[0m 503 1043ms\n"},
		{"text/plain", "12\x0134\x0156 page 7\x7f8"},
		{"application/json", `{"v":"3.14\u0085rev 2024\u009b12"}`},
		{"application/x-protobuf", string(pb)},
	} {
		res := mustInspect(t, eng, []byte(tc.body), tc.ct, "", Redact)
		if res.Changed || len(res.Findings) > 0 {
			t.Errorf("%s %q: changed to %q (%+v)", tc.ct, tc.body, res.Body, res.Findings)
		}
	}
}
