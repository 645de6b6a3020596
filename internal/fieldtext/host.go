package fieldtext

import (
	"bytes"
	"net/netip"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A request's host (its Host field, HTTP/2's :authority, the authority of
// an absolute-form target) is a name the client chose: a site that
// answers any host passes "13812345678.shop.example" or
// "u<ID>.shop.example" to its upstream (Host, X-Forwarded-Host) and to
// its logs. A host is read three ways: as text (Redact), its digits alone
// (every other byte a space, an 'X' kept after a digit: an identifier
// glued to a letter of its label, which the text reading leaves to a
// word), and each punycode label ("xn--…") decoded, both ways again. An
// IP literal with or without a port holds no text, but an IPv6 address's
// groups may be written in decimal digits alone ("[::138:1234:5678]"
// carries a mobile grouped as one is written): its decimal groups and
// port are read as digits alone (redactIPLiteral). A host with
// findings cannot be masked where it routes the request: the callers
// refuse it, and log the masked form RedactHost returns.

// maxPunycodeLabel is the longest label decoded from punycode: a DNS
// label's 63 bytes. Decoding inserts each rune in turn, so a longer label
// (no DNS name has one) is read only as it is written.
const maxPunycodeLabel = 63

// RedactHost returns host with the personal information in it masked and
// the findings. It is read as joinReadings joins a token's readings, its
// punycode labels with a finding starred whole between the two. A host
// with nothing in it comes back as it is.
func RedactHost(find Finder, host string) (string, []detect.Finding) {
	if host == "" {
		return host, nil
	}
	if ipLiteral(host) {
		return redactIPLiteral(find, host)
	}
	return joinReadings(find, host, func(b []byte) []detect.Finding { return starPunycode(find, b) },
		func(s string) (string, []detect.Finding) { return redactBracketed(find, s) }, false)
}

// joinReadings is the one join of a token's two readings (a host, a
// header field's name, a log object's key: a name the client chose): its
// digits alone first (starDigits: an identifier glued to a letter, which
// the text reading leaves to a word), every byte of what they find
// starred where it stands, then mark, when given, starring more of it in
// place, then what is left read as text (text), masked in the mask style.
// With styled set, a run the digits alone starred is written as its
// finding's mask (the mask style) where the text reading left it as it
// was, in place; else it stays starred (a host, or a run the text reading
// moved or wrote over: stricter). The findings are those of all three.
func joinReadings(find Finder, s string, mark func(b []byte) []detect.Finding, text func(string) (string, []detect.Finding), styled bool) (string, []detect.Finding) {
	b := []byte(s)
	digits := starDigits(find, b, b)
	found := digits
	if mark != nil {
		found = append(found[:len(found):len(found)], mark(b)...)
	}
	out, fs := text(string(b))
	found = append(found, fs...)
	if !styled || len(digits) == 0 || len(out) != len(b) {
		return out, found
	}
	slices.SortFunc(digits, func(x, y detect.Finding) int { return x.Start - y.Start })
	var w strings.Builder
	prev := 0
	for _, f := range digits {
		if f.Start < prev || f.End > len(out) || strings.Trim(out[f.Start:f.End], "*") != "" {
			continue // overlapping, or written over: left starred
		}
		w.WriteString(out[prev:f.Start])
		w.WriteString(f.Masked)
		prev = f.End
	}
	w.WriteString(out[prev:])
	return w.String(), found
}

// starPunycode reads each punycode label of host (readPunycode) and
// stars the whole of one with a finding, in place; it returns the
// findings.
func starPunycode(find Finder, host []byte) []detect.Finding {
	var found []detect.Finding
	for start := 0; start < len(host); {
		end := bytes.IndexByte(host[start:], '.')
		if end < 0 {
			end = len(host)
		} else {
			end += start
		}
		if fs := readPunycode(find, string(host[start:end])); len(fs) > 0 {
			found = append(found, fs...)
			for i := start; i < end; i++ {
				host[i] = '*'
			}
		}
		start = end + 1
	}
	return found
}

// redactBracketed reads host as text: a bracketed address
// ("[fe80::1%25…]:443", its zone free text) and what follows it apart,
// the brackets kept. They are the host's grammar, not its content, and a
// reading of the whole may take "[…]:" for a document's structure and
// span its mask over the ']'.
func redactBracketed(find Finder, host string) (string, []detect.Finding) {
	end := strings.IndexByte(host, ']')
	if !strings.HasPrefix(host, "[") || end < 0 {
		return Redact(find, host, 0)
	}
	in, fs := Redact(find, host[1:end], 0)
	rest, more := Redact(find, host[end+1:], 0)
	if len(fs)+len(more) == 0 {
		return host, nil
	}
	return "[" + in + "]" + rest, append(fs, more...)
}

// redactIPLiteral reads an IPv6 literal's groups written in decimal
// digits alone, and its port, as digits alone (every other byte, a group
// holding a hexadecimal letter with it, a space), and stars the digits of
// a mobile (a prefix) or an ID (a checksum) made of whole groups: a
// random address is hexadecimal, one whose decimal groups spell one of
// these is a message. Other categories are not read there: four decimal
// groups pass a card's Luhn check one time in ten. An IPv4 address,
// octets of at most three digits, and its port come back as they are.
func redactIPLiteral(find Finder, host string) (string, []detect.Finding) {
	if !strings.HasPrefix(host, "[") && strings.Count(host, ":") < 2 {
		return host, nil
	}
	text := []byte(host)
	for start := 0; start <= len(text); {
		end := start
		for end < len(text) && !ipSeparator(text[end]) {
			end++
		}
		if bytes.ContainsFunc(text[start:end], func(r rune) bool { return !isDigit(byte(r)) }) {
			copy(text[start:end], bytes.Repeat([]byte{' '}, end-start))
		}
		if end < len(text) {
			text[end] = ' '
		}
		start = end + 1
	}
	var fs []detect.Finding
	for _, f := range find(text, 0) {
		whole := f.Start >= 0 && f.End <= len(text) && (f.Start == 0 || !isDigit(text[f.Start-1])) &&
			(f.End == len(text) || !isDigit(text[f.End]))
		if whole && (f.Category == detect.CNMobile || f.Category == detect.CNID) {
			fs = append(fs, f)
		}
	}
	if len(fs) == 0 {
		return host, nil
	}
	b := []byte(host)
	for _, f := range fs {
		for i := f.Start; i < f.End; i++ {
			if isDigit(text[i]) {
				b[i] = '*' // (the colons kept)
			}
		}
	}
	return string(b), fs
}

// ipSeparator reports whether c separates an IP literal's groups, octets
// or port.
func ipSeparator(c byte) bool { return c == ':' || c == '.' || c == '[' || c == ']' }

// isDigit reports whether c is an ASCII decimal digit.
func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// ipLiteral reports whether host is an IP address without a zone,
// bracketed or not, with an optional port of at most five digits.
func ipLiteral(host string) bool {
	name, port := host, ""
	if strings.HasPrefix(host, "[") {
		end := strings.IndexByte(host, ']')
		if end < 0 {
			return false
		}
		name, port = host[1:end], host[end+1:]
	} else if i := strings.IndexByte(host, ':'); i >= 0 && strings.Count(host, ":") == 1 {
		name, port = host[:i], host[i:]
	}
	if port != "" && !shortPort(port) {
		return false
	}
	ip, err := netip.ParseAddr(name)
	return err == nil && ip.Zone() == ""
}

// shortPort reports whether s is ":" and one to five ASCII digits.
func shortPort(s string) bool {
	if len(s) < 2 || len(s) > 6 || s[0] != ':' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// starDigits reads the digits of text alone, every other rune a space
// (an 'X' or 'x' that closes a run of 17 digits, a resident ID's check
// character, kept; any other x is a space, so it cannot glue itself to a
// mobile's digits), and stars in dst, of text's length, the bytes of what
// it finds.
func starDigits(find Finder, text, dst []byte) []detect.Finding {
	digits := make([]byte, len(text))
	any := false
	run := 0 // digits in a row before text[i]
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRune(text[i:])
		isDigit := unicode.IsDigit(r)
		keep := isDigit || (r == 'X' || r == 'x') && run == idBodyDigits
		if isDigit {
			run++
		} else {
			run = 0
		}
		for j := i; j < i+size; j++ {
			digits[j] = ' '
			if keep {
				digits[j], any = text[j], true
			}
		}
		i += size
	}
	if !any {
		return nil
	}
	fs := find(digits, 0)
	for _, f := range fs {
		for i := max(f.Start, 0); i < min(f.End, len(dst)); i++ {
			dst[i] = '*'
		}
	}
	return fs
}

// idBodyDigits is the number of digits a resident ID's check character
// closes.
const idBodyDigits = 17

// readPunycode reads a punycode label decoded, as text and, when that
// finds nothing, its digits alone, and returns what it finds.
func readPunycode(find Finder, label string) []detect.Finding {
	if len(label) > maxPunycodeLabel || len(label) < 4 || !strings.EqualFold(label[:4], "xn--") {
		return nil
	}
	dec, err := idna.Punycode.ToUnicode(strings.ToLower(label))
	if err != nil || dec == label {
		return nil
	}
	if _, fs := Redact(find, dec, 0); len(fs) > 0 {
		return fs
	}
	text := []byte(dec)
	return starDigits(find, text, make([]byte, len(text)))
}
