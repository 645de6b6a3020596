package synth

import (
	"fmt"
	"math/rand/v2"
)

// Prose that names a district and then a number before 号 or a '+' count:
// shapes an address or a phone detector may take, which are neither.

// CNPlaceDay returns a district and a day of the month with 号 but no
// month, then when or what happens (广州市天河区10号上午见).
func CNPlaceDay(r *rand.Rand) string {
	g := pick(r, regions)
	return g.city + pick(r, g.areas) + fmt.Sprintf("%d号", between(r, 1, 31)) +
		pick(r, []string{"上午见", "下午见", "晚上见", "开会", "集合", "出发", "开业", "见面"})
}

// CNPlaceOrdinal returns a district and an ordinal number before 号 (杭州市
// 西湖区第3号选手): a contestant or a ticket, not a street number.
func CNPlaceOrdinal(r *rand.Rand) string {
	g := pick(r, regions)
	return g.city + pick(r, g.areas) + fmt.Sprintf("第%d号", between(r, 1, 99)) +
		pick(r, []string{"选手", "作品", "方案", "窗口", "考生", "候选人"})
}

// PlusCount returns a count written with a '+' before it in prose (粉丝数
// +2345678901 人): a figure with enough digits for a phone number, but a
// count of people or things.
func PlusCount(r *rand.Rand) string {
	n := digitFrom(r, "123456789") + digits(r, between(r, 7, 10))
	switch r.IntN(3) {
	case 0:
		return pick(r, []string{"粉丝数", "阅读量", "播放量", "点赞数"}) + " +" + n + " " + pick(r, []string{"人", "次", "个"})
	case 1:
		return pick(r, []string{"新增", "累计", "较上月"}) + " +" + n + pick(r, []string{"人", "次", "元"})
	}
	return pick(r, []string{"views", "followers", "growth"}) + ": +" + n + " " + pick(r, []string{"people", "this week", "total"})
}
