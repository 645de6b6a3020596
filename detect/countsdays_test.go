package detect_test

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// A '+' figure with a count word before it or a measure word after it is a
// count that grew, not an international number; a district followed by a
// day (10号) or an ordinal (第3号) is no address, even next to a phone.
// Phones and addresses around them are still found.
func TestCountsAndDaysAreNoPersonalData(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	r := seeded(seedOf("countsdays"))
	for _, k := range []synth.Kind{{Name: "plus_count", Gen: synth.PlusCount}, {Name: "place_day", Gen: synth.CNPlaceDay}, {Name: "place_ordinal", Gen: synth.CNPlaceOrdinal}} {
		for range perCase {
			v := k.Gen(r)
			mobile := synth.CNMobile(r)
			text := v + "，电话" + mobile
			fs := e.Find([]byte(text))
			if len(fs) != 1 || fs[0].Category != detect.CNMobile || text[fs[0].Start:fs[0].End] != mobile {
				t.Fatalf("%s: %q gave %v", k.Name, text, fs)
			}
		}
	}
	for _, c := range []struct{ text, want string }{
		{"Call me at +447911123456 tonight.", "+447911123456"},
		{"phone: +49 151 23456789, 谢谢", "+49 151 23456789"},
		{"广州市天河区体育西路10号，电话13812345678", "广州市天河区体育西路10号"},
		{"湖北省黄冈市黄梅县黄梅镇光明小区19号 13812345678", "19号"},
		{"山东省东营市东营区锦苑路锦苑三区南区178号 13812345678", "178号"},
		{"北京市朝阳区3号楼2单元，电话13812345678", "北京市朝阳区3号楼2单元"},
		{"地址：广州市天河区10号", "广州市天河区10号"},
	} {
		found := false
		for _, f := range e.Find([]byte(c.text)) {
			found = found || strings.Contains(c.text[f.Start:f.End], c.want)
		}
		if !found {
			t.Errorf("%q: %q not found", c.text, c.want)
		}
	}
}
