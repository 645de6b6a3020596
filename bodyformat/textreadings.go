package bodyformat

import (
	"bytes"
	"math/bits"
)

// A decoder turns a piece of text into the text some receiver reads, with
// for each byte the offset in the piece it comes from (and one for the
// end), or ok false when it decodes nothing there.
type decoder func(text []byte) ([]byte, []int32, bool)

// firstStage names a decoder whose reading other readings decode further
// (escapes, then groups joined across delimiters): read decodes a piece
// with it once, however many readings start from it.
type firstStage int

// The first stages; stageText is the piece as it is.
const (
	stageText          firstStage = iota
	stagePercent                  // decodePercent
	stageEscapes                  // decodeEscapesOf
	stageCSSEscapes               // decodeCSSEscapes
	stageCharCodes                // decodeCharCodes
	stageEscapeRefs               // decodeEscapeRefs
	stageToneMarks                // decodeToneMarks
	stageOverrideRefs             // decodeOverrideRefs
	stageDelimiterRefs            // decodeDelimiterRefs
	stageControlRefs              // decodeControlRefs
	stageControlPcts              // decodeControlPercents
	stageConcat                   // decodeConcat (also read for the base64 it joins)
	stageMarkdown                 // decodeMarkdown (also read with its soft breaks folded)
	firstStages                   // how many there are
)

// firstDecoders are the decoders of the first stages.
var firstDecoders = [firstStages]decoder{
	stagePercent:       decodePercent,
	stageEscapes:       decodeEscapesOf,
	stageCSSEscapes:    decodeCSSEscapes,
	stageCharCodes:     decodeCharCodes,
	stageEscapeRefs:    decodeEscapeRefs,
	stageToneMarks:     decodeToneMarks,
	stageOverrideRefs:  decodeOverrideRefs,
	stageDelimiterRefs: decodeDelimiterRefs,
	stageControlRefs:   decodeControlRefs,
	stageControlPcts:   decodeControlPercents,
	stageConcat:        decodeConcat,
	stageMarkdown:      decodeMarkdown,
}

// textReading is one reading of a piece of text beyond the engine's own
// and the backslash escapes: the piece decoded by its first stage, then
// (when set) by decode, offsets mapped back through both; it decodes
// nothing unless both do. It runs only on a piece where every trigger it
// needs occurs (triggers). flat, when set, replaces decode on the flat text
// of a binary framing (inspector.flatBinary): a terminal's overwrites are
// no reading of protobuf's lengths. edit, when set, is the reading as the
// edits it makes of the piece (edits.go), which is read without building
// it whole (findEdited); it is set only where decode is the first stage's
// or the decoder's alone and flat is unset.
type textReading struct {
	needs        trigger
	first        firstStage
	decode, flat decoder
	edit         func(text []byte, e *edits) bool
	// into, when set, is decode building its reading in the arrays of a
	// readingBuf (out[:0], offs[:0]) when they have room: read gives the
	// buffer back once the reading is read. Set only where the first
	// stage is stageText and flat is unset.
	into func(text, out []byte, offs []int32) ([]byte, []int32, bool)
}

// textReadings are the readings of a piece of text that one decoder, or a
// first stage and a decoder, gives.
var textReadings = [...]textReading{
	{trigDigit | trigNumberMark, stageText, decodeNumbers, nil, numberEdits, nil},                           // numbers as a parser shows them (0.13812345678e11, 0x…)
	{trigBidi, stageText, decodeBidi, nil, nil, nil},                                                        // as shown: a right-to-left override reverses what follows it
	{trigControl, stageText, decodeControlEnds, readsNothing, nil, nil},                                     // as a C string or cat -v shows controls: ending a number (<card>\x00<mobile>, tel\x00<mobile>, controlends.go)
	{trigEsc, stageText, decodeTerminal, decodeTerminalEscapes, nil, nil},                                   // as a terminal shows it: 138\x1b[0m12345678, xx00005678\r1381234
	{trigBackslash, stageCSSEscapes, nil, nil, nil, nil},                                                    // as CSS reads it (content: "\31 \33 \38…")
	{trigBackslash, stageText, decodeRTF, nil, nil, nil},                                                    // an RTF document as a word processor shows it (\u49?, \'31, {\b 138}1234…)
	{trigPercent, stagePercent, nil, nil, percentEdits, nil},                                                // percent escapes, as a URL's reader decodes them (?tel=%31%33…)
	{trigQuote, stageConcat, nil, nil, nil, nil},                                                            // string literals a script joins ("138" + "1234", ['138','1234'].join(''))
	{trigQuote, stageText, decodeArrays, nil, nil, nil},                                                     // an array's elements joined (["1101","0519…"], [138,1234,5678]) outside a JSON document
	{trigDigit | trigLetter | trigBracket, stageCharCodes, nil, nil, nil, nil},                              // String.fromCharCode(49,51,56,…) as the string it returns (a call's name: letters)
	{trigDigit | trigLetter | trigBracket, stageCharCodes, decodeConcat, nil, nil, nil},                     // and joined: "138" + String.fromCharCode(…)
	{trigDigit | trigMarkdown, stageMarkdown, nil, nil, nil, nil},                                           // as Markdown shows it (1**3**8…, 138`1234`5678)
	{trigWide | trigNoDigit | trigMarkdown, stageText, withoutASCIIDigits(decodeMarkdown), nil, nil, nil},   // and no ASCII digit: full-width, Chinese, circled digits (１３８**１２３４**５６７８)
	{trigDigit | trigDelimiter, stageText, decodeDelimited, nil, nil, nil},                                  // groups a reader joins across delimiters (187|6772|0441, one a line)
	{trigWide | trigNoDigit | trigDelimiter, stageText, withoutASCIIDigits(decodeDelimited), nil, nil, nil}, // and no ASCII digit: full-width digits, Chinese numerals (１８７｜…)
	{trigWide, stageText, decodePositional, nil, nil, nil},                                                  // a number given in parts named by where they stand (前三位138，中间四位1234，后四位5678)
	// as a UTF-8 decoder shows invalid bytes, one U+FFFD each (5\xff1\xff1… is 5�1�1…),
	// between ASCII or full-width digits (a byte outside ASCII: trigWide)
	{trigWide, stageText, decodeReplacement, readsNothing, nil, nil},
	// delimited groups behind a label or delimiters spelled as escapes
	// (\u624b\u673a 187|6772|0441, 187%E3%80%816772…)
	{trigBackslash | trigDigit, stageEscapes, decodeDelimited, nil, nil, nil},
	{trigPercent | trigDigit, stagePercent, decodeDelimited, nil, nil, nil},
	{trigLookalike, stageText, decodeLookalikes, nil, lookalikeEdits, nil},                    // as a reader takes letters between digits (138l2345678, 11O1O5…)
	{trigLetter | trigWordSep, stageText, decodeNumberWords, nil, nil, decodeNumberWordsInto}, // numbers spelled in words (one three eight …, yao san ba …)
	{trigLatin, stageToneMarks, decodeNumberWords, nil, nil, nil},                             // and in pinyin with tone marks (yāo sān bā …)
	{trigAmp, stageEscapeRefs, decodeEscapesOf, nil, nil, nil},                                // escapes spelled with character references (&#92;u0031)
	{trigAmp, stageEscapeRefs, decodePercent, nil, nil, nil},                                  // and percent escapes and a query's spaces so spelled (&#37;31, ?q=138&#43;1234…)
	{trigAmp, stageOverrideRefs, decodeBidi, nil, nil, nil},                                   // an override spelled as a reference (&#x202E;)
	{trigAmp | trigDigit, stageDelimiterRefs, decodeDelimited, nil, nil, nil},                 // delimiters spelled so (187&#124;6772&#124;0441)
	// literals and Markdown spelled with escapes: "\u0031\u0033" + "8…",
	// content: "\31 \33 " "8…", \u0031**3**8…
	{trigBackslash | trigQuote, stageEscapes, decodeConcat, nil, nil, nil},
	{trigBackslash | trigQuote, stageCSSEscapes, decodeConcat, nil, nil, nil},
	{trigBackslash | trigMarkdown, stageEscapes, decodeMarkdown, nil, nil, nil},
	// percent escapes and a query's spaces spelled as escapes: a script's
	// "/s?q=138\x2b1234\x2b5678" is the URL ?q=138+1234+5678 (\053, \u002b)
	{trigBackslash, stageEscapes, decodeEscapedPercent, nil, nil, nil},
	{trigBackslash | trigQuote, stageEscapes, decodeArrays, nil, nil, nil}, // [\"1101\",\"0519…\"] in a string
	// percent escapes spelled with escapes, and escapes with percent
	// escapes, two decodings a receiver chains: decodeURIComponent("\x2531…"),
	// location.href = "/q?tel=\u002531…", javascript:alert('%5Cx31…'); a
	// '%' so spelled (\x25, \u0025, \45), a '\' (%5C) and the digits they
	// spell hold a digit (withASCIIDigits); each stage is the one the
	// delimited readings decode already
	{trigBackslash | trigDigit, stageEscapes, withASCIIDigits(decodeEscapedPercents), nil, nil, nil},
	{trigPercent | trigDigit, stagePercent, withASCIIDigits(decodeEscapesOf), nil, nil, nil},
	// terminal escapes written as escapes (a JSON log line read as text:
	// 138\u001b[0m12345678)
	{trigBackslash, stageEscapes, decodeTerminal, decodeTerminalEscapes, nil, nil},
	// and controls spelled as escapes (\000, \u0000, \x01, \u0085), percent
	// escapes (%00) and character references (&#1;, &#x7f;, &#133;)
	// ending a value
	{trigBackslash, stageEscapes, decodeControlEnds, readsNothing, nil, nil},
	{trigPercent, stageControlPcts, decodeControlEnds, readsNothing, nil, nil},
	{trigAmp, stageControlRefs, decodeControlEnds, readsNothing, nil, nil},
}

// readingNeeds are the needs of textReadings, in their order: read looks
// through these few words for the readings a piece's triggers call for,
// not through the readings themselves.
var readingNeeds = func() (n [len(textReadings)]trigger) {
	for k, r := range textReadings {
		n[k] = r.needs
	}
	return n
}()

// readingSet is a set of textReadings, a bit each by index.
type readingSet uint64

// (a readingSet holds every reading: the array is no longer than 64)
var _ [64 - len(textReadings)]struct{}

// stagedReadings are the textReadings that start from a first stage other
// than the text itself: only a piece that reads one needs firstReadings.
var stagedReadings = func() (s readingSet) {
	for k, r := range textReadings {
		if r.first != stageText {
			s |= 1 << k
		}
	}
	return s
}()

// readingsFor returns the textReadings whose needs all occur in trig: all
// of them but those that need a trigger trig lacks, looked up a byte of
// the missing triggers at a time (readingsMissing): four look-ups, not one
// a missing trigger (most pieces miss most of them).
func readingsFor(trig trigger) readingSet {
	m := neededTriggers &^ trig
	return allReadings &^ (readingsMissing[0][m&0xFF] | readingsMissing[1][m>>8&0xFF] |
		readingsMissing[2][m>>16&0xFF] | readingsMissing[3][m>>24])
}

// readingsMissing holds, by each byte of a set of triggers (the byte's
// place, then its value), the readings that need one of the triggers
// that byte holds (readingsNeeding, gathered).
var readingsMissing = func() (t [4][256]readingSet) {
	for place := range t {
		for v := range 256 {
			for b := v; b != 0; b &= b - 1 {
				t[place][v] |= readingsNeeding[8*place+bits.TrailingZeros32(uint32(b))]
			}
		}
	}
	return t
}()

// allReadings holds every textReading.
const allReadings = readingSet(1<<len(textReadings) - 1)

// neededTriggers are the triggers some textReading needs, and
// readingsNeeding the readings that need each, by its bit.
var neededTriggers, readingsNeeding = func() (n trigger, by [32]readingSet) {
	for k, r := range textReadings {
		n |= r.needs
		for t := r.needs; t != 0; t &= t - 1 {
			by[bits.TrailingZeros32(uint32(t))] |= 1 << k
		}
	}
	return n, by
}()

// decodeEscapeRefs decodes the character references of text (decodeCharRefs)
// when it holds any: the first stage of the readings of escapes spelled
// with references.
func decodeEscapeRefs(text []byte) ([]byte, []int32, bool) {
	if bytes.IndexByte(text, '&') < 0 {
		return nil, nil, false
	}
	return decodeCharRefs(text)
}

// firstReadings holds the first stages of one piece read so far, each
// decoded once (read).
type firstReadings [firstStages]struct {
	dec   []byte
	offs  []int32
	ok    bool
	done  bool
	edits *edits      // the stage as edits (keepEdits), built whole when needed
	buf   *readingBuf // what dec and offs are built in, from edits
	cost  readingCharge
}

// takeFirsts returns cleared firstReadings for a piece, spare ones when
// there are.
func (in *inspector) takeFirsts() *firstReadings {
	if n := len(in.spareFirsts); n > 0 {
		f := in.spareFirsts[n-1]
		in.spareFirsts = in.spareFirsts[:n-1]
		*f = firstReadings{}
		return f
	}
	return new(firstReadings)
}

// giveFirsts gives back the edits and buffers f holds (giveEdits) and
// keeps f for takeFirsts: the piece is read.
func (in *inspector) giveFirsts(f *firstReadings) {
	f.giveEdits(in)
	in.spareFirsts = append(in.spareFirsts, f)
}

// keepEdits holds a first stage read as edits of text (textReading.edit):
// a later reading that decodes it further builds it whole from them.
func (f *firstReadings) keepEdits(st firstStage, e *edits, ok bool) {
	if !ok {
		f.keep(st, nil, nil, false)
		return
	}
	f[st].edits = e
}

// keep holds a first stage already decoded (the escapes, which read
// decodes for its own reading).
func (f *firstReadings) keep(st firstStage, dec []byte, offs []int32, ok bool) {
	f[st].dec, f[st].offs, f[st].ok, f[st].done = dec, offs, ok, true
}

// giveEdits gives the edits of the first stages back to in, and the
// buffers built from them to readingBufs (the piece is read: nothing
// holds them).
func (f *firstReadings) giveEdits(in *inspector) {
	for k := range f {
		if e := f[k].edits; e != nil {
			f[k].edits = nil
			in.giveEdits(e)
		}
		if b := f[k].buf; b != nil {
			f[k].buf, f[k].dec, f[k].offs = nil, nil, nil
			putReadingBuf(b)
		}
		f[k].cost.done()
	}
}

// read returns the reading r gives of text: its first stage (decoded once
// for all the readings of text), then r's decoder (its flat one for the
// flat text of a binary framing), offsets mapped back through both. What
// the reading holds is charged (chargeBuilt); the caller gives it back
// (done) once the reading is read.
func (f *firstReadings) read(in *inspector, text []byte, r textReading) ([]byte, []int32, bool, readingCharge) {
	decode := r.decode
	if in.flatBinary && r.flat != nil {
		decode = r.flat
	}
	if r.first == stageText {
		dec, o, ok := decode(text)
		if !ok {
			return nil, nil, false, readingCharge{}
		}
		ch, room := in.chargeBuilt(text, dec, o)
		return dec, o, room, ch
	}
	sdec, soffs, ok := f.stage(in, text, r.first)
	if !ok || decode == nil {
		return sdec, soffs, ok, readingCharge{}
	}
	dec, o, ok := decode(sdec)
	if !ok {
		return nil, nil, false, readingCharge{}
	}
	// the decoder's reading, and its offsets composed through the stage's
	ch, room := in.chargeBuilt(text, dec, o)
	if !room || !ch.more(4*int64(len(o))) {
		return nil, nil, false, ch
	}
	return dec, composeOffsets(o, soffs), true, ch
}

// stage returns the first stage st of text, decoding it the first time
// it is asked for (or building it from its edits, charged first), charged,
// and keeping it for the other readings of text that start from it.
func (f *firstReadings) stage(in *inspector, text []byte, st firstStage) ([]byte, []int32, bool) {
	s := &f[st]
	if s.done {
		return s.dec, s.offs, s.ok
	}
	s.done = true
	if s.edits != nil {
		ch, room := in.chargeReading(text, readingCost(s.edits.builtLen(text)))
		if s.cost = ch; !room {
			return nil, nil, false
		}
		s.buf = s.edits.built(text)
		s.dec, s.offs, s.ok = s.buf.dec, s.buf.offs, true
		return s.dec, s.offs, s.ok
	}
	if s.dec, s.offs, s.ok = firstDecoders[st](text); s.ok {
		ch, room := in.chargeBuilt(text, s.dec, s.offs)
		if s.cost = ch; !room {
			s.dec, s.offs, s.ok = nil, nil, false
		}
	}
	return s.dec, s.offs, s.ok
}
