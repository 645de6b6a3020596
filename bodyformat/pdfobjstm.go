package bodyformat

import (
	"bytes"
	"strconv"
)

// A PDF 1.5 file keeps most of its objects that are no streams (the
// catalog, the page tree, page dictionaries, /Resources) compressed in
// object streams: a stream with /N objects, its data a header of /N
// pairs "number offset" and, from byte /First, the objects themselves.
// Word, Chrome and LibreOffice write pages so. The page reading decodes
// every object stream (pdfObjStreams: a stream whose dictionary says
// /Type /ObjStm, or that has the /N and /First a viewer reads one by)
// with the decoders and shared decode bound of a compressed content
// stream (pdfDecode) and reads its objects as the file's own, written
// out after the file's bytes as "num 0 obj … endobj". Which of two
// definitions of one number (an object both in an object stream and
// plain, or in two) a viewer takes is the cross-reference's to say,
// which the reading does not follow: such a number is ambiguous, and a
// page reading that follows a reference to it is refused (fail closed,
// pdfFormFinder.obj). An object stream the reading cannot decode
// (filters it does not decode, a header it cannot read) refuses the
// body too, unless the file is encrypted (its streams are not read at
// all: a residual), when no pages are told apart, as before.

// pdfObjStmHead bounds the bytes written around each compressed object
// ("\nnum 0 obj\n", "\nendobj"), to charge them before they are.
const pdfObjStmHead = 32

// pdfObjStmObjectCost is what keeping a compressed object costs: its
// header's number and offset, its entry among the objects and the
// numbers seen.
const pdfObjStmObjectCost = 128

// pdfObjStmState is what pdfObjStreams made of a file's object streams.
type pdfObjStmState int

const (
	pdfObjStmNone      pdfObjStmState = iota // none: the file as it is
	pdfObjStmRead                            // decoded, their objects added
	pdfObjStmEncrypted                       // an encrypted file's, not read: no pages told apart
	pdfObjStmRefused                         // one not read, or past the bounds: the body is refused
)

// pdfObjStms is the file a page reading reads with its object streams'
// objects: ext is the file followed by them, each written out as an
// object of its own, and starts where each " obj" of ext stands; objs
// (by number and generation) are where each object's "obj" ends, the
// compressed ones in ext. ambiguous are the numbers defined more than
// once with one in an object stream; compressed those in one.
type pdfObjStms struct {
	ext        []byte
	starts     []int
	ambiguous  map[int]bool
	compressed map[int]bool
	charged    int64 // what ext and the maps cost, given back once read
}

// pdfObjStreams decodes the object streams of file b, whose objects are
// objs and whose " obj" keywords stand at starts, and returns b with
// their objects written out after it (added to objs and starts, each
// charged). At most maxPDFLengthObjects objects are kept in all; each
// stream's header is read once and its objects copied once, so the work
// is linear in the file and what its object streams decode to (the
// shared decode bound).
func (sc *pdfScanner) pdfObjStreams(b []byte, objs map[[2]int]int, starts []int) (pdfObjStms, pdfObjStmState) {
	in, m := sc.in, sc.in.meter
	st := pdfObjStms{ext: b, starts: starts}
	var streams []pdfObjStmData
	size := len(b)
	var cost int64 // what the decoders' output held costs
	defer func() { m.release(cost) }()
	encrypted, unread := false, false
	count := len(objs) // the objects kept, plain and compressed
	objEnd := func(p int) int {
		if p+1 < len(starts) {
			return starts[p+1]
		}
		return len(b)
	}
	// dataEnd is where the data of the last object stream read ends: an
	// object inside it is its data (as the file reading takes it), and
	// each byte is searched for "endstream" once
	dataEnd := 0
	for p, s := range starts {
		if s < dataEnd {
			continue
		}
		o := s + 4
		dict, k, ok := pdfStreamAt(b, o, objEnd(p))
		if !ok {
			continue
		}
		sd := pdfFilters(dict)
		if sd.typ == "XRef" && pdfTopKey(dict, "/Encrypt") >= 0 {
			encrypted = true
		}
		n, hasN := pdfDictInt(dict, "/N")
		first, hasFirst := pdfDictInt(dict, "/First")
		if sd.typ != "ObjStm" && (!hasN || !hasFirst) {
			continue
		}
		if !hasN || !hasFirst {
			unread = true // an object stream a viewer cannot read either
			continue
		}
		kw := k + len("stream")
		start, ok := pdfDataStart(b, kw)
		if !ok {
			unread = true
			continue
		}
		dn, _ := sc.dataLength(b, b[o:kw], start)
		countReadingSteps(dn)
		data := b[start : start+dn]
		dataEnd = start + dn
		sd = pdfStreamChain(b[o:kw], data)
		if sd.state != pdfChainRead {
			unread = true // image filters, Crypt, too many
			continue
		}
		if len(sd.filters) > 0 {
			if sc.nest >= maxPartNesting {
				return st, pdfObjStmRefused
			}
			charged := m.charged
			dec, err := in.pdfDecode(data, sd.filters, sd.parms)
			cost += m.charged - charged
			if err != nil {
				return st, pdfObjStmRefused
			}
			data = dec
		}
		if n > maxPDFLengthObjects-count {
			return st, pdfObjStmRefused
		}
		nums, offs, ok := pdfObjStmHeader(data, n, first)
		if !ok {
			unread = true
			continue
		}
		// its objects kept (objs, the numbers seen) and their header
		if err := m.reserve(int64(n) * pdfObjStmObjectCost); err != nil {
			return st, pdfObjStmRefused
		}
		st.charged += int64(n) * pdfObjStmObjectCost
		count += n
		size += len(data) - first + n*pdfObjStmHead
		streams = append(streams, pdfObjStmData{nums, offs, data[first:]})
	}
	switch {
	case unread && (encrypted || trailerEncrypted(b)):
		return st, pdfObjStmEncrypted
	case unread:
		return st, pdfObjStmRefused
	case len(streams) == 0:
		return st, pdfObjStmNone
	}
	if !st.writeOut(b, streams, objs, size, m) {
		return st, pdfObjStmRefused
	}
	return st, pdfObjStmRead
}

// pdfObjStmData is an object stream read: its objects' numbers and
// offsets, and its decoded data from /First.
type pdfObjStmData struct {
	nums, offs []int
	data       []byte
}

// writeOut writes file b and the objects of streams out into st.ext
// (size bytes, charged to m first), each as "\nnum 0 obj\n… \nendobj",
// adding them to objs and st.starts and telling the numbers defined twice
// (st.ambiguous); not ok when the budget refuses.
func (st *pdfObjStms) writeOut(b []byte, streams []pdfObjStmData, objs map[[2]int]int, size int, m *meter) bool {
	// the numbers defined plainly, to tell those defined twice
	plain := map[int]bool{}
	if err := m.reserve(int64(len(objs)) * 32); err != nil {
		return false
	}
	st.charged += int64(len(objs)) * 32
	for k := range objs {
		plain[k[0]] = true
	}
	if err := m.reserve(int64(size)); err != nil {
		return false
	}
	st.charged += int64(size)
	st.ext = append(make([]byte, 0, size), b...)
	st.ambiguous, st.compressed = map[int]bool{}, map[int]bool{}
	compressed := st.compressed
	for _, s := range streams {
		for k, num := range s.nums {
			to := len(s.data)
			if k+1 < len(s.offs) {
				to = s.offs[k+1]
			}
			body := s.data[s.offs[k]:to]
			countReadingSteps(len(body) + 1)
			st.ext = append(st.ext, '\n')
			st.ext = strconv.AppendInt(st.ext, int64(num), 10)
			st.ext = append(st.ext, " 0"...)
			if len(st.starts) == cap(st.starts) {
				c := max(64, 2*cap(st.starts))
				if m.reserve(int64(c)*8) != nil {
					return false
				}
				st.charged += int64(c) * 8
				st.starts = append(make([]int, 0, c), st.starts...)
			}
			st.starts = append(st.starts, len(st.ext))
			st.ext = append(st.ext, " obj\n"...)
			if plain[num] || compressed[num] {
				st.ambiguous[num] = true
			}
			compressed[num] = true
			objs[[2]int{num, 0}] = len(st.ext) - 1
			st.ext = append(st.ext, body...)
			st.ext = append(st.ext, "\nendobj"...)
		}
	}
	return true
}

// pdfObjStmHeader reads the header of an object stream's decoded data:
// n pairs of a number and an offset (from first), the offsets in order
// and within the data; not ok otherwise (pdf.js refuses such a stream).
func pdfObjStmHeader(data []byte, n, first int) (nums, offs []int, ok bool) {
	if first > len(data) || n > first/4+1 {
		return nil, nil, false // each pair takes at least four bytes
	}
	j := 0
	for range n {
		num, e, ok := pdfInt(data[:first], j)
		if !ok {
			return nil, nil, false
		}
		off, e, ok := pdfInt(data[:first], e)
		if !ok || off > len(data)-first || len(offs) > 0 && off < offs[len(offs)-1] {
			return nil, nil, false
		}
		nums, offs, j = append(nums, num), append(offs, off), e
	}
	return nums, offs, true
}

// pdfDictInt is the non-negative integer that is the value of key in
// dictionary d.
func pdfDictInt(d []byte, key string) (int, bool) {
	k := pdfTopKey(d, key)
	if k < 0 {
		return 0, false
	}
	v, _, ok := pdfInt(d, k)
	return v, ok
}

// trailerEncrypted reports a file whose trailer dictionary (after the
// keyword "trailer") names an /Encrypt dictionary: its streams are
// encrypted, and the reading reads none of them. Each trailer's
// dictionary is looked at once.
func trailerEncrypted(b []byte) bool {
	for k := 0; k < len(b); {
		at := bytes.Index(b[k:], []byte("trailer"))
		if at < 0 {
			countReadingSteps(len(b) - k)
			return false
		}
		j := k + at + len("trailer")
		s := j
		for j < len(b) && j-s < 64 && pdfSpace(b[j]) {
			j++
		}
		countReadingSteps(j - k + 1)
		k = j
		if j+1 < len(b) && b[j] == '<' && b[j+1] == '<' {
			e := pdfSkipDict(b, j)
			if pdfTopKey(b[j:e], "/Encrypt") >= 0 {
				return true
			}
			k = e
		}
	}
	return false
}
