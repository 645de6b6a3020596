package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// region is a province-level unit, one of its cities and some districts.
type region struct {
	province string // empty for the municipalities, whose city is the province
	city     string
	areas    []string
}

var regions = []region{
	{"广东省", "深圳市", []string{"南山区", "福田区", "宝安区", "龙岗区"}},
	{"广东省", "广州市", []string{"天河区", "越秀区", "海珠区", "番禺区"}},
	{"", "北京市", []string{"朝阳区", "海淀区", "东城区", "丰台区"}},
	{"", "上海市", []string{"浦东新区", "徐汇区", "静安区", "闵行区"}},
	{"", "重庆市", []string{"渝中区", "江北区", "南岸区"}},
	{"浙江省", "杭州市", []string{"西湖区", "余杭区", "拱墅区", "滨江区"}},
	{"江苏省", "南京市", []string{"鼓楼区", "玄武区", "江宁区"}},
	{"江苏省", "苏州市", []string{"吴中区", "姑苏区", "昆山市"}},
	{"四川省", "成都市", []string{"武侯区", "锦江区", "双流区"}},
	{"湖北省", "武汉市", []string{"洪山区", "武昌区", "江汉区"}},
	{"广西壮族自治区", "南宁市", []string{"青秀区", "兴宁区", "西乡塘区"}},
	{"内蒙古自治区", "呼和浩特市", []string{"新城区", "赛罕区", "土默特左旗"}},
	{"云南省", "大理白族自治州", []string{"大理市", "宾川县", "祥云县"}},
	{"山东省", "青岛市", []string{"市南区", "崂山区", "黄岛区"}},
	{"河南省", "郑州市", []string{"金水区", "二七区", "中牟县"}},
	{"陕西省", "西安市", []string{"雁塔区", "碑林区", "长安区"}},
}

var roads = []string{
	"科技园路", "建设路", "人民路", "中山大道", "解放街", "文三路", "长江路", "和平里",
	"幸福巷", "新华街", "东风路", "滨海大道", "学府路", "望江路", "青年路", "花园弄",
	"桃源村", "星光大道", "香樟路", "银杏街",
}

var estates = []string{
	"阳光花园", "翠苑小区", "锦绣家园", "金色港湾", "海景大厦", "书香名邸", "绿城小区", "星河苑",
}

// CNAddress returns a residential address reaching a street number or a
// room: 省/市/区 then 路/街/大道/巷/弄/里/村 and 号, usually followed by an
// estate and 栋/幢/号楼, 单元 and 室, or by 12-3-401 style numbering.
func CNAddress(r *rand.Rand) string {
	g := pick(r, regions)
	s := g.province + g.city + pick(r, g.areas) + pick(r, roads) + fmt.Sprintf("%d号", between(r, 1, 999))
	switch r.IntN(5) {
	case 0:
		return s
	case 1:
		return s + pick(r, estates) + fmt.Sprintf("%d-%d-%d%02d", between(r, 1, 30), between(r, 1, 6), between(r, 1, 32), between(r, 1, 4))
	case 2:
		return s + pick(r, estates) + fmt.Sprintf("%d幢%d层%d室", between(r, 1, 20), between(r, 1, 33), between(r, 1, 33)*100+between(r, 1, 8))
	default:
		bld := pick(r, []string{"栋", "号楼"})
		return s + fmt.Sprintf("%d%s%d单元%d%02d室", between(r, 1, 30), bld, between(r, 1, 6), between(r, 1, 33), between(r, 1, 8))
	}
}

// buildings are tall buildings that prose counts the floors of.
var buildings = []string{"帝国大厦", "金茂大厦", "环球金融中心", "国贸大厦", "海景大厦", "中信大厦"}

// CNAddressCount returns prose that counts the floors, households or
// buildings of a place (帝国大厦共102层, 翠苑小区仅有2578户): a place and
// a number before a residence marker, but a count, not an address.
func CNAddressCount(r *rand.Rand) string {
	switch r.IntN(4) {
	case 0:
		return pick(r, buildings) + pick(r, []string{"共", "总共", "高"}) + fmt.Sprintf("%d层", between(r, 20, 128))
	case 1:
		return pick(r, estates) + pick(r, []string{"仅有", "共有", "约"}) + fmt.Sprintf("%d户", between(r, 100, 4000))
	case 2:
		return pick(r, estates) + pick(r, []string{"共", "共有"}) + fmt.Sprintf("%d栋", between(r, 3, 60))
	}
	g := pick(r, regions)
	return g.city + pick(r, g.areas) + pick(r, []string{"共有", "约有", "已达"}) + fmt.Sprintf("%d户", between(r, 1000, 900000))
}

// CNPlaceDate returns a district and a day of the month written with 号
// (北京市朝阳区3月5号): what happens there on a day, not a street number.
func CNPlaceDate(r *rand.Rand) string {
	g := pick(r, regions)
	m := between(r, 1, 12)
	return g.city + pick(r, g.areas) + fmt.Sprintf("%d月%d号", m, between(r, 1, DaysIn(2025, m)))
}

// CNMetroLine returns a city's metro line (上海市地铁2号线): a number before
// 号, but a line, not a street number.
func CNMetroLine(r *rand.Rand) string {
	return pick(r, regions).city + pick(r, []string{"地铁", "轨道交通"}) + fmt.Sprintf("%d号线", between(r, 1, 18))
}

// CNAddressSpaced returns an address as online shops export it, its
// parts set apart by spaces (广东省 深圳市 南山区 科技园路12号 阳光花园3栋201室).
func CNAddressSpaced(r *rand.Rand) string {
	g := pick(r, regions)
	var parts []string
	if g.province != "" {
		parts = append(parts, g.province)
	}
	parts = append(parts, g.city, pick(r, g.areas), pick(r, roads)+fmt.Sprintf("%d号", between(r, 1, 999)))
	if r.IntN(2) == 0 {
		parts = append(parts, pick(r, estates)+fmt.Sprintf("%d栋%d%02d室", between(r, 1, 30), between(r, 1, 33), between(r, 1, 8)))
	}
	return strings.Join(parts, " ")
}
