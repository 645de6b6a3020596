package fieldtext

import "github.com/piifilter/caddy-pii-filter/detect"

// RedactName returns name, a header field's name or a log object's key
// (a token the client chooses: "X-Tel<mobile>", "X-U<ID>"), with the
// personal information in it masked, and the findings. It is read as a
// host's labels are (joinReadings): its digits alone, what they find
// starred where it stands, then as text, masked in the mask style, and
// what the digits alone found written as its mask. A name with nothing
// in it comes back as it is.
func RedactName(find Finder, name string) (string, []detect.Finding) {
	if name == "" {
		return name, nil
	}
	return joinReadings(find, name, nil, func(s string) (string, []detect.Finding) { return Redact(find, s, 0) }, true)
}
