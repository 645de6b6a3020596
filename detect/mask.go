package detect

import (
	"strings"
	"unicode/utf8"
)

// maskFor returns the replacement of a finding under the engine's style.
func (e *Engine) maskFor(c Category, norm []byte, fingerprint string) string {
	switch e.mask {
	case MaskLabel:
		return c.Label()
	case MaskHash:
		return "[" + strings.ToUpper(string(c)) + "_" + fingerprint[:12] + "]"
	case MaskFull:
		return strings.Repeat("*", utf8.RuneCount(norm))
	}
	return partialMask(c, norm)
}

// partialMask follows the Chinese display conventions: enough is kept for a
// person to recognise their own record.
func partialMask(c Category, norm []byte) string {
	v := string(norm)
	n := len(v)
	switch c {
	case CNMobile:
		return v[:3] + "****" + v[n-4:]
	case CNID:
		return v[:4] + strings.Repeat("*", n-8) + v[n-4:]
	case BankCard:
		return v[:4] + " **** **** " + v[n-4:]
	case CNLandline:
		area := 4
		if v[1] == '1' || v[1] == '2' {
			area = 3
		}
		return v[:area] + "-****" + v[n-4:]
	case Email:
		at := strings.LastIndexByte(v, '@')
		return v[:1] + "***" + v[at:]
	case CNPassport, CNPermit:
		return keepEnds(v, 1, 2)
	case CNPlate:
		_, size := utf8.DecodeRuneInString(v)
		return v[:size+1] + "****" + lastRune(v)
	case CNName:
		return maskName(v)
	case CNAddress:
		return keepDistrict(v) + "****"
	case USSSN:
		return "***-**-" + v[n-4:]
	case Phone: // +44****0123 in international form, 415****2671 in national form
		return keepEnds(v, 3, 4)
	case IBAN:
		return v[:4] + " **** " + v[n-4:]
	}
	return strings.Repeat("*", utf8.RuneCountInString(v))
}

// keepEnds keeps head bytes and tail bytes of an ASCII value.
func keepEnds(v string, head, tail int) string {
	if len(v) <= head+tail {
		return strings.Repeat("*", len(v))
	}
	return v[:head] + strings.Repeat("*", len(v)-head-tail) + v[len(v)-tail:]
}

func lastRune(v string) string {
	_, size := utf8.DecodeLastRuneInString(v)
	return v[len(v)-size:]
}

// maskName keeps the surname: 张*, 欧阳**, 阿依古丽·***.
func maskName(v string) string {
	if k := strings.IndexAny(v, "·•・"); k >= 0 {
		return v[:k] + "·***"
	}
	keep := 1
	if utf8.RuneCountInString(v) >= 3 {
		if _, two := surnames[firstRunes(v, 2)]; two {
			keep = 2
		}
	}
	head := firstRunes(v, keep)
	return head + strings.Repeat("*", utf8.RuneCountInString(v)-keep)
}

func firstRunes(v string, n int) string {
	i := 0
	for ; n > 0 && i < len(v); n-- {
		_, size := utf8.DecodeRuneInString(v[i:])
		i += size
	}
	return v[:i]
}

// keepDistrict returns the address up to its district (区/县/旗), or its
// city when it names no district, or its first two characters.
func keepDistrict(v string) string {
	limit := firstRunes(v, 12)
	isNumber := func(r rune) bool { _, han := cjkDigit[r]; return !han && classifyRune(r).kind == uDigit }
	if k := strings.IndexFunc(limit, isNumber); k >= 0 {
		limit = limit[:k] // never keep a number: it is what the mask hides
	}
	for _, marks := range [][]string{{"区", "县", "旗"}, {"市", "自治州", "盟"}, {"省", "自治区"}} {
		best := -1
		for _, m := range marks {
			if k := strings.LastIndex(limit, m); k >= 0 && k+len(m) > best {
				best = k + len(m)
			}
		}
		if best > 0 {
			return v[:best]
		}
	}
	return firstRunes(v, 2)
}
