package detect_test

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// lookAlikeGeneric are neutral sentences any look-alike can sit in.
var lookAlikeGeneric = []string{
	"编号 {V} 已处理",
	"ref={V}",
	"值：{V}。",
	"see {V} for details",
	"{V}",
}

// lookAlikeContext are the sentences each kind of look-alike usually sits
// in, some with words that are labels for personal data elsewhere (电话,
// SSN, IBAN, Phone): the value itself must still be rejected.
var lookAlikeContext = map[string][]string{
	"cnid_bad_check":        {"证件编号 {V} 已作废"},
	"cnid_bad_date":         {"流水号{V}"},
	"unionpay_bad_luhn":     {"交易流水 {V}", "批次号：{V}"},
	"order_number":          {"订单号：{V}", "Order No. {V} shipped", "{\"order_id\":\"{V}\"}"},
	"snowflake_id":          {"id={V}", "{\"id\": {V}, \"ok\": true}", "消息ID {V}"},
	"timestamp_ms":          {"ts={V}", "时间戳：{V}", "{\"created\": {V}}"},
	"timestamp_s":           {"expires={V}", "[{V}] GET /"},
	"trace_id":              {"trace_id={V}", "X-Request-Id: {V}"},
	"uuid":                  {"request {V} done", "设备ID：{V}"},
	"hex_hash":              {"sha={V}", "commit {V}", "ETag: \"{V}\""},
	"isbn13":                {"ISBN {V}", "书号：{V}"},
	"price":                 {"价格：{V}", "total {V}", "到手价{V}元起"},
	"date":                  {"日期：{V}", "on {V}", "出生于{V}的展品"},
	"service_400":           {"客服热线：{V}", "全国服务电话 {V}", "Tel: {V}"},
	"service_short":         {"请拨打{V}", "客服电话：{V}", "短信回复TD至{V}退订"},
	"ssn_invalid":           {"SSN: {V}", "ssn {V} (test)"},
	"iban_bad_check":        {"IBAN: {V}", "IBAN {V}"},
	"uscc":                  {"统一社会信用代码：{V}", "USCC {V}"},
	"mobile_bad_prefix":     {"编号{V}", "工单 {V}"},
	"iot_number":            {"物联网卡号 {V}", "ICCID段 {V}"},
	"ipv4":                  {"client {V} connected", "{V} - - [15/Mar/2024] \"GET / HTTP/1.1\" 200", "登录IP：{V}"},
	"nanp_toll_free":        {"Call {V} toll-free", "Phone: {V}", "客服电话 {V}"},
	"card_bad_luhn":         {"卡号 {V} 校验失败，请重新输入", "测试卡号 {V} 无效"},
	"card_unknown_iin":      {"会员卡 {V} 积分到账", "加油卡号：{V}"},
	"email_no_domain":       {"ssh {V} 登录失败", "git config user.email {V}"},
	"image_at_scale":        {"<img src=\"/static/{V}\">", "切图 {V} 已上传", "background: url({V})"},
	"mention":               {"转发微博 {V}：好的", "回复{V}：收到", "{V} 我在这里"},
	"package_at_version":    {"npm install {V}", "升级到 {V} 后报错", "\"{V}\""},
	"passport_short":        {"型号 {V} 已停产", "批次：{V}"},
	"permit_short":          {"订单 {V} 已发货", "型号{V}"},
	"plate_bad_letter":      {"编码 {V} 重复", "代码：{V}"},
	"plate_bad_province":    {"产品型号 {V} 上市", "等级：{V}"},
	"address_date":          {"{V}有雨", "{V}开业，欢迎光临"},
	"address_metro_line":    {"乘坐{V}到站", "{V}早高峰延误"},
	"address_count":         {"据统计，{V}。", "资料显示{V}，入住率很高"},
	"name_filler":           {"联系人：{V}", "收件人：{V}", "姓名：{V}"},
	"phone_sum":             {"计算 {V} 的结果", "答案是{V}吗"},
	"phone_hkmo_bad_length": {"号码 {V} 位数不对", "Tel {V} (invalid)"},
}

// lookAlikeSentence puts a look-alike value in a generic or contextual
// sentence.
func lookAlikeSentence(r *rand.Rand, kind, v string) string {
	tmpls := append(append([]string(nil), lookAlikeGeneric...), lookAlikeContext[kind]...)
	return fillTemplate(pickOf(r, tmpls), "", v).text
}

// assertUntouched checks that text gives no findings and that Redact
// returns it unchanged (the same slice, as the API promises).
func assertUntouched(e *detect.Engine, text []byte, fp, changed *failures) {
	fs := e.Find(text)
	if len(fs) > 0 {
		fp.add("%q: %s", clip(string(text), 300), describe(string(text), fs))
	}
	out, _ := e.Redact(text)
	if !bytes.Equal(out, text) {
		changed.add("%q became %q", clip(string(text), 200), clip(string(out), 200))
	} else if len(text) > 0 && &out[0] != &text[0] {
		changed.add("%q: Redact returned a copy although nothing was found", clip(string(text), 100))
	}
}

// clip shortens s to about n bytes at a character boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}

// TestLookAlikes checks every look-alike kind alone and in sentences.
func TestLookAlikes(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	for _, k := range synth.LookAlikes {
		t.Run(k.Name, func(t *testing.T) {
			r := seeded(seedOf("lookalike" + k.Name))
			var fpAlone, chAlone, fp, ch failures
			for range perCase {
				v := k.Gen(r)
				assertUntouched(e, []byte(v), &fpAlone, &chAlone)
				assertUntouched(e, []byte(lookAlikeSentence(r, k.Name, v)), &fp, &ch)
			}
			fpAlone.report(t, "look-alike alone reported", perCase)
			chAlone.report(t, "look-alike alone changed by Redact", perCase)
			fp.report(t, "look-alike in a sentence reported", perCase)
			ch.report(t, "look-alike in a sentence changed by Redact", perCase)
		})
	}
}

// TestLookAlikesTogether puts 50 look-alikes of mixed kinds in one text, so
// labels and proximity of one cannot promote another.
func TestLookAlikesTogether(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	const texts = 40
	var fp, ch failures
	for i := range texts {
		r := seeded(uint64(1000 + i))
		var b strings.Builder
		for range 50 {
			k := pickOf(r, synth.LookAlikes)
			b.WriteString(lookAlikeSentence(r, k.Name, k.Gen(r)))
			b.WriteString(pickOf(r, []string{"\n", "；", " ", "。"}))
		}
		assertUntouched(e, []byte(b.String()), &fp, &ch)
	}
	fp.report(t, "text of 50 look-alikes gave findings", texts)
	ch.report(t, "text of 50 look-alikes changed by Redact", texts)
}

// TestCleanCorpus checks a large generated corpus with ordinary numbers,
// dates, prices, order numbers, timestamps, UUIDs and IPs but no personal
// data.
func TestCleanCorpus(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	text := synth.CleanCorpus(seeded(11), 512<<10)
	fs := e.Find(text)
	var fp failures
	for _, f := range fs {
		lo, hi := max(0, f.Start-24), min(len(text), f.End+24)
		for lo > 0 && text[lo]&0xC0 == 0x80 {
			lo--
		}
		for hi < len(text) && text[hi]&0xC0 == 0x80 {
			hi++
		}
		fp.add("%s %q in %q", f.Category, text[f.Start:f.End], text[lo:hi])
	}
	fp.report(t, "findings in the clean corpus", len(fs))
	out, _ := e.Redact(text)
	if !bytes.Equal(out, text) {
		t.Error("Redact changed the clean corpus")
	}
}

// TestNotNamesNotAddresses checks everyday words that begin with a common
// surname and bare city/district names next to a real finding: proximity
// must not turn them into names or addresses.
func TestNotNamesNotAddresses(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	templates := []string{
		"大家都很高兴，手机 {M}",
		"这个方法不错，有问题打{M}",
		"黄金价格又涨了，咨询 {M}",
		"古代王国的遗址开放参观，预约电话 {M}",
		"我在深圳市南山区上班，电话 {M}",
		"北京市朝阳区今天有雨，{M}",
		"{M} 王国 黄金 高兴 方法",
	}
	r := seeded(seedOf("not-names"))
	var fp failures
	n := 0
	for _, tmpl := range templates {
		for range 20 {
			n++
			m := synth.CNMobile(r)
			text := strings.Replace(tmpl, "{M}", m, 1)
			fs := e.Find([]byte(text))
			if len(ofCategory(fs, detect.CNName)) > 0 || len(ofCategory(fs, detect.CNAddress)) > 0 || len(fs) != 1 {
				fp.add("%q: want only the mobile, got %s", text, describe(text, fs))
			}
		}
	}
	fp.report(t, "words or city names reported as names/addresses", n)
}
