package detect

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

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

// TestLastValueByte holds lastValueByte to a byte-by-byte walk back with
// isLabelValueByte: every byte in every position of windows of every
// length up to 20, among bytes of every kind (letters, value bytes, bytes
// next to them, bytes with the high bit set that look like them below it),
// with value bytes on both sides of the window that it never reads.
func TestLastValueByte(t *testing.T) {
	fills := []byte{'a', '0', '9', '/', ':', '*', ')', '+', ']', '\\', '^', 0x80 | '0', 0x80 | '*', 0x80 | ']', 0xE4, 0xFF, 0x00}
	want := func(text []byte, lo, hi int) int {
		for k := hi - 1; k >= lo; k-- {
			if isLabelValueByte(text[k]) {
				return k
			}
		}
		return lo - 1
	}
	for b := 0; b < 256; b++ {
		for _, fill := range fills {
			for n := 0; n <= 20; n++ {
				for pos := 0; pos < n; pos++ {
					// value bytes around the window: none of them is its
					text := make([]byte, n+4)
					for k := range text {
						text[k] = '0'
					}
					lo, hi := 2, 2+n
					for k := lo; k < hi; k++ {
						text[k] = 'x'
					}
					for k := pos + 1; k < n; k++ {
						text[lo+k] = fill
					}
					text[lo+pos] = byte(b)
					if got, w := lastValueByte(text, lo, hi), want(text, lo, hi); got != w {
						t.Fatalf("lastValueByte(% x, %d, %d) = %d, want %d", text, lo, hi, got, w)
					}
				}
			}
		}
	}
}
