package detect

import (
	"crypto/hmac"
	"crypto/sha256"
)

// fingerprint is a keyed HMAC-SHA256 of the category and the normalised
// value, as 16 hex digits: the same identifier in any spelling gives the
// same fingerprint under one key, and without the key it reveals nothing.
func (e *Engine) fingerprint(c Category, norm []byte) string {
	var buf []byte
	return string(appendFingerprint(nil, hmac.New(sha256.New, e.key), &buf, c, norm))
}

// Fingerprint returns the keyed fingerprint of a value of category c as the
// engine computes it for a finding, so an operator can look up a known
// identifier in incident logs. The value is normalised as the scanner does;
// if it is not recognised as c, the fingerprint of its plain normalised
// form (digits and letters in ASCII, separators dropped) is returned.
func (e *Engine) Fingerprint(c Category, value string) string {
	for _, f := range e.FindHinted([]byte(value), NewCategorySet(c)) {
		step()
		if f.Category == c {
			return f.Fingerprint
		}
	}
	s := scanner{text: []byte(value)}
	return e.fingerprint(c, s.normText(0, len(value)))
}
