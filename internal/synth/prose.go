package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// proseLines are invented sentences free of personal data: news, product
// reviews, logs and English prose. Placeholders in braces are filled by
// fillers with ordinary numbers and look-alikes. Some lines carry everyday
// words that begin with a common surname (高兴, 方法, 黄金, 王国) and city
// names without a street, neither of which is personal data.
var proseLines = []string{
	"本市今年第一季度新增城镇就业{n}万人，同比增长{pct}。",
	"气象台预计{date}起将有一次明显降温过程，最低气温{small}℃左右。",
	"地铁{small}号线延长线工程已完成主体结构施工，预计年底通车。",
	"据统计，{city}今年共接待游客{n}万人次，旅游收入约{price}。",
	"新版图书（ISBN {isbn}）将于{date}上市，首印{n}册。",
	"客服热线{svc400}全天候为市民提供咨询服务，节假日照常。",
	"如遇银行卡挂失等问题，可拨打{short}人工服务。",
	"市场监管部门公布了统一社会信用代码为{uscc}的企业年报信息。",
	"大家听到这个消息都很高兴，这个方法值得在全省推广。",
	"国际黄金价格今天上涨{pct}，收于每盎司{usd}。",
	"博物馆新展讲述了古代王国的兴衰，展期至{date}。",
	"会议于{date}在{city}召开，共有{n}家企业参会。",
	"{city}发布暴雨蓝色预警，请市民注意出行安全。",
	"新能源汽车销量同比增长{pct}，渗透率首次超过三成。",
	"这款耳机音质不错，价格{price}，物流很快，{small}天就到了。",
	"订单号{order}的商品已签收，包装完好，好评！",
	"客服回复很及时，退款{price}已经到账，下次还会再来。",
	"尺码偏小，建议买大一号，颜色和图片一致。",
	"用了{small}个月，电池续航还是很给力，充电{small}分钟能用一天。",
	"快递在{date}送达，比预计早了两天，非常满意。",
	"屏幕分辨率{res}，刷新率{hz}Hz，打游戏很流畅。",
	"第{small}次回购了，味道一如既往，性价比高。",
	"{datetime} INFO request_id={uuid} trace_id={trace} status=200 duration={n}ms",
	"{datetime} WARN cache miss key=sha256:{hash} size={n}B",
	"[{ts}] order {order} state=PAID amount={price}",
	"snowflake_id={snow} created_at={tsms} shard={small}",
	"{ip} - - [{date}] \"GET /api/v1/items/{n} HTTP/1.1\" 200 {n}",
	"{datetime} ERROR upstream timeout after {n}ms, retry {small}/3, span={trace}",
	"job {uuid} finished: processed {n} rows in {small}.{small}s",
	"The committee approved a budget of {usd} on {date}.",
	"Shipping usually takes {small} business days; tracking updates every {small} hours.",
	"Version v{small}.{small}.{small} fixes a memory leak reported in issue #{n}.",
	"Our store opens at 9:30 and closes at 21:00 on weekdays.",
	"For billing questions call our toll-free line {tollfree}.",
	"The report covers {n} households across {small} provinces, published on {date}.",
	"Order {order} was refunded {usd} after the carrier lost the parcel.",
	"Please cite the book as ISBN {isbn}, second edition.",
	"Invoice {order} is due on {date}; late fees are {pct} per month.",
}

// fillers produce the values for the placeholders of proseLines.
var fillers = map[string]func(*rand.Rand) string{
	"n":     func(r *rand.Rand) string { return strconv.Itoa(between(r, 10, 9999)) },
	"small": func(r *rand.Rand) string { return strconv.Itoa(between(r, 1, 30)) },
	"pct":   func(r *rand.Rand) string { return fmt.Sprintf("%d.%d%%", between(r, 1, 40), r.IntN(10)) },
	"date":  Date,
	"datetime": func(r *rand.Rand) string {
		return fmt.Sprintf("2025-%02d-%02dT%02d:%02d:%02dZ", between(r, 1, 12), between(r, 1, 28), between(r, 0, 23), between(r, 0, 59), between(r, 0, 59))
	},
	"price": Price,
	"usd": func(r *rand.Rand) string {
		return "$" + thousands(between(r, 1, 999999)) + fmt.Sprintf(".%02d", r.IntN(100))
	},
	"city":     func(r *rand.Rand) string { return pick(r, regions).city },
	"isbn":     ISBN13,
	"svc400":   ServiceNumber400,
	"short":    ServiceNumberShort,
	"uscc":     USCC,
	"order":    OrderNumber,
	"res":      func(r *rand.Rand) string { return pick(r, []string{"2560x1440", "1920x1080", "3840x2160"}) },
	"hz":       func(r *rand.Rand) string { return pick(r, []string{"60", "90", "120", "144"}) },
	"uuid":     UUID,
	"trace":    TraceID,
	"hash":     HexHash,
	"ts":       TimestampSeconds,
	"tsms":     TimestampMillis,
	"snow":     SnowflakeID,
	"ip":       IPv4,
	"tollfree": NANPTollFree,
}

// fill replaces every {name} placeholder of t with a value from fillers.
func fill(r *rand.Rand, t string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			b.WriteString(t)
			return b.String()
		}
		j := strings.IndexByte(t[i:], '}')
		if j < 0 {
			panic("synth: unclosed placeholder in " + t)
		}
		f, ok := fillers[t[i+1:i+j]]
		if !ok {
			panic("synth: unknown placeholder in " + t)
		}
		b.WriteString(t[:i])
		b.WriteString(f(r))
		t = t[i+j+1:]
	}
}

// proseLine returns one filled prose line, without a newline.
func proseLine(r *rand.Rand) string { return fill(r, pick(r, proseLines)) }
