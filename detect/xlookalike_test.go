package detect

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestXLookalikesSorted: isXLookalike searches the table, which must be
// sorted, free of duplicates and of ASCII.
func TestXLookalikesSorted(t *testing.T) {
	if !slices.IsSorted(xLookalikes) {
		t.Fatal("xLookalikes is not sorted")
	}
	for k, r := range xLookalikes {
		if r < utf8.RuneSelf || k > 0 && xLookalikes[k-1] == r {
			t.Errorf("xLookalikes[%d] = %U: ASCII or a duplicate", k, r)
		}
	}
}

// TestXLookalikesDecomposition checks the decomposition part of the set
// (see xLookalikes) against the normalisation tables: every character
// whose compatibility decomposition, its combining marks left out, is "X"
// or "x" is a look-alike.
func TestXLookalikesDecomposition(t *testing.T) {
	n := 0
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if r >= 0xD800 && r <= 0xDFFF || !unicode.IsPrint(r) {
			continue
		}
		base := strings.Map(func(c rune) rune {
			if unicode.Is(unicode.M, c) {
				return -1
			}
			return c
		}, norm.NFKD.String(string(r)))
		if base != "X" && base != "x" {
			continue
		}
		n++
		if !isXLookalike(r) {
			t.Errorf("%U %c decomposes to %q but is no look-alike", r, r, base)
		}
	}
	if n < 30 {
		t.Errorf("only %d characters decompose to X: the tables were not read", n)
	}
}

// TestXLookalikesConfusable: the characters Unicode's confusables.txt
// gives the skeleton X or x (a sample of each script and kind) are
// look-alikes; characters that merely share a name are not.
func TestXLookalikesConfusable(t *testing.T) {
	for _, r := range []rune{'×', 'Χ', 'Х', 'х', '᙭', 'ᚷ', 'Ⅹ', '╳', 'Ⲭ', 'ⵝ', 'ꓫ', 'Ꭓ', 'Ｘ', '𐊐', '𐌗', '𐌢', '𐔧', '𑣬', '𝚾', '𝞦', 'ᕁ', 'ᕽ', '⤫', '⨯'} {
		if !isXLookalike(r) {
			t.Errorf("%U %c is confusable with X but no look-alike", r, r)
		}
	}
	for _, r := range []rune{'⊗', '⊠', 'ᵡ', 'Ꭽ', 'ハ', 'ㄒ', '+', '*', 'X', 'x', '✓', '乘'} {
		if isXLookalike(r) {
			t.Errorf("%U %c is no X to a reader", r, r)
		}
	}
}

// TestCheckXApartMasks: under every mask style, an ID whose check X is
// set apart by a bracket keeps the X and what stands before
// it; its digits are masked, the birth date never shows, a second
// redaction changes nothing, and a stream written in small pieces says
// the same.
func TestCheckXApartMasks(t *testing.T) {
	r := rand.New(rand.NewPCG(91, 91))
	for _, style := range []MaskStyle{MaskPartial, MaskFull, MaskLabel, MaskHash} {
		e := MustCompile(Policy{FingerprintKey: []byte("k"), Mask: style})
		for range 5 {
			id := synth.CNID18X(r)
			head := id[:17]
			for _, tail := range []string{"(✕)", "(X)", "（×）", " (❌)", "(&times)"} {
				text := "身份证 " + head + tail + " 谢谢"
				out, fs := e.Redact([]byte(text))
				if len(fs) != 1 || fs[0].Category != CNID || bytes.Contains(out, []byte(id[6:14])) || !bytes.HasSuffix(out, []byte(tail+" 谢谢")) {
					t.Errorf("%s %q: %v -> %q", style, text, fs, out)
				}
				if style == MaskPartial && !bytes.Contains(out, []byte(head[:4]+"**********"+head[14:]+tail)) {
					t.Errorf("%s %q -> %q: the mask writes the X a second time", style, text, out)
				}
				if again, _ := e.Redact(out); !bytes.Equal(again, out) {
					t.Errorf("%s %q -> %q -> %q", style, text, out, again)
				}
				var buf bytes.Buffer
				w := e.NewStreamRedactor(&buf, nil)
				for k := 0; k < len(text); k += 5 {
					w.Write([]byte(text[k:min(k+5, len(text))]))
				}
				w.Close()
				if bytes.Contains(buf.Bytes(), []byte(id[6:14])) {
					t.Errorf("%s stream %q -> %q", style, text, buf.Bytes())
				}
			}
		}
	}
}
