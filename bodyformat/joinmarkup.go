package bodyformat

import (
	"bytes"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// findMarkup returns what a field's joined text holds read as HTML
// renders it (markupView, the view a buffered page and a single event's
// text are read in: inline tags and comments taken out), read as the text
// is, by the engine and in the joiner's other readings, the spans mapped
// back to the text (rawFinding). An LLM's reply streamed as "171<b>",
// "7146</b>", "8916" is one mobile to a Markdown renderer, which shows
// inline HTML's text, whichever events the tags and digits fall in. The
// view's own readings read no markup again (inMarkup), so nothing nests
// further. Text that is not markup gives none.
func (j *joiner) findMarkup(text []byte, hint detect.CategorySet, folds foldMode) []detect.Finding {
	view, segs, err := markupViewIn(text, true, j.s.meter, getViewBuf())
	defer putViewBuf(view)
	if err != nil || len(segs) == 0 || bytes.Equal(view, text) {
		return nil
	}
	if m := j.s.meter; m != nil && m.spend(int64(len(view))) != nil {
		return nil
	}
	fs := j.find(view, hint)
	countJoinRead(len(view))
	j.inMarkup = true
	fs = j.readMarkdown(view, hint, fs, folds)
	j.inMarkup = false
	for k := range fs {
		fs[k] = rawFinding(text, view, segs, fs[k])
	}
	return fs
}
