package bodyformat

import "testing"

// TestShortPieceJoinsNothing checks the runs readBase64 skips by
// shortPiece: base64Token, joining or not, gives each one alone, shorter
// than any token read, on the corpora's lines and random texts of
// pieces, gaps and padding, where runs are skipped and read both often.
func TestShortPieceJoinsNothing(t *testing.T) {
	pieces := []string{"MTM4", "MTIz", "NDU2Nzg=", "dGVs", "ab", "abc", "MTM4MTIzNDU2Nzg", "The", "word", "Zz9",
		" ", "  ", "\t", "\n", "\r\n", "*", "-", "_", "=", ".", ",", "手", "\\"}
	in := &inspector{}
	skipped, read := 0, 0
	for _, text := range gateCorpus(t, pieces, 40000) {
		for i := 0; i < len(text); i++ {
			if !base64Bytes[text[i]] {
				continue
			}
			end := base64End(text, i+1)
			if !shortPiece(text, i, end) {
				read++
				continue
			}
			skipped++
			for _, join := range []bool{false, true} {
				start, e, tok := in.base64Token(text, i, join)
				if start != i || e != end || len(tok) >= minBase64Token {
					t.Fatalf("%q at %d (join %v): token [%d,%d) of %d bytes, want the piece [%d,%d) alone", text, i, join, start, e, len(tok), i, end)
				}
			}
		}
	}
	if skipped < 10000 || read < 10000 {
		t.Fatalf("%d runs skipped, %d read: too few of one", skipped, read)
	}
}
