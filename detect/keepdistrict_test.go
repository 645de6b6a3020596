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

// TestDistrictMarkersHoldNoPartStart holds keepDistrict's one walk to its
// premise: no street, number or residence marker starts inside a
// district, city or province marker, so that no marker it keeps up to
// reaches over the first of them.
func TestDistrictMarkersHoldNoPartStart(t *testing.T) {
	for _, words := range markerWords {
		for _, m := range words {
			if m.kinds&(mDistrict|mCity|mProvince) == 0 {
				continue
			}
			for p := 3; p < len(m.w); p += 3 {
				if markerLen([]byte(m.w[p:]), mStreet|mNumber|mResidence) > 0 || markerLen([]byte(m.w[p:]+"楼院"), mStreet|mNumber|mResidence) > 0 {
					t.Fatalf("a street, number or residence marker starts inside %q", m.w)
				}
				if r, _ := decodeRune([]byte(m.w[p:])); isMarkerStart(r) {
					for _, o := range markerWords[r] {
						if o.kinds&(mStreet|mNumber|mResidence) != 0 {
							t.Fatalf("marker %q starts inside %q", o.w, m.w)
						}
					}
				}
			}
		}
	}
}

// TestKeptHasNoNumberMark holds emitAddress to its premise: what
// keepDistrict keeps of an address never holds a number followed by a
// number or residence marker (the mask would keep it).
func TestKeptHasNoNumberMark(t *testing.T) {
	var pieces []string
	for _, list := range [][]string{addrAdmin, addrStreet, addrNumber, addrResidence} {
		pieces = append(pieces, list...)
	}
	pieces = append(pieces, "北京", "朝阳", "治", "线", "号线", "三", "十", "百", "〇", "0", "7", "９", "①", "A", "-", " ", "（", "\xe5", "&#49;", "&#21495;")
	r := rand.New(rand.NewPCG(9, 9))
	for i := 0; i < 200000; i++ {
		var b []byte
		for n := r.IntN(18); n > 0; n-- {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		if kept := keepDistrict(b); hasNumberMark(kept, mNumber|mResidence) {
			t.Fatalf("keepDistrict(%q) = %q holds a number mark", b, kept)
		}
	}
}
