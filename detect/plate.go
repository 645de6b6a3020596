package detect

import "slices"

// Vehicle plates: a province character, an authority letter, then five
// characters (the last may be 挂学警港澳), or six for new-energy plates
// (newEnergySerial).
// A serial of five with fewer than three digits (京A·AB1C2, chosen
// numbers) is read only after a plate label: too like other codes.

const plateProvinces = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领"

// plateIndex is the registry place of cn_plate, for the test made on
// every province character of whether plates are looked for.
var plateIndex = catIndex(CNPlate.index())

// maxPlateBytes bounds a plate's normalised value: a province character,
// a letter and six characters, or four and a suffix character.
const maxPlateBytes = 3 + 1 + 6 + 3

var plateSuffixes = map[rune]bool{'挂': true, '学': true, '警': true, '港': true, '澳': true, '领': true, '试': true, '超': true}

// plate tries a plate at text[i], a province character, and returns its
// end or i.
func (s *scanner) plate(i int) int {
	if !s.e.enabled.has(plateIndex) {
		return i
	}
	_, size := decodeRune(s.text[i:])
	pos := i + size
	if pos >= len(s.text) {
		return i
	}
	u := decodeUnit(s.text, pos)
	if u.kind != uLetter || u.val < 'A' || u.val > 'Z' || u.val == 'I' {
		return i // no authority has the letter I, too like a 1 (京I12345 is a code)
	}
	// the scratch space is grown once to hold any plate, and kept: the
	// appends below never allocate
	norm := slices.Grow(s.scratch[:0], maxPlateBytes)
	s.scratch = norm
	norm = append(norm, s.text[i:i+size]...)
	norm = append(norm, u.val)
	obf := u.obf
	pos += u.size
	// optional separator: · • - space
	if pos < len(s.text) {
		if v := decodeUnit(s.text, pos); v.kind == uSep {
			pos += v.size
		}
	}
	var chars [6]byte
	n, digits, end := 0, 0, pos
	for n < 6 && end < len(s.text) {
		step()
		v := decodeUnit(s.text, end)
		if v.kind == uIgnore {
			end += v.size
			continue
		}
		if v.kind == uDigit || (v.kind == uLetter && v.val >= 'A' && v.val <= 'Z' && v.val != 'I' && v.val != 'O') {
			chars[n] = v.val
			n++
			if v.kind == uDigit {
				digits++
			}
			obf = obf || v.obf
			end += v.size
			continue
		}
		if r, rs := decodeRune(s.text[end:]); n == 4 && plateSuffixes[r] {
			chars[n] = '*' // marks a suffix character in the shape check
			n++
			norm = append(norm, chars[:4]...)
			norm = append(norm, s.text[end:end+rs]...)
			end += rs
			return s.emitPlate(i, end, norm, obf, false)
		}
		break
	}
	if n < 5 || digits == 0 {
		return i
	}
	if end < len(s.text) {
		if v := decodeUnit(s.text, end); isWordUnit(v) {
			return i
		}
	}
	if n == 6 && !newEnergySerial(chars) {
		return i
	}
	return s.emitPlate(i, end, append(norm, chars[:n]...), obf, digits < 3)
}

// emitPlate emits a plate; labelOnly says only a label confirms it.
func (s *scanner) emitPlate(start, end int, norm []byte, obf, labelOnly bool) int {
	ev := EvStructure
	if obf {
		ev |= EvObfuscated
	}
	if s.emit(cand{ok: true, cat: CNPlate, conf: 0.85, ev: ev, start: start, end: end, norm: norm, weak: labelOnly, labelOnly: labelOnly}) {
		return end
	}
	return start
}

// newEnergySerial reports whether six serial characters are a new-energy
// plate's: D or F first or last (GA 36-2018), or, in the series opened in
// 2022, a first letter A–K (D, A, B, C, E battery-electric; F, G, H, J, K
// others) before a letter or digit and four digits (京AA92035).
func newEnergySerial(c [6]byte) bool {
	if c[0] == 'D' || c[0] == 'F' || c[5] == 'D' || c[5] == 'F' {
		return true
	}
	if c[0] < 'A' || c[0] > 'K' || c[0] == 'I' {
		return false
	}
	for _, d := range c[2:] {
		if !isASCIIDigit(d) {
			return false
		}
	}
	return true
}
