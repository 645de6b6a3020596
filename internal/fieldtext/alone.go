package fieldtext

import (
	"strings"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
)

// ReadsAlone reports whether Redact may find in s what a reading of s's
// text as it stands (bodyformat.FindText, as a caller reads many values
// joined into one text to screen them) cannot: a byte that is no ASCII or
// a percent escape of one (%A3%B1 read in a legacy charset, %C0%B1 an
// overlong form, %uFF11), a '+' in a URI's query (read as a space), or a
// query field of a URI named for a category (tel=, read with its hint).
// Such a value must be read on its own whatever the screen says. One look
// a byte, and one HintForKey a query field of a URI.
func ReadsAlone(s string) bool {
	inQuery := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			return true
		case c == '%' && i+1 < len(s) && escapesNonASCII(s[i+1]):
			return true
		case c == '?':
			inQuery = true
		case c == '+' && inQuery:
			return true
		case queryEnds(c):
			inQuery = false
		}
	}
	if !looksLikeURI(s) {
		return false
	}
	_, query, ok := strings.Cut(s, "?")
	return ok && queryHinted(query)
}

// escapesNonASCII reports whether a '%' followed by c opens the escape of
// a byte that is no ASCII (%80 to %FF) or a %u escape.
func escapesNonASCII(c byte) bool {
	c |= 0x20 // lower-case a letter
	return c == '8' || c == '9' || 'a' <= c && c <= 'f' || c == 'u'
}

// queryHinted reports whether a field of query (no leading '?') is named
// for a category (idCard=, tel=): its value is read with that hint.
func queryHinted(query string) bool {
	for field := range strings.SplitSeq(query, "&") {
		name, _, _ := strings.Cut(field, "=")
		if strings.ContainsAny(name, "%+") {
			dec, _ := percentDecode(name, true)
			name = string(dec)
		}
		if bodyformat.HintForKey(name) != 0 {
			return true
		}
	}
	return false
}

// queryEnds reports whether c ends a URI's query in text that holds URIs
// (a Refresh's url=, a Link's <…>): white space, a quote, an angle
// bracket, or the fragment's '#'.
func queryEnds(c byte) bool {
	return strings.IndexByte(" \t\r\n\"'<>#", c) >= 0
}

// spaceQueryPlus returns dec, text percent-decoded from raw with offs as
// percentDecode gives them, with each '+' in a URI's query read as a
// space, as the query's receiver reads it: from a '?' to a byte that ends
// it (queryEnds). A '+' or '?' decoded from an escape (%2B, %3F) is
// literal. dec is returned as it is when it holds no such '+', else a
// copy; spaced reports which.
func spaceQueryPlus(raw string, dec []byte, offs []int32) (_ []byte, spaced bool) {
	out := dec
	query := false
	for i, c := range dec {
		if offs != nil && raw[offs[i]] != c {
			continue // decoded from an escape
		}
		switch {
		case c == '?':
			query = true
		case c == '+' && query:
			if !spaced {
				out, spaced = append([]byte(nil), dec...), true
			}
			out[i] = ' '
		case queryEnds(c):
			query = false
		}
	}
	return out, spaced
}
