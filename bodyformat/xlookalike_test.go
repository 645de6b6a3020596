package bodyformat

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// checkXHead returns the 17 digits of a synthetic resident ID whose check
// character is X, and its birth date (what must not go out raw).
func checkXHead(r *rand.Rand) (head, secret string) {
	id := synth.CNID18X(r)
	return id[:17], id[6:14]
}

// digitCheckHead returns the 17 digits of a synthetic resident ID whose
// check character is a digit (no X after them makes an ID) and that eng
// finds nothing in on their own (no card's number either).
func digitCheckHead(eng *detect.Engine, r *rand.Rand) string {
	for {
		if id := synth.CNID18(r); id[17] != 'X' && len(eng.Find([]byte(id[:17]))) == 0 {
			return id[:17]
		}
	}
}

// mathX are the mathematical alphanumeric X and x in their 13 styles, and
// the mathematical capital chi in its 5.
func mathX() []string {
	var xs []string
	for style := range 13 {
		base := 0x1D400 + 52*style
		xs = append(xs, string(rune(base+23)), string(rune(base+26+23)))
	}
	for _, r := range []rune{0x1D6BE, 0x1D6F8, 0x1D732, 0x1D76C, 0x1D7A6} {
		xs = append(xs, string(r))
	}
	return xs
}

// TestCheckXLookalikeLeaks: a resident ID whose check X is written with a
// character a reader takes for X (Unicode's confusables of X, a letter X
// with a mark, a cross or a saltire, the mathematical X in every style),
// with &times and no ';' (a browser shows ×), or set apart from its 17
// digits by a delimiter the delimited reading reads between groups
// (110105|19900101|123|X, one a line), is masked: its birth date never
// goes out raw.
func TestCheckXLookalikeLeaks(t *testing.T) {
	eng := testEngine(t)
	type row struct{ name, ct, pre, sep, post string }
	rows := []row{
		{"html &times without ;", "text/html", "<p>身份证 ", "&times", "</p>"},
		{"html &times without ; then space", "text/html", "<p>身份证 ", "&times", " 谢谢</p>"},
		{"text &times without ;", "text/plain", "身份证 ", "&times", " 谢谢"},
	}
	for _, x := range []string{"❌", "❎", "☒", "🗙", "🞨", "⛌", "Ẋ", "Ẍ", "ẋ", "Ҳ", "ҳ", "Ӽ", "Ӿ", "ꓫ", "ᚷ", "ⵝ", "᙭", "𐌗", "𐊴", "ꭗ", "ᶍ", "⌧", "🗴", "⮾", "𑣬"} {
		rows = append(rows, row{fmt.Sprintf("%U", []rune(x)[0]), "text/plain", "身份证 ", x, " 谢谢"})
	}
	for _, x := range mathX() {
		rows = append(rows, row{fmt.Sprintf("math %U", []rune(x)[0]), "text/plain", "身份证 ", x, " 谢谢"})
	}
	for _, d := range []string{"|", " | ", "｜", "～", "~", "，", "、", "_", "\n", "\n\n", "；", "#"} {
		for _, x := range []string{"X", "x", "✕", "×"} {
			rows = append(rows, row{fmt.Sprintf("%q then %s", d, x), "text/plain", "身份证 ", d + x, " 谢谢"})
		}
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			head, secret := checkXHead(rng(t.Name()))
			body := row.pre + head + row.sep + row.post
			res := mustInspect(t, eng, []byte(body), row.ct, "", Redact)
			if strings.Contains(string(res.Body), secret) {
				t.Errorf("%s %q -> %q", row.ct, body, res.Body)
			}
		})
	}
}

// TestCheckXApartKeepsStructure: a check X set apart from the digits is
// left where it stands, with what stands between them (a bracket, a tag, a
// delimiter): the mask covers the digits only and does not write the X a
// second time.
func TestCheckXApartKeepsStructure(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	head, secret := checkXHead(r)
	masked := head[:4] + "**********" + head[14:17]
	for _, c := range []struct{ ct, body, want string }{
		{"text/html", "<p>身份证 " + head + "<b>✕</b></p>", "<p>身份证 " + masked + "<b>✕</b></p>"},
		{"text/html", "<p>身份证 " + head + "<span>&times;</span></p>", "<p>身份证 " + masked + "<span>&times;</span></p>"},
		{"text/html", "<p>身份证 " + head + "<b>X</b></p>", "<p>身份证 " + masked + "<b>X</b></p>"},
		{"text/plain", "身份证 " + head + "(✕)", "身份证 " + masked + "(✕)"},
		{"text/plain", "身份证 " + head + " X 谢谢", "身份证 " + masked + " X 谢谢"},
		{"text/plain", "身份证 " + head + "|X 谢谢", "身份证 " + masked + "|X 谢谢"},
		{"text/plain", "身份证 " + head + "\nX 谢谢", "身份证 " + masked + "\nX 谢谢"},
		{"text/plain", "身份证 " + head + "X 谢谢", "身份证 " + masked + "X 谢谢"},
		{"text/plain", "身份证 " + head + "✕ 谢谢", "身份证 " + masked + "X 谢谢"},
	} {
		res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
		if string(res.Body) != c.want || strings.Contains(string(res.Body), secret) {
			t.Errorf("%s %q -> %q, want %q", c.ct, c.body, res.Body, c.want)
		}
	}
}

// TestCheckXLookalikeClean: a multiplication sign, a cross or a delimited
// X after digits is no ID's check character unless the digits' checksum
// is ten: sums, sizes, math and data rows pass byte for byte.
func TestCheckXLookalikeClean(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	var bodies []string
	for range 8 {
		head := digitCheckHead(eng, r)
		for _, x := range []string{"×", " × 3", "✕", "❌", "☒", "Ẋ", "Ҳ", "𝚾", "&times", "&times;"} {
			bodies = append(bodies, "身份证 "+head+x+" 谢谢", "<p>结果 "+head+x+"</p>")
		}
		for _, d := range []string{"|X", " | X", "，X", "\nX", "_X", "<b>✕</b>"} {
			bodies = append(bodies, "身份证 "+head+d+" 谢谢")
		}
	}
	bodies = append(bodies, "10 × 20 = 200", "尺寸 10×20×30 cm", "12 ❌ 3", "a|X|b", "1920 × 1080 ✕ 关闭",
		"<p>&times 关闭</p>", "value: 12345678901234567 × 2")
	for _, body := range bodies {
		for _, ct := range []string{"text/plain", "text/html"} {
			res := mustInspect(t, eng, []byte(body), ct, "", Redact)
			if res.Changed || len(res.Findings) > 0 || string(res.Body) != body {
				t.Errorf("%s %q -> %q (%d findings)", ct, body, res.Body, len(res.Findings))
			}
		}
	}
}

// TestCheckXSiblingValue: a record that names an ID and holds its 17
// digits and its check X in two values (JSON members, form fields) is one
// ID across them: the digits are masked, the X left as it is; the same
// record with digits whose checksum is no ten, or whose keys name no ID,
// passes.
func TestCheckXSiblingValue(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 5 {
		head, secret := checkXHead(r)
		masked := head[:4] + "**********" + head[14:]
		for _, x := range []string{"X", "x", "✕", "×"} {
			for _, c := range []struct{ ct, body, want string }{
				{"application/json", `{"idcard":"` + head + `","check":"` + x + `"}`, `{"idcard":"` + masked + `","check":"` + x + `"}`},
				{"application/json", `{"name":"a","idNo":"` + head + `","x":"` + x + `"}`, `{"name":"a","idNo":"` + masked + `","x":"` + x + `"}`},
				{"application/x-www-form-urlencoded", "idcard=" + head + "&check=" + x, ""},
			} {
				res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
				if strings.Contains(string(res.Body), secret) || c.want != "" && string(res.Body) != c.want {
					t.Errorf("%s %q -> %q, want %q", c.ct, c.body, res.Body, c.want)
				}
			}
		}
		clean := digitCheckHead(eng, r)
		for _, c := range []struct{ ct, body string }{
			{"application/json", `{"idcard":"` + clean + `","check":"X"}`},
			{"application/json", `{"size":"` + clean + `","by":"×"}`},
			{"application/x-www-form-urlencoded", "idcard=" + clean + "&check=X"},
		} {
			res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
			if res.Changed || len(res.Findings) > 0 {
				t.Errorf("%s %q -> %q", c.ct, c.body, res.Body)
			}
		}
	}
}
