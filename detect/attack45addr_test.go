package detect

import (
	"strings"
	"testing"
)

// Attack pass 45, F5: an address hidden by what a reader does not see or
// reads past: an invisible character or a space before a marker, a room
// written in English.

// attack45Redacted redacts s and reports whether a finding of category c
// was made and the raw value is gone from the output.
func attack45Redacted(t *testing.T, e *Engine, s, raw string, c Category) {
	t.Helper()
	out, fs := e.Redact([]byte(s))
	found := false
	for _, f := range fs {
		found = found || f.Category == c
	}
	if !found {
		t.Errorf("no %v found in %q (findings %v)", c, s, fs)
	}
	if strings.Contains(string(out), raw) {
		t.Errorf("%q kept in the output %q", raw, out)
	}
}

// TestAttack45AddressInvisibleBeforeMarker: a zero-width character or a
// soft hyphen before 号, 幢 or 室 is drawn as nothing; the address is read
// across it, labelled or not.
func TestAttack45AddressInvisibleBeforeMarker(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	for _, inv := range []string{"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"} {
		for _, tc := range []struct{ s, raw string }{
			{"河南省郑州市金水区建设路917" + inv + "号3幢2501室", "917"},
			{"河南省郑州市金水区建设路917号3" + inv + "幢2501室", "2501"},
			{"河南省郑州市金水区建设路917号3幢2501" + inv + "室", "2501"},
			{"河南省郑州市金水区建设路917" + inv + "号3" + inv + "幢2501" + inv + "室", "2501"},
			{"地址：河南省郑州市金水区建设路917" + inv + "号", "917"},
			{"收货地址：河南省郑州市金水区建设路917" + inv + "号", "917"},
		} {
			attack45Redacted(t, e, tc.s, tc.raw, CNAddress)
		}
	}
}

// TestAttack45AddressSpacedMarkers: a space (ASCII or U+3000) before every
// marker of a full address.
func TestAttack45AddressSpacedMarkers(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	for _, sp := range []string{" ", "\u3000"} {
		s := strings.Join([]string{"河南省", "郑州市", "金水区", "建设路", "917", "号", "3", "幢", "2501", "室"}, sp)
		attack45Redacted(t, e, s, "2501", CNAddress)
		attack45Redacted(t, e, "地址："+s, "2501", CNAddress)
	}
}

// TestAttack45AddressEnglishRoom: a room written Room, Rm or Rm. after a
// building, in a Chinese address.
func TestAttack45AddressEnglishRoom(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	for _, room := range []string{"Room 2501", "Room2501", "Rm 2501", "Rm.2501", "RM. 2501", "room 2501", "Flat 2501", "Unit 2501", "Apt. 2501"} {
		attack45Redacted(t, e, "河南省郑州市金水区建设路917号3幢"+room, "2501", CNAddress)
		attack45Redacted(t, e, "地址：河南省郑州市金水区建设路917号"+room, "2501", CNAddress)
	}
}

// TestAttack45AddressGapsNoCount: a number read across a gap to its marker
// is still no house number when it is a day (天河区10号) or a count
// (共102层), with personal data nearby.
func TestAttack45AddressGapsNoCount(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	for _, s := range []string{
		"广州市天河区10\u200b号上午见，电话13812345678",
		"广州市天河区10 号上午见，电话13812345678",
		"上海市浦东新区陆家嘴环路帝国大厦共102\u200b层，电话13812345678",
		"上海市浦东新区陆家嘴环路帝国大厦共102 层，电话13812345678",
	} {
		if _, fs := e.Redact([]byte(s)); len(fs) != 1 || fs[0].Category != CNMobile {
			t.Errorf("%q: findings %v, want the mobile alone", s, fs)
		}
	}
}
