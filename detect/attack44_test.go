package detect

import "testing"

// Attack pass 44: every test in this file fails on purpose, each a
// finding against the unlabelled full address (addressfull.go) merged in
// e13e26b..main.

// attack44Address returns whether the engine finds a CNAddress in s.
func attack44Address(e *Engine, s string) bool {
	for _, f := range e.Find([]byte(s)) {
		if f.Category == CNAddress {
			return true
		}
	}
	return false
}

// TestAttack44FullAddressEvasions: the same home address the engine finds
// unlabelled (江苏省南京市江宁区人民路103号3幢23层2501室, checked first) is
// not found when its digits are full-width (fullAddress: isASCIIDigit
// before 号), when a space stands before 号, when it is written in
// traditional characters (號, 區, 樓, 層), with Chinese numerals (〇 or
// 一百零三), with '#' for 号, or with its province and city markers left
// out (江苏南京), as people write it.
func TestAttack44FullAddressEvasions(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	if !attack44Address(e, "江苏省南京市江宁区人民路103号3幢23层2501室") {
		t.Fatal("the plain address is not found either")
	}
	for label, s := range map[string]string{
		"full-width digits":   "江苏省南京市江宁区人民路１０３号３幢２３层２５０１室",
		"space before 号":      "江苏省南京市江宁区人民路103 号3幢23层2501室",
		"traditional 號 層":     "江苏省南京市江宁区人民路103號3幢23層2501室",
		"traditional 區 號 樓":   "江蘇省南京市江寧區人民路103號3幢23樓2501室",
		"numerals with 〇":     "江苏省南京市江宁区人民路一〇三号三幢二十三层二五〇一室",
		"house number in Han": "江苏省南京市江宁区人民路一百零三号3幢23层2501室",
		"# for 号":             "江苏省南京市江宁区人民路103#3幢23层2501室",
		"no 省 or 市":           "江苏南京江宁区人民路103号3幢2501室",
	} {
		t.Run(label, func(t *testing.T) {
			if !attack44Address(e, s) {
				t.Errorf("a full home address not found: %s", s)
			}
		})
	}
}

// TestAttack44FullAddressVenues: a floor of an office tower or a
// conference venue in ordinary prose (no label, no person) is taken for a
// home: fullAddress takes any residence marker after a digit (3层, 2楼)
// as a home's, whatever follows (会议室, 前台, 大厦).
func TestAttack44FullAddressVenues(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	for _, s := range []string{
		"本次大会在上海市浦东新区世纪大道100号3层会议室举行",
		"请到广东省深圳市南山区深南大道10000号腾讯大厦2楼前台领取",
		"北京市海淀区中关村大街1号3层海龙大厦",
		"第12届会议于2019年在湖北省武汉市洪山区珞喻路1037号12层召开",
	} {
		if attack44Address(e, s) {
			t.Errorf("a venue taken for a home: %s", s)
		}
	}
}
