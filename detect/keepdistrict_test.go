package detect

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// keepDistrictReference is keepDistrict as first written, one walk per
// question (a number, a street marker, each level of district): the
// one-walk keepDistrict must answer as it does.
func keepDistrictReference(v []byte) []byte {
	limit := firstRunes(v, maxKeptAddressRunes)
	isNumber := func(r rune) bool { return classifyRune(r).kind == uDigit && !isCJKDigit(r) }
	if k := bytes.IndexFunc(limit, isNumber); k >= 0 {
		limit = limit[:k]
	}
	if k := firstMarker(limit, mStreet|mNumber|mResidence); k >= 0 {
		limit = limit[:k]
	}
	for _, marks := range districtMarks {
		if end := lastMarkerEnd(limit, marks); end > 0 {
			return v[:end]
		}
	}
	return nil
}

// TestKeepDistrictSameAsReference compares keepDistrict with the
// reference on addresses made of markers, numbers in every script, place
// names, separators and broken UTF-8.
func TestKeepDistrictSameAsReference(t *testing.T) {
	var pieces []string
	for _, list := range [][]string{addrAdmin, addrStreet, addrNumber, addrResidence} {
		pieces = append(pieces, list...)
	}
	pieces = append(pieces, "北京", "朝阳", "内蒙古", "治", "小", "线", "号线", "街道", "某", "三", "十", "百", "〇",
		"0", "7", "12", "９", "①", "A", "b", "-", " ", "\u3000", "·", "（", "）", "#", "\xe5", "\xe5\x8c", "\xff", "\xe5\x8c\xba"[1:], "&#49;")
	r := rand.New(rand.NewPCG(8, 8))
	for i := 0; i < 200000; i++ {
		var b []byte
		for n := r.IntN(18); n > 0; n-- {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		if got, want := keepDistrict(b), keepDistrictReference(b); !bytes.Equal(got, want) || (got == nil) != (want == nil) {
			t.Fatalf("keepDistrict(%q) = %q, the reference %q", b, got, want)
		}
	}
	for _, s := range []string{"", "北京市朝阳区建国路88号", "内蒙古自治区呼和浩特市赛罕区香樟路908号", "区村号区村000", "广东省深圳市龙岗区桃源村958号金色港湾14幢17层107室"} {
		if got, want := keepDistrict([]byte(s)), keepDistrictReference([]byte(s)); !bytes.Equal(got, want) {
			t.Fatalf("keepDistrict(%q) = %q, the reference %q", s, got, want)
		}
	}
}

func BenchmarkKeepDistrict(b *testing.B) {
	v := []byte("内蒙古自治区呼和浩特市赛罕区香樟路908号海景大厦9幢32层2301室")
	b.Run("new", func(b *testing.B) {
		for b.Loop() {
			keepDistrict(v)
		}
	})
	b.Run("reference", func(b *testing.B) {
		for b.Loop() {
			keepDistrictReference(v)
		}
	})
}
