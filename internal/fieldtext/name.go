package fieldtext

import (
	"slices"
	"strings"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// RedactName returns name, a header field's name or a log object's key
// (a token the client chooses: "X-Tel<mobile>", "X-U<ID>"), with the
// personal information in it masked, and the findings. It is read as a
// host's labels are: as text, then, as masked, its digits alone
// (starDigits: an identifier glued to a letter, which the text reading
// leaves to a word), each of their findings replaced by its mask. A name
// with nothing in it comes back as it is.
func RedactName(find Finder, name string) (string, []detect.Finding) {
	if name == "" {
		return name, nil
	}
	out, found := Redact(find, name, 0)
	text := []byte(out)
	fs := starDigits(find, text, make([]byte, len(text)))
	if len(fs) == 0 {
		return out, found
	}
	slices.SortFunc(fs, func(a, b detect.Finding) int { return a.Start - b.Start })
	var b strings.Builder
	prev := 0
	for _, f := range fs {
		start, end := max(f.Start, prev), min(f.End, len(out))
		if start >= end {
			continue
		}
		b.WriteString(out[prev:start])
		if start == f.Start && end == f.End {
			b.WriteString(f.Masked)
		} else {
			b.WriteString(strings.Repeat("*", end-start)) // what an overlapping finding leaves
		}
		prev = end
	}
	b.WriteString(out[prev:])
	return b.String(), append(found, fs...)
}
