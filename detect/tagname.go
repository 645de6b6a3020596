package detect

// An element named by one letter and a number (<t13812345678>, a tag an
// XML or HTML page opens and closes): a script or an XML reader reads the
// name, and the number in it, as a page's data (tagName.slice(1)). The
// letter is no word the number belongs to.

// tagNameLetter reports whether the ASCII letter at text[at] opens an
// element's name: '<' or "</" stands right before it.
func tagNameLetter(text []byte, at int) bool {
	return at > 0 && (text[at-1] == '<' || at > 1 && text[at-1] == '/' && text[at-2] == '<')
}
