package accuracy

import (
	"math/rand/v2"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// nameTails follow a labelled name.
var nameTails = []string{"", "，", "。", " ", "\n", "、男", "，电话：", "，手机号 ", "；地址：", "（先生）"}

// nameCases writes names behind their labels (Simplified names behind
// Simplified and English labels, Traditional ones behind Traditional
// labels), under JSON keys, and next to other personal data with no label.
func nameCases(r *rand.Rand) []SynthCase {
	var out []SynthCase
	for range 4 * perForm {
		for _, script := range []string{"zh", "tw", "en"} {
			n := synth.CNName(r)
			if script == "tw" {
				n = synth.CNNameTraditional(r)
			}
			c, _ := labelled(r, SetNames, "cn_name", "label_"+script, script, n)
			tail := pick(r, nameTails)
			if tail == "，电话：" || tail == "，手机号 " {
				tail += synth.CNMobile(r)
			}
			c.Text = c.Text[:c.Start+len(n)] + tail
			out = append(out, c)
		}
		c, _ := labelled(r, SetNames, "cn_name", "label_translit", "zh", synth.CNNameTransliterated(r))
		out = append(out, c)
		out = append(out, inJSON(SetNames, "cn_name", "json_key", pick(r, keysOf["cn_name"]), synth.CNName(r), false),
			inText(SetNames, "cn_name", "label_glued", pick(r, []string{"姓名", "收货人", "联系人"}), synth.CNName(r), pick(r, []string{"性别男", "性别女", "电话" + synth.CNMobile(r)})),
			inText(SetNames, "cn_name", "label_cell", pick(r, []string{"<td>姓名</td><td>", "<td>收件人</td><td>", "<th>联系人</th><td>"}), synth.CNName(r), "</td>"),
			inText(SetNames, "cn_name", "label_pipe", pick(r, []string{"联系人 | ", "姓名 | ", "| 收货人 | "}), synth.CNName(r), " | "+synth.CNMobile(r)))
		near := func(form string, before, after func() string) {
			b := before()
			out = append(out, inText(SetNames, "cn_name", form, b, synth.CNName(r), after()))
		}
		none := func() string { return "" }
		mobile := func(pre string) func() string { return func() string { return pre + synth.CNMobile(r) } }
		near("phone_comma", none, mobile("，"))
		near("phone_space", none, mobile(" "))
		near("phone_before", func() string { return synth.CNMobile(r) + " " }, none)
		near("phone_gender", none, mobile(pick(r, []string{"，男，", " 女 ", "（女）"})))
		near("phone_label", none, mobile(pick(r, []string{" 电话 ", "，手机：", " tel: "})))
		near("id_comma", none, func() string { return "，" + synth.CNID18(r) })
		near("after_phone_label", func() string {
			return pick(r, []string{"手机：", "电话 ", "tel: "}) + synth.CNMobile(r) + pick(r, []string{"，", " "})
		}, none)
		near("email_space", none, func() string { return " " + synth.Email(r) })
		out = append(out, inText(SetNames, "cn_name", "rare_surname_phone", "", synth.CNNameRare(r), pick(r, []string{"，", " ", "，男，"})+synth.CNMobile(r)))
		c, _ = labelled(r, SetNames, "cn_name", "rare_surname_label", "zh", synth.CNNameRare(r))
		out = append(out, c)
		near("gender_age", none, func() string {
			return pick(r, []string{"，男，", "，女，"}) + pick(r, []string{"45岁", "32岁", "28岁", "61岁"})
		})
	}
	return out
}
