package detect

import "strconv"

// International bank account numbers: a country code, two check digits
// and the country's BBAN, checked against the country's format
// (data/iban_bban.txt), mod 97 and, where the country has them, national
// check digits. Written however people write them: in fours, in uneven
// groups, with a space after the country code, with dots or dashes.

// ibanFormat is what a country's IBANs look like.
type ibanFormat struct {
	length  int    // the IBAN's length: 4 plus the BBAN's
	classes string // one class a BBAN character: 'n' digit, 'a' letter, 'c' either
}

// ibanFormats holds the IBAN format of every country that has IBANs, by
// country code.
var ibanFormats = func() map[string]ibanFormat {
	m := make(map[string]ibanFormat)
	forEachLine("iban_bban.txt", func(line string) {
		cc, structure := line[:2], line[3:]
		f := ibanFormat{length: 4}
		var classes []byte
		for k := 0; k < len(structure); {
			step()
			j := k
			for j < len(structure) && structure[j] >= '0' && structure[j] <= '9' {
				step()
				j++
			}
			n, err := strconv.Atoi(structure[k:j])
			if err != nil || j == len(structure) || n <= 0 || n > 30 {
				panic("detect: iban_bban.txt: bad structure " + line)
			}
			for range n {
				step()
				classes = append(classes, structure[j])
			}
			f.length += n
			k = j + 1
		}
		f.classes = string(classes)
		m[cc] = f
	})
	return m
}()

// maxIBAN is the length of the longest IBAN.
const maxIBAN = 34

// ibanIndex is the registry place of iban, for the tests made on every
// number and capital pair of whether IBANs are looked for.
var ibanIndex = catIndex(IBAN.index())

// ibanSep reports the separators people write between an IBAN's groups.
func ibanSep(u unit) bool {
	return (u.kind == uSep || u.kind == uOther) && (u.val == ' ' || u.val == '-' || u.val == '.')
}

// iban reads an IBAN starting at text[start] (its two country letters)
// and emits it when it is one. It returns the end of the IBAN, also of
// one that fails its checks but is written as IBANs are (the country code
// alone or with its check digits as the first group) with the country's
// length: its digits are the BBAN of a mistyped IBAN, not landlines or
// cards. It returns 0 for anything else.
func (s *scanner) iban(start int) int {
	var buf [maxIBAN]byte
	n, pos := 0, start
	sepOK := false   // a separator may come next
	head := 0        // characters before the first separator
	var lower uint64 // the characters written in lower case
	upper := false   // some letter is written in upper case
	for pos < len(s.text) && n < maxIBAN {
		step()
		u := decodeUnit(s.text, pos)
		switch {
		case u.kind == uDigit || u.kind == uLetter:
			if u.val >= 'a' && u.val <= 'z' {
				lower |= 1 << n
			} else if u.kind == uLetter {
				upper = true
			}
			buf[n] = upperASCII(u.val)
			n++
			pos += u.size
			sepOK = n >= 2
			continue
		case u.kind == uIgnore:
			pos += u.size
			continue
		case sepOK && ibanSep(u):
			// one separator, then the next group
			if head == 0 {
				head = n
			}
			if next := pos + u.size; next < len(s.text) && isWordUnit(decodeUnit(s.text, next)) {
				pos, sepOK = next, false
				continue
			}
		}
		break
	}
	if n < 15 || buf[2] < '0' || buf[2] > '9' || buf[3] < '0' || buf[3] > '9' {
		return 0
	}
	f, ok := ibanFormats[string(buf[:2])]
	if !ok || f.length > n {
		return 0
	}
	end := s.ibanCharEnd(start, f.length)
	if end == 0 {
		return 0 // the IBAN's last character runs on into a longer token
	}
	v := buf[:f.length]
	if upper {
		lower &= 1<<f.length - 1
	} else {
		lower = 0 // written all in lower case: as good as upper
	}
	if !ibanBBANOK(v, f, lower) || !mod97OK(v) || maskNear(s.text, end) {
		if head == 2 || head == 4 {
			return end
		}
		return 0
	}
	if end < len(s.text) {
		if u := decodeUnit(s.text, end); u.kind == uAt || isLocalPartUnit(u) && localPartAhead(s.text, end) {
			return 0 // part of an e-mail address
		}
	}
	if u, _, ok := unitBefore(s.text, start); ok && u.kind == uAt {
		// an address's domain (0@GB35.SXMS 3175…): read so on the first
		// reading, it would be an IBAN on the second, the local part
		// masked
		return 0
	}
	c := cand{ok: true, cat: IBAN, conf: 0.95, ev: EvChecksum | EvStructure, start: start, end: end, norm: append(s.scratch[:0], v...)}
	s.emit(c)
	return end
}

// spacedIBAN handles the digits at text[i] that follow a country code and
// one space (ES 58 0049 …, full-width too: ＥＳ ５８ …) and returns the end
// of the IBAN, or 0.
func (s *scanner) spacedIBAN(i int) int {
	t := s.text
	if i == 0 || t[i-1] != ' ' {
		return 0 // wideASCIIBefore answers ' ' for an ASCII space alone (no full-width form is one)
	}
	sp, n1 := wideASCIIBefore(t, i)
	if sp != ' ' {
		return 0
	}
	b, n2 := wideASCIIBefore(t, i-n1)
	a, n3 := wideASCIIBefore(t, i-n1-n2)
	start := i - n1 - n2 - n3
	if !isUpperASCII(a) || !isUpperASCII(b) {
		return 0
	}
	if c, _ := wideASCIIBefore(t, start); isLabelWordByte(c) {
		return 0
	}
	if !s.e.enabled.has(ibanIndex) {
		return 0
	}
	cc := [2]byte{a, b}
	if _, ok := ibanFormats[string(cc[:])]; !ok {
		return 0
	}
	return s.iban(start)
}

func isUpperASCII(b byte) bool { return b >= 'A' && b <= 'Z' }

// ibanCharEnd returns the byte offset after the want-th alphanumeric
// character from start, if no letter or digit follows it; 0 otherwise.
func (s *scanner) ibanCharEnd(start, want int) int {
	pos, n := start, 0
	for pos < len(s.text) {
		step()
		u := decodeUnit(s.text, pos)
		pos += u.size
		if u.kind == uDigit || u.kind == uLetter {
			if n++; n == want {
				if pos < len(s.text) && isWordUnit(decodeUnit(s.text, pos)) {
					return 0
				}
				return pos
			}
		}
	}
	return 0
}

// ibanBBANOK checks an IBAN's BBAN against its country's format and the
// national check digits of the countries whose IBANs carry them. lower
// marks the characters written in lower case in an IBAN that has upper-case
// letters too: the letters of a bank code are capitals (LV80 bANK … is a
// typo or a forgery).
func ibanBBANOK(v []byte, f ibanFormat, lower uint64) bool {
	bban := v[4:]
	for k, class := range []byte(f.classes) {
		step()
		c := bban[k]
		switch class {
		case 'n':
			if c < '0' || c > '9' {
				return false
			}
		case 'a':
			if c < 'A' || c > 'Z' || lower&(1<<(k+4)) != 0 {
				return false
			}
		}
	}
	switch string(v[:2]) {
	case "ES":
		return esCheckOK(bban)
	case "BE":
		return atoi(bban[:10])%97 == beCheck(atoi(bban[10:12]))
	}
	return true
}

// beCheck maps a Belgian account's check number to the remainder it
// stands for: 97 stands for 0.
func beCheck(n int) int {
	if n == 97 {
		return 0
	}
	return n
}

// esCheckOK checks the two national check digits of a Spanish BBAN: one
// over the bank and branch, one over the account number.
func esCheckOK(bban []byte) bool {
	var head [10]byte
	head[0], head[1] = '0', '0'
	copy(head[2:], bban[:8])
	return esCheckDigit(head[:]) == bban[8] && esCheckDigit(bban[10:20]) == bban[9]
}

// esCheckDigit computes a Spanish check digit over ten digits.
func esCheckDigit(d []byte) byte {
	weights := [10]int{1, 2, 4, 8, 5, 10, 9, 7, 3, 6}
	sum := 0
	for k, c := range d {
		step()
		sum += int(c-'0') * weights[k]
	}
	switch r := 11 - sum%11; r {
	case 11:
		return '0'
	case 10:
		return '1'
	default:
		return byte('0' + r)
	}
}

// mod97OK checks an IBAN: move the first four characters to the end, read
// letters as 10..35, and the number mod 97 must be 1.
func mod97OK(iban []byte) bool {
	rem := 0
	for k := 0; k < len(iban); k++ {
		step()
		c := iban[(k+4)%len(iban)]
		switch {
		case c >= '0' && c <= '9':
			rem = (rem*10 + int(c-'0')) % 97
		case c >= 'A' && c <= 'Z':
			rem = (rem*100 + int(c-'A'+10)) % 97
		default:
			return false
		}
	}
	return rem == 1
}
