package detect_test

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// Every category of the registry has generated examples and look-alikes.
func TestEveryCategoryHasExamples(t *testing.T) {
	for _, c := range detect.Categories() {
		ex, ok := synth.ByCategory[string(c.Category)]
		if !ok || len(ex.Valid) == 0 {
			t.Errorf("%s: no valid examples in synth.ByCategory", c.Category)
		}
		if len(ex.Invalid) == 0 {
			t.Errorf("%s: no look-alikes in synth.ByCategory", c.Category)
		}
	}
	if len(synth.ByCategory) != len(detect.AllCategories) {
		t.Errorf("synth.ByCategory has %d categories, the registry %d", len(synth.ByCategory), len(detect.AllCategories))
	}
}

// labelled writes value after a label the way people do: "微信：x",
// "qq: x".
func labelled(label, value string) string {
	if label[0] < utf8.RuneSelf {
		return label + ": " + value
	}
	return label + "：" + value
}

// Behind each of its registry labels, a category's valid examples are
// found whole and its look-alikes are not.
func TestRegistryLabelsFindExamples(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("registry")})
	r := rand.New(rand.NewPCG(11, 2))
	for _, c := range detect.Categories() {
		ex := synth.ByCategory[string(c.Category)]
		for _, label := range c.Labels {
			for _, k := range ex.Valid {
				for range 20 {
					v := k.Gen(r)
					text := labelled(label, v)
					start := len(text) - len(v)
					if !covers(e.Find([]byte(text)), c.Category, start, len(text)) {
						t.Errorf("%s/%s: %q not found whole: %v", c.Category, k.Name, text, e.Find([]byte(text)))
					}
				}
			}
			for _, k := range ex.Invalid {
				for range 20 {
					v := k.Gen(r)
					text := labelled(label, v)
					for _, f := range e.Find([]byte(text)) {
						if f.Category == c.Category {
							t.Errorf("%s/%s: look-alike %q found: %+v", c.Category, k.Name, text, f)
						}
					}
				}
			}
		}
	}
}

// covers reports whether a finding of category c spans text[start:end].
func covers(fs []detect.Finding, c detect.Category, start, end int) bool {
	for _, f := range fs {
		if f.Category == c && f.Start <= start && f.End >= end {
			return true
		}
	}
	return false
}

// The shapes that need no label: a bracketed Hong Kong ID, a foreigners'
// permanent residence ID, coordinates marked with degrees; those that need
// one are not found bare.
func TestNewCategoriesWithoutLabels(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("registry")})
	r := rand.New(rand.NewPCG(11, 3))
	for range 50 {
		for _, c := range []struct {
			text string
			cat  detect.Category
			want bool
		}{
			{"证件 " + synth.HKID(r) + " 已登记", detect.HKID, true},
			{"持证人 " + synth.CNForeignPermanentID(r) + " 已登记", detect.CNID, true},
			{"在 31.2304°N 121.4737°E 附近", detect.Geo, true},
			{"order " + synth.QQNumber(r) + " shipped", detect.QQ, false},
			{"account " + synth.WeChatID(r) + " created", detect.WeChat, false},
			{"value 0.12345, 0.67891 measured", detect.Geo, false},
			{"ratio 3.14159 measured", detect.Geo, false},
			{"v" + synth.MOID(r), detect.MOID, false},
		} {
			got := false
			for _, f := range e.Find([]byte(c.text)) {
				got = got || f.Category == c.cat
			}
			if got != c.want {
				t.Errorf("%q: found %s = %v, want %v", c.text, c.cat, got, c.want)
			}
		}
	}
}

// A bare pair of coordinates counts with other personal data nearby, as
// one record; a JSON key or a label confirms one number alone.
func TestCoordinatesByProximityAndKey(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("registry")})
	r := rand.New(rand.NewPCG(11, 4))
	for range 50 {
		pair := synth.Coordinates(r)
		text := "张三 " + synth.CNMobile(r) + " 在 " + pair
		if !covers(e.Find([]byte(text)), detect.Geo, len(text)-len(pair), len(text)) {
			t.Errorf("%q: the pair is not found next to a mobile", text)
		}
		one := strings.Fields(strings.ReplaceAll(pair, ",", " "))[0]
		if fs := e.FindHinted([]byte(one), detect.NewCategorySet(detect.Geo)); !covers(fs, detect.Geo, 0, len(one)) {
			t.Errorf("%q under a lat key: not found (%v)", one, fs)
		}
	}
}

// Coordinates and WeChat IDs spelled in full-width characters behind their
// labels are found whole, as their ASCII spelling is; a full-width look-
// alike (two decimals, a WeChat ID too short) is still no value.
func TestFullWidthCoordinatesAndWeChatIDs(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("registry")})
	r := rand.New(rand.NewPCG(11, 13))
	for range 50 {
		for _, c := range []struct {
			label, value string
			cat          detect.Category
			want         bool
		}{
			{"坐标：", synth.FullWidth(synth.Coordinates(r)), detect.Geo, true},
			{"經緯度 ", synth.FullWidthAll(synth.Coordinates(r)), detect.Geo, true},
			{"坐标：", synth.FullWidthAll(synth.CoordinatesCoarse(r)), detect.Geo, false},
			{"微信号：", synth.FullWidth(synth.WeChatID(r)), detect.WeChat, true},
			{"微信：", synth.FullWidth(synth.WeChatID(r)[:4]), detect.WeChat, false},
		} {
			text := c.label + c.value + "，谢谢"
			fs := e.Find([]byte(text))
			if got := covers(fs, c.cat, len(c.label), len(c.label)+len(c.value)); got != c.want {
				t.Errorf("%q: %s found whole = %v, want %v (%v)", text, c.cat, got, c.want, fs)
			}
		}
	}
}

// A Hong Kong ID with a zero-width character after every character, or
// its letters written as character references (&#84;878370(A), whose
// short run of digits is no number on its own), is found whole, behind its
// label and bracketed in prose.
func TestHKIDWithInvisibles(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("registry")})
	r := rand.New(rand.NewPCG(11, 14))
	for k := range 100 {
		v := synth.ZeroWidth(synth.HKID(r), synth.ZeroWidthChars[r.IntN(len(synth.ZeroWidthChars))])
		if k%2 == 1 {
			id := synth.HKID(r)
			n := strings.IndexAny(id, "0123456789")
			v = synth.HTMLDecimal(id[:n]) + id[n:]
		}
		for _, pre := range []string{"HKID: ", "香港身份證：", "请核对 "} {
			text := pre + v + "，谢谢"
			if fs := e.Find([]byte(text)); !covers(fs, detect.HKID, len(pre), len(pre)+len(v)) {
				t.Errorf("%q: not found whole (%v)", text, fs)
			}
		}
	}
}
