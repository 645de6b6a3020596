package bodyformat

import "encoding/json"

// A stream of length-prefixed messages longer than a BinaryScreen holds
// is read message by message (binaryscreen_msgs.go) once the bytes it
// holds show its framing: heldFraming finds the framing, frameEnd walks
// it.

// frameHead returns the width of the head of a message framed as kind k
// of frameOfKind: a 2-byte length, a 4-byte one, a gRPC frame's five.
func frameHead(k uint8) int {
	switch {
	case k < 4:
		return 2
	case k < 8:
		return lengthPrefixWidth
	}
	return maxMessageHead
}

// frameEnd returns where the message p starts with ends in framing k
// (frameOfKind), its head counted: 0 when p holds no more than its
// head's width (how long is not known yet); -1 when the framing writes
// no message there (a gRPC flag byte of none of its values, a length
// counting the whole message shorter than its head). The end may lie
// past p.
func frameEnd(p []byte, k uint8) int64 {
	if len(p) <= frameHead(k) {
		return 0
	}
	fr, ok := frameOfKind(p, k)
	if !ok || fr.end < uint64(fr.head) {
		return -1
	}
	return int64(min(fr.end, 1<<40)) // (past any hold: how far does not matter)
}

// heldFraming returns the framing (a kind of frameOfKind) b, the bytes a
// BinaryScreen holds from a body's start, is a stream of messages in,
// and where its last whole message in b ends: walked message by message
// from b's start, every message is whole in b but the last, which runs
// past it (or b ends where one does), and the framing is shown by a
// message holding a JSON document (prefixedJSON, json.Valid) or, in a
// 4-byte or gRPC framing, by two whole messages (random bytes seldom
// write a 4-byte length that short; a 2-byte framing frames any bytes,
// and only a document shows it). Of several such framings, the one with
// the most documents, then the fewest other messages (a 2-byte framing
// reads the two NULs that open a short 4-byte length as an empty
// message), then whose whole messages reach furthest. It looks at each
// byte of b a bounded number of times (once a framing).
func heldFraming(b []byte) (kind uint8, end int, ok bool) {
	docs, other := 0, 0
	for k := range uint8(maxFrames) {
		e, d, whole, tiled := walkFraming(b, k)
		if !tiled || d == 0 && (k < 4 || whole < 2) {
			continue
		}
		if !ok || d > docs || d == docs && (whole-d < other || whole-d == other && e > end) {
			kind, end, docs, other, ok = k, e, d, whole-d, true
		}
	}
	return kind, end, ok
}

// walkFraming walks b message by message in framing k (heldFraming):
// where its last whole message ends, how many of its messages hold a
// JSON document and how many are whole, and whether every message is
// whole but the last (tiled).
func walkFraming(b []byte, k uint8) (end, docs, whole int, tiled bool) {
	for {
		fe := frameEnd(b[end:], k)
		switch {
		case fe < 0:
			return end, docs, whole, false
		case fe == 0 || fe > int64(len(b)-end):
			return end, docs, whole, true
		}
		msg := b[end+frameHead(k) : end+int(fe)]
		countReadingSteps(1)
		if jsonOpens(msg) {
			countReadingSteps(len(msg))
			if prefixedJSON(msg, true) && json.Valid(msg) {
				docs++
			}
		}
		whole++
		end += int(fe)
	}
}
