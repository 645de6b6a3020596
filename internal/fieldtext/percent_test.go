package fieldtext

import (
	"reflect"
	"testing"
)

func TestPercentDecode(t *testing.T) {
	for _, tc := range []struct {
		raw     string
		plus    bool
		dec     string
		offsets []int32
	}{
		{"abc", false, "abc", nil},
		{"a+b", false, "a+b", nil},
		{"a+b", true, "a b", []int32{0, 1, 2, 3}},
		{"%31%32x", false, "12x", []int32{0, 3, 6, 7}},
		{"%zz%4", false, "%zz%4", nil},
		{"%e5%bc%a0", false, "\u5f20", []int32{0, 3, 6, 9}},
		{"%u0031%U5F20x", false, "1\u5f20x", []int32{0, 6, 6, 6, 12, 13}},
	} {
		dec, offs := percentDecode(tc.raw, tc.plus)
		if string(dec) != tc.dec || !reflect.DeepEqual(offs, tc.offsets) {
			t.Errorf("percentDecode(%q, %v) = %q %v, want %q %v", tc.raw, tc.plus, dec, offs, tc.dec, tc.offsets)
		}
	}
}

func TestEscapeMask(t *testing.T) {
	for in, want := range map[string]string{
		"138****5678":          "138****5678",
		"[CN_ID]":              "[CN_ID]",
		"6222 **** **** 1234":  "6222%20****%20****%201234",
		"\u5f20*":              "%E5%BC%A0*",
		"a&b=c#d?e/f+g%":       "a%26b%3Dc%23d%3Fe%2Ff%2Bg%25",
		"w***@example.org":     "w***@example.org",
		"[CN_ID_3f2a9c1b70de]": "[CN_ID_3f2a9c1b70de]",
	} {
		if got := escapeMask(in); got != want {
			t.Errorf("escapeMask(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLooksLikeURI(t *testing.T) {
	for s, want := range map[string]bool{
		"/":                          true,
		"/a?b=c":                     true,
		"https://example.com/x":      true,
		"android-app://com.x/":       true,
		"sid=abc; tel=1":             false,
		"Mozilla/5.0 (X11)":          false,
		"://nohost":                  false,
		"1http://x":                  false,
		"/with space":                false,
		"mailto:someone@example.org": false,
	} {
		if got := looksLikeURI(s); got != want {
			t.Errorf("looksLikeURI(%q) = %v, want %v", s, got, want)
		}
	}
}
