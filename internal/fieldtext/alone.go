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
// overlong form, %uFF11), a '+' Redact reads as a space (plusIsSpace), or
// a query field of a URI named for a category (tel=, read with its hint).
// Such a value must be read on its own whatever the screen says. One look
// a byte, a look at each '+' run, and one HintForKey a query field of a
// URI.
func ReadsAlone(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			return true
		case c == '%' && i+1 < len(s) && escapesNonASCII(s[i+1]):
			return true
		}
	}
	if plusIsSpace(s) {
		return true
	}
	if !looksLikeURI(s) {
		return false
	}
	_, query, ok := strings.Cut(s, "?")
	return ok && queryHinted(query)
}

// plusIsSpace reports whether Redact reads a '+' of s as a space: in a
// URI (looksLikeURI) one in its query or fragment, which it reads as
// URLSearchParams does, or one of the text before them that
// bodyformat.QueryPluses reads so; in text, one bodyformat.QueryPluses
// reads so (spaceQueryPlus).
func plusIsSpace(s string) bool {
	if strings.IndexByte(s, '+') < 0 {
		return false
	}
	if looksLikeURI(s) {
		if q := strings.IndexAny(s, "?#"); q >= 0 {
			if strings.IndexByte(s[q:], '+') >= 0 {
				return true
			}
			s = s[:q]
		}
	}
	return bodyformat.QueryPluses(s, func(int) {})
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

// spaceQueryPlus returns dec, text percent-decoded from raw with offs as
// percentDecode gives them, with each '+' of raw that its receiver reads
// as a query's space (bodyformat.QueryPluses) read as a space and each
// tab or line break of such a query taken out (a URL's reader does); a
// '+' decoded from an escape (%2B) is literal. dec and offs are returned
// as they are when raw holds no such byte, else a copy with offsets into
// raw (offs nil: dec is raw); spaced reports which.
func spaceQueryPlus(raw string, dec []byte, offs []int32) (_ []byte, _ []int32, spaced bool) {
	var out []byte
	var outOffs []int32
	rawAt := func(j int) int32 { // the offset in raw of dec[j]
		if offs == nil {
			return int32(j)
		}
		return offs[j]
	}
	k, done := 0, 0 // k walks dec as the bytes rise through raw; dec[:done] is in out
	bodyformat.QueryPluses(raw, func(i int) {
		at := i
		if offs != nil {
			for int(offs[k]) < i {
				k++
			}
			if at = k; dec[at] != raw[i] {
				return // no byte of dec of its own
			}
		}
		if !spaced {
			out, outOffs, spaced = make([]byte, 0, len(dec)), make([]int32, 0, len(dec)+1), true
		}
		for ; done < at; done++ {
			out, outOffs = append(out, dec[done]), append(outOffs, rawAt(done))
		}
		if raw[i] == '+' {
			out, outOffs = append(out, ' '), append(outOffs, int32(i))
		}
		done = at + 1
	})
	if !spaced {
		return dec, offs, false
	}
	for ; done < len(dec); done++ {
		out, outOffs = append(out, dec[done]), append(outOffs, rawAt(done))
	}
	return out, append(outOffs, int32(len(raw))), true
}
