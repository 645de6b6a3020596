//go:build detectsteps

package bodyformat

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestStepsPDFReading checks that reading a PDF's strings looks at each
// byte a bounded number of times: strings that never close, nested
// parentheses, escapes, hex strings that break off, streams without an
// endstream, many small objects with streams, comments, runs of strings,
// text moves and numbers, names, stream lengths good and bad, filter
// dictionaries and decoded streams, the dictionary scan and decoders, the
// operands image-labelled streams keep and the strings they leave to the
// next stream, words cut at operators, and data read past a first
// "endstream".
func TestStepsPDFReading(t *testing.T) {
	eng := testEngine(t)
	const head = "%PDF-1.4\n"
	const tail = " >> stream\n(1) Tj\nendstream endobj"
	// each row: what opens the file, a unit repeated, what closes it
	carried := head + "obj << /Subtype /Image >> stream\n" + strings.Repeat("(1) h ", 5000) +
		"(ID " + synth.CNID18(rng(t.Name())) + ") h\nendstream endobj "
	units := map[string]struct{ head, unit, tail string }{
		"open parens":      {head, "(", ""},
		"nested":           {head, "((a)", ""},
		"escapes":          {head, "(\\061\\(\\\\\\\n", ""},
		"hex breaking off": {head, "<3 1 3x", ""},
		"hex opens":        {head, "<", ""},
		"dicts":            {head, "<<", ""},
		"streams":          {head, "1 0 obj << /Length 1 >> stream\nx\nendstream endobj ", ""},
		"open streams":     {head, "obj stream\n(", ""},
		"stream words":     {head, "stream stream\r\n", ""},
		"comments":         {head, "%(abc\n", ""},
		"string runs":      {head, "(13) Tj (8) Tj [(1) -2 (2)] TJ ", ""},
		"words":            {head, "Td BT ET /F1 Tf ", ""},
		"moves":            {head, "(1) Tj 12 0 Td (2) Tj 0 -14 Td 1 0 0 1 2 3 Tm T* 0.5 Tc /F2 9 Tf ", ""},
		"long numbers":     {head, "12345678901234567890123456789012345678901234.5-+ ", ""},
		"names":            {head, "/F1/Length/Length1 ", ""},
		"lengths":          {head, "1 0 obj << /Length1 1 /Length1 /Length 5 >> stream\nxxxxx\nendstream endobj ", ""},
		"bad lengths":      {head, "obj << /Length 3 0 R /Length 99999999999 >> stream\nx endstream ", ""},
		"length runs":      {head, "obj << /Length1 /Length2 /Length3 /Length4 ", ""},
		"filter dicts":     {head, "obj << /F#69lter [/Fl#61teDecode /AHx] /DecodeParms << /Predictor 1 >> >> stream\nx\nendstream ", ""},
		"filter arrays":    {head, "obj << /Filter [/Fl /Fl /Fl /Fl /Fl /X 1 (a) <<>> ] /Predictor /P 3 >> stream\r\n", ""},
		"hash names":       {head, "obj << /F#6#6##41#zz# /Filter [/F#41#4 >> stream\n", ""},
		"carried streams":  {head, "obj << >> stream\nBT (1) Tj\nendstream (2) obj stream\n(3) Tj 0 -1 Td\nendstream ", ""},
		"attached files":   {head, "obj << /Type /EmbeddedFile >> stream\nitem,qty 12,13.80 (a) x\nendstream ", ""},
		"hex streams":      {head, "obj << /Filter /AHx >> stream\n3 1 3 x>\nendstream ", ""},
		"length refs":      {head, "1 0 obj << /Length 2 0 R /Length 1 0 R >> stream\nx endstream\nendstream endobj 2 0 obj 1 endobj 3  obj obj 4 0 obj 5", ""},
		"a85 streams":      {head, "obj << /Filter /A85 >> stream\nz87cURD]i,\"Ebo80~>\nendstream ", ""},
		"a85 broken":       {head, "obj << /Filter /A85 >> stream\n87c\x00URD\nendstream ", ""},
		"rl streams":       {head, "obj << /Filter /RL >> stream\n\x02abc\xfe1\x80\nendstream ", ""},
		"rl repeats":       {head, "obj << /Filter /RL >> stream\n\x81(\x81)\x81 \nendstream ", ""},
		"lzw streams":      {head, "obj << /Filter /LZW >> stream\n" + string(lzwOf([]byte("BT (Order 12) Tj ET (1) Tj"), 1)) + "\nendstream ", ""},
		"lzw garbage":      {head, "obj << /Filter /LZW >> stream\n\xff\xfe\x00\x80\nendstream ", ""},
		"dict comments":    {head, "obj << /X 1 %<< (\n/Filter %c\n/Fl /T (<<(\\)>>) /H <3E3E /DP [<< /Predictor 12 >> null 5 0 R [1] << /X << /Columns 2 >> >>] >> stream\nx\nendstream ", ""},
		"dict opens":       {head, "obj << /Filter [ << [ ( << /DecodeParms [ << /Predictor <<", ""},
		"dict closes":      {head, ">> ] >> ) ] /F /DecodeParms << /BPC 1 /Colors ", ""},
		"unknown filters":  {head, "obj << /Filter [/Bogus /AHx /X#41 /Crypt] >> stream\n3 1 g 3>\nendstream ", ""},
		"a85 digits":       {head, "obj << /Filter /A85 >> stream\n!!z!!\f\x00vvvvv~\nendstream ", ""},
		"lzw above table":  {head, "obj << /Filter /LZW /DecodeParms << /EarlyChange 2 >> >> stream\n" + lzwLiteral([]byte("(1) Tj"), 511, []byte("(2)")) + "\nendstream ", ""},
		"tiff sub-byte":    {head, "obj << /Filter /Fl /DecodeParms << /Predictor 2 /BPC 3 /Colors 3 /Columns 5 >> >> stream\n" + string(zlibOf("(1) Tj (2) Tj (3) Tj")) + "\nendstream ", ""},
		"tiff 16":          {head, "obj << /Filter /Fl /DecodeParms << /Predictor 2 /BPC 16 /Columns 70000 >> >> stream\n" + string(zlibOf("(1) Tj (2) Tj (3) Tj")) + "\nendstream ", ""},
		"image streams":    {head, "obj << /Subtype /Image /Filter /AHx >> stream\n" + string(hexOfBytes([]byte("(1)(2)(3) 4 [(5)] 6 Td (7) Tj"))) + "\nendstream obj << /Subtype /Image >> stream\n(8) (9) x\nendstream ", ""},
		"predictor rows":   {head, "obj << /Filter /Fl /DecodeParms << /Predictor 12 /Columns 3 >> >> stream\n" + string(zlibOf(string(pngPredicted([]byte("(1) Tj (2) Tj"), 3, 1)))) + "\nendstream ", ""},
		"dp dicts":         {"%PDF-1.4\n1 0 obj << /Filter [/Fl] /DP [", "<<>>", tail},
		"dp arrays":        {"%PDF-1.4\n1 0 obj << /Filter [/Fl] /DP [", "[<< /Predictor 12 /Columns 3 >> null 1 0 R ", tail},
		"deep opens":       {"%PDF-1.4\n1 0 obj << /DecodeParms ", "[[<<[<<", tail},
		"deep closes":      {"%PDF-1.4\n1 0 obj << /DecodeParms ", ">>]]>>", tail},
		"image drops":      {"%PDF-1.4\n1 0 obj << /Subtype /Image >> stream\n", "(1) (2) x ", tail},
		"image kept":       {"%PDF-1.4\n1 0 obj << /Subtype /Image >> stream\n", "(1) Tj [(2)] TJ ", tail},
		"a85 z":            {"%PDF-1.4\n1 0 obj << /Filter /A85 >> stream\n", "z", tail},
		"a85 spaces":       {"%PDF-1.4\n1 0 obj << /Filter /A85 >> stream\n", " \n\t", tail},
		"lzw bytes":        {"%PDF-1.4\n1 0 obj << /Filter /LZW >> stream\n", "\x80\x40\x20\x10\x08", tail},
		"dict strings":     {"%PDF-1.4\n1 0 obj << /Filter /Fl /X ", "(a\\)b(c)d) <41> %x\n", tail},
		"length objs":      {"%PDF-1.4\n1 0 obj << /Length 1 0 R >> stream\nx\nendstream endobj ", "1 0 obj 5 endobj ", tail},
		"names escaped":    {"%PDF-1.4\n1 0 obj << ", "/F#69lter#2", tail},
		"rl literal":       {"%PDF-1.4\n1 0 obj << /Filter /RL >> stream\n", "\x7f", tail},
		"f before filter":  {"%PDF-1.4\n1 0 obj << ", "/F (x) /F /Fl /Filter /AHx ", tail},
		"operand stacks":   {"%PDF-1.4\n1 0 obj << /Subtype /Image >> stream\n", "(1) 2 Q [(3)] /N ", "\nendstream endobj"},
		"operands taken":   {"%PDF-1.4\n1 0 obj << /Subtype /Image >> stream\n", "(1) Q 1 w foo (2) Tj QTj\x80 ", "\nendstream endobj"},
		"glued operators":  {"%PDF-1.4\n1 0 obj << >> stream\n", "QQQQQQQQqqTjnullfalsefoo", "\nendstream endobj"},
		"carried strings":  {head, "obj << /Subtype /Image >> stream\n(1) (2) Q\nendstream obj << >> stream\nfoo Q (3) Tj\nendstream ", ""},
		"long data":        {head, "obj << /Length 9 0 R /Filter /AHx >> stream\n31 endstream 32 endstream 33\nendstream endobj ", ""},
		"endstreams":       {"%PDF-1.4\n1 0 obj << /Length 9 0 R /Filter /AHx >> stream\n", "31 endstream stream\n", "endobj"},
		// past 4096 operands put aside, each one more drops the oldest
		"held past bound": {"%PDF-1.4\n1 0 obj << /Subtype /Image >> stream\n", "BT 1 h ", "\nendstream endobj"},
		"held strings":    {"%PDF-1.4\n1 0 obj << /Subtype /Image >> stream\n", "BT (1) h ", "\nendstream endobj"},
		// a full stack carried, personal data on it, over many streams
		"carried stacks": {carried, "obj << >> stream\nq Q\nendstream ", ""},
		"carried images": {carried, "obj << /Subtype /Image >> stream\n(2) h Q\nendstream ", ""},
		"dict operands":  {"%PDF-1.4\n1 0 obj << /Subtype /Image >> stream\n", "/P <</MCID 0 /T (a) /D <<>> >> BDC ", "\nendstream endobj"},
		"inline images":  {"%PDF-1.4\n1 0 obj << /Subtype /Image >> stream\n", "BI /W 1 (I) ID (E EI ", "\nendstream endobj"},
		"inline opens":   {"%PDF-1.4\n1 0 obj << /Subtype /Image >> stream\n", "BI /W 1 ", "\nendstream endobj"},
		// the text position followed over text objects, q … Q and cm, and
		// content dictionaries read apart
		"line positions":     {"%PDF-1.4\n1 0 obj << >> stream\n", "BT /F1 12 Tf 1 0 0 1 72 700 Tm (1) Tj ET q 1 0 0 1 0 9 cm Q 0 TL T* 2 0 Td (2) ' 1 2 (3) \" ", "\nendstream endobj"},
		"deep q":             {"%PDF-1.4\n1 0 obj << >> stream\n", "q 2 0 0 2 0 0 cm (1) Tj ", "\nendstream endobj"},
		"deep Q":             {"%PDF-1.4\n1 0 obj << >> stream\n" + strings.Repeat("q 1 0 0 1 0 1 cm ", 100), "Q (1) Tj ", "\nendstream endobj"},
		"content dicts":      {"%PDF-1.4\n1 0 obj << >> stream\n", "(1) Tj /P <</A (2) /B <</C [(3) (4)]>> >> BDC (5) Tj EMC ", "\nendstream endobj"},
		"content dict opens": {"%PDF-1.4\n1 0 obj << >> stream\n", "<< (1) ", "\nendstream endobj"},
		"carried lines":      {head, "obj << >> stream\nBT 0 -20 Td (12) Tj ET BT 5 -20 Td (3) Tj ET\nendstream ", ""},
		"carried one line":   {head, "obj << >> stream\n(12) Tj\nendstream ", ""},
		"apostrophes":        {"%PDF-1.4\n1 0 obj << >> stream\n14 TL ", "(1) Tj (2) ' 0 0 (3) \" ", "\nendstream endobj"},
		// runs laid out by device position: many on one line drawn back to
		// front, two lines taken in turn, many lines of two runs each
		// drawn back to front, many under other transformations
		"runs back to front": {"%PDF-1.4\n1 0 obj << >> stream\nBT /F1 12 Tf 9999999 700 Td ", "-7 0 Td (1) Tj ", "\nendstream endobj"},
		"lines in turn":      {"%PDF-1.4\n1 0 obj << >> stream\nBT /F1 12 Tf ", "5 -14 Td (1) Tj 5 14 Td (2) Tj ", "\nendstream endobj"},
		"lines of two runs":  {"%PDF-1.4\n1 0 obj << >> stream\nBT /F1 12 Tf ", "20 -14 Td (1) Tj -10 0 Td (2) Tj ", "\nendstream endobj"},
		"runs under cm":      {"%PDF-1.4\n1 0 obj << >> stream\n", "q 1 0 0 1 -3 0 cm BT 9 0 Td (1) Tj ET ", "\nendstream endobj"},
		"TJ gaps":            {"%PDF-1.4\n1 0 obj << >> stream\nBT /F1 12 Tf ", "[(1) -300 (2) 50] TJ 0 -14 Td ", "\nendstream endobj"},
		// runs drawn over one another at one start (blanks, other sizes,
		// longer ones), a staircase of baselines each a little under the
		// last (one chain), and directions each turned a little from the
		// last around the circle (one direction, no gap to start from)
		"runs drawn over": {"%PDF-1.4\n1 0 obj << >> stream\n", "BT /F1 12 Tf 72 700 Td (1) Tj ET BT 72 700 Td ( ) Tj ET BT /F1 9 Tf 72 700 Td (22) Tj ET ", "\nendstream endobj"},
		"blank runs":      {"%PDF-1.4\n1 0 obj << >> stream\nBT /F1 12 Tf 9999999 700 Td ", "-7 0 Td ( ) Tj (\t) Tj (1) Tj ( ) Tj ", "\nendstream endobj"},
		"staircase":       {"%PDF-1.4\n1 0 obj << >> stream\nBT /F1 12 Tf 9999999 700 Td ", "-7 -0.4 Td (1) Tj ", "\nendstream endobj"},
		// pages told apart by their /Contents: many references in one
		// array, many pages naming streams, names that lead nowhere
		"contents refs":  {"%PDF-1.4\n1 0 obj << /Contents [", "1 0 R 2 0 R ", "] >> endobj 2 0 obj << >> stream\n(1) Tj\nendstream endobj"},
		"many pages":     {head, "1 0 obj << /Contents [2 0 R] >> endobj 2 0 obj << >> stream\nBT 9 9 Td (1) Tj ET\nendstream endobj 3 0 obj [2 0 R] endobj 4 0 obj << /Contents 3 0 R >> endobj ", ""},
		"contents names": {"%PDF-1.4\n", "/Contents /Contents 5 0 R /Contents [ 1 0 obj /ContentsX ", " 2 0 obj << >> stream\n(1) Tj\nendstream endobj"},
		// forms pages draw (/Fm1 Do): many pages naming one form and
		// drawing it many times, forms drawing themselves and each other
		"pages drawing a form": {"%PDF-1.4\n3 0 obj << /Subtype /Form >> stream\nBT 9 9 Td (1) Tj ET\nendstream endobj 2 0 obj << >> stream\n/Fm1 Do\nendstream endobj ", "1 0 obj << /Resources << /XObject << /Fm1 3 0 R /Fm2 3 0 R >> >> /Contents 2 0 R >> endobj obj << >> stream\n/Fm1 Do /Fm2 Do /Fm1 Do\nendstream endobj ", ""},
		"forms drawing forms":  {"%PDF-1.4\n1 0 obj << /Resources << /XObject << /A 3 0 R >> >> /Contents 2 0 R >> endobj 2 0 obj << >> stream\n/A Do\nendstream endobj ", "3 0 obj << /Subtype /Form /Resources << /XObject << /A 3 0 R /B 4 0 R >> >> >> stream\n/A Do /B Do (1) Tj\nendstream endobj 4 0 obj << /Subtype /Form /Resources 5 0 R >> stream\n/A Do /B Do /A Do\nendstream endobj 5 0 obj << /XObject << /A 3 0 R /B 4 0 R >> >> endobj ", ""},
		// keys spelt with #xx escapes (/Cont#65nts, /Res#6furces,
		// /XOb#6aect, /Par#65nt, /Matr#69x) and long escaped names
		"escaped contents names": {"%PDF-1.4\n", "/Cont#65nts /Contents 5 0 R /Cont#65nts [ 1 0 obj /Cont#65ntsX /#41#41#41#41#41#41#41#41#41#41#41#41#41#41 ", " 2 0 obj << >> stream\n(1) Tj\nendstream endobj"},
		"escaped keys":           {"%PDF-1.4\n3 0 obj << /Subtype /Form /Matr#69x [1 0 0 1 0 0] >> stream\nBT 9 9 Td (1) Tj ET\nendstream endobj 2 0 obj << >> stream\n/Fm1 Do\nendstream endobj 5 0 obj << /Res#6furces << /XOb#6aect << /Fm1 3 0 R >> >> >> endobj ", "1 0 obj << /Par#65nt 5 0 R /Cont#65nts 2 0 R >> endobj obj << >> stream\n/Fm1 Do\nendstream endobj 4 0 obj << /Res#6furces << /XOb#6aect << /Fm1 3 0 R >> >> /Cont#65nts 2 0 R >> endobj ", ""},
		"unclosed resources":     {"%PDF-1.4\n2 0 obj << >> stream\n/A Do\nendstream endobj ", "1 0 obj << /Contents 2 0 R /Resources << /XObject << /A 3 0 R ", ""},
		// compressed forms, drawn from compressed and plain content
		// streams, and a Do inside BT … ET of a compressed form
		"compressed forms drawn": {"%PDF-1.4\n3 0 obj << /Subtype /Form /Resources << /XObject << /B 4 0 R >> >> /Filter /FlateDecode >> stream\n" + string(zlibOf("BT 9 9 Td (1) Tj /B Do ET")) + "\nendstream endobj 4 0 obj << /Subtype /Form /Filter /FlateDecode >> stream\n" + string(zlibOf("BT 20 9 Td (2) Tj ET")) + "\nendstream endobj 2 0 obj << >> stream\n/Fm1 Do\nendstream endobj ", "1 0 obj << /Resources << /XObject << /Fm1 3 0 R >> >> /Contents 2 0 R >> endobj obj << /Filter /FlateDecode >> stream\n" + string(zlibOf("/Fm1 Do /Fm1 Do /Fm1 Do")) + "\nendstream endobj obj << >> stream\n/Fm1 Do\nendstream endobj ", ""},
		"turned runs":            {"%PDF-1.4\n1 0 obj << >> stream\n", "0.99999988 0.0005 -0.0005 0.99999988 0 0 cm BT /F1 12 Tf 300 0 Td (1) Tj ET ", "\nendstream endobj"},
	}
	for name, unit := range units {
		stepsGrowLinearly(t, name, func(n int) int64 {
			b := append([]byte(unit.head), bytes.Repeat([]byte(unit.unit), n/len(unit.unit)+1)...)
			b = append(b, unit.tail...)
			in := &inspector{eng: eng, mode: Redact, lim: Limits{}.withDefaults(), meter: newMeter(Limits{}.withDefaults())}
			resetReadingSteps()
			if _, err := in.pdf(b, 0, 0); err != nil && !errors.Is(err, ErrMalformed) {
				t.Fatalf("%s: %v", name, err)
			}
			return readingSteps.Load()
		})
	}
}
