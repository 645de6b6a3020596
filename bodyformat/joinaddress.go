package bodyformat

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A piece's own reading masks an e-mail address it holds whole
// (san@qq.com: s***@qq.com), keeping the first character of its local
// part. When the field's text before the piece ends in more of that
// local part (zhang___, a.b.c.d, held or released), the client joins
// them into one address, zhang___s***@qq.com: most of the local part
// shown, and the joined text no longer reads as an address for the
// joiner to mask. maskAddressLead masks what of it is still held.

// maskAddressLead masks, when the piece that starts at start in the
// field's text opens with an address mask, the local part's characters
// before it that are still held and the character the mask kept, as the
// address read whole is masked (z***@qq.com). It returns the first piece
// it changed, or -1.
func (f *fieldText) maskAddressLead(start int) int {
	kept, ok := addressMaskAt(f.text[start:])
	if !ok || start < f.ctx {
		return -1
	}
	lead := detect.LocalPartStart(f.text, start)
	if lead >= start {
		return -1
	}
	from := max(lead, f.ctx)
	masked := "" // (the local part opens in released text: the kept character goes too)
	if from == lead {
		// the first character is kept, as maskEmail keeps it
		masked = "*"
		if r, size := utf8.DecodeRune(f.text[lead:]); r != utf8.RuneError && !unicode.IsPunct(r) && !unicode.IsSymbol(r) {
			masked = string(f.text[lead : lead+size])
		}
	}
	return f.mask(detect.Finding{Category: detect.Email, Start: from, End: start + kept, Masked: masked})
}

// addressMaskAt reports whether t opens with the mask of an e-mail
// address (detect's maskEmail: one character kept, or none, then stars
// and the '@'), and how many bytes before its stars are to be masked.
// The dots and hyphens a local part cannot start with (.san@qq.com:
// .s***@qq.com) may stand before the mask; they are counted in kept.
func addressMaskAt(t []byte) (kept int, ok bool) {
	lead := 0
	for lead < len(t) && lead < maxLeadDots && (t[lead] == '.' || t[lead] == '-') {
		lead++
	}
	if bytes.HasPrefix(t[lead:], []byte("****@")) {
		return lead, true
	}
	r, size := utf8.DecodeRune(t[lead:])
	if r == utf8.RuneError || r == '*' {
		return 0, false
	}
	return lead + size, bytes.HasPrefix(t[lead+size:], []byte("***@"))
}

// maxLeadDots bounds the dots and hyphens addressMaskAt reads before a
// mask: a local part's length.
const maxLeadDots = 64
