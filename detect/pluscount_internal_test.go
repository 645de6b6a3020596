package detect

import (
	"strings"
	"testing"
)

// countwords.txt has words on both sides, English ones in lower case, and
// plusCount reads them where they stand, whole words only.
func TestPlusCount(t *testing.T) {
	if len(countBefore) < 10 || len(countAfter) < 10 {
		t.Fatalf("countwords.txt: %d words before, %d after", len(countBefore), len(countAfter))
	}
	for _, w := range append(countBefore, countAfter...) {
		if s := string(w); s != strings.ToLower(s) {
			t.Errorf("countwords.txt: %q is not in lower case", s)
		}
	}
	for _, c := range []struct {
		text  string
		count bool
	}{
		{"粉丝数 +2345678901 人", true},
		{"粉丝数：+2345678901", true},
		{"Views: +371805638", true},
		{"+371805638 Followers", true},
		{"+2345678901人", true},
		{"+447911123456 tonight", false},
		{"previews: +371805638", false},  // a word that ends like one is not it
		{"+371805638 peoplehood", false}, // nor one that starts like one
		{"电话 +2345678901，谢谢", false},
		{"+2345678901", false},
	} {
		start := strings.IndexByte(c.text, '+')
		end := start + 1
		for end < len(c.text) && c.text[end] >= '0' && c.text[end] <= '9' {
			end++
		}
		if got := plusCount([]byte(c.text), start, end); got != c.count {
			t.Errorf("plusCount(%q) = %v, want %v", c.text, got, c.count)
		}
	}
}

// TestPhoneLabelOutweighsMeasureWord: behind a phone's label a '+' figure
// is a phone whatever word follows it (电话：+4930123456 人在德国 was let
// through), while the same figure without a label stays a count.
func TestPhoneLabelOutweighsMeasureWord(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	for _, c := range []struct {
		text  string
		phone bool
	}{
		{"电话：+4930123456 人在德国", true},
		{"tel: +4930123456 people", true},
		{"手机 +4930123456 个", true},
		{"粉丝数 +2345678901 人", false},
		{"+2345678901 人", false},
	} {
		fs := e.Find([]byte(c.text))
		if got := len(fs) > 0; got != c.phone {
			t.Errorf("%q: %v, want a phone: %v", c.text, fs, c.phone)
		}
	}
}
