package bodyformat

// A buffered stream of JSON lines (NDJSON) is read a document a line,
// each by a walker of its own: a walker is a few hundred bytes, so a body
// of short lines ({"a":"1"}) allocated tens of bytes a byte in walkers
// alone. The inspector keeps the walker of the last document it is done
// with, its scratch buffers too, for the next.

// takeWalker returns a walker with nothing set but its scratch buffers
// (the decoded string, its offsets, the decoded key, the escaped
// replacement), the spare one when there is one.
func (in *inspector) takeWalker() *jsonWalker {
	w := in.spareWalker
	if w == nil {
		return &jsonWalker{}
	}
	in.spareWalker = nil
	*w = jsonWalker{dec: w.dec[:0], offs: w.offs[:0], key: w.key[:0], esc: w.esc[:0], joins: w.joins}
	return w
}

// giveWalker gives back a walker whose result has been taken
// (splicer.result): nothing it holds is used any more but its scratch
// buffers.
func (in *inspector) giveWalker(w *jsonWalker) { in.spareWalker = w }
