package accuracy

import (
	"strings"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// Peer values are scored as peer-vectors/score.py scores its "label"
// variant: each value without a sentence of its own, after a short label
// for its category, scanned alone.

// peerLabels maps a peer category to its Chinese and English labels.
var peerLabels = map[string][2]string{
	"cn_id": {"身份证号：", "ID card: "}, "cn_mobile": {"手机：", "mobile: "},
	"cn_landline": {"电话：", "tel: "}, "bank_card": {"银行卡号：", "card: "},
	"email": {"邮箱：", "email: "}, "cn_passport": {"护照号码：", "passport: "},
	"cn_permit": {"通行证号码：", "permit: "}, "cn_plate": {"车牌号：", "plate: "},
	"us_ssn": {"SSN: ", "SSN: "}, "phone": {"电话：", "phone: "}, "iban": {"IBAN: ", "IBAN: "},
	"other:cn_name": {"姓名：", "name: "}, "other:cn_address": {"地址：", "address: "},
	"other:hk_id": {"香港身份证：", "HKID: "}, "other:mo_id": {"澳门身份证：", "Macau ID: "},
	"other:tw_id": {"台湾身份证：", "Taiwan ID: "}, "other:cn_military_id": {"军官证：", "military ID: "},
	"other:cn_hukou": {"户口簿：", "household register: "}, "other:imei": {"IMEI：", "IMEI: "},
	"other:cn_uscc":             {"统一社会信用代码：", "USCC: "},
	"other:cn_business_license": {"营业执照注册号：", "business licence: "},
	"other:us_itin":             {"ITIN: ", "ITIN: "}, "other:luhn_number": {"number: ", "number: "},
	"other:cn_postcode": {"邮编：", "postcode: "}, "other:stock_code": {"股票代码：", "ticker: "},
	"other:train_no": {"车次：", "train: "}, "other:uuid": {"UUID：", "UUID: "}, "other:md5": {"MD5：", "MD5: "},
	"other:ipv4": {"IP：", "IP: "}, "other:ipv6": {"IPv6：", "IPv6: "}, "other:mac": {"MAC：", "MAC: "},
	"other:datetime": {"时间：", "time: "}, "other:amount": {"金额：", "amount: "},
}

// zhSources are the peers whose tests are written for Chinese text.
var zhSources = []string{"any86/", "dromara/", "doly-dev/", "jxlwqq/", "bytedance/", "hoophq/alcatraz:recognizers/china"}

func peerLabel(c PeerCase) string {
	l, ok := peerLabels[c.Category]
	if !ok {
		l = [2]string{"编号：", "number: "}
	}
	for _, z := range zhSources {
		if strings.HasPrefix(c.Source, z) {
			return l[0]
		}
	}
	return l[1]
}

// peerTarget returns the engine category a peer category is scored as, or
// "" when the engine has none (any finding then counts).
func peerTarget(cat string) detect.Category {
	c, err := detect.ParseCategory(strings.TrimPrefix(cat, "other:"))
	if err != nil {
		return ""
	}
	return c
}

func (r *Report) scorePeers(eng *detect.Engine, cases []PeerCase) {
	for _, c := range cases {
		if c.Context != "" || c.FPRule == "crosses_boundary" {
			continue
		}
		label := peerLabel(c)
		text := label + c.Value
		vs, ve := len(label), len(text)
		target := peerTarget(c.Category)
		flagged, right := false, false
		for _, f := range eng.Find([]byte(text)) {
			if !overlaps(f, vs, ve) {
				continue
			}
			if c.OnlyCat == "" || f.Category == peerTarget(c.OnlyCat) {
				flagged = true
			}
			right = right || target == "" || f.Category == target
		}
		if c.Expect == "pii" {
			r.PeerLabelRecall.add(right)
			if !right {
				r.fail("peers-missed", c.Category+"\t"+text)
			}
		} else {
			r.PeerLabelFP.add(flagged)
			if flagged {
				r.fail("peers-flagged", c.Category+"\t"+text)
			}
		}
	}
}
