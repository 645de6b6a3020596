package bodyformat

import "github.com/piifilter/caddy-pii-filter/detect"

// numericKey reads key, a script literal's bare key of digits at
// src[start] ({13812345678: 1}: the object's key is the string of those
// digits, as a JSON key "13812345678" is), as inspectText reads a
// string's text; what it finds is masked in a key quoted as a string
// ({"138****5678": 1}), since digits and stars are no bare key: the
// script keeps its syntax and reads the masked string as its key.
func (w *jsonWalker) numericKey(start int, key []byte) {
	forced := w.forced[start]
	var fs []detect.Finding
	if len(key) >= minTextLen {
		fs = w.in.find(key, 0)
	}
	for _, f := range fs {
		w.lastFound = append(w.lastFound, span{f.Start, f.End, f.Category})
	}
	if len(fs)+len(forced) == 0 || w.in.mode != Redact {
		return
	}
	if len(forced) > 0 {
		fs = withForced(key, fs, forced)
	}
	w.esc = append(append(w.esc[:0], '"'), detect.Apply(key, fs)...)
	w.esc = append(w.esc, '"')
	w.out.replace(start, start+len(key), w.esc)
}
