package bodyformat

import "github.com/piifilter/caddy-pii-filter/detect"

// pdf.js reads a page's content streams as one: the operands an
// image-labelled stream leaves on its stack (read for the strings it
// would show, pdfOperands) are still there for every stream after it,
// across BT and across streams that show nothing, until an operator
// that shows takes them. The stack is kept from stream to stream
// (pdfScanner.stack), each string left marked once, when its stream
// ends, as holding personal data or not (pdfLeave): an operator that
// shows one so marked refuses the body (it is not masked in place).

// pdfLeave marks the strings the stream just read (o.scratch) left on
// the stack: pdfCarried when the text of one holds a finding (Redact
// mode), else none. They are among the last o.holds operands held and
// the args; each is looked at once.
func (in *inspector) pdfLeave(o *pdfOperands, hint detect.CategorySet) {
	var left []*pdfOperand
	k := min(o.heldLen, o.holds)
	for j := o.heldLen - k; j < o.heldLen; j++ {
		if p := &o.held[(o.heldAt+j)%maxPDFHeld]; p.start >= 0 {
			left = append(left, p)
		}
	}
	for j := range o.args {
		if o.args[j].start >= 0 {
			left = append(left, &o.args[j])
		}
	}
	countReadingSteps(k + len(o.args))
	if len(left) == 0 {
		return
	}
	var text []byte
	if in.mode == Redact {
		n := 0
		for _, p := range left {
			n += int(p.end-p.start) + 1
		}
		if in.meter.reserve(int64(n)*5) == nil {
			defer in.meter.release(int64(n) * 5)
			text = make([]byte, 0, n)
			for _, p := range left {
				text = append(text, o.scratch.view[p.start:p.end]...)
				text = append(text, '\n')
			}
			countReadingSteps(n)
		}
	}
	var found []int32 // found[i]: findings that cover text[:i] minus text[:i+1]
	if fs := in.findText(text, hint); len(fs) > 0 {
		found = make([]int32, len(text)+1)
		for _, f := range fs {
			found[max(0, min(f.Start, len(text)))]++
			found[max(0, min(f.End, len(text)))]--
		}
	}
	at, open := 0, int32(0)
	for _, p := range left {
		end := at + int(p.end-p.start)
		hit := false
		for ; found != nil && at <= end; at++ {
			open += found[at]
			hit = hit || open > 0 && at < end
		}
		at = end + 1
		if hit {
			*p = pdfOperand{pdfCarried, pdfCarried}
			o.carries = true
		} else {
			*p = pdfOperand{-1, -1}
		}
	}
}

// findText is find over text, none for no text.
func (in *inspector) findText(text []byte, hint detect.CategorySet) []detect.Finding {
	if len(text) == 0 {
		return nil
	}
	return in.find(text, hint)
}

// pdfCarryThrough reads content data not labelled an image (its strings
// are read as text) as pdf.js's preprocessor reads it, on the page's
// stack o: a string, a dictionary, an array and an inline image are one
// operand each, none a string carried; an operator that shows a carried
// one sets o.carriedShown.
func pdfCarryThrough(b []byte, o *pdfOperands) {
	opaque := pdfOperand{-1, -1}
	inArray := false
	push := func() {
		if !inArray {
			o.push(opaque)
		}
	}
	for i := 0; i < len(b); {
		countReadingSteps(1)
		c := b[i]
		switch {
		case c == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
				countReadingSteps(1)
			}
		case c == '(':
			i = pdfSkipLiteral(b, i)
			push()
		case c == '<' && i+1 < len(b) && b[i+1] == '<':
			i = pdfSkipDict(b, i)
			push()
		case c == '<':
			for i < len(b) && b[i] != '>' {
				i++
				countReadingSteps(1)
			}
			i++
			push()
		case c == '[':
			inArray = true
			i++
		case c == ']':
			if inArray {
				inArray = false
				push()
			}
			i++
		case c == '/':
			i++ // a name: its characters go by with it
			for i < len(b) && isPDFRegular(b[i]) {
				i++
				countReadingSteps(1)
			}
			push()
		case pdfNumeric(c):
			for i < len(b) && pdfNumeric(b[i]) {
				i++
				countReadingSteps(1)
			}
			push()
		case isPDFRegular(c):
			j := pdfOpWord(b, i)
			w := b[i:j]
			switch {
			case inArray:
			case string(w) == "true" || string(w) == "false":
				o.push(opaque)
			case string(w) == "null":
			case string(w) == "BI":
				j = pdfSkipInlineImage(b, j)
				o.push(opaque)
			default:
				o.operator(w)
			}
			i = j
		default:
			i++ // white space and other delimiters
		}
	}
	o.arrayFrom = -1
}
