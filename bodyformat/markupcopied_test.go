package bodyformat

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestCellMaskMasksOtherValueWhereItStands: a value of its own in the
// markup a cell mask copies as written (an e-mail spelled without '@' in
// an <a href> inside a cell's digits or in a title= between the cells) is
// masked where it stands, whatever it is spelled with: the page is the
// same byte for byte but for the mobile's digits and the e-mail, each
// star for a byte; the mobile and the e-mail are counted once each.
func TestCellMaskMasksOtherValueWhereItStands(t *testing.T) {
	m := synth.CNMobile(rand.New(rand.NewPCG(47, 1)))
	a, b, c := m[:3], m[3:7], m[7:]
	stars := func(s string) string { return strings.Repeat("*", len(s)) }
	for _, email := range []string{"alex{at}example.com", "alex(at)example(dot)com", "alex#qq.com", "alex@example.com"} {
		for _, tc := range []struct{ name, page, want string }{
			{"link inside digits",
				"<table><tr><td>手机</td><td>" + a + "</td><td>" + b[:2] + `<a href="mailto:` + email + `">` + b[2:] + "</a></td><td>" + c + "</td><td>1200</td></tr></table>",
				"<table><tr><td>手机</td><td>" + stars(a) + "</td><td>" + stars(b[:2]) + `<a href="mailto:` + stars(email) + `">` + stars(b[2:]) + "</a></td><td>" + stars(c) + "</td><td>1200</td></tr></table>"},
			{"title between cells",
				"<table><tr><td>手机</td><td>" + a + "</td><td>" + b + `</td><td title="` + email + `">` + c + "</td><td>1200</td></tr></table>",
				"<table><tr><td>手机</td><td>" + stars(a) + "</td><td>" + stars(b) + `</td><td title="` + stars(email) + `">` + stars(c) + "</td><td>1200</td></tr></table>"},
		} {
			for _, ct := range []string{"text/html", "text/plain", "event stream"} {
				out := cellsRedacted(t, tc.page, ct)
				if strings.Contains(out, email) || strings.Contains(engineDigitsShown(out), b) {
					t.Errorf("%s/%s: %q goes out: %q", tc.name, ct, email, out)
				}
				if out != tc.want && !strings.HasPrefix(email, "alex@") {
					t.Errorf("%s/%s:\n got %q\nwant %q", tc.name, ct, out, tc.want)
				}
			}
			res, err := Inspect(testEngine(t), []byte(tc.page), "text/html", "", Redact, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if n := res.Summary.Counts[detect.CNMobile]; n != 1 {
				t.Errorf("%s %s: the mobile counted %d times", tc.name, email, n)
			}
			if n := res.Summary.Counts[detect.Email]; n != 1 {
				t.Errorf("%s %s: the e-mail counted %d times", tc.name, email, n)
			}
		}
	}
}

// TestMergeMasksOtherValueInCopiedMarkup: a merge that takes another
// value into a mask that copies markup (as long as its span, byte for
// byte) masks that value's bytes in it where they stand, widened to whole
// characters, and stars past the mask's end when it runs on; a mask that
// holds a tag and is not as long as its span keeps none of its markup or
// text; the same value found again over the mask's very span leaves it
// be; a mask holding no markup takes others in as before.
func TestMergeMasksOtherValueInCopiedMarkup(t *testing.T) {
	cell := `12</td><td title="x#y.com">34`
	mob := detect.Finding{Category: detect.CNMobile, Start: 10, End: 10 + len(cell), Masked: `**</td><td title="x#y.com">**`, Fingerprint: "m"}
	at := func(s string) int { return 10 + strings.Index(cell, s) }
	email := detect.Finding{Category: detect.Email, Start: at("x#y"), End: at("x#y") + len("x#y.com"), Masked: "x***", Fingerprint: "e"}
	for _, tc := range []struct {
		name    string
		a, b    []detect.Finding
		want    string
		wantEnd int
	}{
		{"inside", []detect.Finding{mob}, []detect.Finding{email}, `**</td><td title="*******">**`, mob.End},
		{"inside, one list", nil, []detect.Finding{mob, email}, `**</td><td title="*******">**`, mob.End},
		{"runs on", []detect.Finding{mob}, []detect.Finding{{Category: detect.Email, Start: at("34"), End: mob.End + 3, Masked: "x"}}, `**</td><td title="x#y.com">*****`, mob.End + 3},
		{"half a character", []detect.Finding{{Category: detect.CNMobile, Start: 0, End: len("<b>名</b>"), Masked: "<b>名</b>"}}, []detect.Finding{{Start: 4, End: 5}}, "<b>***</b>", len("<b>名</b>")},
		{"not as long", []detect.Finding{{Category: detect.CNMobile, Start: 0, End: 40, Masked: `一*<td title="x#y.com">**`}}, []detect.Finding{{Start: 3, End: 5}}, "****", 40},
		{"same value", []detect.Finding{mob}, []detect.Finding{{Category: detect.CNMobile, Start: mob.Start, End: mob.End, Masked: "***********", Fingerprint: "m"}}, `***********`, mob.End},
		{"same value within", []detect.Finding{mob}, []detect.Finding{{Category: detect.CNMobile, Start: at("34"), End: mob.End, Masked: "**", Fingerprint: "m"}}, `**</td><td title="x#y.com">**`, mob.End},
		{"no markup", []detect.Finding{{Start: 0, End: 11, Masked: "138****5678"}}, []detect.Finding{{Start: 2, End: 5, Masked: "*"}}, "138****5678", 11},
	} {
		got := mergeFindings(tc.a, tc.b)
		if len(got) != 1 || got[0].Masked != tc.want || got[0].End != tc.wantEnd {
			t.Errorf("%s: %+v, want one finding masked %q to %d", tc.name, got, tc.want, tc.wantEnd)
		}
	}
}
