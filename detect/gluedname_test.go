package detect_test

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// A consignee written right after the house or room number of a
// Taobao-style address (…3幢201室王小明 138…) is found as a name; words
// glued after an address with nothing personal after them are not.
func TestNameGluedAfterAddress(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	r := seeded(seedOf("name glued after address"))
	missed := 0
	const n = 300
	for range n {
		addr, name, m := synth.CNAddress(r), synth.CNName(r), synth.CNMobile(r)
		for _, text := range []string{addr + name + " " + m, "收货地址：" + addr + name + "，" + m} {
			if !strings.Contains(findingsOf(e, text), "cn_name:"+name+"|") {
				missed++
				if missed <= 5 {
					t.Logf("%q: %s", text, findingsOf(e, text))
				}
			}
		}
		if got := findingsOf(e, "地址："+addr+"快递放门口"); strings.Contains(got, "cn_name") {
			t.Errorf("%q: %s", addr+"快递放门口", got)
		}
	}
	if missed > n/50 {
		t.Errorf("%d of %d glued names missed", missed, 2*n)
	}
}
