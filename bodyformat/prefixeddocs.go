package bodyformat

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"encoding/json"
	"slices"
	"strings"
)

// A length-framed reader (an RPC or game protocol's client, a WebSocket
// message read message by message) reads the first message of a body by
// its length and ignores, or reads as the next message, what follows: a
// JSON document framed so is read as JSON whatever comes after it (a NUL,
// a line break, a second message, a gRPC trailer), and whatever message
// comes before it (a binary one). SniffLengthPrefix asks a 4-byte length
// to be the whole body's; prefixedDocs reads a body's leading messages
// one after the other, in every framing messageFrames knows.

// messageFrame is one way the message a body starts with may be framed:
// head bytes before it (a length, and a gRPC frame's flag byte) and where
// it ends.
type messageFrame struct {
	head int
	end  uint64
	kind uint8 // which of messageFrames' framings (frameOfKind)
}

// maxMessageHead is the widest head messageFrames reads: a gRPC frame's.
const maxMessageHead = 5

// messageFrames returns the frames the first bytes of p may write,
// shortest first: a 4-byte length in either byte order counting the
// message or the whole of it with its head (SniffLengthPrefix's), an
// untyped gRPC frame (a flag byte 0, 1 or 0x80, then the message's length
// big-endian), and a 2-byte length as the 4-byte one. An end may lie past
// p (the head of a longer body).
func messageFrames(p []byte) ([maxFrames]messageFrame, int) {
	var arr [maxFrames]messageFrame
	fs := arr[:0] // (on the stack: nothing allocated a message)
	for k := range uint8(maxFrames) {
		if fr, ok := frameOfKind(p, k); ok {
			fs = append(fs, fr)
		}
	}
	slices.SortFunc(fs, func(a, b messageFrame) int {
		if a.end != b.end {
			return cmp.Compare(a.end, b.end)
		}
		return a.head - b.head
	})
	return arr, len(fs)
}

// maxFrames is how many frames messageFrames may list.
const maxFrames = 9

// frameOfKind returns the frame of kind k (0 to maxFrames-1) the first
// bytes of p write, if p is long enough for its head: kinds 0 to 3 a
// 2-byte length, big-endian then little-endian, counting the whole
// message or the message alone; 4 to 7 a 4-byte one so; 8 an untyped
// gRPC frame's.
func frameOfKind(p []byte, k uint8) (messageFrame, bool) {
	switch {
	case k < 4 && len(p) > 2:
		n := uint64(binary.BigEndian.Uint16(p))
		if k >= 2 {
			n = uint64(binary.LittleEndian.Uint16(p))
		}
		return messageFrame{2, n + 2*uint64(1-k%2), k}, true
	case k >= 4 && k < 8 && len(p) > lengthPrefixWidth:
		n := uint64(binary.BigEndian.Uint32(p))
		if k >= 6 {
			n = uint64(binary.LittleEndian.Uint32(p))
		}
		return messageFrame{4, n + 4*uint64(1-k%2), k}, true
	case k == 8 && len(p) > maxMessageHead && (p[0] == 0 || p[0] == 1 || p[0] == 0x80):
		return messageFrame{5, uint64(binary.BigEndian.Uint32(p[1:])) + 5, k}, true
	}
	return messageFrame{}, false
}

// binaryRun walks the messages that hold no JSON document (binary ones,
// gRPC trailers, one that opens with '[' or '{' but is no valid JSON)
// p starts with, in each framing
// of messageFrames at once, one walker a framing, and calls at with the
// place of each message that follows such messages, in increasing order
// and once a place, until at returns true or no walker goes on: a
// walker stops at a message that is a JSON document (jsonOpens, then
// json.Valid once the walk reached its end), that does not
// end before p's last 2 bytes, or that no head frames. The walkers
// advance lowest first, so that each byte up to the place at stops on
// is passed by each walker at most once, and nothing past it: the walk
// costs no more than the stretch it passes over (two binary messages,
// or a hundred, before a document), and a walk that ends where at
// stopped is not walked again.
func binaryRun(p []byte, at func(off int) bool) {
	var pos, open [maxFrames]uint64
	var live, opens [maxFrames]bool
	step := func(k uint8, off uint64) {
		fr, ok := frameOfKind(p[off:], k)
		end := off + fr.end
		live[k] = ok && fr.end > uint64(fr.head) && end+2 < uint64(len(p))
		opens[k] = live[k] && jsonOpens(p[off+uint64(fr.head):end])
		pos[k], open[k] = end, off+uint64(fr.head)
		countReadingSteps(1)
	}
	for k := range uint8(maxFrames) {
		step(k, 0)
	}
	last := uint64(0) // the last place at was called with (0: none)
	for {
		k := -1
		for j := range maxFrames {
			if live[j] && (k < 0 || pos[j] < pos[k]) {
				k = j
			}
		}
		if k < 0 {
			return
		}
		if opens[k] {
			// a message that opens with '[' or '{': a document when it
			// closes as one (jsonCloses) and is one whole, else a binary
			// message (a tag or a count byte) walked over (attack pass
			// 49a, F8). Read once the walk reached its end, so within
			// the stretch passed
			opens[k] = false
			msg := p[open[k]:pos[k]]
			doc := bytes.TrimRight(msg, jsonPad)
			countReadingSteps(len(msg) - len(doc))
			if closesJSON(doc) {
				countReadingSteps(len(doc))
				if json.Valid(doc) {
					live[k] = false
					continue
				}
			}
		}
		if off := pos[k]; off != last {
			last = off
			if at(int(off)) {
				return
			}
		}
		step(uint8(k), pos[k])
	}
}

// prefixedDocs calls each with the JSON document of every length-prefixed
// message b starts with, one after the other, and returns where the last
// of them ends: 0 when b starts with none. A message is framed as
// messageFrames says, then a JSON document: one that ends b as
// SniffLengthPrefix finds it, else one that is valid JSON (json.Valid; of
// the frames, the shortest that frames one). A message that frames no
// JSON document (a binary one, a gRPC trailer) is passed over when a
// message holding one follows it (skipMessage). It stops at the first
// error of each. Each byte is looked at a bounded number of times: a
// document holds no NUL, so no document reaches past the first NUL after
// its head (looked for once per stretch), the frames are tried shortest
// first, so none tried is longer than the message read, and a message
// passed over is passed only once the one after it was found whole.
func prefixedDocs(b []byte, each func(doc []byte) error) (int, error) {
	off, nuls, pads := 0, nulScan{b: b, from: -1}, padScan{b: b, from: -1}
	for len(b)-off > 2 {
		if _, ok := SniffLengthPrefix(b[off:]); ok {
			// (its NUL scan is the one below's: the last message)
			countReadingSteps(len(b) - off)
			return len(b), each(b[off+lengthPrefixWidth:])
		}
		limit := nuls.after(off + maxMessageHead)
		head, docEnd, end := prefixedDocEnd(b[off:], limit-off, pads.after(limit)-off)
		if end == 0 {
			skip := skipMessage(b, off, &nuls, &pads)
			if skip == 0 {
				break
			}
			off += skip
			continue
		}
		if err := each(b[off+head : off+docEnd]); err != nil {
			return off + end, err
		}
		off += end
	}
	return off, nil
}

// nulScan finds the first NUL at or past a place in b, looking at each
// byte once as long as the places asked for do not go back past the
// stretch last looked at.
type nulScan struct {
	b        []byte
	from, at int // b[from:at] holds no NUL; at is a NUL's place, or len(b)
}

// after returns where the first NUL at or past i in b is, or len(b).
func (s *nulScan) after(i int) int {
	i = min(i, len(s.b))
	if s.from >= 0 && s.from <= i && i <= s.at {
		return s.at
	}
	s.from, s.at = i, len(s.b)
	if k := bytes.IndexByte(s.b[i:], 0); k >= 0 {
		s.at = i + k
	}
	countReadingSteps(s.at - i)
	return s.at
}

// prefixedDocEnd returns the head, the document's end and the end of
// the message p starts with when a frame of it (messageFrames) frames a
// valid JSON document, the shortest such, else 0, 0, 0; no document
// reaches past limit (a NUL, at or past maxMessageHead), and a frame
// reaches past it only over padding (NULs and white space up to padEnd,
// padScan): a C producer's terminating NUL is no part of the document
// its reader parses (jsonPad).
func prefixedDocEnd(p []byte, limit, padEnd int) (int, int, int) {
	fs, n := messageFrames(p)
	for _, fr := range fs[:n] {
		end, docEnd := fr.end, fr.end
		if end > uint64(limit) && end <= uint64(padEnd) {
			docEnd = uint64(limit)
		}
		if docEnd <= uint64(fr.head) || docEnd > uint64(limit) || end > uint64(len(p)) {
			continue
		}
		doc := p[fr.head:docEnd]
		if !jsonStart(doc) || bytes.IndexByte(p[fr.head:min(int(docEnd), maxMessageHead)], 0) >= 0 {
			continue
		}
		countReadingSteps(len(doc))
		if prefixedJSON(doc, true) && json.Valid(doc) {
			return fr.head, int(docEnd), int(end)
		}
	}
	return 0, 0, 0
}

// jsonStart reports whether the first byte of doc past white space opens
// a JSON document's object or array: what prefixedJSON asks first.
func jsonStart(doc []byte) bool {
	t := bytes.TrimLeft(doc, " \t\r\n")
	return len(t) > 0 && (t[0] == '{' || t[0] == '[')
}

// skipMessage returns how long the messages at b[off:] that hold no
// JSON document (binary ones, gRPC trailers; one or many, in any one
// framing of messageFrames: binaryRun) are when a message holding one
// follows them whole (SniffLengthPrefix, or a frame of the next message
// frames a document as prefixedDocEnd reads it, padding after it
// allowed): a reader of messages reads that one too. Else 0. The first
// place after such messages where nextDoc finds a frame is the one
// tried: one message at most is read whole, so what a failed
// skip reads is read once (the reading stops), and a skip is paid for by
// the document after it (binaryRun walks no further than it).
func skipMessage(b []byte, off int, nuls *nulScan, pads *padScan) int {
	p := b[off:]
	skip := 0
	binaryRun(p, func(at int) bool {
		if _, doc := nextDoc(p[at:]); doc != nil {
			skip = at
		}
		return skip > 0
	})
	if skip == 0 {
		return 0
	}
	next := p[skip:]
	if _, ok := SniffLengthPrefix(next); ok {
		countReadingSteps(len(next))
		return skip
	}
	// (each frame of it, shortest first, as prefixedDocs reads it: a
	// shorter frame that closes on a brace of a padded document's is no
	// reason to stop)
	limit := nuls.after(off + skip + maxMessageHead)
	if _, _, end := prefixedDocEnd(next, limit-off-skip, pads.after(limit)-off-skip); end > 0 {
		return skip
	}
	return 0
}

// nextDoc returns the head and document of the shortest frame of the
// message p starts with (messageFrames) that ends within p and opens and
// closes a JSON document (jsonOpens, jsonCloses), or 0, nil.
func nextDoc(p []byte) (int, []byte) {
	fs, n := messageFrames(p)
	for _, fr := range fs[:n] {
		if fr.end > uint64(fr.head) && fr.end <= uint64(len(p)) && jsonOpens(p[fr.head:fr.end]) && jsonCloses(p[fr.head:fr.end]) {
			return fr.head, p[fr.head:fr.end]
		}
	}
	return 0, nil
}

// jsonCloses reports whether doc may close a JSON document: it ends in
// '}' or ']' before at most maxJSONLead bytes of padding (jsonPad), or
// in more padding than that (a look of bounded cost: what holds the
// document is read whole after).
func jsonCloses(doc []byte) bool {
	w := doc[max(0, len(doc)-maxJSONLead-1):]
	t := bytes.TrimRight(w, jsonPad)
	return len(t) == 0 && len(w) < len(doc) || closesJSON(t)
}

// closesJSON reports whether doc ends in '}' or ']'.
func closesJSON(doc []byte) bool {
	return len(doc) > 0 && (doc[len(doc)-1] == '}' || doc[len(doc)-1] == ']')
}

// jsonPad is the padding a message may hold after its JSON document
// inside its frame: white space, and NULs (a C producer's terminator, a
// buffer's zeroed tail), which a length-framed reader's parser stops at.
const jsonPad = " \t\r\n\x00"

// padScan finds the first byte past a run of padding (jsonPad) at a
// place in b, looking at each byte once as long as the places asked for
// do not go back past the stretch last looked at (as nulScan).
type padScan struct {
	b        []byte
	from, at int // b[from:at] is padding; at is no padding's place, or len(b)
}

// after returns where the first byte at or past i in b that is no
// padding is, or len(b).
func (s *padScan) after(i int) int {
	i = min(i, len(s.b))
	if s.from >= 0 && s.from <= i && i <= s.at {
		return s.at
	}
	s.from, s.at = i, i
	for s.at < len(s.b) && strings.IndexByte(jsonPad, s.b[s.at]) >= 0 {
		s.at++
	}
	countReadingSteps(s.at - i)
	return s.at
}

// jsonOpens reports whether doc opens a JSON object or array after at
// most maxJSONLead bytes of white space: a look of bounded cost, before
// a frame's document is read whole.
func jsonOpens(doc []byte) bool {
	return jsonStart(doc[:min(len(doc), maxJSONLead+1)])
}

// maxJSONLead bounds the white space jsonOpens looks past.
const maxJSONLead = 64

// openDocAfter reports whether p, the head of a body after its whole
// leading messages (prefixedDocs), starts a message that holds a JSON
// document's start and runs past p, in a frame of messageFrames, or after
// messages that hold no JSON document (binaryRun): held whole, the body is read
// as messages (docHeadLength).
func openDocAfter(p []byte) bool {
	if openDoc(p) {
		return true
	}
	open := false
	binaryRun(p, func(at int) bool {
		open = openDoc(p[at:])
		return open
	})
	return open
}

// openDoc reports whether a frame of the message p starts with
// (messageFrames) runs past p and holds a JSON document's start
// (prefixedJSON of what p holds of it).
func openDoc(p []byte) bool {
	fs, n := messageFrames(p)
	for _, fr := range fs[:n] {
		if fr.end > uint64(len(p)) && jsonOpens(p[fr.head:]) && prefixedJSON(p[fr.head:], false) {
			return true
		}
	}
	return false
}
