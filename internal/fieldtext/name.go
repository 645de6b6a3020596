package fieldtext

import "github.com/piifilter/caddy-pii-filter/detect"

// RedactName returns name, a header field's name or a log object's key
// (a token the client chooses: "X-Tel<mobile>", "X-U<ID>"), with the
// personal information in it masked, and the findings. It is read as a
// host's labels are: its digits alone (starDigits: an identifier glued to
// a letter, which the text reading leaves to a word), starred where they
// stand, then as text. A name with nothing in it comes back as it is.
func RedactName(find Finder, name string) (string, []detect.Finding) {
	if name == "" {
		return name, nil
	}
	b := []byte(name)
	found := starDigits(find, b, b)
	out, fs := Redact(find, string(b), 0)
	return out, append(found, fs...)
}
