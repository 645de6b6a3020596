package detect_test

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// addressesIn returns the text of the cn_address findings in text.
func addressesIn(e *detect.Engine, text string) []string {
	var out []string
	for _, f := range e.Find([]byte(text)) {
		if f.Category == detect.CNAddress {
			out = append(out, text[f.Start:f.End])
		}
	}
	return out
}

// TestAddressShapes checks the shapes of real delivery addresses, behind a
// label and next to a phone ({M}): space-separated parts, dashed building
// numbers, a parenthesis inside, Chinese numerals, rural addresses down to
// the village, and what follows the last marker up to the last number.
func TestAddressShapes(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	r := seeded(13)
	for _, c := range []struct{ tmpl, want string }{
		{"地址：山东省 青岛市 李沧区 湘潭路街道 中南世纪城4期3号楼2单元704", "山东省 青岛市 李沧区 湘潭路街道 中南世纪城4期3号楼2单元704"},
		{"王芳，{M}，山东省 青岛市 李沧区 湘潭路街道 中南世纪城4期3号楼2单元704", "山东省 青岛市 李沧区 湘潭路街道 中南世纪城4期3号楼2单元704"},
		{"张伟 {M} 辽宁省大连市西岗区新秀街11-6-1", "辽宁省大连市西岗区新秀街11-6-1"},
		{"张伟 {M} 重庆重庆市渝北区华宇天宫花城B4-1-6-2", "重庆重庆市渝北区华宇天宫花城B4-1-6-2"},
		{"地址：浙江省绍兴市越城区镜湖新区金色家园（兰苑）5幢103室", "浙江省绍兴市越城区镜湖新区金色家园（兰苑）5幢103室"},
		{"李娜 {M} 浙江省绍兴市越城区镜湖新区金色家园（兰苑）5幢103室", "浙江省绍兴市越城区镜湖新区金色家园（兰苑）5幢103室"},
		{"地址：浙江省杭州市富阳区孙权路(锦昌文化城)42号204", "浙江省杭州市富阳区孙权路(锦昌文化城)42号204"},
		{"地址：四川省成都市武侯区机投镇武青南路十号", "四川省成都市武侯区机投镇武青南路十号"},
		{"住址：四川省南充市仪陇县马鞍镇石板村三组", "四川省南充市仪陇县马鞍镇石板村三组"},
		{"地址：四川省成都市金牛区西体路2号奥林花园1409", "四川省成都市金牛区西体路2号奥林花园1409"},
		{"地址：福建省福州市长乐区吴航街道皇庭名郡2栋A602", "福建省福州市长乐区吴航街道皇庭名郡2栋A602"},
		{"地址：吉林省长春市南关区绿地中央公馆A6/3单元1205", "吉林省长春市南关区绿地中央公馆A6/3单元1205"},
		{"地址：湖北省武汉市湖北大学东区3栋，电话：{M}", "湖北省武汉市湖北大学东区3栋"},
		{"收货地址：北京市朝阳区建国路88号{M}", "北京市朝阳区建国路88号"}, // a phone glued on ends it
		// prose is no address, even next to a phone
		{"帝国大厦共102层，{M}", ""},
		{"这个小区仅有2578户，{M}", ""},
		{"{M} 在中山路2019-01-02开业", ""},
		{"住在河北省某县某村", ""}, // no label, no number
	} {
		text := strings.Replace(c.tmpl, "{M}", synth.CNMobile(r), 1)
		got := strings.Join(addressesIn(e, text), "|")
		if got != c.want {
			t.Errorf("%q: addresses %q, want %q", text, got, c.want)
		}
	}
}
