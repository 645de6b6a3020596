package detect_test

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// lookAlikeCase is a text the engine once misread, the category it took
// part of it for, and a true value of that category next to it in
// spirit: the fix must not cost it.
type lookAlikeCase struct {
	name      string
	cat       detect.Category
	not, real string // real holds a value of cat between '«' and '»'
}

// The false positives the look-alike generators of every category found
// (issue 11), each fixed at its cause.
func TestLookAlikeCauses(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	card := func(prefix string, bad bool) string {
		p := prefix + strings.Repeat("3", 15-len(prefix))
		c := synth.LuhnCheckDigit(p)
		if bad {
			c = '0' + (c-'0'+1)%10
		}
		return synth.Grouped(p+string(c), " ", 4)
	}
	for _, c := range []lookAlikeCase{
		// no authority letter is I; I and O are left out of plates as 1 and 0
		{"plate_authority_I", detect.CNPlate, "车牌：京I12345", "车牌：«京A12345»"},
		// a count of floors or households names none of them, even behind a label
		{"address_floor_count", detect.CNAddress, "地址：帝国大厦共102层", "地址：«上海市浦东新区香樟路88号金茂大厦12层»"},
		{"address_height", detect.CNAddress, "地址：国贸大厦高82层", "地址：«北京市朝阳区建设路1号国贸大厦8层»"},
		{"address_households", detect.CNAddress, "住址：翠苑小区仅有2578户", "住址：«杭州市西湖区文三路5号翠苑小区3栋2单元401室»"},
		// a day of the month and a metro line, next to a phone
		{"address_date", detect.CNAddress, "北京市朝阳区3月5号下雨，电话13812345678", "«北京市朝阳区建设路5号»，3月5号到，电话13812345678"},
		{"address_metro_line", detect.CNAddress, "乘坐上海市地铁2号线，电话13812345678", "«上海市徐汇区地铁2号线旁建设路18号»，电话13812345678"},
		// an image at a display density is a file name, not an address
		{"email_image_at_2x", detect.Email, "图标 icon@2x.png 已更新", "邮箱 «zhang.wei@example.com» 已更新"},
		{"email_image_labelled", detect.Email, "邮箱：logo_dark@3x.webp", "邮箱：«logo@gif.example.com»"},
		{"email_image_full_stop", detect.Email, "见splash@3x.gif。ref=1", "见«li@corp。example»"},
		// a version, or a host, before the ideographic full stop that ends a sentence
		{"email_version_full_stop", detect.Email, "升级到eslint@0.8.27。see notes", "写信给«wang@example。cn»"},
		{"email_localhost_full_stop", detect.Email, "root@localhost。ref=1", "«zhang@qq。com»"},
		{"email_host_full_stop_idn", detect.Email, "admin@nas。see", "«li@example。中文网»"},
		// the last groups of a card-like number that failed its check
		{"card_groups_landline", detect.CNLandline, card("60110842", true), "电话：«0842 2478 8810»"},
		// roles and relations written in a name field instead of a name
		{"name_role_contact", detect.CNName, "联系人：店长", "联系人：«董明»"},
		{"name_role_recipient", detect.CNName, "收件人：前台", "收件人：«门晓静»"},
		{"name_role_chairman", detect.CNName, "户主：董事长", "户主：«董事成»"},
		{"name_relation", detect.CNName, "联系人：妈妈，电话：13812345678", "联系人：«马丽»，电话：13812345678"},
		// a Traditional common word before a label, next to a card
		{"name_traditional_bank", detect.CNName, "銀行卡號：" + synth.Visa(seeded(11)), "«銀偉»，銀行卡：" + synth.Visa(seeded(11))},
	} {
		t.Run(c.name, func(t *testing.T) {
			if fs := ofCategory(e.Find([]byte(c.not)), c.cat); len(fs) > 0 {
				t.Errorf("%q: %s", c.not, describe(c.not, fs))
			}
			pre, rest, _ := strings.Cut(c.real, "«")
			value, post, _ := strings.Cut(rest, "»")
			text := pre + value + post
			if !covers(e.Find([]byte(text)), c.cat, len(pre), len(pre)+len(value)) {
				t.Errorf("%q: %s %q not found whole: %s", text, c.cat, value, describe(text, e.Find([]byte(text))))
			}
		})
	}
	// an address before the next sentence ends at its last domain
	text := "发到 ma@mail.example.org。see you"
	if fs := ofCategory(e.Find([]byte(text)), detect.Email); len(fs) != 1 || text[fs[0].Start:fs[0].End] != "ma@mail.example.org" {
		t.Errorf("%q: %s", text, describe(text, fs))
	}
	// the card of the same groups whose check passes is found whole
	if v := card("60110842", false); !covers(e.Find([]byte(v)), detect.BankCard, 0, len(v)) {
		t.Errorf("%q: card not found: %s", v, describe(v, e.Find([]byte(v))))
	}
}
