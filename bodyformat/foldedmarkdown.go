package bodyformat

import "github.com/piifilter/caddy-pii-filter/detect"

// A Markdown renderer shows a paragraph with its delimiters and links
// read and its soft breaks as spaces, both at once: 138*1234*⏎5678,
// **138**⏎12345678 and 138[1234](/x)⏎5678 are a spaced mobile on the
// screen. The Markdown reading (decodeMarkdown) keeps the breaks, and the
// folded one (decodeFoldedLines) folds only a break with a digit on both
// sides, no delimiter: a body whose soft breaks are read folded
// (foldSoft) is read a third time, its Markdown read and then its soft
// breaks folded (decodeFoldedMarkdown).

// decodeFoldedMarkdown returns text as a Markdown renderer shows it: read
// by decodeMarkdown, then its soft breaks folded (decodeFoldedLines,
// foldSoft), each byte's offset the one in text it comes from (a pair or
// a link over a soft break, **1234⏎5678**, is read by decodeMarkdown and
// its break folded here); ok false
// unless both readings read something. The offsets of the fold are mapped
// through the Markdown reading's in place.
func decodeFoldedMarkdown(text []byte) ([]byte, []int32, bool) {
	md, mdOffs, ok := decodeMarkdown(text)
	if !ok {
		return nil, nil, false
	}
	return foldMarkdown(md, mdOffs)
}

// foldMarkdown returns md, a Markdown reading (decodeMarkdown) whose
// bytes come from the offsets mdOffs of a text, with its soft breaks
// folded (decodeFoldedLines, foldSoft), each byte's offset the one in the
// text; ok false when it folds nothing. mdOffs is left as it is: a piece
// read as Markdown (stageMarkdown) is read so and folded from one reading.
func foldMarkdown(md []byte, mdOffs []int32) ([]byte, []int32, bool) {
	dec, offs, ok := decodeFoldedLines(md, foldSoft)
	if !ok {
		return nil, nil, false
	}
	for k, o := range offs {
		offs[k] = mdOffs[o]
	}
	return dec, offs, true
}

// readFolded reads text as decode folds its lines (decodeFoldedLines,
// decodeFoldedMarkdown), charged as a reading of cost (its buffers
// counted once built), and returns what it finds, its masks kept over
// the lines they span (foldMasks).
func (in *inspector) readFolded(text []byte, decode decoder, cost int64, hint detect.CategorySet, samples int) []detect.Finding {
	var fs []detect.Finding
	if ch, room := in.chargeReading(text, cost); room {
		if dec, o, ok := decode(text); ok {
			ch.atLeast(dec, o)
			fs = foldMasks(text, in.findChanged(text, dec, o, hint, samples))
		}
		ch.done()
	}
	return fs
}
