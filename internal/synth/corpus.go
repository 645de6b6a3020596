package synth

import (
	"math/rand/v2"
	"strings"
)

// Planted is one piece of personal data placed in a corpus.
type Planted struct {
	Kind       string // detector category name, such as "cn_mobile"
	Form       string // how it is written: "plain", "grouped", "fullwidth", …
	Start, End int    // byte span of the value in the corpus
}

// part is a piece of a planted line: literal text, or a value of a kind.
type part struct {
	text, kind, form string
}

// lit is a literal part.
func lit(s string) part { return part{text: s} }

// val is a planted value.
func val(kind, form, s string) part { return part{text: s, kind: kind, form: form} }

// planters build lines carrying personal data in varied forms. Names,
// addresses, passports and permits always come with a label, as a detector
// needs evidence for them.
var planters = []func(*rand.Rand) []part{
	func(r *rand.Rand) []part {
		return []part{lit(pick(r, []string{"手机：", "手机号码：", "联系电话："})), val("cn_mobile", "plain", CNMobile(r)), lit("，工作日可联系。")}
	},
	func(r *rand.Rand) []part {
		return []part{lit("有事打我电话 "), val("cn_mobile", "grouped", Grouped(CNMobile(r), pick(r, []string{" ", "-", "."}), 3, 4, 4)), lit(" 随时在线")}
	},
	func(r *rand.Rand) []part {
		return []part{lit("加微信或者打"), val("cn_mobile", "fullwidth", FullWidth(CNMobile(r))), lit("，备注来意")}
	},
	func(r *rand.Rand) []part {
		return []part{lit("他的号码是"), val("cn_mobile", "chinese_numerals", ChineseNumerals(CNMobile(r))), lit("，别外传")}
	},
	func(r *rand.Rand) []part {
		return []part{lit("呼叫"), val("cn_mobile", "radio", RadioReading(CNMobile(r))), lit("，收到请回答")}
	},
	func(r *rand.Rand) []part {
		return []part{lit("tel: "), val("cn_mobile", "zero_width", ZeroWidth(CNMobile(r), pick(r, ZeroWidthChars))), lit(" (ok)")}
	},
	func(r *rand.Rand) []part {
		return []part{lit(pick(r, []string{"身份证号：", "身份证号码：", "公民身份号码 "})), val("cn_id", "plain", CNID18(r)), lit("，已实名。")}
	},
	func(r *rand.Rand) []part {
		return []part{lit("证件 "), val("cn_id", "separated", SeparatorEvery(CNID18(r), pick(r, []string{" ", "-", "/"}))), lit(" 请勿泄露")}
	},
	func(r *rand.Rand) []part {
		return []part{lit("<p>"), val("cn_id", "html", HTMLDecimal(CNID18X(r))), lit("</p>")}
	},
	func(r *rand.Rand) []part {
		return []part{lit(pick(r, []string{"银行卡号：", "卡号 ", "Card: "})), val("bank_card", "grouped", Grouped(AnyCard(r), " ", 4)), lit("，尾号请核对")}
	},
	func(r *rand.Rand) []part {
		return []part{lit("退款至 "), val("bank_card", "plain", UnionPayCard(r)), lit(" 账户")}
	},
	func(r *rand.Rand) []part {
		return []part{lit(pick(r, []string{"Email: ", "邮箱：", "contact "})), val("email", "plain", Email(r)), lit(pick(r, []string{" for details", "，欢迎来信"}))}
	},
	func(r *rand.Rand) []part {
		f := pick(r, AtForms)
		return []part{lit("发邮件到 "), val("email", f.String(), EmailAt(Email(r), f)), lit(" 就行")}
	},
	func(r *rand.Rand) []part {
		return []part{lit(pick(r, []string{"护照号码：", "Passport No. "})), val("cn_passport", "plain", CNPassport(r)), lit("，有效期十年")}
	},
	func(r *rand.Rand) []part {
		return []part{lit(pick(r, []string{"通行证号码：", "港澳通行证 "})), val("cn_permit", "plain", CNPermit(r)), lit("，签注已办")}
	},
	func(r *rand.Rand) []part {
		return []part{lit("车牌"), val("cn_plate", "plain", CNPlate(r)), lit("的车主请挪车")}
	},
	func(r *rand.Rand) []part {
		return []part{
			lit("收件人："), val("cn_name", "plain", CNName(r)),
			lit("，电话："), val("cn_mobile", "plain", CNMobile(r)),
			lit("，地址："), val("cn_address", "plain", CNAddress(r)), lit("。"),
		}
	},
	func(r *rand.Rand) []part {
		return []part{lit("姓名："), val("cn_name", "plain", CNName(r)), lit(" 身份证："), val("cn_id", "plain", CNID18(r))}
	},
	func(r *rand.Rand) []part {
		return []part{lit("SSN: "), val("us_ssn", "plain", USSSN(r)), lit(" (on file)")}
	},
	func(r *rand.Rand) []part {
		iban := IBAN(r)
		if r.IntN(2) == 0 {
			return []part{lit("IBAN: "), val("iban", "grouped", GroupIBAN(iban)), lit(" — please wire by Friday")}
		}
		return []part{lit("IBAN "), val("iban", "plain", iban), lit(".")}
	},
	func(r *rand.Rand) []part {
		return []part{lit("Call me at "), val("phone", "e164", E164Phone(r)), lit(" tonight.")}
	},
	func(r *rand.Rand) []part {
		return []part{lit(pick(r, []string{"电话：", "座机 ", "办公电话："})), val("cn_landline", "plain", CNLandline(r)), lit("，转前台")}
	},
}

// MixedCorpus returns about n bytes of mixed Chinese and English prose
// lines with personal data embedded every 300-600 bytes in varied forms,
// among many look-alikes. The output is valid UTF-8.
func MixedCorpus(r *rand.Rand, n int) []byte {
	b, _ := MixedCorpusPlanted(r, n)
	return b
}

// MixedCorpusPlanted is MixedCorpus that also returns where each piece of
// personal data was placed.
func MixedCorpusPlanted(r *rand.Rand, n int) ([]byte, []Planted) {
	var b strings.Builder
	var planted []Planted
	next := between(r, 300, 600)
	for b.Len() < n {
		if b.Len() < next {
			b.WriteString(proseLine(r))
			b.WriteByte('\n')
			continue
		}
		for _, p := range pick(r, planters)(r) {
			if p.kind != "" {
				planted = append(planted, Planted{Kind: p.kind, Form: p.form, Start: b.Len(), End: b.Len() + len(p.text)})
			}
			b.WriteString(p.text)
		}
		b.WriteByte('\n')
		next = b.Len() + between(r, 300, 600)
	}
	return []byte(b.String()), planted
}

// CleanCorpus returns about n bytes of prose like MixedCorpus's, with
// ordinary numbers, dates, prices, order numbers, timestamps, UUIDs and
// other look-alikes, but no personal data. The output is valid UTF-8.
func CleanCorpus(r *rand.Rand, n int) []byte {
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(proseLine(r))
		b.WriteByte('\n')
	}
	return []byte(b.String())
}
