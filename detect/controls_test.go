package detect_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestControlsBetweenDigits: a C0 control other than white space (SOH,
// BS, ESC, the separators 0x1C–0x1F), DEL or a C1 control (U+0080 to
// U+009F) after each digit is read through like a zero-width character:
// a page draws it as nothing or a box and a scraper strips it, so the
// digits read as one number. Tab, line feed, vertical tab, form feed and
// carriage return stay separators.
func TestControlsBetweenDigits(t *testing.T) {
	r := rand.New(rand.NewPCG(53, 53))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for _, mark := range []string{"\x01", "\x02", "\x08", "\x1b", "\x1c", "\x1f", "\x7f", "\u0080", "\u0085", "\u009b", "\u009f"} {
		m, id := synth.CNMobile(r), synth.CNID18(r)
		for _, tc := range []struct {
			text string
			cat  detect.Category
		}{
			{"tel " + strings.Join(strings.Split(m, ""), mark) + mark, detect.CNMobile},
			{"身份证 " + strings.Join(strings.Split(id, ""), mark), detect.CNID},
			{"tel " + m[:3] + mark + mark + m[3:], detect.CNMobile},
		} {
			if fs := e.Find([]byte(tc.text)); !hasCategory(fs, tc.cat) {
				t.Errorf("%q between digits: %q gave %v", mark, tc.text, fs)
			}
		}
	}
}

// TestControlsNotJoiningShortNumbers: controls among short numbers (a FIX
// message's SOH between fields, records set apart by the ASCII
// separators) join no number that is not there.
func TestControlsNotJoiningShortNumbers(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for _, text := range []string{
		"8=FIX.4.2\x019=178\x0135=D\x0134=1080\x0149=TESTBUY1\x0152=20180920-18:14:19.508\x0110=128\x01",
		"id\x1f42\x1fqty\x1f7\x1e43\x1f8\x1e44\x1f12\x1e",
		"12\x0134\x0156 page 7\x7f8",
		"v3.14\u0085rev 2024\u009b12",
	} {
		if fs := e.Find([]byte(text)); len(fs) > 0 {
			t.Errorf("%q: %v", text, fs)
		}
	}
}
