package bodyformat

import "github.com/piifilter/caddy-pii-filter/detect"

// text scans b as plain text (also HTML and XML: the engine decodes
// character references itself and maps findings back to the original
// bytes, and masks never contain markup characters). It returns the
// redacted text, or nil when nothing changed or the mode is Scan. Invalid
// UTF-8 is scanned like any other bytes.
func (in *inspector) text(b []byte, hint detect.CategorySet) []byte {
	fs := in.find(b, hint)
	if names := in.csvRecordNames(b, fs); len(names) > 0 {
		fs = mergeFindings(fs, names) // a CSV row's names (csvrecordnames.go)
	}
	if len(fs) == 0 {
		return nil
	}
	if in.mode != Redact {
		return nil
	}
	return detect.Apply(b, fs)
}
