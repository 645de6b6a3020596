package detect

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// The gates put before a detector's work (a precondition without which it
// can find nothing) must change no answer: each test here runs the gated
// function and the ungated one it replaced on the same texts, at every
// character of them, and compares what they return.

// gateAlphabet is what the random texts are made of: digits in every
// spelling the unit decoder reads (ASCII, full-width, Chinese, character
// references), invisible characters, separators, letters, Han characters
// and '@'.
var gateAlphabet = []string{
	"0", "1", "3", "5", "8", "9", "０", "１", "〇", "零", "一", "&#48;", "&#x31;", "&amp;",
	"\u200b", "\u00ad", "\ufeff", " ", "-", ".", "@", "＠", "a", "Z", "张", "省", "市", "路", "号", "\u3000", "\xff",
}

// gateTexts returns the texts the gate tests compare on: random strings of
// gateAlphabet, the synthetic shapes and records, and the lines of the
// corpora under ../../shared/corpora when they are there.
func gateTexts(t *testing.T) [][]byte {
	t.Helper()
	r := rand.New(rand.NewPCG(29, 8))
	var texts [][]byte
	for range 4000 {
		var b []byte
		for n := 1 + r.IntN(24); n > 0; n-- {
			b = append(b, gateAlphabet[r.IntN(len(gateAlphabet))]...)
		}
		texts = append(texts, b)
	}
	for _, s := range synth.Shapes {
		texts = append(texts, s.Gen(rand.New(rand.NewPCG(1, 1)), 4<<10))
	}
	texts = append(texts, synth.CustomersJSON(rand.New(rand.NewPCG(1, 1)), 16<<10, true))
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpora", "*", "*"))
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, bytes.Split(data, []byte("\n"))...)
	}
	return texts
}

// mobileTrunkAtUngated is mobileTrunkAt as it was before its gate: twelve
// digits read first, the trunk 0 checked after.
func mobileTrunkAtUngated(text []byte, pos int, scratch []byte) cand {
	d, end, ok := readDigits(text, pos, 12, 12, scratch)
	if !ok || d[0] != '0' || !cnMobilePrefixOK(d[1:]) || !numberEnds(text, end) {
		return cand{}
	}
	return cand{ok: true, cat: CNMobile, conf: 0.8, ev: EvStructure, start: pos, end: end, norm: d[1:]}
}

// TestMobileTrunkGateChangesNothing: mobileTrunkAt, which reads no digit
// unless the first is a 0, answers as the ungated reader does everywhere,
// and the texts hold trunk mobiles for it to find.
func TestMobileTrunkGateChangesNothing(t *testing.T) {
	texts := gateTexts(t)
	// trunk mobiles, plain and with an invisible character first
	for _, m := range []string{"013800138000", "\u200b013912345678", "０１３８００１３８０００", "&#48;15100221432"} {
		texts = append(texts, []byte(m), []byte("手机："+m+"。"))
	}
	found := 0
	for _, text := range texts {
		for pos := 0; pos <= len(text); pos++ {
			if pos < len(text) && !utf8.RuneStart(text[pos]) {
				continue
			}
			got := mobileTrunkAt(text, pos, nil)
			want := mobileTrunkAtUngated(text, pos, nil)
			if got.ok != want.ok || got.start != want.start || got.end != want.end || !bytes.Equal(got.norm, want.norm) {
				t.Fatalf("mobileTrunkAt(%q, %d) = %+v, ungated %+v", text, pos, got, want)
			}
			if got.ok {
				found++
			}
		}
	}
	if found < 8 {
		t.Errorf("only %d trunk mobiles found: the comparison saw too few", found)
	}
}

// asciiGateAlphabet makes ASCII texts that hold findings: digits enough
// for mobiles and IDs, e-mail parts, labels and separators.
var asciiGateAlphabet = []string{
	"13800138000", "11010519491231002X", "4111111111111111", "zhang.san@qq.com", " at ", " dot ", "@",
	"Tel: ", "name=", "id:", "&#24352;", "&#x4E09;", "0", "1", "-", " ", ",", ":", "(", ")", "\t", "a", "Z",
}

// TestNamesNearFindingsNeedNonASCII: on a text of ASCII bytes alone with
// no mobile (namesPossible false), namesNearFindings, run regardless, adds
// no name after the main pass, whatever the hint, on texts that hold
// findings; with a mobile, namesPossible lets a contact segment of
// letters be read (kitty,138…: contactsegment.go).
func TestNamesNearFindingsNeedNonASCII(t *testing.T) {
	texts := gateTexts(t)
	r := rand.New(rand.NewPCG(29, 9))
	for range 4000 {
		var b []byte
		for n := 1 + r.IntN(12); n > 0; n-- {
			b = append(b, asciiGateAlphabet[r.IntN(len(asciiGateAlphabet))]...)
		}
		texts = append(texts, b)
	}
	e := MustCompile(Policy{})
	all := NewCategorySet(AllCategories...)
	checked := 0
	for _, text := range texts {
		if !asciiOnly(text) {
			if bytes.IndexFunc(text, func(r rune) bool { return r >= utf8.RuneSelf }) < 0 {
				t.Fatalf("asciiOnly(%q) = false on ASCII bytes", text)
			}
			continue
		}
		if bytes.IndexFunc(text, func(r rune) bool { return r >= utf8.RuneSelf }) >= 0 {
			t.Fatalf("asciiOnly(%q) = true", text)
		}
		for _, hint := range []CategorySet{0, all} {
			s := e.newScanner(text, hint)
			s.pass()
			if len(s.hits) > 0 {
				s.sortHits()
				s.confirmByProximity()
				s.newSweep()
				mobile := false
				for _, h := range s.hits {
					mobile = mobile || h.cat == mobileIndex
				}
				if len(text) <= maxASCIIGate && s.namesPossible() != mobile {
					t.Fatalf("namesPossible on ASCII text %q: %v, with a mobile %v", text, s.namesPossible(), mobile)
				}
				if s.namesNearFindings() && !mobile {
					t.Fatalf("namesNearFindings found a name in ASCII text %q (hint %x)", text, hint)
				}
				checked++
			}
			s.release()
		}
	}
	// the control: the same run finds the name of a record in Han
	s := e.newScanner([]byte("张三，13800138000"), 0)
	s.pass()
	s.sortHits()
	s.confirmByProximity()
	s.newSweep()
	if !s.namesPossible() || !s.namesNearFindings() {
		t.Error("no name found next to the mobile of 张三，13800138000")
	}
	s.release()
	if checked < 2000 {
		t.Errorf("only %d ASCII texts with findings compared", checked)
	}
}
