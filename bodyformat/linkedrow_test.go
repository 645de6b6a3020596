package bodyformat

import "strings"

// linkedSheet links a style sheet the filter cannot read, which may hide
// the elements of class h (.h{display:none}): the hidden-cell decoy
// tests' pages start with it.
const linkedSheet = "<link rel=stylesheet href=/s.css>"

// linkedRow returns a page linking linkedSheet with one table row of
// tag cells (td, th) holding texts, or a list of li items holding them.
func linkedRow(tag string, texts ...string) string {
	var b strings.Builder
	b.WriteString(linkedSheet)
	open, close := "<table><tr>", "</tr></table>"
	if tag == "li" {
		open, close = "<ul>", "</ul>"
	}
	b.WriteString(open)
	for _, s := range texts {
		b.WriteString("<" + tag + ">" + s + "</" + tag + ">")
	}
	b.WriteString(close)
	return b.String()
}
