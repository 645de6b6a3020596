package bodyformat

// stretchBreaks3 has a bit for each character of three bytes that ends
// what mayDelimit counts (mayDelimitOther's last case): no digit
// (digitRunes3), no delimiter, and no gap character but an ideograph.
// An ideograph of Chinese text is one, so a run of them is skipped a
// character a look-up (pastStretchBreaks3).
var stretchBreaks3 = func() (t [0x10000 / 64]uint64) {
	for r := rune(0x800); r < 0x10000; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue // (no character: threeByteRune reads none)
		}
		if digitRunes3[r>>6]&(1<<(r&63)) == 0 && !delimiter(r) && (isIdeograph(r) || !gapSpace(r)) {
			t[r>>6] |= 1 << (r & 63)
		}
	}
	return t
}()

// pastStretchBreaks3 returns where the run of three-byte characters of
// stretchBreaks3 at text[i:] ends (i itself when none starts there).
func pastStretchBreaks3(text []byte, i int) int {
	for {
		r, ok := threeByteRune(text[i:])
		if !ok || stretchBreaks3[r>>6]&(1<<(r&63)) == 0 {
			return i
		}
		i += 3
	}
}
