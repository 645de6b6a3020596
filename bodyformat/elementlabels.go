package bodyformat

import (
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// An XML element whose name says it holds a person's name or address
// (<姓名>, <name>, <xm>, <address>, <shdz>) labels its text as a key
// labels a JSON value: a reader of the document takes <姓名>张三</姓名>
// for 姓名：张三. The markup view is read as one text, so the label is
// put in it: the engine's own label word for the category (its first in
// the registry), whatever the element's spelling (a pinyin key such as
// xm is a key word, not a label the engine reads in text).

// fieldLabelCats are the categories whose element names are put in the
// view as the engine's label, one element at a time: a name or an address
// is a whole element's text, never split over elements.
var fieldLabelCats = []detect.Category{detect.CNName, detect.CNAddress}

// fieldLabels holds the label put in the view for each of fieldLabelCats,
// in the same order.
var fieldLabels = func() []string {
	out := make([]string, len(fieldLabelCats))
	for _, info := range detect.Categories() {
		for k, c := range fieldLabelCats {
			if info.Category == c && len(info.Labels) > 0 {
				out[k] = info.Labels[0] + "："
			}
		}
	}
	return out
}()

// fieldLabel returns the label to put before the text of an element
// whose name's hint is hint, or "": only an element naming one of
// fieldLabelCats and no identifier of digits (those are labelled by their
// own names, elementLabel).
func fieldLabel(hint detect.CategorySet) string {
	if hint&siblingHint != 0 {
		return ""
	}
	for k, c := range fieldLabelCats {
		if hint.Has(c) {
			return fieldLabels[k]
		}
	}
	return ""
}

// xmlNameStart reports whether c, a byte after '<' that is no ASCII
// letter, starts an XML element's name all the same: '_', or the first
// byte of a character beyond ASCII (<姓名>, <手机>), which XML allows in
// names and a reader of the document takes for a tag, not text.
func xmlNameStart(c byte) bool {
	return c == '_' || c >= utf8.RuneSelf
}
