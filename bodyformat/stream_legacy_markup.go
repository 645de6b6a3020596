package bodyformat

import "bytes"

// A page shows a comment, a tag, a declaration and a script or style
// element as nothing, so 电话 １３８, a comment of 5000 bytes (a line end
// in it or not), then １２３４５６７８ is one number on the screen, as it is
// to the markup view of a buffered page (markup.go), however far apart
// the bytes stand (attack pass 31 F5). The legacy guard's context held
// the last legacyContext bytes of markup, not of what the page shows, and
// the open tail it holds was looked for at the end of the markup. So the
// guard of a stream a browser shows (acrossLines) keeps its context as
// the page shows it (shownScan.compact): each run of markup, white space
// between aside, stands there as one short tag that the markup view reads
// as the run (markupStandIn: nothing, a block's end, a line break, a
// block), and markup still open where the context ends as the start of a
// tag, comment or element of that kind (shownScan.opener), which the
// bytes held after it go on, so the readings see them as the markup they
// are. A line that a reading shows ending in digits, markup and white
// space after them aside (shownEnd), holds that open tail as white space
// after it was held (stream_legacy_space.go): past legacyContext it goes
// out, the context carries the digits, and a value the next bytes
// complete runs into what went out: the stream fails closed.
//
// The scan follows the markup view's tokenizer (comments ended as the
// HTML tokenizer ends them, htmlCommentEnd; quoted attribute values;
// bogus comments; script and style text up to their end tag) a byte at a
// time, in constant memory. Its delimiters are ASCII bytes, never a trail
// byte of GBK, Big5 or Shift_JIS (which start at 0x40), and a stand-in is
// ASCII from '<' to '>': a lead byte before it reads as it read before
// the markup. An element hidden by an attribute or a style sheet is read
// as shown text here (its content takes room in the context).

// shownScan states: where a byte of a page stands in its markup.
const (
	scanText        uint8 = iota
	scanLt                // "<"
	scanLtSlash           // "</"
	scanLtBang            // "<!"
	scanLtBangDash        // "<!-"
	scanBogus             // a bogus comment or declaration, up to '>'
	scanCommentOpen       // "<!--"
	scanCommentDash       // "<!---"
	scanComment           // a comment's text
	scanCommentD1         // a comment's text, then "-"
	scanCommentD2         // a comment's text, then "--"
	scanCommentBang       // a comment's text, then "--!"
	scanTagName           // a tag's name
	scanTagAttrs          // a tag's attributes
	scanTagQuote2         // a tag's "quoted value"
	scanTagQuote1         // a tag's 'quoted value'
	scanRawText           // a script's or a style's text
)

// maxScanName bounds the bytes of a tag's name kept: the longest block
// tag's (blockquote, figcaption) fit; a longer name is no block's.
const maxScanName = 16

// shownScan follows where the bytes of a page stand in its markup.
type shownScan struct {
	state   uint8
	closing bool // the tag is an end tag (</…)
	slash   bool // the last byte of the tag's attributes is '/'
	long    bool // the tag's name is longer than maxScanName
	attrs   bool // the tag has attributes (which may lay a block out inline, or hide it)
	nameN   uint8
	name    [maxScanName]byte // the tag's name, lower case
	rawEnd  string            // scanRawText: the end tag looked for ("</script")
	rawN    uint8             // how much of rawEnd the last bytes match
}

// The stand-ins of a run of markup in the context, by what the markup
// view reads in the run (the most separating tag of it): nothing (an
// inline tag, a comment), a block's end (read through between two
// digits), a line break, a block.
var markupStandIns = [...]string{"<b>", "</p>", "<br>", "<p>"}

// step reads c, the next byte, and reports what it is: text (a byte the
// page shows; lt: a '<' that opened no markup is text first, then c is
// read again), in markup, or the last byte of a run of markup, closed,
// with the rank of its stand-in (markupStandIns).
func (s *shownScan) step(c byte) (text, lt bool, closed int) {
	closed = -1
	switch s.state {
	case scanText:
		if c == '<' {
			s.state = scanLt
			return false, false, -1
		}
		return true, false, -1
	case scanLt:
		switch {
		case isASCIILetterByte(c):
			s.startTag(c, false)
		case c == '/':
			s.state = scanLtSlash
		case c == '!':
			s.state = scanLtBang
		case c == '?':
			s.state = scanBogus
		default:
			s.state = scanText
			return false, true, -1
		}
	case scanLtSlash:
		if isASCIILetterByte(c) {
			s.startTag(c, true)
			break
		}
		s.state = scanBogus
		return s.step(c)
	case scanLtBang:
		if c == '-' {
			s.state = scanLtBangDash
			break
		}
		s.state = scanBogus
		return s.step(c)
	case scanLtBangDash:
		if c == '-' {
			s.state = scanCommentOpen
			break
		}
		s.state = scanBogus
		return s.step(c)
	case scanBogus:
		if c == '>' {
			return s.close(0)
		}
	case scanCommentOpen, scanCommentDash, scanCommentD2, scanCommentBang:
		// <!--> and <!---> end at once (htmlCommentEnd), a text at --> or --!>
		switch {
		case c == '>':
			return s.close(0)
		case c == '-' && s.state == scanCommentOpen:
			s.state = scanCommentDash
		case c == '-' && s.state == scanCommentBang:
			s.state = scanCommentD1
		case c == '-':
			s.state = scanCommentD2
		case c == '!' && s.state == scanCommentD2:
			s.state = scanCommentBang
		default:
			s.state = scanComment
		}
	case scanComment, scanCommentD1:
		switch {
		case c == '-' && s.state == scanComment:
			s.state = scanCommentD1
		case c == '-':
			s.state = scanCommentD2
		default:
			s.state = scanComment
		}
	case scanTagName:
		if isTagNameByte(c) {
			if int(s.nameN) < maxScanName {
				s.name[s.nameN] = c | 0x20*b2u8(c >= 'A' && c <= 'Z')
				s.nameN++
			} else {
				s.long = true
			}
			break
		}
		s.state = scanTagAttrs
		return s.step(c)
	case scanTagAttrs:
		switch c {
		case '>':
			return s.closeTag()
		case '"':
			s.state = scanTagQuote2
		case '\'':
			s.state = scanTagQuote1
		}
		s.slash = c == '/'
		s.attrs = s.attrs || !isSpaceByte(c) && c != '/'
	case scanTagQuote2, scanTagQuote1:
		if c == '"' && s.state == scanTagQuote2 || c == '\'' && s.state == scanTagQuote1 {
			s.state = scanTagAttrs
		}
	case scanRawText:
		// the end tag, as the markup view looks for it (indexFold)
		switch lc := c | 0x20*b2u8(c >= 'A' && c <= 'Z'); {
		case lc == s.rawEnd[s.rawN]:
			s.rawN++
		case c == '<':
			s.rawN = 1
		default:
			s.rawN = 0
		}
		if int(s.rawN) == len(s.rawEnd) {
			name := s.rawEnd[2:]
			s.startTag(name[0], true)
			for i := 1; i < len(name); i++ {
				s.name[i] = name[i]
			}
			s.nameN = uint8(len(name))
			s.state = scanTagAttrs
		}
	}
	return false, false, -1
}

// b2u8 is 1 for true, 0 for false.
func b2u8(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// startTag starts a tag whose name opens with c.
func (s *shownScan) startTag(c byte, closing bool) {
	s.state, s.closing, s.slash, s.long, s.attrs = scanTagName, closing, false, false, false
	s.name[0] = c | 0x20*b2u8(c >= 'A' && c <= 'Z')
	s.nameN = 1
}

// close ends a run of markup whose stand-in is markupStandIns[rank].
func (s *shownScan) close(rank int) (bool, bool, int) {
	s.state = scanText
	return false, false, rank
}

// closeTag ends a tag as the markup view reads it (markupReader.markup):
// a script or a style goes on to its end tag; a line break, a block's
// end (an end tag, <x/>, an image) and a block tag stand for what they
// separate; every other tag is nothing. A block tag with attributes
// stands as a block's end, which a number runs on through: a style may
// lay it out inline, an input be hidden (what the markup view reads of
// them is read in the window; the context keeps the less separating).
func (s *shownScan) closeTag() (bool, bool, int) {
	name := string(s.name[:s.nameN])
	switch {
	case s.long:
		return s.close(0)
	case !s.closing && (name == "script" || name == "style"):
		s.state, s.rawEnd, s.rawN = scanRawText, "</"+name, 0
		return false, false, -1
	case name == "br":
		return s.close(2)
	case !blockTags[name]:
		return s.close(0)
	case s.closing || s.slash || s.attrs || name == "img":
		return s.close(1)
	}
	return s.close(3)
}

// opener is what stands at the end of the context for markup open there:
// the start of markup of the same kind, which the bytes after it go on as
// they went on the markup.
func (s *shownScan) opener(dst []byte) []byte {
	switch s.state {
	case scanLt:
		return append(dst, '<')
	case scanLtSlash:
		return append(dst, "</"...)
	case scanLtBang:
		return append(dst, "<!"...)
	case scanLtBangDash:
		return append(dst, "<!-"...)
	case scanBogus:
		return append(dst, "<?"...)
	case scanCommentOpen:
		return append(dst, "<!--"...)
	case scanCommentDash:
		return append(dst, "<!---"...)
	case scanComment:
		return append(dst, "<!-- "...)
	case scanCommentD1:
		return append(dst, "<!-- -"...)
	case scanCommentD2:
		return append(dst, "<!-- --"...)
	case scanCommentBang:
		return append(dst, "<!-- --!"...)
	case scanRawText:
		dst = append(append(append(dst, '<'), s.rawEnd[2:]...), '>')
		return append(dst, s.rawEnd[:s.rawN]...)
	case scanTagName, scanTagAttrs, scanTagQuote2, scanTagQuote1:
		dst = append(dst, '<')
		if s.closing {
			dst = append(dst, '/')
		}
		dst = append(dst, s.name[:s.nameN]...)
		switch {
		case s.state == scanTagName:
		case s.state == scanTagQuote2:
			dst = append(dst, " \""...)
		case s.state == scanTagQuote1:
			dst = append(dst, " '"...)
		case s.slash:
			dst = append(dst, " /"...)
		default:
			dst = append(dst, ' ')
		}
		return dst
	}
	return dst
}

// compact reads b[old:], the bytes added to the context (after b[:old],
// which ends with the opener of the markup open before them), as the page
// shows them, in place: each run of white space as its first byte, each
// run of markup as its stand-in (merged with the one before it, white
// space between aside), markup open at the end as its opener. It returns
// the context so compacted (grown past len(b) when the opener is).
func (s *shownScan) compact(b []byte, old int) []byte {
	var open [24]byte
	w := old - len(s.opener(open[:0]))
	run := w // where the run of markup being read stands
	for i := old; i < len(b); i++ {
		countReadingSteps(1)
		c := b[i]
		if s.state == scanText && c == '<' {
			run = w
		}
		text, lt, closed := s.step(c)
		if lt {
			b[w] = '<'
			w++
			text, _, _ = s.step(c) // c read again as text or markup
			if s.state == scanLt {
				run = w
			}
		}
		switch {
		case text:
			if isSpaceByte(c) && w > 0 && isSpaceByte(b[w-1]) {
				continue
			}
			b[w] = c
			w++
		case closed >= 0:
			w = putStandIn(b, run, closed)
		}
	}
	if s.state != scanText {
		return s.opener(b[:w])
	}
	return b[:w]
}

// putStandIn writes at b[at:] the stand-in of rank for a run of markup
// that ended, merged with a stand-in that ends b[:at], one white space
// byte after it aside (kept): the most separating of the two stands for
// both. It returns where the context goes on. A stand-in is no longer
// than the run it stands for, nor than the one it replaces and the run
// after it: it never passes the bytes not yet read.
func putStandIn(b []byte, at, rank int) int {
	end := at
	sp := byte(0) // the white space byte after the stand-in before, if any
	if end > 0 && isSpaceByte(b[end-1]) {
		sp, end = b[end-1], end-1
	}
	for r, si := range markupStandIns {
		if end >= len(si) && string(b[end-len(si):end]) == si {
			at = end - len(si)
			n := copy(b[at:], markupStandIns[max(rank, r)])
			if sp != 0 {
				b[at+n] = sp
				n++
			}
			return at + n
		}
	}
	return at + copy(b[at:], markupStandIns[rank])
}

// shownEnd returns where what a page shows of text ends: past its last
// byte that is neither markup (shownScan, from the start of text) nor
// white space; len(text) when text holds no markup.
func shownEnd(text []byte) int {
	if bytes.IndexByte(text, '<') < 0 {
		return len(text)
	}
	var s shownScan
	end, lt := 0, 0
	for i, c := range text {
		countReadingSteps(1)
		if s.state == scanText && c == '<' {
			lt = i
		}
		shown, isLt, _ := s.step(c)
		if isLt {
			end = lt + 1 // the '<' was text
			shown, _, _ = s.step(c)
			if s.state == scanLt {
				lt = i
			}
		}
		if shown && !isSpaceByte(c) {
			end = i + 1
		}
	}
	return end
}
