//go:build detectsteps

package bodyformat

import (
	"bytes"
	"testing"
)

// TestStepsPDFReading checks that reading a PDF's strings looks at each
// byte a bounded number of times: strings that never close, nested
// parentheses, escapes, hex strings that break off, streams without an
// endstream, many small objects with streams, comments, runs of strings,
// text moves and numbers, names, stream lengths good and bad, filter
// dictionaries and ASCIIHexDecode streams.
func TestStepsPDFReading(t *testing.T) {
	eng := testEngine(t)
	units := map[string]string{
		"open parens":      "(",
		"nested":           "((a)",
		"escapes":          "(\\061\\(\\\\\\\n",
		"hex breaking off": "<3 1 3x",
		"hex opens":        "<",
		"dicts":            "<<",
		"streams":          "1 0 obj << /Length 1 >> stream\nx\nendstream endobj ",
		"open streams":     "obj stream\n(",
		"stream words":     "stream stream\r\n",
		"comments":         "%(abc\n",
		"string runs":      "(13) Tj (8) Tj [(1) -2 (2)] TJ ",
		"words":            "Td BT ET /F1 Tf ",
		"moves":            "(1) Tj 12 0 Td (2) Tj 0 -14 Td 1 0 0 1 2 3 Tm T* 0.5 Tc /F2 9 Tf ",
		"long numbers":     "12345678901234567890123456789012345678901234.5-+ ",
		"names":            "/F1/Length/Length1 ",
		"lengths":          "1 0 obj << /Length1 1 /Length1 /Length 5 >> stream\nxxxxx\nendstream endobj ",
		"bad lengths":      "obj << /Length 3 0 R /Length 99999999999 >> stream\nx endstream ",
		"length runs":      "obj << /Length1 /Length2 /Length3 /Length4 ",
		"filter dicts":     "obj << /F#69lter [/Fl#61teDecode /AHx] /DecodeParms << /Predictor 1 >> >> stream\nx\nendstream ",
		"filter arrays":    "obj << /Filter [/Fl /Fl /Fl /Fl /Fl /X 1 (a) <<>> ] /Predictor /P 3 >> stream\r\n",
		"hash names":       "obj << /F#6#6##41#zz# /Filter [/F#41#4 >> stream\n",
		"carried streams":  "obj << >> stream\nBT (1) Tj\nendstream (2) obj stream\n(3) Tj 0 -1 Td\nendstream ",
		"attached files":   "obj << /Type /EmbeddedFile >> stream\nitem,qty 12,13.80 (a) x\nendstream ",
		"hex streams":      "obj << /Filter /AHx >> stream\n3 1 3 x>\nendstream ",
		"length refs":      "1 0 obj << /Length 2 0 R /Length 1 0 R >> stream\nx endstream\nendstream endobj 2 0 obj 1 endobj 3  obj obj 4 0 obj 5",
		"a85 streams":      "obj << /Filter /A85 >> stream\nz87cURD]i,\"Ebo80~>\nendstream ",
		"a85 broken":       "obj << /Filter /A85 >> stream\n87c\x00URD\nendstream ",
		"rl streams":       "obj << /Filter /RL >> stream\n\x02abc\xfe1\x80\nendstream ",
		"rl repeats":       "obj << /Filter /RL >> stream\n\x81(\x81)\x81 \nendstream ",
		"lzw streams":      "obj << /Filter /LZW >> stream\n" + string(lzwOf([]byte("BT (Order 12) Tj ET (1) Tj"), 1)) + "\nendstream ",
		"lzw garbage":      "obj << /Filter /LZW >> stream\n\xff\xfe\x00\x80\nendstream ",
		"dict comments":    "obj << /X 1 %<< (\n/Filter %c\n/Fl /T (<<(\\)>>) /H <3E3E /DP [<< /Predictor 12 >> null 5 0 R [1] << /X << /Columns 2 >> >>] >> stream\nx\nendstream ",
		"dict opens":       "obj << /Filter [ << [ ( << /DecodeParms [ << /Predictor <<",
		"dict closes":      ">> ] >> ) ] /F /DecodeParms << /BPC 1 /Colors ",
		"unknown filters":  "obj << /Filter [/Bogus /AHx /X#41 /Crypt] >> stream\n3 1 g 3>\nendstream ",
		"a85 digits":       "obj << /Filter /A85 >> stream\n!!z!!\f\x00vvvvv~\nendstream ",
		"lzw above table":  "obj << /Filter /LZW /DecodeParms << /EarlyChange 2 >> >> stream\n" + lzwLiteral([]byte("(1) Tj"), 511, []byte("(2)")) + "\nendstream ",
		"tiff sub-byte":    "obj << /Filter /Fl /DecodeParms << /Predictor 2 /BPC 3 /Colors 3 /Columns 5 >> >> stream\n" + string(zlibOf("(1) Tj (2) Tj (3) Tj")) + "\nendstream ",
		"tiff 16":          "obj << /Filter /Fl /DecodeParms << /Predictor 2 /BPC 16 /Columns 70000 >> >> stream\n" + string(zlibOf("(1) Tj (2) Tj (3) Tj")) + "\nendstream ",
		"image streams":    "obj << /Subtype /Image /Filter /AHx >> stream\n" + string(hexOfBytes([]byte("(1)(2)(3) 4 [(5)] 6 Td (7) Tj"))) + "\nendstream obj << /Subtype /Image >> stream\n(8) (9) x\nendstream ",
		"predictor rows":   "obj << /Filter /Fl /DecodeParms << /Predictor 12 /Columns 3 >> >> stream\n" + string(zlibOf(string(pngPredicted([]byte("(1) Tj (2) Tj"), 3, 1)))) + "\nendstream ",
	}
	for name, unit := range units {
		stepsGrowLinearly(t, name, func(n int) int64 {
			b := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte(unit), n/len(unit)+1)...)
			in := &inspector{eng: eng, mode: Redact, lim: Limits{}.withDefaults(), meter: newMeter(Limits{}.withDefaults())}
			resetReadingSteps()
			if _, err := in.pdf(b, 0, 0); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			return readingSteps.Load()
		})
	}
}
