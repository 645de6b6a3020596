package bodyformat

import "bytes"

// xmlDoctypeEnd returns where the document type declaration that starts
// at doc[p] ("<!DOCTYPE") ends, as an XML parser reads it: quoted
// literals are skipped whole, and in its internal subset ([…]) comments
// and processing instructions are too, so that a quote in a comment
// (<!-- don't -->) opens nothing; len(doc) when it is left open. Each
// byte is looked at once.
func xmlDoctypeEnd(doc []byte, p int) int {
	subset := false
	for j := p + len("<!DOCTYPE"); j < len(doc); {
		countReadingSteps(1)
		switch c := doc[j]; {
		case c == '"' || c == '\'':
			e := bytes.IndexByte(doc[j+1:], c)
			if e < 0 {
				return len(doc)
			}
			countReadingSteps(e)
			j += e + 2
		case subset && c == '<':
			if end, ok := xmlSkipped(doc, j); ok {
				countReadingSteps(end - j)
				j = end
				continue
			}
			j++
		case c == '[':
			subset = true
			j++
		case c == ']':
			subset = false
			j++
		case c == '>' && !subset:
			return j + 1
		default:
			j++
		}
	}
	return len(doc)
}
