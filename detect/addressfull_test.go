package detect

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestFullAddressUnlabelled: an address from a province or city down to a
// building, unit or room is found with no label, key or personal data
// nearby (请寄到…); one that stops at a street number, a count of floors, a
// day or a metro line is not.
func TestFullAddressUnlabelled(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	r := rand.New(rand.NewPCG(43, 4))
	found := func(s string) bool {
		for _, f := range e.Find([]byte(s)) {
			if f.Category == CNAddress {
				return true
			}
		}
		return false
	}
	full := 0
	for k := 0; k < 400; k++ {
		addr := synth.CNAddress(r)
		if !strings.ContainsAny(addr, "室-") {
			// it stops at the street number: evidence still needed
			if found("请寄到" + addr + "，谢谢") {
				t.Errorf("a street number alone found without evidence: %s", addr)
			}
			continue
		}
		full++
		if !found("请寄到"+addr+"，谢谢") || !found(addr) {
			t.Errorf("a full address not found alone: %s", addr)
		}
	}
	if full < 200 {
		t.Fatalf("only %d full addresses generated", full)
	}
	for k := 0; k < 200; k++ {
		for _, s := range []string{synth.CNAddressCount(r), synth.CNPlaceDate(r), synth.CNMetroLine(r)} {
			if found(s) {
				t.Errorf("no address found as one: %s", s)
			}
		}
	}
	for _, s := range []string{
		"南山区科技园路12号3栋201室",     // no province or city first
		"深圳市科技园路12号3栋201室",     // no district
		"深圳市南山区阳光花园3栋201室",     // no street number
		"北京市朝阳区建国路88号",         // no residence
		"上海市浦东新区世纪大道100号共101层", // a count
	} {
		if found(s) {
			t.Errorf("a partial address found without evidence: %s", s)
		}
	}
}

// TestFullAddressFloorNeedsRoom: unlabelled, a floor (层, 楼, 層, 樓) is a
// home's only with its door's number after it; a building (栋, 号楼), a
// unit or a room is one alone, but a count of rooms (一室一厅) is none. Each address is read in the scripts and
// digits the labelled reading takes (full-width, Han numerals, 號).
func TestFullAddressFloorNeedsRoom(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	found := func(s string) bool {
		for _, f := range e.Find([]byte(s)) {
			if f.Category == CNAddress {
				return true
			}
		}
		return false
	}
	for _, s := range []string{
		"浙江省杭州市西湖区文三路100号3层301室",
		"浙江省杭州市西湖区文三路100号9楼21号",
		"浙江省杭州市西湖区文三路100号锦电苑8栋",
		"浙江省杭州市西湖区文三路100号5号楼",
		"浙江省杭州市西湖区文三路１００号５号楼２单元",
		"浙江杭州西湖区文三路100号2单元2楼西户",
		"臺灣省臺北市大安區忠孝路100號3樓301室",
	} {
		if !found(s) {
			t.Errorf("a home not found: %s", s)
		}
	}
	for _, s := range []string{
		"浙江省杭州市西湖区文三路100号3层",
		"浙江省杭州市西湖区文三路100号12楼",
		"浙江省杭州市西湖区文三路100号3層會議室",
		"浙江省杭州市西湖区文三路100号三楼大厅",
		"浙江省杭州市西湖区文三路100号共36层",
		"出租浙江省杭州市西湖区文三路100号一室一厅",
		"浙江省杭州市西湖区文三路100号两室出租",
	} {
		if found(s) {
			t.Errorf("a floor with no room taken for a home: %s", s)
		}
	}
}
