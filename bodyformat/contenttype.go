package bodyformat

import (
	"errors"
	"mime"
	"net/http"
	"strings"
)

// ContentType returns the Content-Type a message's body is judged and
// read by: the one place that chooses among several. A single value is
// returned as it is. Several — more than one header line, or one line
// holding a comma list ("image/png, text/html") — are read as a browser
// reads them (Fetch, "extract a MIME type"): the values are split at
// commas outside quoted strings, invalid ones and */* skipped, the last
// valid one taken (with the charset of an earlier value of the same type
// when it names none). Failing closed, an image or another binary type
// chosen so (KnownBinary) stands only when every value is one: when any
// other is text-like, unknown or invalid, "" is returned, an untyped body,
// whose bytes are sniffed (decompressed first) rather than passed as a
// compressed image. No valid value gives "" too.
func ContentType(h http.Header) string {
	lines := h.Values("Content-Type")
	switch {
	case len(lines) == 0:
		return ""
	case len(lines) == 1 && !strings.Contains(lines[0], ","):
		return lines[0] // the usual case: one value
	}
	values := splitContentTypes(lines)
	if len(lines) == 1 && len(values) <= 1 {
		return lines[0]
	}
	chosen, essence, charset := "", "", ""
	allBinary := true
	for _, v := range values {
		mt, params, err := mime.ParseMediaType(v)
		if err != nil && !errors.Is(err, mime.ErrInvalidMediaParameter) || !strings.Contains(mt, "/") || mt == "*/*" {
			allBinary = false
			continue
		}
		allBinary = allBinary && knownBinary(mt)
		if mt != essence {
			charset = ""
		}
		essence, chosen = mt, v
		if cs, ok := params["charset"]; ok {
			charset = cs
		} else if charset != "" {
			if params == nil {
				params = map[string]string{}
			}
			params["charset"] = charset
			if f := mime.FormatMediaType(mt, params); f != "" {
				chosen = f
			}
		}
	}
	if knownBinary(essence) && !allBinary {
		return ""
	}
	return chosen
}

// SeveralContentTypes reports whether h holds more than one Content-Type
// value (header lines, or values of a comma list) that differ: by media
// type or parameters where they parse, by their text (case aside) where
// they do not. Such a message has no one type its receiver reads it by:
// a browser takes the last valid value (ContentType), a server most often
// the first (Go's Header.Get, so ParseForm). Repeats of one value, and a
// single value whose quoted parameter holds a comma, are one value.
func SeveralContentTypes(h http.Header) bool {
	lines := h.Values("Content-Type")
	if len(lines) == 0 || len(lines) == 1 && !strings.Contains(lines[0], ",") {
		return false
	}
	values := splitContentTypes(lines)
	for _, v := range values[min(1, len(values)):] {
		if !sameContentType(values[0], v) {
			return true
		}
	}
	return false
}

// sameContentType reports whether the Content-Type values a and b say the
// same: one media type with the same parameters, or the same text.
func sameContentType(a, b string) bool {
	if strings.EqualFold(a, b) {
		return true
	}
	ta, pa, errA := mime.ParseMediaType(a)
	tb, pb, errB := mime.ParseMediaType(b)
	if errA != nil || errB != nil || ta != tb || len(pa) != len(pb) {
		return false
	}
	for k, v := range pa {
		w, ok := pb[k]
		if !ok || v != w && (k != "charset" || !strings.EqualFold(v, w)) {
			return false
		}
	}
	return true
}

// splitContentTypes splits header lines at the commas outside quoted
// strings (a quoted backslash escapes the next byte), trimmed, dropping
// empty values. It looks at each byte once.
func splitContentTypes(lines []string) []string {
	var out []string
	for _, line := range lines {
		start, quoted := 0, false
		for i := 0; i < len(line); i++ {
			countReadingSteps(1)
			switch c := line[i]; {
			case quoted && c == '\\':
				i++
			case c == '"':
				quoted = !quoted
			case c == ',' && !quoted:
				out = appendValue(out, line[start:i])
				start = i + 1
			}
		}
		out = appendValue(out, line[start:])
	}
	return out
}

// appendValue appends v, trimmed, unless it is empty.
func appendValue(out []string, v string) []string {
	if v = strings.TrimSpace(v); v != "" {
		out = append(out, v)
	}
	return out
}
