package bodyformat

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestBarLocalLandlinesNotRead: under a tel key or label, digits a bar
// splits are no landline's local number when the bar is read as a one
// (4241733 from 424|733): 200 random values of two or three groups
// whose digits, the bar read as a one, make 7 or 8 stay as they are, in
// JSON, a form and text. What the bar reading confirms otherwise is
// kept: a mobile with a bar for its one, a landline with its area code,
// and a local number with an O for its zero or written plainly.
func TestBarLocalLandlinesNotRead(t *testing.T) {
	eng := testEngine(t)
	rng := rand.New(rand.NewPCG(42, 30))
	digits := func(n int) string {
		var b strings.Builder
		b.WriteByte(byte('2' + rng.IntN(8))) // no trunk 0, no leading 1
		for range n - 1 {
			b.WriteByte(byte('0' + rng.IntN(10)))
		}
		return b.String()
	}
	for range 200 {
		var v string
		if rng.IntN(2) == 0 {
			l := 3 + rng.IntN(2) // 3|3 or 3|4 … read with the bar: 7 or 8 digits
			v = digits(l) + "|" + digits(6-l+rng.IntN(2))
		} else {
			v = digits(1) + "|" + digits(1) + "|" + digits(4) // a date's shape: 3|8|2024
		}
		for _, c := range []struct{ body, ct string }{
			{`{"tel":"` + v + `"}`, "application/json"},
			{"tel=" + strings.ReplaceAll(v, "|", "%7C"), "application/x-www-form-urlencoded"},
			{"tel: " + v, "text/plain"},
		} {
			if res, err := Inspect(eng, []byte(c.body), c.ct, "", Redact, Limits{}); err != nil || res.Changed {
				t.Fatalf("%q altered: %q %v", c.body, res.Body, err)
			}
		}
	}
	m := synth.CNMobile(rng)
	m = m[:5] + "1" + m[6:] // (a one in its local part: still a mobile)
	local := digits(8)
	for _, body := range []string{
		"tel: " + m[:5] + "|" + m[6:],         // a bar for a mobile's one
		"tel: 0755|" + local[:7],              // the area code set apart by a bar
		"tel: " + local[:3] + "O" + local[4:], // an O for a zero in a local number
		"tel: " + local,                       // a local number written plainly
	} {
		if res, err := Inspect(eng, []byte(body), "text/plain", "", Redact, Limits{}); err == nil && !res.Changed {
			t.Errorf("%q sent as it is", body)
		}
	}
}
