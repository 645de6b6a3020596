package detect_test

import (
	"regexp"
	"strings"
)

// regexpRedactor is the baseline the engine is measured against: the way
// such filters are usually written, one Go regexp per category with the
// same validators run on each match. It is test code only.
type regexpRedactor struct {
	rules []regexpRule
}

type regexpRule struct {
	re    *regexp.Regexp
	valid func(digits string) bool
	label string
}

func newRegexpRedactor() *regexpRedactor {
	digitsOf := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' || r == 'X' || r == 'x' {
				return r
			}
			return -1
		}, s)
	}
	ok := func(string) bool { return true }
	rule := func(pattern string, valid func(string) bool, label string) regexpRule {
		return regexpRule{re: regexp.MustCompile(pattern), valid: func(m string) bool { return valid(digitsOf(m)) }, label: label}
	}
	return &regexpRedactor{rules: []regexpRule{
		rule(`\b[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]\b`, validCNID, "[CN_ID]"),
		rule(`(?:\+?86[- ]?)?\b1[3-9]\d[- ]?\d{4}[- ]?\d{4}\b`, ok, "[CN_MOBILE]"),
		rule(`\(?0\d{2,3}\)?[- ]?[2-9]\d{6,7}\b`, ok, "[CN_LANDLINE]"),
		rule(`\b(?:\d[ -]?){12,18}\d\b`, luhn, "[BANK_CARD]"),
		rule(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,24}`, ok, "[EMAIL]"),
		rule(`\b(?:E[A-HJ-NP-Z\d]\d{7}|[GDSPKH]\d{8}|MA\d{7})\b`, ok, "[CN_PASSPORT]"),
		rule(`\b(?:C[A-HJ-NP-Z\d]\d{7}|[HM]\d{8}(?:\d{2})?)\b`, ok, "[CN_PERMIT]"),
		rule(`[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领][A-Z][·\- ]?[A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警港澳]`, ok, "[CN_PLATE]"),
		rule(`(?:[\p{Han}]{2,6}(?:省|自治区))?[\p{Han}]{2,6}(?:市|自治州)[\p{Han}]{2,6}(?:区|县)[\p{Han}\d]{2,20}(?:路|街|道|巷)\d+号(?:[\p{Han}\d-]{0,20}(?:室|单元|栋|号楼))?`, ok, "[CN_ADDRESS]"),
		rule(`(?:姓名|联系人|收件人)[:：]\s*[\p{Han}]{2,4}`, ok, "[CN_NAME]"),
		rule(`\b(?:00[1-9]|0[1-9]\d|[1-578]\d{2}|6[0-57-9]\d|66[0-57-9])-(?:0[1-9]|[1-9]\d)-(?:000[1-9]|00[1-9]\d|0[1-9]\d{2}|[1-9]\d{3})\b`, ok, "[US_SSN]"),
		rule(`\+(?:[1-9]\d{0,2})[ -]?(?:\(?\d{1,4}\)?[ -]?){2,4}\d{2,4}`, ok, "[PHONE]"),
		rule(`\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b`, ok, "[IBAN]"),
	}}
}

// Redact applies every rule in turn.
func (b *regexpRedactor) Redact(text []byte) []byte {
	out := text
	for _, r := range b.rules {
		out = r.re.ReplaceAllFunc(out, func(m []byte) []byte {
			if !r.valid(string(m)) {
				return m
			}
			return []byte(r.label)
		})
	}
	return out
}

func validCNID(d string) bool {
	if len(d) != 18 {
		return false
	}
	w := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(d[i]-'0') * w[i]
	}
	c := d[17]
	if c == 'x' {
		c = 'X'
	}
	return "10X98765432"[sum%11] == c
}

func luhn(d string) bool {
	sum, double := 0, false
	for i := len(d) - 1; i >= 0; i-- {
		n := int(d[i] - '0')
		if double {
			if n *= 2; n > 9 {
				n -= 9
			}
		}
		sum += n
		double = !double
	}
	return sum%10 == 0
}
