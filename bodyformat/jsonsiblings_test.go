package bodyformat

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestObjectSiblingsJoined: a number split across the string members of
// one object one of whose keys says what it holds ({"a":"138","b":"1234",
// "c":"5678"}, an ID's region, birth date and sequence), which a page
// showing the fields side by side shows as one, is found and masked in
// every member; the document stays valid JSON and a second redaction
// changes nothing.
func TestObjectSiblingsJoined(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		mob, id := mobileNoZeroAt(r, 3, 7), synth.CNID18(r)
		for _, c := range []struct{ body, part string }{
			{`{"tel1":"` + mob[:3] + `","tel2":"` + mob[3:7] + `","tel3":"` + mob[7:] + `"}`, mob[3:7]},
			{`{"idcard":"` + id[:6] + `","birth":"` + id[6:14] + `","seq":"` + id[14:] + `"}`, id[6:14]},
			{`{"mobile":"` + synth.FullWidth(mob[:3]) + `","b":"` + synth.FullWidth(mob[3:7]) + `","c":"` + synth.FullWidth(mob[7:]) + `"}`, synth.FullWidth(mob[3:7])},
			{`{"phone":"` + synth.ChineseNumerals(mob[:3]) + `","b":"` + synth.ChineseNumerals(mob[3:7]) + `","c":"` + synth.ChineseNumerals(mob[7:]) + `"}`, synth.ChineseNumerals(mob[3:7])},
			{`{"list":[{"x":"y","tel1":"` + mob[:3] + `","tel2":"` + mob[3:7] + `","tel3":"` + mob[7:] + `","note":"ok"}]}`, mob[3:7]},
			// spaces, dashes and a '+' around the digits of a value
			{`{"tel1":" ` + mob[:3] + `","tel2":" ` + mob[3:7] + `","tel3":" ` + mob[7:] + `"}`, mob[3:7]},
			{`{"tel1":"` + mob[:3] + `-","tel2":"` + mob[3:7] + `-","tel3":"` + mob[7:] + `"}`, mob[3:7]},
			{`{"phone":"+86","tel1":"` + mob[:3] + `","tel2":"` + mob[3:7] + `","tel3":"` + mob[7:] + `"}`, mob[3:7]},
			// the key the object is the value of names what it holds
			{`{"idcard":{"p1":"` + id[:6] + `","p2":"` + id[6:14] + `","p3":"` + id[14:] + `"}}`, id[6:14]},
			{`{"phones":[{"a":"` + mob[:3] + `","b":"` + mob[3:7] + `","c":"` + mob[7:] + `"}]}`, mob[3:7]},
		} {
			res := mustInspect(t, eng, []byte(c.body), "application/json", "", Redact)
			if !res.Changed || strings.Contains(string(res.Body), c.part) || !json.Valid(res.Body) {
				t.Errorf("%q -> %q", c.body, res.Body)
			}
			assertStable(t, eng, res, "application/json")
		}
	}
}

// TestObjectSiblingsNotJoined: records whose digit fields hold no number
// across them (ids, postcodes, years, counts, times, a mobile of its own)
// are unchanged but for what each field holds on its own.
func TestObjectSiblingsNotJoined(t *testing.T) {
	eng := testEngine(t)
	for _, body := range []string{
		`{"id":1,"zip":"100020","year":2024,"count":7,"page":"3"}`,
		`{"ts":1764900000,"code":"200","ms":"138","size":"1234"}`,
		`[{"h":"13","m":"45","s":"20"},{"y":"2026","mo":"12","d":"05"}]`,
		`{"order":"20241205","qty":"1","sku":"88123"}`,
		`{"productId":138,"stock":1200,"price":5999}`, `{"id":"825","qty":"1576","price":"112","stock":"7264"}`,
		`{"views":158,"likes":3021,"shares":4477}`,
	} {
		res := mustInspect(t, eng, []byte(body), "application/json", "", Redact)
		if res.Changed || len(res.Findings) != 0 {
			t.Errorf("%q -> %q %v", body, res.Body, res.Findings)
		}
	}
}

// TestObjectNumberSiblingsJoined: an object's integer members are read
// joined under a phone or ID key as its strings of digits are, and as an
// array's numbers are: {"mobile":{"a":138,"b":12345678}} and an ID's
// parts as integers are masked, each number written back as a string of
// its part of the mask (before, only strings were joined: attack pass
// 32, F11).
func TestObjectNumberSiblingsJoined(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 5 {
		// JSON writes no integer with a leading zero: parts that start
		// with one are strings, and were joined already
		m, id := synth.CNMobile(r), synth.CNID18(r)
		for m[3] == '0' || m[7] == '0' {
			m = synth.CNMobile(r)
		}
		for _, c := range []struct{ body, gone string }{
			{`{"mobile":{"a":"` + m[:3] + `","b":"` + m[3:] + `"}}`, m[3:]}, // the controls: masked
			{`{"mobile":[` + m[:3] + `,` + m[3:] + `]}`, m[3:]},
			{`{"mobile":{"a":` + m[:3] + `,"b":` + m[3:] + `}}`, m[3:]},
			{`{"tel":{"p1":` + m[:3] + `,"p2":` + m[3:7] + `,"p3":` + m[7:] + `}}`, m[3:7]},
			{`{"idcard":{"region":` + id[:6] + `,"birth":` + id[6:14] + `,"seq":"` + id[14:] + `"}}`, id[6:14]},
		} {
			res := mustInspect(t, eng, []byte(c.body), "application/json", "", Redact)
			if !res.Changed || strings.Contains(string(res.Body), c.gone) || !json.Valid(res.Body) {
				t.Errorf("%s: not masked as valid JSON: %s", c.body, res.Body)
			}
		}
	}
}
