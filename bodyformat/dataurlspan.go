package bodyformat

import "github.com/piifilter/caddy-pii-filter/detect"

// Where a data: URL ends is where the text around it ends it, not at its
// first space: a browser takes
// src="data:image/svg+xml,<svg xmlns='…'><text>…</text></svg>" whole, up
// to the attribute's closing quote, and so does a CSS url("…"), a JSON
// value or a script's string literal. Unquoted, it ends where the HTML
// tokenizer ends an attribute's value (white space, '>') or CSS an url()
// (')', white space). dataURLSpan finds that end from the bytes before
// the URL.

// dataURLSpan is where the payload of one data: URL ends, as its context
// ends it.
type dataURLSpan struct {
	// end is where it ends with no escape honoured: an HTML attribute's
	// closing quote, an unquoted value's end
	end int
	// escEnd is where it ends with the backslash escapes of a string
	// literal honoured (a script's "…\"…", CSS's url("…\"…")), end when
	// there is no quote or no escaped one
	escEnd int
	quote  byte // the quote it stands in, 0 when none
	css    bool // in a CSS url(): its escapes are CSS's
}

// spanDataURL returns where the data: URL whose scheme starts at
// text[at] and whose payload starts at text[start] ends. whole: the text
// is a value on its own (a JSON string, a form value), so a URL that
// starts it runs to its end. Each byte from start to escEnd is looked at
// once, and the look back is bounded.
func spanDataURL(text []byte, at, start int, whole bool) dataURLSpan {
	j := urlLeadStart(text, at)
	switch {
	case j < 0 && whole:
		return dataURLSpan{end: len(text), escEnd: len(text)}
	case j < 0:
		end := plainDataURLEnd(text, start)
		return dataURLSpan{end: end, escEnd: end}
	}
	switch q := text[j]; q {
	case '"', '\'', '`':
		end, escEnd := quotedDataURLEnd(text, start, q)
		return dataURLSpan{end: end, escEnd: escEnd, quote: q, css: afterURLOpen(text, j)}
	case ';':
		if q, open, ok := refQuoteBefore(text, j+1); ok {
			// url(&quot;data:…&quot;) in a style attribute: CSS reads the
			// quote the reference spells
			end := refQuotedDataURLEnd(text, start, q)
			return dataURLSpan{end: end, escEnd: end, quote: q, css: afterURLOpen(text, open)}
		}
	case '=':
		end := attrValueEnd(text, start)
		return dataURLSpan{end: end, escEnd: end}
	case '(':
		if afterURLOpen(text, j+1) {
			end := cssURLEnd(text, start)
			return dataURLSpan{end: end, escEnd: end, css: true}
		}
	}
	end := plainDataURLEnd(text, start)
	return dataURLSpan{end: end, escEnd: end}
}

// quotedDataURLEnd returns where the URL in quotes q whose payload starts
// at text[start] ends: at the first q (an HTML attribute, which has no
// backslash escapes), and at the first q no backslash escapes (a string
// literal); the end of text when it is never closed.
func quotedDataURLEnd(text []byte, start int, q byte) (end, escEnd int) {
	end = -1
	n := len(text)
	for k := start; k < n; k++ {
		countReadingSteps(1)
		switch text[k] {
		case '\\':
			if k+1 < n && text[k+1] == q && end < 0 {
				end = k + 1
			}
			k++
		case q:
			if end < 0 {
				end = k
			}
			return end, k
		}
	}
	if end < 0 {
		end = n
	}
	return end, n
}

// attrValueEnd returns where an unquoted attribute value from text[start]
// ends, as the HTML tokenizer ends it: white space or '>'.
func attrValueEnd(text []byte, start int) int {
	k := start
	for k < len(text) && !isSpaceByte(text[k]) && text[k] != '>' {
		countReadingSteps(1)
		k++
	}
	return k
}

// cssURLEnd returns where an unquoted CSS url() from text[start] ends:
// ')', white space, or a quote or '(' that makes it a bad URL; a
// backslash escapes the byte after it.
func cssURLEnd(text []byte, start int) int {
	k := start
	for ; k < len(text); k++ {
		countReadingSteps(1)
		switch c := text[k]; {
		case c == '\\':
			k++
		case c == ')' || c == '(' || c == '"' || c == '\'' || isSpaceByte(c):
			return k
		}
	}
	return min(k, len(text))
}

// plainDataURLEnd returns where a data: URL in running text ends: a
// quote, white space, a ')'.
func plainDataURLEnd(text []byte, start int) int {
	k := start
	for k < len(text) && !dataURLEnd(text[k]) {
		countReadingSteps(1)
		k++
	}
	return k
}

// afterURLOpen reports whether text[:j] ends with "url(" (any case), white
// space after the '(' aside: the quote at text[j] opens a CSS url()'s
// string.
func afterURLOpen(text []byte, j int) bool {
	k := urlLeadStart(text, j)
	return k >= 3 && text[k] == '(' && hasPrefixFold(text[k-3:], "url")
}

// urlLeadStart returns the offset of the last byte before text[at] that
// is not a C0 control or a space, which a URL's reader strips from its
// start (src=" data:…", src="\x01data:…"), or -1. Only the bytes between
// two URLs' schemes are looked back through, once each.
func urlLeadStart(text []byte, at int) int {
	j := at - 1
	for j >= 0 && text[j] <= ' ' {
		countReadingSteps(1)
		j--
	}
	return j
}

// dataSchemeAt reports whether the ':' at text[colon] ends the scheme
// "data" (any case), and where its 'd' stands. A URL's reader takes tabs
// and line breaks out of a URL before it reads it (da<tab>ta: is data:),
// and a markup view writes them as spaces, so those are skipped between
// its letters. Only the bytes back to the last byte that is neither one
// of them nor the letter looked for are looked at: no byte is looked at
// for two colons.
func dataSchemeAt(text []byte, colon int) (at int, ok bool) {
	k := colon - 1
	for n := len("data") - 1; n >= 0; n-- {
		for k >= 0 && urlStripped(text[k]) {
			countReadingSteps(1)
			k--
		}
		if k < 0 || text[k]|0x20 != "data"[n] {
			return 0, false
		}
		k--
	}
	return k + 1, true
}

// urlStripped reports a byte a URL's reader takes out of a URL (a tab, a
// line break), or that a markup view writes in their place (a space, a
// form feed).
func urlStripped(c byte) bool { return c == '\t' || c == '\n' || c == '\r' || c == ' ' || c == '\f' }

// dataURLEnd reports a byte that ends a data: URL written in running
// text: a quote, white space, a ')'.
func dataURLEnd(c byte) bool {
	switch c {
	case '"', '\'', '`', ')', ' ', '\t', '\n', '\r', '\f':
		return true
	}
	return false
}

// maxQuoteRef bounds the character reference looked back through for a
// quote it spells (&quot;, &#x00022;).
const maxQuoteRef = 12

// refQuoteBefore reports whether text[:j] ends with a character reference
// that spells a quote, which one, and where the reference starts.
func refQuoteBefore(text []byte, j int) (q byte, open int, ok bool) {
	for k := j - 1; k >= 0 && j-k <= maxQuoteRef; k-- {
		if text[k] != '&' {
			continue
		}
		if c, n := refQuote(text[k:j]); n == j-k {
			return c, k, true
		}
		return 0, 0, false
	}
	return 0, 0, false
}

// refQuote returns the quote the character reference at the start of s
// spells and its length, or n == 0.
func refQuote(s []byte) (q byte, n int) {
	switch {
	case hasPrefixFold(s, "&quot;"):
		return '"', len("&quot;")
	case hasPrefixFold(s, "&apos;"):
		return '\'', len("&apos;")
	}
	if r, n := detect.DecodeCharRef(s); n > 0 && (r == '"' || r == '\'') {
		return byte(r), n
	}
	return 0, 0
}

// refQuotedDataURLEnd returns where a URL opened by a reference to the
// quote q ends: at the next reference to q, or at q itself (the
// attribute's end), or at the end of text.
func refQuotedDataURLEnd(text []byte, start int, q byte) int {
	for k := start; k < len(text); k++ {
		countReadingSteps(1)
		switch text[k] {
		case q:
			return k
		case '&':
			if c, n := refQuote(text[k:min(len(text), k+maxQuoteRef)]); n > 0 && c == q {
				return k
			}
		}
	}
	return len(text)
}
