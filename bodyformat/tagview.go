package bodyformat

import (
	"bytes"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A model reads tag characters as the ASCII they mirror, and reads that
// ASCII as it reads any other: "手机 " spelled before "138|1234|5678" in
// tags is a mobile behind a label, as it is in ASCII. So the tags are no
// reading of their own but a first stage beneath all of them: the piece
// with its tags decoded (decodeTagChars), its tag view, is read again in
// every reading a piece gets, in windows around the tags
// (changedWindows), its findings mapped back to the tags' bytes. Tags a
// page or a script spells (&#xE0031;, "\uDB40\uDC31", "\u{E0031}") reach
// the stage through the decoders that read those spellings: the escapes'
// view read builds already, the references decoded (decodeRefsMapped),
// the first stages of CSS escapes, character codes and percent escapes.
// A tag view holds no tag character that mirrors ASCII, and is read for
// no tag view of its own (inspector.inTags): a piece is read at most once
// for each of its tag views, and only when it holds tags or spells one.

// readTags returns the findings of the tag views of text: the tags
// written in it (trig holds trigTag), those its escapes spell (view, its
// escapes' view through offs, nil when it has none), those its
// character references spell and those the first stages of its readings
// (firsts, nil when it has none) spell by their codes (codeStages), each
// view read whole (readTagView), the spans in text.
func (in *inspector) readTags(text []byte, trig trigger, view []byte, offs []int32, firsts *firstReadings, hint detect.CategorySet) []detect.Finding {
	if in.inTags {
		return nil
	}
	var fs []detect.Finding
	if trig&trigTag != 0 {
		if dec, o, ok := decodeTagChars(text); ok {
			fs = mergeFindings(fs, in.readTagView(text, dec, o, hint))
		}
	}
	if offs != nil && spellsTags(text, view, trig) && !in.failed() {
		if dec, o, ok := decodeTagChars(view); ok {
			fs = mergeFindings(fs, in.readTagView(text, dec, composeOffsets(o, offs), hint))
		}
	}
	if trig&trigAmp != 0 && !in.failed() && refTo(text, isTagRune) {
		refs, ro := decodeRefsMapped(text)
		if dec, o, ok := decodeTagChars(refs); ok {
			fs = mergeFindings(fs, in.readTagView(text, dec, composeOffsets(o, ro), hint))
		}
	}
	if firsts == nil {
		return fs
	}
	if trig&trigPercent != 0 && containsFold(text, "%f3%a0") {
		firsts.stage(in, text, stagePercent) // (a reading may have read it as edits only)
	}
	for _, st := range codeStages {
		if s := &firsts[st]; s.done && s.ok && !in.failed() && spellsTags(text, s.dec, trig) {
			if dec, o, ok := decodeTagChars(s.dec); ok {
				fs = mergeFindings(fs, in.readTagView(text, dec, composeOffsets(o, s.offs), hint))
			}
		}
	}
	return fs
}

// codeStages are the first stages that spell a character by its code
// (\E0031 in CSS, String.fromCodePoint(0xE0031), %F3%A0%80%B1): the tags
// they spell are read in the stage as its readings decoded it already.
var codeStages = [...]firstStage{stageCSSEscapes, stageCharCodes, stagePercent}

// spellsTags reports whether dec, a decoded reading of text, holds a tag
// character text does not: one a decoder spelled. A text without the
// lead bytes (no trigTag) is not counted.
func spellsTags(text, dec []byte, trig trigger) bool {
	if trig&trigTag == 0 {
		return bytes.Contains(dec, tagLead)
	}
	return bytes.Count(dec, tagLead) > bytes.Count(text, tagLead)
}

// isTagRune reports whether r is a tag character that mirrors an ASCII
// character (tagASCII).
func isTagRune(r rune) bool {
	return r >= 0xE0020 && r <= 0xE007E
}

// readTagView reads dec, a tag view of text through offs, in every
// reading, in the windows around what the view changed, and returns the
// findings, their spans in text. The view is charged while it is read.
func (in *inspector) readTagView(text, dec []byte, offs []int32, hint detect.CategorySet) []detect.Finding {
	ch, room := in.chargeBuilt(text, dec, offs)
	defer ch.done()
	if !room {
		return nil
	}
	ws, ok := changedWindows(text, dec, offs, false, nil)
	if !ok || readingsWhole {
		ws = append(ws[:0], window{0, len(dec)})
	}
	esc, escOffs := in.esc, in.escOffs
	in.esc, in.escOffs, in.inTags = nil, nil, true
	var fs []detect.Finding
	for _, w := range ws {
		if in.failed() {
			break
		}
		for _, f := range in.readJoined(dec[w.from:w.to], hint) {
			f.Start, f.End = rawSpan(offs[w.from:w.to+1], f.Start, f.End)
			fs = append(fs, f)
		}
	}
	in.esc, in.escOffs, in.inTags = esc, escOffs, false
	return mergeFindings(nil, fs)
}
