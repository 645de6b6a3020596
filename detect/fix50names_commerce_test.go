package detect_test

import (
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// fix50CommercePhrases are a shop's, a service's or an ad's words of
// three to six Han characters, as they stand beside a mobile in a post
// (attack pass 49b, F1, and more of their kinds): none names anyone.
var fix50CommercePhrases = []string{
	"小米之家旗舰", "小区物业中心", "小学数学辅导", "小儿推拿", "小额贷款", "阿胶糕批发",
	"欢迎光临呀", "新鲜的水果", "优质的服务", "正宗的川菜",
	"小吃店", "小炒肉", "阿姨家政", "美味的早餐", "专业的团队", "新到的货呀",
	"小区超市", "小型搬家", "小龙虾外卖", "小家电维修", "小语种培训", "小提琴教学", "小学家教",
	"小儿推拿馆", "小笼包子", "小面馆呀", "小汽车租赁", "小时工保洁", "小户型装修", "小商品批发",
	"小本创业", "小额借款", "小麦粉批发", "小米手机", "小鸡炖蘑菇", "小黄鱼批发", "小肥羊火锅",
	"小蛋糕定制", "小程序开发", "小吃培训呀", "阿里云代理", "阿胶专卖", "阿迪达斯", "阿姨保洁",
	"阿克苏苹果", "欢迎光临啦", "欢迎订购呀", "新店开业啦", "全场包邮哟", "优惠多多呀", "质量保证啦",
	"价格实惠呀", "新鲜的蔬菜", "便宜的房子", "专业的保洁", "靠谱的师傅", "实惠的价格", "地道的湘菜",
	"好吃的烧烤", "正宗的火锅", "上门的服务", "最新的款式", "干净的房间", "精美的礼品", "优质的货源",
	"温馨的家园", "贴心的服务", "房屋出租呀", "二手回收啦", "高价回收呀", "疏通下水道", "同城配送",
	"送货上门", "专业开锁", "管道疏通", "家电维修", "快递代收", "汽车美容", "宠物医院",
}

// TestFix50CommercePhrasesKept (F1): none of fix50CommercePhrases beside
// a mobile is masked as a name: the mobile is masked, every other byte
// kept. fix49's long nicknames (longNickname) masked 38 of them.
func TestFix50CommercePhrasesKept(t *testing.T) {
	r := rand.New(rand.NewPCG(50, 0xf1))
	e := attack49bEngine()
	for _, phrase := range fix50CommercePhrases {
		m := synth.CNMobile(r)
		attack49bKept(t, e, phrase+"，"+m, m)
		attack49bKept(t, e, m+" "+phrase, m)
		attack49bKept(t, e, "- "+phrase+"，"+m+"\n", m)
	}
}
