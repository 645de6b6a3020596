package bodyformat

import "github.com/piifilter/caddy-pii-filter/detect"

// A lenient decoder (Python's base64.b64decode by default, Java's MIME
// decoder) drops the bytes outside the standard alphabet: a token cut by
// '-', '_' or '.' into pieces too short to be read alone (MTM3NTc0-NzQw…,
// MTM3-NTc0-NzQw-NzY=) decodes whole there.

// strippedFindings appends to fs a finding spanning text[start:end] when
// tok, with its '-', '_' and '.' dropped, decodes to text holding one.
// It is read only when tok holds such a separator and what is left is as
// long as minBase64Token and of mixed alphabet: a hyphenated word decodes
// to no text, and one that does holds no finding.
func (in *inspector) strippedFindings(fs []detect.Finding, tok []byte, start, end int, hint detect.CategorySet, samples int) []detect.Finding {
	if !hasStripped(tok) {
		return fs
	}
	countReadingSteps(len(tok))
	in.b64strip = in.b64strip[:0]
	for _, c := range tok {
		if c != '-' && c != '_' && c != '.' {
			in.b64strip = append(in.b64strip, c)
		}
	}
	if len(in.b64strip) < minBase64Token || !mixedAlphabet(in.b64strip) {
		return fs
	}
	in.noBlob = true // a lenient decoder's guess: read as text only (base64blob.go)
	f, found, _ := in.decodedFinding(in.b64strip, hint, samples)
	in.noBlob = false
	if !found {
		return fs
	}
	f.Start, f.End = start, end
	f.Masked = base64Mask[:min(end-start, len(base64Mask))]
	return append(fs, f)
}

// hasStripped reports whether tok holds a byte strippedFindings drops
// ('-', '_', '.'): bytes.IndexAny(tok, "-_.") >= 0, without building a set
// for every token.
func hasStripped(tok []byte) bool {
	for _, c := range tok {
		if c == '-' || c == '_' || c == '.' {
			return true
		}
	}
	return false
}
