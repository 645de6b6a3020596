package detect_test

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// invisibleValues are the numbers the invisible separators are put into:
// a mobile in groups of 3, 4 and 4 digits and a resident ID (check
// character computed) in groups of 6, 8 and 4, behind their labels.
var invisibleValues = []struct {
	name  string
	cat   detect.Category
	label string
	gen   func(*rand.Rand) string
	sizes []int
}{
	{"mobile", detect.CNMobile, "tel ", synth.CNMobile, []int{3, 4, 4}},
	{"id", detect.CNID, "身份证号：", synth.CNID18, []int{6, 8, 4}},
}

// TestInvisibleClassesBetweenDigits: a member of every class of code
// points a receiver draws as nothing, a box or a tiny glyph, or drops
// (noncharacters, unassigned and private-use code points, default
// ignorables, bidi controls, C0 and C1 controls), once or several times
// between the groups of a mobile or an ID, or after each of its digits,
// ASCII or full-width, leaves the number found whole, as a zero-width
// space does. Bytes that are no UTF-8 are the format layer's to read
// (bodyformat's U+FFFD reading).
func TestInvisibleClassesBetweenDigits(t *testing.T) {
	r := rand.New(rand.NewPCG(29, 29))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for _, cls := range synth.InvisibleClasses {
		if cls.Name == "invalid-utf8" {
			continue // a break for the engine: the format layer reads them as U+FFFD (invisible.go)
		}
		t.Run(cls.Name, func(t *testing.T) {
			for _, sep := range cls.Seps {
				for _, v := range invisibleValues {
					for _, wide := range []bool{false, true} {
						plain := v.gen(r)
						value := plain
						if wide {
							value = synth.FullWidth(plain)
						}
						for _, spelled := range []string{
							synth.Grouped(value, sep, v.sizes...),
							synth.Grouped(value, strings.Repeat(sep, repeats(cls)), v.sizes...),
							synth.SeparatorEvery(value, sep),
						} {
							wantWhole(t, e, v.label, spelled, "，谢谢", v.cat, sep)
						}
					}
				}
			}
			// every member of the class in a row between the groups (of
			// a drawn class, as many as spaces the engine reads through)
			all := strings.Join(cls.Seps[:min(len(cls.Seps), repeats(cls))], "")
			if !cls.Drawn {
				all = strings.Join(cls.Seps, "")
			}
			onlyMembers(t, all, cls.Seps)
			for _, v := range invisibleValues {
				for _, wide := range []bool{false, true} {
					value := v.gen(r)
					if wide {
						value = synth.FullWidth(value)
					}
					wantWhole(t, e, v.label, synth.Grouped(value, all, v.sizes...), " ok", v.cat, all)
				}
			}
		})
	}
}

// repeats is how many members of cls in a row the engine reads through:
// any number of what is drawn as nothing, three of what is drawn as a box,
// as three spaces are (four are a gap, as four spaces).
func repeats(cls synth.InvisibleClass) int {
	if cls.Drawn {
		return 3
	}
	return 4
}

// wantWhole asserts that label+spelled+after holds one finding of cat,
// spanning spelled from its first digit to its last.
func wantWhole(t *testing.T, e *detect.Engine, label, spelled, after string, cat detect.Category, sep string) {
	t.Helper()
	text := label + spelled + after
	fs := e.Find([]byte(text))
	if len(fs) != 1 || fs[0].Category != cat || fs[0].Start != len(label) || fs[0].End != len(label)+len(spelled) {
		t.Errorf("%+q between digits: %+q gave %v, want one %s over bytes %d to %d", sep, text, fs, cat, len(label), len(label)+len(spelled))
	}
}

// onlyMembers asserts that s decodes to nothing but members of seps and
// bytes that are no UTF-8: members written one after the other make no
// visible character (E4 B8 then 80 would be 一).
func onlyMembers(t *testing.T, s string, seps []string) {
	t.Helper()
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !(r == utf8.RuneError && n == 1) && !slices.Contains(seps, string(r)) {
			t.Fatalf("%+q: %U at %d is no member of the class", s, r, i)
		}
		i += n
	}
}

// TestInvisibleClassesNoNewFindings: what a zero-width space between
// digits leaves unfound, a member of any class leaves unfound too: too
// many digits, a mobile's prefix no operator has, a number glued to a
// letter or to more digits, an ID whose check character is wrong.
func TestInvisibleClassesNoNewFindings(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 31))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	var lookalikes [][]string // each a list of pieces joined by the separator
	for range 4 {
		m := synth.CNMobile(r)
		id := synth.CNIDBadCheck(r)
		bad := synth.CNMobileBadPrefix(r)
		lookalikes = append(lookalikes,
			[]string{"订单 " + m[:3], m[3:7], m[7:] + "9"}, // 12 digits
			[]string{"订单 " + bad[:3], bad[3:7], bad[7:]}, // no operator's prefix
			[]string{"SKU", m},   // glued to a letter
			[]string{"ref 7", m}, // glued to a digit
			[]string{"证件 " + id[:6], id[6:14], id[14:] + "。"}, // wrong check character
		)
	}
	for _, sep := range synth.InvisibleSeparators(false) {
		if drawn(sep) {
			continue // a separator, as a space: TestDrawnClassesSetApart
		}
		for _, pieces := range lookalikes {
			text := strings.Join(pieces, sep)
			if fs := e.Find([]byte(text)); len(fs) != 0 {
				t.Errorf("%+q: %+q gave %v, want nothing", sep, text, fs)
			}
			if fs := e.Find([]byte(strings.Join(pieces, "\u200B"))); len(fs) != 0 {
				t.Errorf("U+200B: %+q gave %v, want nothing", strings.Join(pieces, "\u200B"), fs)
			}
		}
	}
}

// drawn reports whether sep is a member of a class drawn as a box.
func drawn(sep string) bool {
	for _, cls := range synth.InvisibleClasses {
		if cls.Drawn && slices.Contains(cls.Seps, sep) {
			return true
		}
	}
	return false
}

// TestDrawnClassesSetApart: what is drawn as a box (a noncharacter, an
// unassigned or private-use code point) stands between digits as a space
// does, as U+FFFD: a mobile after "ref 7" and a box is read (a reader sees
// 7□13812345678), and one before a box and a digit too; twelve digits in
// groups with boxes between are no mobile, as with spaces.
func TestDrawnClassesSetApart(t *testing.T) {
	r := rand.New(rand.NewPCG(37, 37))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for _, cls := range synth.InvisibleClasses {
		if !cls.Drawn {
			continue
		}
		for _, sep := range cls.Seps {
			m := synth.CNMobile(r)
			for _, tc := range []struct{ before, after string }{{"ref 7" + sep, " ok"}, {"tel ", sep + "9"}} {
				text := tc.before + m + tc.after
				fs := e.Find([]byte(text))
				if len(fs) != 1 || fs[0].Category != detect.CNMobile || fs[0].Start != len(tc.before) || fs[0].End != len(tc.before)+len(m) {
					t.Errorf("%+q: %+q gave %v, want the mobile over bytes %d to %d", sep, text, fs, len(tc.before), len(tc.before)+len(m))
				}
			}
			twelve := "订单 " + synth.Grouped(m+"9", sep, 3, 4, 5)
			if fs := e.Find([]byte(twelve)); len(fs) != 0 {
				t.Errorf("%+q: %+q gave %v, want nothing", sep, twelve, fs)
			}
		}
	}
}
