package bodyformat

import "unicode/utf8"

// Most pieces of a body (a JSON string, a form value) hold nothing any
// reading beyond the plain one decodes: no backslash, no '%', no '&', no
// markup, no override, no number with a fraction. Rather than let every
// reading look through every piece for what it decodes, read looks once:
// triggers classifies each byte of the piece through one table and
// records which triggers occur, and only the readings whose trigger
// occurs run.

// trigger is a set of what a reading needs to find in a piece before it
// can decode anything there.
type trigger uint32

// The triggers.
const (
	trigBackslash  trigger = 1 << iota // escapes, CSS escapes
	trigAmp                            // character references
	trigPercent                        // percent escapes, and '+' (a space in a query)
	trigMarkup                         // '<': tags between digits
	trigBidi                           // 0xE2, the lead byte of U+202E (and of other marks)
	trigDigit                          // an ASCII digit
	trigNumberMark                     // a digit, then '.', 'e', 'x', 'o' or 'b': a fraction, an exponent, a literal in base 16, 8 or 2
	trigBase64                         // a run of minBase64Token bytes of the base64 alphabets, of mixed alphabets (mixedAlphabet)
	trigQuote                          // a quote: string literals joined by a script
	trigMarkdown                       // '*', '~', '_', '`', '[': Markdown delimiters and links
	trigEsc                            // ESC, CR, BS: a terminal's escape sequences and overwrites
	trigLookalike                      // a letter that passes for a digit right after a digit (138l…)
	trigLetter                         // an ASCII letter: numbers spelled in words
	trigWordSep                        // ' ', ',' or '-': what stands between spelled digits
	trigWide                           // a byte of a character outside ASCII (a full-width digit, a Chinese numeral)
	trigHexRun                         // minHexText hex digits, a dump's separators between them: text sent as hex
	trigLatin                          // a lead byte of Latin-1 and Latin Extended letters (0xC3–0xC7): pinyin's tone marks
	trigDelimiter                      // what a gap of a delimited run needs: an ASCII delimiter (delimiterByte), a '.' (a full stop before a space), a byte outside ASCII
	trigNoDigit                        // no ASCII digit at all (set by triggers, not by a byte)
	trigBracket                        // '(', '{' or '`': what a call of character codes opens its arguments with (codeCallAt; a tagged template)
	trigTag                            // 0xF3, the lead byte of the tag characters (tagchars.go)
	trigControl                        // a C0 control but white space, DEL, or a C1 control in UTF-8 (triggerRuns): what a C string ends at or cat -v marks (controlends.go)
	// trigValidDelimiter is trigDelimiter for valid UTF-8: an ASCII
	// delimiter, a '.', or a lead byte but those of U+5000–U+9FFF, all
	// ideographs (no delimiter), none of whose bytes a gap reads as one
	trigValidDelimiter

	// base64Run marks the bytes a base64 token is made of (base64Bytes and
	// the '=' of padding) in triggerOf; triggers sets trigBase64 instead
	base64Run
	// lookalikeByte marks the letters that pass for digits (lookalikeDigit)
	// in triggerOf; triggers sets trigLookalike when one follows a digit
	lookalikeByte
	// hexByte marks the hex digits in triggerOf, hexSep what a dump sets
	// its bytes apart with (hexDump.next); triggers sets trigHexRun instead
	hexByte
	hexSep
	// upperByte and lowerByte mark the ASCII capitals and small letters,
	// base64Gap what may stand between the pieces of a base64 token (white
	// space, '*'): triggers tells a run's bytes by them in one look-up
	upperByte
	lowerByte
	base64Gap
	// numberMarkByte marks '.', 'e', 'x', 'o' and 'b' (any case) in triggerOf, and
	// numberMarkLead the digits (the bit of trigLookalike, a trigger no
	// byte is): triggers sets trigNumberMark when a mark follows a digit
	numberMarkByte
	numberMarkLead = trigLookalike

	// byteMarks are the marks of triggerOf that are no trigger
	byteMarks = base64Run | lookalikeByte | hexByte | hexSep | upperByte | lowerByte | base64Gap | numberMarkByte
)

// triggerOf is the trigger each byte is, by value.
var triggerOf = func() (t [256]trigger) {
	t['\\'] = trigBackslash
	t['&'] = trigAmp
	t['%'], t['+'] = trigPercent, trigPercent // '+': a query's space (queryPluses)
	t['<'] = trigMarkup
	t['"'], t['\''], t['`'] = trigQuote, trigQuote, trigQuote|trigMarkdown|trigBracket
	t['*'], t['~'], t['_'], t['['] = trigMarkdown, trigMarkdown, trigMarkdown, trigMarkdown
	t['('], t['{'] = trigBracket, trigBracket
	t[0xE2] = trigBidi
	t[0xF3] = trigTag
	t[esc], t['\r'], t['\b'] = trigEsc, trigEsc, trigEsc
	for c := range 0x20 {
		if c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' {
			t[c] |= trigControl
		}
	}
	t[0x7F] |= trigControl
	for c := '0'; c <= '9'; c++ {
		t[c] = trigDigit | numberMarkLead
	}
	for _, c := range []byte(".eExXoObB") {
		t[c] |= numberMarkByte
	}
	for c := range 256 {
		if base64Bytes[c] || c == '=' {
			t[c] |= base64Run
		}
	}
	for _, c := range []byte(" ,-") {
		t[c] |= trigWordSep
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] |= trigLetter | upperByte
		t[c+'a'-'A'] |= trigLetter | lowerByte
	}
	for _, c := range []byte(" \t\r\n*") {
		t[c] |= base64Gap
	}
	for c := 0x80; c < 256; c++ {
		t[c] |= trigWide | trigDelimiter // (a character outside ASCII may be punctuation, a byte no UTF-8 reads as U+FFFD)
	}
	for c := range utf8.RuneSelf {
		if delimiterByte[c] || c == '.' {
			t[c] |= trigDelimiter | trigValidDelimiter
		}
	}
	for c := 0xC0; c < 256; c++ {
		if c < 0xE5 || c > 0xE9 {
			t[c] |= trigValidDelimiter // (continuation bytes never start a character of valid UTF-8)
		}
	}
	for c := 0xC3; c <= 0xC7; c++ {
		t[c] |= trigLatin
	}
	for c := range 256 {
		if unhex(byte(c)) >= 0 {
			t[c] |= hexByte
		}
		switch c {
		case ' ', ':', '-', ',', '.', '\t', '\n', '\r', '\\', 'x', 'X':
			t[c] |= hexSep
		}
		if lookalikeDigit(byte(c)) != 0 {
			t[c] |= lookalikeByte
		}
	}
	return t
}()

// triggers returns the triggers that occur in text, in one pass over it,
// and trigNoDigit when no ASCII digit does.
// trigBase64 is set when a run of at least minBase64Token bytes of the
// base64 alphabets (padding included) of mixed alphabets occurs,
// or pieces of it set apart by one or two white space characters (or
// '*') as base64Token joins them (two pieces of mixed alphabets: MTcy
// MDE1 NjMz MzA=; the lines of a wrapped token): readBase64 decodes no
// other token (b64Run); trigHexRun when minHexText hex digits occur with
// nothing but what a dump sets bytes apart with between them.
func triggers(text []byte) trigger {
	t := triggerRuns(text)
	if t&trigDigit == 0 {
		t |= trigNoDigit
	}
	return t &^ byteMarks
}

// mayReadMarkdown reports whether the Markdown reading may find something
// in a piece of triggers trig: a delimiter or a link, and a digit, ASCII
// or outside it (a byte outside ASCII: a full-width, Chinese or circled
// digit, which decodeMarkdown reads as one: wideDigitAt).
func mayReadMarkdown(trig trigger) bool {
	return trig&trigMarkdown != 0 && trig&(trigDigit|trigWide) != 0
}
