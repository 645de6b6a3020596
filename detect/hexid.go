package detect

// Hex identifiers written as segments joined by '-': a segment of one may
// happen to hold only decimal digits (4a4cd359-0369-4187-8000-…, a trace's
// parent ID 1234567890123456) and is no number. Any other group of digits
// set apart by '-', '.' or '/' from the word or token before it is read as
// the number a reader (a person, a client splitting on '-') sees there.

// hexIDShapes are the segment lengths of the hex identifiers kept whole.
var hexIDShapes = [...][]uint8{
	{8, 4, 4, 4, 12}, // UUID (RFC 9562)
	{2, 32, 16, 2},   // W3C traceparent: version-trace-id-parent-id-flags
	{1, 8, 24},       // AWS X-Ray trace ID: 1-<epoch seconds>-<random>
	// B3 single header: trace-span[-sampled[-parent]]
	{32, 16}, {16, 16}, {32, 16, 1}, {16, 16, 1}, {32, 16, 1, 16}, {16, 16, 1, 16},
}

// maxHexID is the length in bytes of the longest shape (B3 with a 32-digit
// trace ID and a parent span): a shape holding text[p] lies within this
// many bytes of it on either side.
const maxHexID = 32 + 1 + 16 + 1 + 1 + 1 + 16

// inHexID reports whether text[p] lies inside a hex identifier of one of
// the hexIDShapes: hex segments joined by '-', the first and the last set
// apart from any word around them (a UUID may be glued to a word by '_' or
// a letter: file_<uuid>.json, <uuid>_v2). It returns the byte range
// [from, to) the shapes holding text[p] cover: the groups of digits past
// it are no segment of the identifier (<uuid>-18668066128). It reads at
// most maxHexID bytes on either side of p.
func inHexID(text []byte, p int) (from, to int, ok bool) {
	lo := p
	for lo > 0 && p-lo < maxHexID && (isHexByte(text[lo-1]) || text[lo-1] == '-') {
		step()
		lo--
	}
	hi := p
	for hi < len(text) && hi-p < maxHexID && (isHexByte(text[hi]) || text[hi] == '-') {
		step()
		hi++
	}
	// the segments of text[lo:hi]: segment k is text[seg[k]:seg[k+1]-1]
	var seg [2*maxHexID + 3]int
	n, at := 0, -1 // at: the segment holding p
	seg[0] = lo
	for j := lo; j < hi; j++ {
		if text[j] == '-' {
			n++
			seg[n] = j + 1
		}
		if j == p {
			at = n
		}
	}
	n++
	seg[n] = hi + 1
	if at < 0 {
		return 0, 0, false
	}
	segLen := func(k int, uuid bool) int {
		// an edge segment glued to a word (or cut by the bound) has no
		// length of its own: it matches no shape; a UUID's may be glued
		// by '_' or a letter that is no hex digit (cut by the bound, the
		// byte past the edge is a hex digit)
		if k == 0 && lo > 0 && isWordByte(text[lo-1]) && !(uuid && gluesUUID(text[lo-1])) ||
			k == n-1 && hi < len(text) && isWordByte(text[hi]) && !(uuid && gluesUUID(text[hi])) {
			return -1
		}
		return seg[k+1] - 1 - seg[k]
	}
	from, to = hi, lo
	for i, sh := range hexIDShapes {
		for k := max(0, at-len(sh)+1); k <= at && k+len(sh) <= n; k++ {
			step()
			match := true
			for m, l := range sh {
				if segLen(k+m, i == 0) != int(l) {
					match = false
					break
				}
			}
			if match {
				from, to, ok = min(from, seg[k]), max(to, seg[k+len(sh)]-1), true
			}
		}
	}
	return from, to, ok
}

// gluesUUID reports a word byte that glues a UUID to its word without
// being a digit of it: '_' or a letter past 'f' (upload_<uuid>, <uuid>x).
func gluesUUID(b byte) bool { return b == '_' || isASCIIAlnum(b) && !isHexByte(b) }

// isWordByte reports an ASCII letter, digit or '_': what glues a segment
// to a longer word (a Han character does not: 编号4a4cd359-… is a UUID).
func isWordByte(b byte) bool { return isASCIIAlnum(b) || b == '_' }
