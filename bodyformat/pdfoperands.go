package bodyformat

// An image-labelled stream (pdfRegionShown's shownOnly) is read for the
// strings pdf.js would show were it a page's contents: its operands are
// kept as pdf.js's EvaluatorPreprocessor keeps them (pdfOperands), each
// string in a scratch text until an operator that shows it takes it.

// pdfArity is the number of operands pdf.js gives each operator it knows
// (evaluator.js getOPMap); variable ones (SC, SCN, sc, scn) take all
// they are given. The partial words it reserves (BM, fa, …) are none.
var pdfArity = map[string]int{
	"w": 1, "J": 1, "j": 1, "M": 1, "d": 2, "ri": 1, "i": 1, "gs": 1, "q": 0, "Q": 0, "cm": 6,
	"m": 2, "l": 2, "c": 6, "v": 4, "y": 4, "h": 0, "re": 4, "S": 0, "s": 0, "f": 0, "F": 0, "f*": 0,
	"B": 0, "B*": 0, "b": 0, "b*": 0, "n": 0, "W": 0, "W*": 0,
	"BT": 0, "ET": 0, "Tc": 1, "Tw": 1, "Tz": 1, "TL": 1, "Tf": 2, "Tr": 1, "Ts": 1, "Td": 2, "TD": 2, "Tm": 6, "T*": 0,
	"Tj": 1, "TJ": 1, "'": 1, "\"": 3, "d0": 2, "d1": 6,
	"CS": 1, "cs": 1, "SC": -1, "SCN": -1, "sc": -1, "scn": -1, "G": 1, "g": 1, "RG": 3, "rg": 3, "K": 4, "k": 4,
	"sh": 1, "BI": 0, "ID": 0, "EI": 1, "Do": 1, "MP": 1, "DP": 2, "BMC": 1, "BDC": 2, "EMC": 0, "BX": 0, "EX": 0,
}

// pdfOperand is an operand on pdf.js's stack: the strings it holds (a
// string, or an array's) as a stretch of the scratch text, or none
// (start < 0: a number, a name, a dictionary, an array of no string);
// pdfCarried marks a string an earlier stream left on the stack.
type pdfOperand struct{ start, end int32 }

// pdfCarried is the start of an operand that holds strings with personal
// data an earlier image-labelled stream left on the stack (pdfLeave).
const pdfCarried = -2

// Bounds on the operands kept: pdf.js refuses an operator given more
// than 33 (the content stops there), so keeping the last 64 loses none it
// would take; of those put aside for later operators (nonProcessedArgs)
// the last 4096 are kept (a residual: a string put aside under more).
const (
	maxPDFArgs = 64
	maxPDFHeld = 4096
)

// pdfOperands is pdf.js's operand stack for a page's content streams
// read as one: args since the last operator it knows, and held, the
// operands earlier operators were given over their count and leave for a
// later one short of its own. Between streams it holds no scratch
// stretch: a string left is pdfCarried or none (pdfLeave).
type pdfOperands struct {
	scratch *pdfText // the strings the stream being read read, shown or not
	args    []pdfOperand
	// held is a ring of the last maxPDFHeld operands put aside: heldLen
	// of them from heldAt (a new one over a full ring drops the oldest in
	// one step)
	held            []pdfOperand
	heldAt, heldLen int
	arrayFrom       int32 // where the open array's strings begin (-1: none open)
	// holds counts the operands put aside since it was last set to 0 (the
	// ones a stream put aside are among the last so many held)
	holds int
	// carries: a pdfCarried operand was left on the stack; carriedShown:
	// an operator that shows took one
	carries, carriedShown bool
}

// hold puts an operand aside, over the oldest when maxPDFHeld are.
func (o *pdfOperands) hold(p pdfOperand) {
	if o.held == nil {
		o.held = make([]pdfOperand, maxPDFHeld)
	}
	o.holds++
	countReadingSteps(1)
	if o.heldLen == maxPDFHeld {
		o.held[o.heldAt] = p
		o.heldAt = (o.heldAt + 1) % maxPDFHeld
		return
	}
	o.held[(o.heldAt+o.heldLen)%maxPDFHeld] = p
	o.heldLen++
}

// unhold takes back the operand put aside last.
func (o *pdfOperands) unhold() pdfOperand {
	o.heldLen--
	return o.held[(o.heldAt+o.heldLen)%maxPDFHeld]
}

// stack returns the operands on the stack, those put aside first (the
// oldest first), then the ones given since the last operator.
func (o *pdfOperands) stack() []pdfOperand {
	out := make([]pdfOperand, 0, o.heldLen+len(o.args))
	for k := 0; k < o.heldLen; k++ {
		out = append(out, o.held[(o.heldAt+k)%maxPDFHeld])
	}
	countReadingSteps(o.heldLen + len(o.args))
	return append(out, o.args...)
}

// push adds an operand.
func (o *pdfOperands) push(p pdfOperand) {
	if len(o.args) == maxPDFArgs {
		copy(o.args, o.args[1:])
		o.args = o.args[:maxPDFArgs-1]
	}
	o.args = append(o.args, p)
}

// operator applies a word as pdf.js does and returns the operands it
// takes (nil for none or for a word it does not know, whose operands stay
// on the stack).
func (o *pdfOperands) operator(w []byte) []pdfOperand {
	n, known := pdfArity[string(w)]
	if !known {
		return nil // an unknown command: operands kept
	}
	if n >= 0 {
		for len(o.args) > n { // the extra operands put aside
			o.hold(o.args[0])
			o.args = o.args[1:]
		}
		for len(o.args) < n && o.heldLen > 0 { // short: taken back
			o.args = append([]pdfOperand{o.unhold()}, o.args...)
		}
		countReadingSteps(n + 1)
		if len(o.args) < n {
			o.args = o.args[:0] // skipped, its operands gone
			return nil
		}
	}
	countReadingSteps(len(o.args))
	taken := o.args
	o.args = nil
	if pdfShows(w) {
		for _, p := range taken {
			if p.start == pdfCarried {
				o.carriedShown = true
			}
		}
	}
	return taken
}
