package fieldtext

import (
	"strings"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
)

// A cookie's value reaches frameworks that decode it as a form's value:
// PHP's $_COOKIE urldecodes it and jquery.cookie reads '+' as a space, so
// Set-Cookie: tel=138+1234+5678 (or u=138+1234+5678, or a value with no
// name) is "138 1234 5678" to them. A '+' in a cookie's value is read as a
// space wherever it stands, not only in a query or in a form's fields
// (bodyformat.QueryPluses): the value needs no '&' for a receiver to read
// it so.

// RedactCookie is Redact for the value of a cookie field (Set-Cookie,
// Cookie): each pair of its ';'-separated list that holds a '+' (a
// cookie's name=value, a value alone, a Set-Cookie's attribute) has its
// value read percent-decoded with '+' as a space, hinted by the pair's
// name and by hint, and masked in place (percent-encoded where it held a
// '+'); then the value, as masked so far, is read as Redact reads it.
func RedactCookie(find Finder, s string, hint detect.CategorySet) (string, []detect.Finding) {
	if strings.IndexByte(s, '+') < 0 {
		return Redact(find, s, hint)
	}
	f := redactor{find: find}
	var b strings.Builder
	b.Grow(len(s))
	for k, pair := range strings.Split(s, ";") {
		if k > 0 {
			b.WriteByte(';')
		}
		name, value, ok := strings.Cut(pair, "=")
		switch {
		case strings.IndexByte(pair, '+') < 0:
			b.WriteString(pair)
		case !ok:
			b.WriteString(f.redactPiece(pair, hint, true, false))
		default:
			dec, _ := percentDecode(strings.TrimSpace(name), true)
			b.WriteString(name)
			b.WriteByte('=')
			b.WriteString(f.redactPiece(value, hint|bodyformat.HintForKey(string(dec)), true, false))
		}
	}
	out, fs := Redact(find, b.String(), hint)
	return out, append(f.found, fs...)
}

// CookieReadsAlone is ReadsAlone for the value of a cookie field: one with
// a '+' in it is read on its own too (RedactCookie reads it as a space).
func CookieReadsAlone(s string) bool {
	return strings.IndexByte(s, '+') >= 0 || ReadsAlone(s)
}
