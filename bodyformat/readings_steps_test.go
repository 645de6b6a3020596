//go:build detectsteps

package bodyformat

import (
	"bytes"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestComplexityArraysReading checks that the arrays reading looks at
// each byte a bounded number of times on shapes built against it:
// literals that never close (one of each quote, then arrays inside
// them), arrays nested beyond maxArrayDepth, long unclosed arrays of
// strings and numbers, escapes.
func TestComplexityArraysReading(t *testing.T) {
	readingLinear(t, decodeArrays, map[string]string{
		"unclosed quotes": "[\"[`['[",
		"open arrays":     "[",
		"string elements": `["a",`,
		"number elements": `[1234,`,
		"escapes":         `["\\\"\\`,
		"closed arrays":   `["138"],`,
		"nested":          `[["1"],[2,`,
		"stops":           `[1,x`,
		// decoys: every literal ends with a '[' the reading looks again from
		"decoys":         `'["'; d = ["a",`,
		"decoy chain":    `"[" /* [" */ x`,
		"decoy literals": `["[", "[", `,
		"decoy tails":    `[ "a[ " x `,
		// calls: words that hold Array, calls never closed
		"array words": "myArray(Array",
		"array calls": `Array.of("a",`,
	})
}

// TestComplexityDelimitedReading checks that the delimited reading reads
// each byte a bounded number of times on runs built against it: groups of
// one digit, long runs with every delimiter, gaps that almost close, runs
// with no end that hold an identifier (read a second time to join them),
// 17 digits before a check X set apart (or a reference that almost is one).
func TestComplexityDelimitedReading(t *testing.T) {
	readingLinear(t, decodeDelimited, map[string]string{
		"one a bar":   "1|",
		"long groups": "12345678901234567890|",
		"gaps":        "1 | -",
		"lines":       "138\n",
		"ids":         "11010519900101123X|",
		"wide":        "１｜",
		// runs of any length read twice when some groups hold an identifier
		"padded runs": "1～",
		"long gaps":   "138\u200b \u00a0|\u00a0 \u200b",
		"labelled":    "手机 138|1234|5678|",
		"x apart":     "身份证 11010519900101123|X ",
		"x lookalike": "身份证 11010519900101123 | ✕",
		"x almost":    "11010519900101123|&times|",
	})
}

// readingLinear checks, for each shape (a unit repeated), that decode
// takes at most four steps a byte, and that 8n bytes cost at most 8.8
// times what n bytes do (and a step a byte).
func readingLinear(t *testing.T, decode func([]byte) ([]byte, []int32, bool), shapes map[string]string) {
	t.Helper()
	readingLinearWithin(t, decode, shapes, 4)
}

// base64StepsPerByte bounds the base64 readings' steps a byte
// (TestComplexityBase64OtherCharsets, TestComplexityBase64Stripped): six,
// not readingLinear's four, since the blob reading (base64blob.go,
// attack54a F8, F9) took "words" (Content-Security-Policy-Report-Only
// repeated) from 3.7 to 5.06. Its 663,057 steps on 128 KiB: base64Token
// 0.97 a byte, strippedFindings 1.94 (two mixed-case words are joined
// across the space, decode to nothing and are read again alone, as
// readBase64 must for -EncodedCommand //50AG…), otherCharsetsOf 0.81,
// hasUTF8Run's look for a run of text 1.00 and the raw deflate sniff
// 0.33, each one look a decoded byte. Nothing of it is read twice by
// mistake: four would drop a reading, the blob's or the join's retry.
const base64StepsPerByte = 6

// readingLinearWithin is readingLinear with a bound of perByte steps a
// byte on the larger size.
func readingLinearWithin(t *testing.T, decode func([]byte) ([]byte, []int32, bool), shapes map[string]string, perByte int64) {
	t.Helper()
	for name, unit := range shapes {
		steps := func(n int) int64 {
			b := bytes.Repeat([]byte(unit), n/len(unit))
			resetReadingSteps()
			decode(b)
			return readingSteps.Load()
		}
		if large := stepsGrowLinearly(t, name, steps); large > perByte*8*stepsUnit {
			t.Errorf("%s: %d steps for %d bytes", name, large, 8*stepsUnit)
		}
	}
}

// stepsUnit is the smaller of the two sizes stepsGrowLinearly measures.
const stepsUnit = 16 << 10

// stepsGrowLinearly checks that the steps taken on 8n bytes are at most
// 8.8 times those taken on n bytes (and a step a byte), n = stepsUnit,
// and returns the steps on 8n bytes.
func stepsGrowLinearly(t *testing.T, name string, steps func(n int) int64) int64 {
	t.Helper()
	const n = stepsUnit
	small, large := steps(n), steps(8*n)
	t.Logf("%-16s %8d steps for %d B, %9d for %d B", name, small, n, large, 8*n)
	if float64(large) > 8.8*float64(small)+float64(n) {
		t.Errorf("%s: %d steps for %d bytes but %d for %d", name, small, n, large, 8*n)
	}
	return large
}

// TestComplexityHexReading checks that the hex reading reads each byte a
// bounded number of times: one long run, dumps of every separator, runs
// that almost continue, and runs of UTF-16 and NUL bytes; dumps over
// lines (offsets, ASCII columns, lines that do not go on), C arrays.
func TestComplexityHexReading(t *testing.T) {
	readingLinear(t, func(b []byte) ([]byte, []int32, bool) { return decodeHexText(b, new(hexDump)) }, map[string]string{
		"one run":     "3",
		"spaced":      "31 ",
		"colons":      "31:",
		"escaped":     `\x31`,
		"broken dump": "31 333 ",
		"prefixes":    "0x31",
		"utf-16":      "0031",
		"nul":         "00",
		// dumps over lines: offsets, ASCII columns that end no dump or
		// many, groups of four, C arrays, blanks before no group
		"xxd lines":       "00000010: 3133 3831  ..13\n",
		"xxd dead ends":   "3133  zz ",
		"ascii columns":   "0: 31  31  31  3 \n",
		"offsets":         "0:  ",
		"hexdump -C":      "00000000  31 33  |13|\n",
		"c array":         "0x31, ",
		"c array lines":   "0x31,\n",
		"long lines":      "31333831323334353637383930\n",
		"blanks":          "31     ",
		"dotted":          "31.",
		"protobuf":        "0a0b31",
		"bom":             "fffe3100",
		"broken group":    "3133 313 ",
		"offset no group": "\n00000000:  x",
		// little-endian words (od -x, hexdump, xxd -e read both ways), a
		// lone first byte, offsets with no words, decimal lists
		"od lines":       "0000000 3331 3833\n",
		"od words":       "0000000 3331 ",
		"od offsets":     "0000000 \n",
		"xxd -e":         "00000000: 31383331 35343332\n",
		"xxd -e one":     "00000000: 31383331 ",
		"lone byte":      "31 3338 ",
		"decimal commas": "31, 35, ",
	})
}

// TestComplexityCharCodesReading checks that the char codes reading
// looks at each byte a bounded number of times: calls and byte arrays
// that never close, brackets after no call, names before white space,
// calls glued to a word; calls that do not parse and calls that do,
// after many that did not (attack pass 37: each failed call copied all
// the text before it again).
func TestComplexityCharCodesReading(t *testing.T) {
	readingLinear(t, decodeCharCodes, map[string]string{
		"unclosed calls":  "String.fromCharCode(49,",
		"unclosed of":     "Uint8Array.of(1,",
		"closed calls":    "String.fromCharCode(49,50)+",
		"closed of":       "Uint8Array.of(49,50,);",
		"mixed calls":     "String.fromCharCode(49,Uint8Array.of(1,String.fromCharCode(51);",
		"computed codes":  "t+=String.fromCharCode(e[n]^7);",
		"unclosed arrays": "new Uint8Array([49, 51, ",
		"closed arrays":   "bytes([49, 51]) ",
		"brackets":        "bytes([{(",
		"spaced names":    "Buffer.from   (   [  ",
		"names":           "bytearray byte[] []byte Uint8Array ",
		"decoys":          "xbytes([1]) ",
		// the spellings of attack pass 38: comments, spread, apply and
		// call, numbers with points and exponents
		"open comments":   "String.fromCharCode(/*",
		"comment calls":   "String.fromCharCode(/* fromCharCode(49, */ 49,",
		"line comments":   "fromCharCode(49, // x\n",
		"unclosed spread": "String.fromCharCode(...[49, ...[",
		"closed spread":   "String.fromCharCode(...[49, 50,],)+",
		"unclosed apply":  "String.fromCharCode.apply(null, [49e0, 0o61, ",
		"closed apply":    "x.fromCharCode.apply(this,[49.0,0b110001]);",
		"this calls":      "fromCharCode.apply(fromCharCode.call(fromCharCode.apply(a,",
		"bracket names":   `String["fromCharCode"](49,String['fromCodePoint'](`,
		"exponents":       "fromCharCode(49e-0000000000000000001,490e-1,",
		// codes as the engine takes them: signs, names, wide numbers,
		// surrogates, Reflect.apply
		"signed codes":  "fromCharCode(-65487,- -/**/+49.9,",
		"named codes":   "fromCharCode(NaN,Infinity,null,true,-",
		"wide codes":    "fromCharCode(18446744073709551665,0x1ffffffffffffffffff,1e400,",
		"surrogates":    "fromCharCode(0xD835,0xDFCF,0xD835,",
		"reflect":       "Reflect.apply(String.fromCharCode,null,[65585,Reflect.apply(",
		"bracket apply": `String["fromCharCode"].apply(null,[49,`,
	})
}

// TestComplexityToneMarksReading checks that the tone marks reading looks
// at each character once.
func TestComplexityToneMarksReading(t *testing.T) {
	readingLinear(t, decodeToneMarks, map[string]string{
		"marked":   "yāo ",
		"unmarked": "中文",
	})
}

// TestComplexityMarkupValueNesting checks that markup in a JSON value,
// read in every reading, does not nest readings of readings: percent
// escapes that decode to more markup, layer upon layer, cost the same a
// byte at every size.
func TestComplexityMarkupValueNesting(t *testing.T) {
	eng := testEngine(t)
	for name, unit := range map[string]string{
		"percent layers": `<b>1</b>%3Cb%3E2%253Cb%253E3%25253Cb%25253E`,
		"tags":           `<p>手机：</p><p>138</p><i>`,
	} {
		steps := func(n int) int64 {
			body := `{"v":"` + strings.Repeat(unit, n/len(unit)) + `"}`
			detect.ResetSteps()
			resetReadingSteps()
			if _, err := Inspect(eng, []byte(body), ctJSON, "", Redact, Limits{}); err != nil {
				t.Fatal(err)
			}
			return detect.Steps() + readingSteps.Load()
		}
		stepsGrowLinearly(t, name, steps)
	}
}

// TestComplexityPositionalReading checks that the reading of named parts
// looks at each byte a bounded number of times: chains that never add
// up, names with no digits, names alone.
func TestComplexityPositionalReading(t *testing.T) {
	readingLinear(t, decodePositional, map[string]string{
		"chains":   "前三位138，中间1234，",
		"no digit": "前三位是，中间四位",
		"names":    "位位出生中后末尾",
		"counts":   "前三位一二三",
	})
}

// TestComplexityStatementDocs checks that looking for the JSON documents
// of a script's statements reads each byte a bounded number of times:
// candidates that never close, nested candidates, valid documents,
// JSON.parse literals (closed, never closed, quotes of both kinds).
func TestComplexityStatementDocs(t *testing.T) {
	readingLinear(t, func(b []byte) ([]byte, []int32, bool) {
		statementDocs(b)
		return nil, nil, false
	}, map[string]string{
		"unclosed":   `x=["a",`,
		"nested":     `=[=[=[`,
		"documents":  `a={"b":1};`,
		"calls":      `f(["x",f(["y",`,
		"parse":      `JSON.parse('{"a":1}', r);`,
		"parse open": `JSON.parse('{`,
		"parse both": `JSON.parse('{"x",JSON.parse("{'y',`,
		"parse tmpl": "JSON.parse(`{${",
		// candidates that never close, one a line, each of which read to
		// the end of the run of them before (attack pass of 2026-12-05)
		"bracket lines": "[\n",
		"brace lines":   "{\n",
		"mixed lines":   "[\n{a:\n",
		"call lines":    "f(\n[\n",
		"comments":      "x = /* c */ [",
		"comment ends":  "*/ [",
		"clean script":  "var cfg = {debug: false, retries: 3, hosts: ['a', 'b']};\nchart.setData([150, 2304, 1800]);\nif (a[i] == b) { f({x: 1}); }\n",
	})
}

// TestComplexityStatementDocsNested checks that the candidates nested in
// one that never closes, or in a literal that code goes on from
// ([…].map(f)), are not each read to its end: n lines of "[" (closed, or
// not), then code, then a literal.
func TestComplexityStatementDocsNested(t *testing.T) {
	for name, shape := range map[string]func(k int) string{
		"unclosed": func(k int) string { return "var x =\n" + strings.Repeat("[\n", k) + "0\n;\n{a: 1}\n" },
		"then code": func(k int) string {
			return "var x =\n" + strings.Repeat("[\n", k) + "1" + strings.Repeat("]", k) + ".map(f);\n{a: 1}\n"
		},
		"deep": func(k int) string { return "var x =" + strings.Repeat("[", k) + "\n0;\n{a: 1}\n" },
	} {
		size := 0
		large := stepsGrowLinearly(t, name, func(n int) int64 {
			b := []byte(shape(n / 3))
			size = len(b)
			resetReadingSteps()
			docs := statementDocs(b)
			if len(docs) == 0 || string(b[docs[len(docs)-1].lo:docs[len(docs)-1].hi]) != "{a: 1}" {
				t.Errorf("%s: the literal after %d bytes not read", name, len(b))
			}
			return readingSteps.Load()
		})
		// a literal code goes on from is read twice (jsValueLen, then
		// json.Valid), its nested document twice more
		if large > 5*int64(size) {
			t.Errorf("%s: %d steps for %d bytes", name, large, size)
		}
	}
}

// TestComplexityStatementNames checks that reading the names statements'
// documents are assigned to looks at each byte a bounded number of
// times: short and long names, white space before "=".
func TestComplexityStatementNames(t *testing.T) {
	readingLinear(t, func(b []byte) ([]byte, []int32, bool) {
		for _, d := range statementDocs(b) {
			nameHint(b[:d.lo])
		}
		return nil, nil, false
	}, map[string]string{
		"names":      `mobile = [1];`,
		"long names": strings.Repeat("a", 100) + ` = [1];`,
		"spaces":     "x" + strings.Repeat(" ", 100) + "=" + strings.Repeat("\t", 100) + "[1];",
	})
}

// TestComplexityJSLiterals checks that looking for a script's data
// literals (jsValueLen) among its statements reads each byte a bounded
// number of times: valid literals, literals that never close, nested
// ones, strings and comments that never close, literals that turn out to
// hold code.
func TestComplexityJSLiterals(t *testing.T) {
	readingLinear(t, func(b []byte) ([]byte, []int32, bool) {
		statementDocs(b)
		return nil, nil, false
	}, map[string]string{
		"literals":     `a={b:'1',c:[2,],};`,
		"unclosed":     `x={a:'1',`,
		"nested":       `=[{a:[`,
		"comment":      `x={/*`,
		"line comment": "x={a:1,//\n",
		"open string":  `x={a:'`,
		"both quotes":  `x={a:'",x={b:"',`,
		"code":         `x={a:f(),b:[1,g()]};`,
		"names":        `x={a:b.c.d,e:!0,f:g.`,
		"templates":    "x={a:`${",
		"inner":        `x={a:{b:[1]},c:{d:{e:2}},g:h()};`,
		"inner open":   `x={a:{b:[1]},c:{d:{e:2}},`,
		"deep":         `x=[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1`,
	})
}

// TestComplexityReadingWindows checks that finding the windows of a
// reading looks at each byte a bounded number of times, whether its
// changes are dense, a margin apart or far apart, and whether its edges
// find a line break, a word break or neither.
func TestComplexityReadingWindows(t *testing.T) {
	shapes := map[string]string{
		"dense":        "%",
		"a margin":     strings.Repeat("a ", readingMargin/2) + "%",
		"far apart":    strings.Repeat("a ", 2*readingMargin) + "%",
		"lines":        strings.Repeat("a\n", 2*readingMargin) + "%",
		"no breaks":    strings.Repeat("a", 3*readingMargin) + "%",
		"digit groups": strings.Repeat("1 ", 3*readingMargin) + "%",
		// one long line, escapes just too far apart for windows to merge:
		// every edge searches for a quiet stretch
		"gap 258": "%" + strings.Repeat("ab ", 86),
		"gap 270": "%" + strings.Repeat("ab ", 90),
		"gap 400": "%" + strings.Repeat("ab ", 133),
		"gap 600": "%" + strings.Repeat("ab ", 200),
	}
	for name, unit := range shapes {
		steps := func(n int) int64 {
			text := bytes.Repeat([]byte(unit), n/len(unit))
			dec := bytes.ReplaceAll(text, []byte("%"), []byte("#"))
			offs := make([]int32, len(dec)+1)
			for k := range offs {
				offs[k] = int32(k)
			}
			resetReadingSteps()
			changedWindows(text, dec, offs, false, nil)
			return readingSteps.Load()
		}
		if large := stepsGrowLinearly(t, name, steps); large > 4*8*stepsUnit {
			t.Errorf("%s: %d steps for %d bytes, more than four a byte", name, large, 8*stepsUnit)
		}
	}
}

// TestComplexityPercentReading checks that the percent reading answers
// in one pass when nothing in text decodes (percent signs without
// escapes), and stays linear when something does.
func TestComplexityPercentReading(t *testing.T) {
	readingLinear(t, decodePercent, map[string]string{
		"signs":   "25% ",
		"bare":    "%",
		"almost":  "%3%u003",
		"escapes": "%31",
	})
}

// TestComplexityTagCharsReading checks that the tag characters reading
// reads each byte a bounded number of times: tags one after another, tags
// between digits, lead bytes of tags that mirror nothing (a variation
// selector, CANCEL TAG) and lead bytes cut short.
func TestComplexityTagCharsReading(t *testing.T) {
	readingLinear(t, decodeTagChars, map[string]string{
		"tags":      "\U000E0031",
		"between":   "1\U000E0033",
		"selectors": "\U000E0100\U000E007F",
		"cut":       "\xF3\xA0\x80",
	})
}

// TestComplexityEscapedPercentReadings checks that the percent escapes
// reading of the escapes stage reads each byte a bounded number of times:
// '%' that start no escape (each looked at once), and escapes.
func TestComplexityEscapedPercentReadings(t *testing.T) {
	readingLinear(t, decodeEscapedPercents, map[string]string{
		"no escapes": `%+%x%`,
		"escapes":    `%31`,
		"almost":     `%3%u003`,
	})
}
