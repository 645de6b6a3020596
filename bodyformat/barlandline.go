package bodyformat

import (
	"bytes"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A bar between digits is read as the one it looks like (lookalikes.go:
// 138|2345678), but it delimits values as often: a tel field's
// "424|733" or "3|8|2024" read so is 4241733 or 31812024, a landline's
// local number to the engine behind its label, though the same digits
// set apart by spaces or run together are no number. A mobile, an ID or
// a card read through a bar has its prefix, check digit or Luhn to
// confirm it; a landline has only its shape. withoutBarLocalLandlines
// keeps a landline read through a bar only when it holds its area code
// (0755|2612345, +86 755|…), as the engine finds a landline in a plain
// number without a label.

// withoutBarLocalLandlines returns fs without the landlines whose span in
// text holds a bar and starts with no area code: neither after '+' (a
// country code) nor with a 0 as its first digit.
func withoutBarLocalLandlines(text []byte, fs []detect.Finding) []detect.Finding {
	out := fs[:0]
	for _, f := range fs {
		if f.Category == detect.CNLandline && bytes.IndexByte(text[f.Start:f.End], '|') >= 0 && !areaCodeFirst(text[f.Start:f.End]) {
			continue
		}
		out = append(out, f)
	}
	return out
}

// areaCodeFirst reports whether span, a landline's, starts with a
// country code ('+') or a trunk 0, past an opening bracket.
func areaCodeFirst(span []byte) bool {
	span = bytes.TrimLeft(span, "( ")
	return len(span) > 0 && (span[0] == '+' || span[0] == '0')
}
