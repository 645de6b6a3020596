package synth

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The wrong-length look-alikes are one digit off their category's length
// and keep the rest of its shape.
func TestWrongLengthLookAlikes(t *testing.T) {
	r := newRand(18)
	for range 300 {
		if s := CNMobileWrongLength(r); len(s) != 10 && len(s) != 12 || onlyDigits(s) != s || !slices.Contains(MobilePrefixes, s[:3]) {
			t.Fatalf("CNMobileWrongLength: %q", s)
		}
		if s := CNIDWrongLength(r); len(s) != 17 && len(s) != 19 || onlyDigits(s[:len(s)-1]) != s[:len(s)-1] {
			t.Fatalf("CNIDWrongLength: %q", s)
		}
		if s := CardWrongLength(r); len(s) != 13 && len(s) != 20 || !LuhnValid(s) || !(strings.HasPrefix(s, "62") || s[0] == '5') {
			t.Fatalf("CardWrongLength: %q", s)
		}
	}
}

// A spaced address has the parts of CNAddress, one space between each.
func TestCNAddressSpaced(t *testing.T) {
	r := newRand(21)
	shape := regexp.MustCompile(`^(?:\p{Han}+[省区] )?\p{Han}+[市州] \p{Han}+[区县市旗] \p{Han}+[1-9]\d*号(?: \p{Han}+[1-9]\d*栋\d+室)?$`)
	for range 300 {
		if s := CNAddressSpaced(r); !shape.MatchString(s) {
			t.Fatalf("CNAddressSpaced: %q", s)
		}
	}
}

// The marked coordinates, ITINs and transliterated names have their
// shapes.
func TestMoreHeldOutShapes(t *testing.T) {
	r := newRand(22)
	marked := regexp.MustCompile(`^\d{1,2}\.\d{4,8}°[NS],? \d{1,3}\.\d{4,8}°[EW]$`)
	itin := regexp.MustCompile(`^9\d{2}-(?:5\d|6[0-5]|7\d|8[0-8]|9[0-24-9])-\d{4}$`)
	translit := regexp.MustCompile(`^\p{Han}{2,4}[·•]\p{Han}{2,4}$`)
	for range 300 {
		if s := CoordinatesMarked(r); !marked.MatchString(s) {
			t.Fatalf("CoordinatesMarked: %q", s)
		}
		if s := ITIN(r); !itin.MatchString(s) || strings.HasSuffix(s, "-0000") {
			t.Fatalf("ITIN: %q", s)
		}
		if s := []rune(CNNameRare(r)); len(s) < 2 || len(s) > 3 || !slices.Contains(RareSurnames, string(s[:1])) {
			t.Fatalf("CNNameRare: %q", string(s))
		}
		if s := CNNameTransliterated(r); !translit.MatchString(s) {
			t.Fatalf("CNNameTransliterated: %q", s)
		}
	}
}

// The prose look-alikes have the shape of an address or a phone number and
// the word that makes them neither.
func TestPlaceProse(t *testing.T) {
	r := newRand(19)
	day := regexp.MustCompile(`^\p{Han}+[市州]\p{Han}+[区县市旗][1-9]\d?号(?:上午见|下午见|晚上见|开会|集合|出发|开业|见面)$`)
	ordinal := regexp.MustCompile(`^\p{Han}+[市州]\p{Han}+[区县市旗]第[1-9]\d?号\p{Han}{2,3}$`)
	plus := regexp.MustCompile(`^(?:\p{Han}{2,3} \+[1-9]\d{7,10} ?\p{Han}|[a-z]+: \+[1-9]\d{7,10} [a-z ]+)$`)
	for range 300 {
		if s := CNPlaceDay(r); !day.MatchString(s) {
			t.Fatalf("CNPlaceDay: %q", s)
		}
		if s := CNPlaceOrdinal(r); !ordinal.MatchString(s) {
			t.Fatalf("CNPlaceOrdinal: %q", s)
		}
		if s := PlusCount(r); !plus.MatchString(s) {
			t.Fatalf("PlusCount: %q", s)
		}
	}
}

// A Traditional name is a generated name in Traditional characters: none
// of the Simplified ones the table maps is left.
func TestCNNameTraditional(t *testing.T) {
	r := newRand(20)
	changed := 0
	for range 500 {
		s := CNNameTraditional(r)
		if n := len([]rune(s)); n < 2 || n > 4 {
			t.Fatalf("CNNameTraditional: %q", s)
		}
		if strings.ContainsAny(s, "张刘陈杨黄赵吴孙马罗郑谢许韩冯邓蒋叶苏吕欧阳诸东迟伟丽强军艳杰涛刚兰鹏辉凯帅瑶轩诗晓鸿静") {
			t.Fatalf("CNNameTraditional left a Simplified character: %q", s)
		}
		if strings.ContainsAny(s, "張劉陳楊黃趙吳孫馬羅鄭謝許韓馮鄧蔣葉蘇呂歐陽諸東遲偉麗強軍艷傑濤剛蘭鵬輝凱帥瑤軒詩曉鴻靜") {
			changed++
		}
	}
	if changed < 250 {
		t.Fatalf("only %d of 500 names have a Traditional character", changed)
	}
}
