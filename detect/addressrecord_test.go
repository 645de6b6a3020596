package detect

import (
	"bytes"
	"testing"
)

// addressRecordTexts are addresses in the forms addressEnd's jumps read
// (parentheses, rooms in English, emphasis, spaces of every kind,
// invisible characters, characters of CJK Extension A, whose first byte
// starts invisible units too), with markers inside the jumps.
var addressRecordTexts = []string{
	"江苏省南京市江宁区人民路103号3幢23层2501室", "北京市朝阳区建国路 88 号院2号楼一室一厅", "金色家园（兰苑路5号）5幢3单元",
	"深圳市南山区科技园路12号3栋 Room 2501", "建设路**917**号3幢__2501__室", "山东省 青岛市 李沧区 书香名邸29栋1307室",
	"河南省郑州市\u00a0金水区\u200b文化路917\u200b号3\u00ad幢", "某县某村三组", "㐀㐁市㐂区路5号3室", "中南·世纪城A6/3单元1201室",
	"上海市浦东新区世纪大道100号共101层", "天河区体育西路10号楼", "锦苑路锦苑三区南区178号12-3-401", "路1号—2号－3–4",
	"深圳市南山区，科技园南区5栋", "市区路\xe5号1室", "&#21495;路&#160;5号楼3室", "Apt #2501 北京市海淀区中关村大街27号1101室",
}

// TestAddressRecordAgrees holds what the record of addressEnd's walk
// answers (markerFrom, unnamedPlace, dashedRoomIn, addressValue) to what
// the walks it replaces find over the same text: firstMarker,
// bytes.Contains, hasDashedRoom and visibleText, for every walk from the
// starts of the texts' three-byte characters (and from every fourth byte
// that starts another), trusted or not, up to where it ended and up to
// the address it returned.
func TestAddressRecordAgrees(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	texts := fastPathTexts()
	for _, a := range addressRecordTexts {
		texts = append(texts, []byte(a), []byte("地址："+a+"，电话"))
	}
	kinds := []markers{mAdmin, mStreet, mNumber, mResidence, mDistrict | mCity, mProvince | mCity, 0x7F}
	walks, answered, marked, plain, unnamed := 0, 0, 0, 0, 0
	for _, text := range texts {
		s := e.newScanner(text, 0)
		for pos := 0; pos < len(text); pos++ {
			if isContinuationByte(text[pos]) || text[pos] < 0xE0 && pos%4 != 0 {
				continue // the starts of three-byte characters, and some others
			}
			for _, trusted := range []bool{false, true} {
				end, _ := s.addressEnd(pos, trusted)
				walkEnd := s.addr.walkEnd
				walks++
				for _, e := range []int{end, (pos + walkEnd) / 2, walkEnd} {
					if e < pos || s.addressRecord(pos, e) == nil {
						continue
					}
					answered++
					if s.addr.n > 0 {
						marked++
					}
					if got, want := s.unnamedPlace(pos, e), bytes.Contains(text[pos:e], []byte("某")); got != want {
						t.Fatalf("unnamedPlace(%q) = %v, bytes.Contains says %v", text[pos:e], got, want)
					}
					unnamed += btoi(s.unnamedPlace(pos, e))
					if got, want := s.addressValue(pos, e), s.visibleText(pos, e); !bytes.Equal(got, want) {
						t.Fatalf("addressValue(%q) = %q, visibleText says %q", text[pos:e], got, want)
					}
					for from := pos; from <= e; from += max(1, (e-pos)/4) {
						if got, want := s.dashedRoomIn(pos, from, e), hasDashedRoom(text[from:e]); got != want {
							t.Fatalf("dashedRoomIn(%q) = %v, hasDashedRoom says %v", text[from:e], got, want)
						}
					}
					if s.addr.plain {
						plain++
					}
					// from every byte up to the address addressEnd returned;
					// from its start alone up to the other ends
					last := e
					if e != end {
						last = pos
					}
					for from := pos; from <= last; from++ {
						for _, k := range kinds {
							want := firstMarker(text[from:e], k)
							if want >= 0 {
								want += from
							}
							if got := s.markerFrom(pos, from, e, k); got != want {
								t.Fatalf("markerFrom(%q, from %d, kinds %b) = %d, firstMarker says %d", text[pos:e], from-pos, k, got, want)
							}
						}
					}
				}
			}
		}
		s.release()
	}
	t.Logf("%d walks, %d records asked, %d with markers, %d plain, %d with 某", walks, answered, marked, plain, unnamed)
	if walks < 100000 || answered < walks || marked < 10000 || plain < 10000 || unnamed == 0 {
		t.Fatalf("%d walks, %d records asked, %d with markers, %d plain, %d with 某: the texts no longer test the record", walks, answered, marked, plain, unnamed)
	}
}

// btoi is 1 for true, 0 for false.
func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestRoomCannotStart holds roomAfter's look at one byte to its reading:
// wherever roomCannotStart says no room starts, glued or not, the reading
// finds none either.
func TestRoomCannotStart(t *testing.T) {
	texts := fastPathTexts()
	for _, a := range addressRecordTexts {
		texts = append(texts, []byte(a))
	}
	rejected := 0
	for _, text := range texts {
		for p := 0; p <= len(text); p++ {
			if !roomCannotStart(text, p) {
				continue
			}
			rejected++
			for _, glued := range []bool{false, true} {
				if room, open := roomAfterRead(text, p, glued); room != 0 || open != 0 {
					t.Fatalf("roomAfterRead(%q, glued %v) = %d, %d where roomCannotStart says none starts", text[p:], glued, room, open)
				}
			}
		}
	}
	if rejected < 10000 {
		t.Fatalf("%d places: the texts no longer test roomCannotStart", rejected)
	}
}
