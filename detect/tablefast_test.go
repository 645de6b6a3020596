package detect

import (
	"math/rand/v2"
	"slices"
	"testing"
	"unicode"
	"unicode/utf8"
)

// tableHeaderReference is tableHeader as it was before it skipped the
// cells starting with an ASCII byte: every cell read by headerLabel.
func (s *scanner) tableHeaderReference(ls, end int, sep byte, strict, record bool) bool {
	if record {
		s.tableCols = s.tableCols[:0]
	}
	named := false
	for col, p := 0, ls; p <= end; col++ {
		a, b, next := s.tableCell(p, end, sep)
		p = next
		if a == b {
			continue
		}
		lw, ok := s.headerLabel(a, b)
		switch {
		case ok && lw.cats.has(nameIndex) && !lw.ascii:
			named = true
			if record {
				s.tableCols = append(s.tableCols, col)
			}
		case strict && !ok:
			return false
		}
	}
	return named
}

// tableHeaderTexts returns labelFastTexts, header lines whose name
// labels stand after what tableCell trims or right after an ASCII byte,
// and random lines of cells: label words (every one of the registry's)
// with what may come before and after them in a header, split by each
// of tableSeps.
func tableHeaderTexts() [][]byte {
	var words [][]byte
	for _, bucket := range labels.ascii {
		for _, lw := range bucket {
			words = append(words, lw.word)
		}
	}
	for _, bucket := range labels.han {
		for _, lw := range bucket {
			words = append(words, lw.word, lw.word, lw.word)
		}
	}
	before := []string{"", "", "", "a", "1", "\"", "**", " ", "\t", "\u3000", "\u200b", "\ufeff", "紧急", "客户", "我是", "x\u3000", "{\"", "_"}
	after := []string{"", "", "", "1", "2", ":", "：", "（必填）", "(选填)", "\"", "**", " ", "\u200b", "a", "\":\"张三"}
	r := rand.New(rand.NewPCG(55, 1))
	texts := labelFastTexts()
	for range 3000 {
		sep := tableSeps[r.IntN(len(tableSeps))]
		var line []byte
		for c := range 1 + r.IntN(5) {
			if c > 0 {
				line = append(line, sep)
			}
			line = append(line, before[r.IntN(len(before))]...)
			line = append(line, words[r.IntN(len(words))]...)
			line = append(line, after[r.IntN(len(after))]...)
		}
		texts = append(texts, line)
	}
	for _, line := range []string{
		"联系人,手机", "\"联系人\",\"手机\"", "x联系人,姓名", "**姓名**|电话", "\u3000联系人,手机",
		"\u200b联系人,手机", "a\u3000姓名,手机", "联　系　人\t手机", "紧急联系人;电话", "name,姓名1,联系人2",
		"1联系人,手机", "_姓名_,`联系人`", "{\"联系人\":\"张三\",\"姓名\":\"李四\"}", " \t姓名 ,手机",
	} {
		texts = append(texts, []byte(line))
	}
	return texts
}

// TestTableHeaderSkipSameAsReference holds tableHeader, which does not
// read the cells starting with an ASCII byte unless strict, to its
// reference on every line of the texts, for every separator, strict or
// not, recording or not: the same answer and the same name columns.
func TestTableHeaderSkipSameAsReference(t *testing.T) {
	named := 0
	for _, text := range tableHeaderTexts() {
		s := &scanner{text: text}
		for ls := 0; ls < len(text); {
			end := indexByteFrom(text, ls, '\n')
			for _, sep := range tableSeps {
				for _, strict := range []bool{false, true} {
					for _, record := range []bool{false, true} {
						got := s.tableHeader(ls, end, sep, strict, record)
						gotCols := append([]int(nil), s.tableCols...)
						want := s.tableHeaderReference(ls, end, sep, strict, record)
						if got != want || record && !slices.Equal(gotCols, s.tableCols) {
							t.Fatalf("tableHeader(%q, %q, strict %v, record %v) = %v %v, want %v %v",
								text[ls:end], sep, strict, record, got, gotCols, want, s.tableCols)
						}
						if got {
							named++
						}
					}
				}
			}
			ls = end + 1
		}
	}
	if named < 100 {
		t.Fatalf("only %d header lines found: the test tests little", named)
	}
}

// TestSpaceOrInvisibleRuneSameAsTables holds spaceOrInvisibleRune, which
// answers a Han character before the Unicode tables, and cellGapRune,
// glueSpaceAt and skipSpacedGap through it, to the tables alone on every
// code point of the Basic and Supplementary Multilingual and Ideographic
// Planes.
func TestSpaceOrInvisibleRuneSameAsTables(t *testing.T) {
	for r := rune(0x80); r < 0x30000; r++ {
		want := unicode.Is(unicode.Zs, r) || invisibleRune(r)
		if got := spaceOrInvisibleRune(r); got != want {
			t.Fatalf("spaceOrInvisibleRune(%U) = %v, want %v", r, got, want)
		}
	}
	for r := rune(0); r < 0x30000; r++ {
		want := r == ' ' || r == '\t' || r >= utf8.RuneSelf && (unicode.Is(unicode.Zs, r) || invisibleRune(r))
		if got := cellGapRune(r); got != want {
			t.Fatalf("cellGapRune(%U) = %v, want %v", r, got, want)
		}
	}
}
