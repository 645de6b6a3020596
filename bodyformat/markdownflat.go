package bodyformat

// flat appends text[from:to], what a pair or a link holds at
// maxMarkdownDepth, with every delimiter byte a renderer may take out
// taken out ('*', '_', '~', '`', a link's brackets and its inline
// target): a renderer nests pairs and links without bound
// ("167[**_~~*`8616`*~~_**](/x)4446" shows 16786164446), so past the
// depth the reading fails closed, reading what it would take out of any
// pair as taken out, each byte once (text is the piece of the root at
// offset base).
func (r *markdownReading) flat(text []byte, base, from, to int) {
	countReadingSteps(to - from)
	seg := from
	for i := from; i < to; i++ {
		switch text[i] {
		case '*', '_', '~', '`', '[', ']':
		default:
			continue
		}
		r.copy(text, base, seg, i)
		seg = i + 1
		if text[i] == ']' && i+1 < to && text[i+1] == '(' {
			if end := r.targets.endOf(r.root, base+i+1) - base; end > 0 && end <= to {
				i, seg = end-1, end // the target shows nothing
			}
		}
	}
	r.copy(text, base, seg, to)
}
