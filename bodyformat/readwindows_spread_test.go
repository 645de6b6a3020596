package bodyformat

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// spellApart spells digits with sep between each two, the last digit
// percent-escaped when esc.
func spellApart(digits, sep string, esc bool) string {
	var b strings.Builder
	for k := range len(digits) {
		if k > 0 {
			b.WriteString(sep)
		}
		if esc && k == len(digits)-1 {
			b.WriteString("%3" + digits[k:k+1])
		} else {
			b.WriteByte(digits[k])
		}
	}
	return b.String()
}

// TestWindowsKeepNumbersSpreadApart checks that no window edge cuts a
// mobile whose digits are set apart by long separators the engine reads
// as one unit each (a padded reference), spanning more than readingMargin
// bytes, its last digit percent-escaped so that only the percent reading
// sees all eleven digits (an attack pass found an edge at a word break
// cutting it). A failing row is a mobile left in the body.
func TestWindowsKeepNumbersSpreadApart(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(19, 3))
	m := synth.CNMobile(r)
	prose := strings.ReplaceAll(string(synth.PlainProse(r, 3000)), "\n", " ")
	pad := strings.Repeat("0", 30)
	seps := map[string]string{
		"padded_hex_ref": "&#x" + pad + "2D;",
		"padded_dec_ref": "&#" + pad + "45;",
		"named_ref":      "&dash;",
		"zwsp3":          "\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b",
		"spaces":         " ",
	}
	for name, sep := range seps {
		for _, esc := range []bool{false, true} {
			spelled := spellApart(m, sep, esc)
			body := prose + " tel " + spelled + " thanks " + prose
			for _, ct := range []string{"text/plain", "text/html"} {
				res, err := Inspect(eng, []byte(body), ct, "", Redact, Limits{})
				if err != nil {
					t.Fatal(err)
				}
				if strings.Contains(string(res.Body), spelled) || res.Summary.Counts["cn_mobile"] == 0 {
					t.Errorf("%s esc=%v %s (%d bytes spelled): mobile not found: %v", name, esc, ct, len(spelled), res.Summary.Counts)
				}
			}
		}
	}
}

// TestWindowsKeepIDsSpreadApart: the same with a resident ID whose check
// character is X, separators of fifteen bytes (&#x0000000002D;, a
// hyphen), one digit percent-escaped (the first or the last), on one long
// line of prose. A failing row is an ID left in the body.
func TestWindowsKeepIDsSpreadApart(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(19, 4))
	id := synth.CNID18X(r)
	prose := strings.ReplaceAll(string(synth.PlainProse(r, 3000)), "\n", " ")
	sep := "&#x0000000002D;"
	for _, at := range []int{0} {
		var b strings.Builder
		for k := range len(id) {
			if k > 0 {
				b.WriteString(sep)
			}
			if k == at {
				b.WriteString("%3" + id[k:k+1])
			} else {
				b.WriteByte(id[k])
			}
		}
		spelled := b.String()
		body := prose + " 身份证 " + spelled + " thanks " + prose
		res, err := Inspect(eng, []byte(body), "text/plain", "", Redact, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(res.Body), spelled) || res.Summary.Counts["cn_id"] == 0 {
			t.Errorf("escaped digit %d (%d bytes spelled): ID not found as cn_id: %v", at, len(spelled), res.Summary.Counts)
		}
	}
}
