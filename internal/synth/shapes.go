package synth

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Shape is a kind of input for benchmarks and complexity tests: realistic
// text (prose, records) or a crafted, hostile one. Gen returns exactly n
// bytes of valid UTF-8, the same bytes for the same seed.
type Shape struct {
	Name string                           // short and stable: it appears in benchmark names
	Gen  func(r *rand.Rand, n int) []byte // exactly n bytes
}

// Shapes lists every input shape, the realistic ones first (prose, clean,
// mixed, csv, json, lookalikes), then the crafted ones, the last of which
// mixes all the crafted others.
var Shapes = []Shape{
	{"prose", Prose},
	{"clean", Clean},
	{"mixed", Mixed},
	{"csv", CustomersCSV},
	{"json", CustomersArray},
	{"lookalikes", Lookalikes},
	{"ones", Ones},
	{"fullwidth", SpacedFullWidth},
	{"hanzi", SpacedHanzi},
	{"charref", SpacedCharRefs},
	{"padref", PaddedCharRefs},
	{"zwsp", ZWSPDigits},
	{"ideosp", IdeographicSpaceDigits},
	{"mobiles", SpacedMobiles},
	{"dots", DotWords},
	{"at", AtChain},
	{"bracketat", BracketAtChain},
	{"labelzh", NameLabels},
	{"labelen", EnglishNameLabels},
	{"addrlabel", AddressLabels},
	{"platehead", PlateHeads},
	{"plates", PlateChain},
	{"zwrun", ZeroWidthRuns},
	{"dotlocal", DottedLocals},
	{"digits10k", LongDigitRuns},
	{"hostile", Hostile},
	{"imlabels", IMLabels},
	{"qqchain", QQChain},
	{"latlng", CoordChain},
	{"decimals", DecimalChain},
	{"hkids", HKIDChain},
	{"invisruns", InvisibleRuns},
}

// Fit returns b cut to at most n bytes at a UTF-8 boundary, then padded
// with ASCII spaces to exactly n bytes. It may reuse b's storage.
func Fit(b []byte, n int) []byte {
	if len(b) > n {
		i := n
		for i > 0 && !utf8.RuneStart(b[i]) {
			i--
		}
		b = b[:i]
	}
	if len(b) < n {
		b = append(b, bytes.Repeat([]byte{' '}, n-len(b))...)
	}
	return b
}

// repeatTo returns unit repeated to exactly n bytes (Fit).
func repeatTo(unit string, n int) []byte {
	return Fit([]byte(strings.Repeat(unit, n/len(unit)+1)), n)
}

// fillTo calls next until at least n bytes are written, and fits the result
// to n bytes.
func fillTo(n int, next func(b *bytes.Buffer)) []byte {
	var b bytes.Buffer
	b.Grow(n + 256)
	for b.Len() < n {
		next(&b)
	}
	return Fit(b.Bytes(), n)
}

// Prose is PlainProse fitted to n bytes: running text with no numbers and
// no personal data, the cheapest input for a filter.
func Prose(r *rand.Rand, n int) []byte { return Fit(PlainProse(r, n), n) }

// Clean is CleanProse fitted to n bytes: ordinary paragraphs, a quarter of
// them followed by a line with numbers, no personal data.
func Clean(r *rand.Rand, n int) []byte { return Fit(CleanProse(r, n), n) }

// Mixed is MixedCorpus fitted to n bytes: prose with personal data in
// varied forms every 300-600 bytes.
func Mixed(r *rand.Rand, n int) []byte { return Fit(MixedCorpus(r, n), n) }

// Lookalikes is CleanCorpus fitted to n bytes: number-dense text (order
// numbers, timestamps, UUIDs, IPs …) without personal data.
func Lookalikes(r *rand.Rand, n int) []byte { return Fit(CleanCorpus(r, n), n) }

// CustomersCSV returns n bytes of a customer export as CSV: a header, then
// one line per customer with name, resident ID, mobile, e-mail, address and
// bank card, all personal.
func CustomersCSV(r *rand.Rand, n int) []byte {
	head := false
	return fillTo(n, func(b *bytes.Buffer) {
		if !head {
			b.WriteString("name,id_card,mobile,email,address,bank_card\n")
			head = true
		}
		fmt.Fprintf(b, "%s,%s,%s,%s,%s,%s\n", CNName(r), CNID18(r), CNMobile(r), Email(r), CNAddress(r), UnionPayCard(r))
	})
}

// CustomersArray returns n bytes of a JSON array of customer objects
// (NewCustomer with personal data), followed by spaces. It is valid JSON
// whenever n holds at least one object; below that it is a prefix of one.
func CustomersArray(r *rand.Rand, n int) []byte {
	var b bytes.Buffer
	b.Grow(n + 1024)
	b.WriteByte('[')
	for id := 1; ; id++ {
		rec := NewCustomer(r, id, true).JSON()
		if id > 1 && b.Len()+1+len(rec)+1 > n {
			break
		}
		if id > 1 {
			b.WriteByte(',')
		}
		b.Write(rec)
		if b.Len()+1 > n {
			break
		}
	}
	b.WriteByte(']')
	return Fit(b.Bytes(), n)
}

// Ones returns "1 " repeated: separated single digits, as in a sudoku grid.
func Ones(_ *rand.Rand, n int) []byte { return repeatTo("1 ", n) }

// spacedDigits writes random digits, each spelt by spell and followed by
// sep.
func spacedDigits(r *rand.Rand, n int, spell func(string) string, sep string) []byte {
	return fillTo(n, func(b *bytes.Buffer) {
		b.WriteString(spell(digits(r, 1)))
		b.WriteString(sep)
	})
}

// SpacedFullWidth returns random full-width digits separated by spaces:
// "１ ３ ８ …".
func SpacedFullWidth(r *rand.Rand, n int) []byte { return spacedDigits(r, n, FullWidth, " ") }

// SpacedHanzi returns random digits spelt as Chinese numerals separated by
// spaces: "一 三 八 …".
func SpacedHanzi(r *rand.Rand, n int) []byte { return spacedDigits(r, n, ChineseNumerals, " ") }

// SpacedCharRefs returns random digits written as decimal character
// references separated by spaces: "&#49; &#51; …".
func SpacedCharRefs(r *rand.Rand, n int) []byte { return spacedDigits(r, n, HTMLDecimal, " ") }

// PaddedCharRefs returns random digits spelt as decimal character
// references with up to 300 leading zeros each (&#000…049;), separated by
// spaces.
func PaddedCharRefs(r *rand.Rand, n int) []byte {
	return spacedDigits(r, n, func(s string) string {
		return "&#" + strings.Repeat("0", r.IntN(301)) + strconv.Itoa(int(s[0])) + ";"
	}, " ")
}

// ZWSPDigits returns random digits separated by ZERO WIDTH SPACE (U+200B).
func ZWSPDigits(r *rand.Rand, n int) []byte {
	return spacedDigits(r, n, func(s string) string { return s }, "\u200B")
}

// IdeographicSpaceDigits returns random digits separated by IDEOGRAPHIC
// SPACE (U+3000).
func IdeographicSpaceDigits(r *rand.Rand, n int) []byte {
	return spacedDigits(r, n, func(s string) string { return s }, "\u3000")
}

// SpacedMobiles returns mobile numbers separated by single spaces.
func SpacedMobiles(r *rand.Rand, n int) []byte {
	return fillTo(n, func(b *bytes.Buffer) {
		b.WriteString(CNMobile(r))
		b.WriteByte(' ')
	})
}

// DotWords returns "a dot b dot c at d dot com " repeated: an e-mail
// spelt in words, over and over.
func DotWords(_ *rand.Rand, n int) []byte { return repeatTo("a dot b dot c at d dot com ", n) }

// AtChain returns single letters joined by '@': "a@b@c@d@…", one unending
// chain of would-be addresses.
func AtChain(_ *rand.Rand, n int) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		b.WriteByte(byte('a' + i%26))
		b.WriteByte('@')
	}
	return Fit(b.Bytes(), n)
}

// BracketAtChain returns words joined by " [at] ": "x [at] y [at] …".
func BracketAtChain(_ *rand.Rand, n int) []byte { return repeatTo("x [at] y [at] ", n) }

// NameLabels returns "姓名：" repeated: a name label followed by another.
func NameLabels(_ *rand.Rand, n int) []byte { return repeatTo("姓名：", n) }

// EnglishNameLabels returns "name: " repeated.
func EnglishNameLabels(_ *rand.Rand, n int) []byte { return repeatTo("name: ", n) }

// AddressLabels returns "地址：" repeated.
func AddressLabels(_ *rand.Rand, n int) []byte { return repeatTo("地址：", n) }

// IMLabels returns QQ and WeChat labels with nothing to read after them.
func IMLabels(_ *rand.Rand, n int) []byte { return repeatTo("QQ：微信：wx:vx=qq号 ", n) }

// QQChain returns "QQ号12345" repeated: labels and numbers glued together.
func QQChain(_ *rand.Rand, n int) []byte { return repeatTo("QQ号12345", n) }

// CoordChain returns "31.2304,121.4737," repeated: a long chain of
// latitude and longitude pairs, each number also a pair with the next.
func CoordChain(_ *rand.Rand, n int) []byte { return repeatTo("31.2304,-121.4737,", n) }

// DecimalChain returns precise decimals joined by dots and spaces: numbers
// that are never coordinates (1.23456.7) next to ones that could be.
func DecimalChain(_ *rand.Rand, n int) []byte { return repeatTo("1.23456.7 -12.34567 ", n) }

// HKIDChain returns Hong Kong ID shapes glued together, the last one
// unclosed: "A123456(7)A123456(".
func HKIDChain(_ *rand.Rand, n int) []byte { return repeatTo("A123456(7)A123456(", n) }

// PlateHeads returns "京A" repeated: plate prefixes with no plate.
func PlateHeads(_ *rand.Rand, n int) []byte { return repeatTo("京A", n) }

// PlateChain returns "京A12345" repeated: plates with nothing between them.
func PlateChain(_ *rand.Rand, n int) []byte { return repeatTo("京A12345", n) }

// ZeroWidthRuns returns letters and digits in turn, each followed by a run
// of 16 to 1024 zero-width characters (ZeroWidthChars).
func ZeroWidthRuns(r *rand.Rand, n int) []byte {
	i := 0
	return fillTo(n, func(b *bytes.Buffer) {
		if i%2 == 0 {
			b.WriteByte(byte('a' + r.IntN(26)))
		} else {
			b.WriteByte(byte('0' + r.IntN(10)))
		}
		i++
		for range between(r, 16, 1024) {
			b.WriteRune(pick(r, ZeroWidthChars))
		}
	})
}

// DottedLocals returns e-mail addresses whose local parts are 10 to 2000
// single letters joined by dots: "a.b.c.….z@example.com ".
func DottedLocals(r *rand.Rand, n int) []byte {
	return fillTo(n, func(b *bytes.Buffer) {
		for i := range between(r, 10, 2000) {
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteByte(byte('a' + r.IntN(26)))
		}
		b.WriteByte('@')
		b.WriteString(pick(r, EmailDomains))
		b.WriteByte(' ')
	})
}

// LongDigitRuns returns runs of 10000 random digits, one a line.
func LongDigitRuns(r *rand.Rand, n int) []byte {
	return fillTo(n, func(b *bytes.Buffer) {
		for range 10000 {
			b.WriteByte(byte('0' + r.IntN(10)))
		}
		b.WriteByte('\n')
	})
}

// crafted are the crafted shapes Hostile mixes.
var crafted = []func(*rand.Rand, int) []byte{
	Ones, SpacedFullWidth, SpacedHanzi, SpacedCharRefs, ZWSPDigits, IdeographicSpaceDigits,
	SpacedMobiles, DotWords, AtChain, BracketAtChain, NameLabels, EnglishNameLabels,
	AddressLabels, PlateHeads, PlateChain, ZeroWidthRuns, DottedLocals, LongDigitRuns,
	InvisibleRuns,
}

// Hostile returns pieces of 64 bytes to 16 KiB of every crafted shape in
// random order, one after another with a newline between them.
func Hostile(r *rand.Rand, n int) []byte {
	return fillTo(n, func(b *bytes.Buffer) {
		gen := pick(r, crafted)
		b.Write(gen(r, between(r, 64, 16<<10)))
		b.WriteByte('\n')
	})
}
