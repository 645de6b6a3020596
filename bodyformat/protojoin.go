package bodyformat

import (
	"sort"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A repeated string field is a list a client often joins (the pieces of
// a streamed reply, the lines of an address): "138", "1234" and "5678" in
// three consecutive values of one field are one mobile on its screen. The
// flat reading of a message sees the tags and lengths between them, so
// each run of consecutive values of one length-delimited field is also
// read joined, and what it finds across values is masked in every value
// it covers.

// protoRun is a run of consecutive non-empty values of one
// length-delimited field of a message.
type protoRun struct {
	num   protowire.Number
	spans [][2]int // where each value sits in the body
}

// add extends the run with the value of field num at body[start:end],
// first reading and starting afresh when the field differs.
func (run *protoRun) add(in *inspector, e *binaryEdit, num protowire.Number, start, end int) {
	if len(run.spans) > 0 && run.num != num {
		run.flush(in, e)
	}
	run.num = num
	had := cap(run.spans)
	run.spans = append(run.spans, [2]int{start, end})
	if in.meter != nil && cap(run.spans) > had {
		in.meter.owe(int64(cap(run.spans)-had) * spanCost)
	}
}

// spanCost is what the memory account is charged for a value's span in a
// run: the longest run of a message is held at once.
const spanCost = 16

// flush reads a run of two values or more joined and forgets it.
func (run *protoRun) flush(in *inspector, e *binaryEdit) {
	if len(run.spans) >= 2 && !in.failed() {
		in.protoJoined(e, run.spans)
	}
	run.spans = run.spans[:0]
}

// protoJoined reads the values at spans (of one field, in order) joined,
// and masks with '*' every byte of a value that a finding crossing from
// one value into the next covers; a finding inside one value is the flat
// reading's.
func (in *inspector) protoJoined(e *binaryEdit, spans [][2]int) {
	src := e.current()
	n := 0
	for _, s := range spans {
		n += s[1] - s[0]
	}
	m := mapped{dst: make([]byte, 0, n), offs: make([]int32, 0, n+1)}
	for _, s := range spans {
		m.copy(src, s[0], s[1])
	}
	view, offs := m.done(spans[len(spans)-1][1])
	var across []detect.Finding
	for _, f := range in.read(view, 0) {
		a, b := rawSpan(offs, f.Start, f.End)
		if spanIndex(spans, a) == spanIndex(spans, b-1) {
			continue
		}
		f.Start, f.End = a, b
		across = append(across, f)
	}
	if len(across) == 0 {
		return
	}
	in.account(across)
	if in.mode != Redact {
		return
	}
	dst := e.write()
	for _, f := range across {
		for k := spanIndex(spans, f.Start); k < len(spans) && spans[k][0] < f.End; k++ {
			for j := max(spans[k][0], f.Start); j < min(spans[k][1], f.End); j++ {
				dst[j] = '*'
			}
		}
	}
}

// spanIndex returns the index of the first span that ends after offset
// at (the spans are in order).
func spanIndex(spans [][2]int, at int) int {
	return sort.Search(len(spans), func(k int) bool { return spans[k][1] > at })
}
