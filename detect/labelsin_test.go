package detect

import (
	"encoding/binary"
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// TestHasLabelValueByte holds hasLabelValueByte to isLabelValueByte on
// every byte at every place of a word, among neighbours that a carry or
// borrow would disturb (0x00, 0x7F, 0x80, 0xFF and the bytes around '0',
// '9', '*' and ']'), and on random words.
func TestHasLabelValueByte(t *testing.T) {
	want := func(w uint64) bool {
		for k := range 8 {
			if isLabelValueByte(byte(w >> (8 * k))) {
				return true
			}
		}
		return false
	}
	fillers := []byte{0x00, 0x7F, 0x80, 0xFF, 0x2F, 0x3A, 0x29, 0x2B, 0x5C, 0x5E, 0xB0, 0xB9, 0xAA, 0xDD, 'a'}
	checked := 0
	for _, f := range fillers {
		for _, g := range fillers {
			for place := range 8 {
				for b := range 256 {
					var p [8]byte
					for k := range p {
						p[k] = f
						if k%2 == 1 {
							p[k] = g
						}
					}
					p[place] = byte(b)
					w := binary.LittleEndian.Uint64(p[:])
					if got := hasLabelValueByte(w); got != want(w) {
						t.Fatalf("hasLabelValueByte(% x) = %v", p, got)
					}
					checked++
				}
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 1 << 20 {
		w := r.Uint64()
		if got := hasLabelValueByte(w); got != want(w) {
			t.Fatalf("hasLabelValueByte(%#x) = %v", w, got)
		}
		checked++
	}
	if checked < 1<<20 {
		t.Fatalf("only %d words checked", checked)
	}
}

// labelsInReference is labelsIn as it was written first: a byte at a time
// back to the last value byte, and a byte at a time forward.
func labelsInReference(idx *labelIndex, text []byte, lo, hi int) CategorySet {
	for k := hi - 1; k >= lo; k-- {
		if isLabelValueByte(text[k]) {
			lo = k + 1
			break
		}
	}
	var cats CategorySet
	for i := lo; i < hi; i++ {
		if b := text[i]; b < utf8.RuneSelf {
			if !idx.asciiStarts[b] || i > 0 && (isLabelWordByte(text[i-1]) || text[i-1] == '[') {
				continue
			}
		} else if !utf8.RuneStart(b) || !idx.mayMatchAt(text[:hi], i) {
			continue
		}
		if lw, ok := idx.searchAt(text[:hi], i); ok {
			cats |= lw.cats
			i += len(lw.word) - 1
		}
	}
	return cats
}

// TestLabelsInAsReference holds labelsIn to labelsInReference on random
// texts made of labels, values, masks, Han characters, their stray and
// broken bytes, and every window of them.
func TestLabelsInAsReference(t *testing.T) {
	pieces := []string{"电话", "手机号", "姓名", "地址：", "身份证号", "name:", "phone", "Email", "tel", "1", "23", "*", "]", "[", "x",
		"的", "号", "甲", " ", "，", "\xe7", "\x9a\x84", "\xe7\x9a", "\xff", "_", "a1", "[MOBILE]", "联系人", "收货人", "住址"}
	r := rand.New(rand.NewPCG(3, 4))
	found, checked := 0, 0
	for range 3000 {
		var text []byte
		for range 1 + r.IntN(30) {
			text = append(text, pieces[r.IntN(len(pieces))]...)
		}
		for lo := 0; lo <= len(text); lo += 1 + r.IntN(3) {
			for hi := lo; hi <= len(text); hi += 1 + r.IntN(3) {
				got, want := labels.labelsIn(text, lo, hi), labelsInReference(labels, text, lo, hi)
				if got != want {
					t.Fatalf("labelsIn(%q, %d, %d) = %v, want %v", text, lo, hi, got, want)
				}
				if want != 0 {
					found++
				}
				checked++
			}
		}
	}
	if found < checked/10 {
		t.Fatalf("labels found in only %d of %d windows", found, checked)
	}
}
