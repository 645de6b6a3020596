package bodyformat

// pdfOps are the words pdf.js's content lexer knows as operators
// (evaluator.js getOPMap, with the partial words it reserves for the
// lexer: BM, BD, fa…false, nu…null); a word is cut where it stops being
// one (pdfOpPrefix).
var pdfOps = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		"w", "J", "j", "M", "d", "ri", "i", "gs", "q", "Q", "cm",
		"m", "l", "c", "v", "y", "h", "re", "S", "s", "f", "F", "f*",
		"B", "B*", "b", "b*", "n", "W", "W*",
		"BT", "ET", "Tc", "Tw", "Tz", "TL", "Tf", "Tr", "Ts", "Td", "TD", "Tm", "T*",
		"Tj", "TJ", "'", "\"", "d0", "d1",
		"CS", "cs", "SC", "SCN", "sc", "scn", "G", "g", "RG", "rg", "K", "k",
		"sh", "BI", "ID", "EI", "Do", "MP", "DP", "BMC", "BDC", "EMC", "BX", "EX",
		"BM", "BD", "true", "fa", "fal", "fals", "false", "nu", "nul", "null",
	} {
		m[w] = true
	}
	return m
}()

// pdfOpPrefix returns the length of the first word pdf.js's content
// lexer reads from the run of regular characters w (pdfOpWord).
func pdfOpPrefix(w []byte) int { return pdfOpWord(w, 0) }

// pdfOpWord returns where the word pdf.js's content lexer reads at b[i]
// (a regular character) ends: a byte outside printable ASCII followed by
// one inside is a word of its own, and a word that is an operator ends
// where one more character would make it none ("(…)TjET" is Tj ET, "QTj"
// is Q Tj); any other runs to the next white space or delimiter. Only
// the word's own bytes are looked at.
func pdfOpWord(b []byte, i int) int {
	if i+1 < len(b) && (b[i] < 0x21 || b[i] > 0x7f) && b[i+1] >= 0x20 && b[i+1] <= 0x7f {
		countReadingSteps(1)
		return i + 1
	}
	j := i + 1
	known := pdfOps[string(b[i:j])]
	for j < len(b) && isPDFRegular(b[j]) {
		if known && !pdfOps[string(b[i:j+1])] {
			break
		}
		j++
		known = j-i <= 6 && pdfOps[string(b[i:j])]
	}
	countReadingSteps(j - i)
	return j
}
