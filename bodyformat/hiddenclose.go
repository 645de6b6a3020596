package bodyformat

import "bytes"

// hiddenClose returns where the content of the element name (lower-case)
// whose opening tag ends at raw[end] ends: the '<' of its end tag, the
// elements of the same name opened inside it counted, as a browser
// matches them (<span hidden><span hidden>9</span>9</span> closes at the
// second </span>: the whole is not rendered), or len(raw) when it does
// not close. A void element (<img hidden>) holds nothing: end. Each byte
// is looked at once.
func hiddenClose(raw []byte, end int, name []byte) int {
	if voidElement(string(name)) {
		return end
	}
	depth := 0
	for from := end; from < len(raw); {
		k := bytes.IndexByte(raw[from:], '<')
		if k < 0 {
			countReadingSteps(len(raw) - from)
			break
		}
		countReadingSteps(k + 1)
		at := from + k
		j := at + 1
		closing := j < len(raw) && raw[j] == '/'
		if closing {
			j++
		}
		from = j
		if len(raw)-j < len(name) || !bytes.EqualFold(raw[j:j+len(name)], name) ||
			j+len(name) < len(raw) && isTagNameByte(raw[j+len(name)]) {
			continue
		}
		switch {
		case !closing:
			depth++
		case depth == 0:
			return at
		default:
			depth--
		}
	}
	return len(raw)
}
