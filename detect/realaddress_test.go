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
		{"地址：江西省 赣州市 章贡区 南外街道 青山花苑2期5号楼1单元302", "江西省 赣州市 章贡区 南外街道 青山花苑2期5号楼1单元302"},
		{"李明，{M}，江西省 赣州市 章贡区 南外街道 青山花苑2期5号楼1单元302", "江西省 赣州市 章贡区 南外街道 青山花苑2期5号楼1单元302"},
		{"赵强 {M} 吉林省四平市铁西区长兴街12-3-5", "吉林省四平市铁西区长兴街12-3-5"},
		{"赵强 {M} 重庆重庆市江北区锦绣星城C2-3-1-4", "重庆重庆市江北区锦绣星城C2-3-1-4"},
		{"地址：湖南省株洲市芦淞区建设新区桂花苑（东区）7幢204室", "湖南省株洲市芦淞区建设新区桂花苑（东区）7幢204室"},
		{"周敏 {M} 湖南省株洲市芦淞区建设新区桂花苑（东区）7幢204室", "湖南省株洲市芦淞区建设新区桂花苑（东区）7幢204室"},
		{"地址：安徽省芜湖市镜湖区北京路(文化广场)18号306", "安徽省芜湖市镜湖区北京路(文化广场)18号306"},
		{"地址：贵州省遵义市红花岗区新蒲镇杨柳西路十号", "贵州省遵义市红花岗区新蒲镇杨柳西路十号"},
		{"住址：甘肃省天水市秦安县兴国镇柳树村二组", "甘肃省天水市秦安县兴国镇柳树村二组"},
		{"地址：河北省廊坊市广阳区新开路6号明珠花园1203", "河北省廊坊市广阳区新开路6号明珠花园1203"},
		{"地址：广西壮族自治区柳州市城中区中山街道江景名苑3栋B501", "广西壮族自治区柳州市城中区中山街道江景名苑3栋B501"},
		{"地址：黑龙江省牡丹江市东安区海林公馆B2/4单元902", "黑龙江省牡丹江市东安区海林公馆B2/4单元902"},
		{"地址：湖北省宜昌市三峡学院西区5栋，电话：{M}", "湖北省宜昌市三峡学院西区5栋"},
		{"收货地址：北京市丰台区丰台路66号{M}", "北京市丰台区丰台路66号"}, // a phone glued on ends it
		{"赵强 {M} 贵州省遵义市红花岗区新蒲镇杨柳西路十号", "贵州省遵义市红花岗区新蒲镇杨柳西路十号"},
		{"周敏 {M} 黑龙江省牡丹江市东安区海林公馆B2/4单元902", "黑龙江省牡丹江市东安区海林公馆B2/4单元902"},
		{"周敏 {M} 湖南省株洲市芦淞区人民医院东院（建设路58号）门诊楼六楼", "湖南省株洲市芦淞区人民医院东院（建设路58号）门诊楼六楼"},
		{"地址：山西省大同市平城区新建街道和平街锦华苑18-3-12010", "山西省大同市平城区新建街道和平街锦华苑18-3-12010"},
		{"地址：浙江省嘉兴市南湖区东栅街道梅园新村2幢3单元40100000", "浙江省嘉兴市南湖区东栅街道梅园新村2幢3单元40100000"},   // digits glued on that are no phone
		{"地址：湖南省长沙市岳麓区 麓山路18号 湘江世纪城5号楼 1203室", "湖南省长沙市岳麓区 麓山路18号 湘江世纪城5号楼 1203室"}, // spaces between parts behind a label
		{"地址：广东省东莞市南城区，科技园北区，创新大厦6楼", "广东省东莞市南城区，科技园北区，创新大厦6楼"},                   // commas after places with no number yet
		{"地址：湖南省长沙市岳麓区麓山路18号，请于3日内发货", "湖南省长沙市岳麓区麓山路18号"},
		{"收货地址：湖南省长沙市岳麓区麓山路18号 赵强 {G}", "湖南省长沙市岳麓区麓山路18号"}, // a name and a spaced phone after it
		// prose is no address, even next to a phone
		{"这座大厦共88层，{M}", ""},
		{"这个小区仅有1368户，{M}", ""},
		{"{M} 在人民路2021-03-04开业", ""},
		{"住在河北省某县某村", ""}, // places left unnamed (某), no number
	} {
		m := synth.CNMobile(r)
		text := strings.Replace(strings.Replace(c.tmpl, "{M}", m, 1), "{G}", synth.Grouped(m, " ", 3, 4, 4), 1)
		got := strings.Join(addressesIn(e, text), "|")
		if got != c.want {
			t.Errorf("%q: addresses %q, want %q", text, got, c.want)
		}
	}
}

// A space-separated address next to a phone, with no label, keeps its
// estate, building and room after the space that follows its house number;
// a name or words after that space are not taken into it.
func TestSpacedEstateNextToPhone(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	for _, c := range []struct{ text, want string }{
		{"13812345678 云南省 大理白族自治州 宾川县 科技园路371号 书香名邸29栋1307室", "云南省 大理白族自治州 宾川县 科技园路371号 书香名邸29栋1307室"},
		{"郑萍 13812345678 浙江省 杭州市 西湖区 中山大道665号 锦绣家园16栋2804室。", "浙江省 杭州市 西湖区 中山大道665号 锦绣家园16栋2804室"},
		{"13812345678 浙江省杭州市西湖区中山大道665号 明天下午3点到", "浙江省杭州市西湖区中山大道665号"},
		{"13812345678 浙江省杭州市西湖区中山大道665号 电话3号线", "浙江省杭州市西湖区中山大道665号"},
	} {
		if got := strings.Join(addressesIn(e, c.text), "|"); got != c.want {
			t.Errorf("%q: addresses %q, want %q", c.text, got, c.want)
		}
	}
}
