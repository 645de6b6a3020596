package synth

import (
	"math/rand/v2"
	"strings"
)

// prosePassages are paragraphs of ordinary writing, Chinese and English, as
// a news site, a forum or a product page serves them: few numbers, no
// personal data.
var prosePassages = []string{
	"随着城市更新工作的深入推进，老旧小区改造逐步从“面子”走向“里子”，加装电梯、管网改造和无障碍设施建设成为居民最关心的话题。多位受访居民表示，改造后出行更加方便，社区环境也明显改善。",
	"专家指出，数字经济的发展离不开数据要素的有序流通，既要保护个人信息安全，也要促进数据合理利用。相关部门正在研究制定配套细则，推动形成规范有序的市场环境。",
	"这本书从普通人的视角讲述了一个家庭几代人的变迁，语言朴实，情节动人。读完之后，很多读者在评论区分享了自己的家庭故事，引发了广泛共鸣。",
	"今年春季的雨水比往年偏多，农业部门提醒各地做好田间排水和病虫害防治工作，确保夏粮生产稳定。农技人员深入田间地头，指导农户科学管理。",
	"在这次社区活动中，志愿者们为老人们讲解了防范电信诈骗的常识，提醒大家不要轻信陌生来电，不要随意点击不明链接，遇到可疑情况及时向家人或社区求助。",
	"博物馆推出的夜间开放活动受到年轻人的欢迎，展厅里灯光柔和，讲解员娓娓道来，让文物“活”了起来。不少游客表示，这样的体验让人印象深刻。",
	"The city council met on Tuesday evening to discuss the proposed changes to the public transport network. Residents raised concerns about service frequency in the outer suburbs and asked for better connections to the new hospital.",
	"Researchers have found that regular walking, even at a moderate pace, is associated with better sleep and lower stress. The study followed a large group of adults over several years and controlled for diet and other habits.",
	"Our support team is available every weekday. If you have questions about your subscription, please check the help center first, where you will find answers to the most common questions about billing, delivery and returns.",
	"The new library branch opened its doors to the public this weekend, offering a quiet reading room, a children's corner and free workshops on digital skills for seniors. Volunteers guided visitors through the building.",
	"用户反馈说新版本的界面更加简洁，常用功能的入口更容易找到，夜间模式也更护眼。开发团队表示，会继续根据大家的意见优化细节，欢迎在社区里提出建议。",
	"这家小店开在巷子深处，老板做了二十多年的手工面，汤头浓郁，面条劲道。周末常常要排队，但大家都觉得值得等待。",
}

// CleanProse returns about n bytes of ordinary Chinese and English
// paragraphs with no personal data and few numbers: the text a filter sees
// most, for throughput benchmarks. CleanCorpus is the harder, number-dense
// variant.
func CleanProse(r *rand.Rand, n int) []byte {
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(pick(r, prosePassages))
		if r.IntN(4) == 0 {
			b.WriteString(proseLine(r))
		}
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

// PlainProse returns about n bytes of the paragraphs of CleanProse alone:
// running text with no numbers at all, the cheapest case for a filter.
func PlainProse(r *rand.Rand, n int) []byte {
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(pick(r, prosePassages))
		b.WriteByte('\n')
	}
	return []byte(b.String())
}
