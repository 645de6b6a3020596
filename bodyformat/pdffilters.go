package bodyformat

import "bytes"

// The filters of a PDF stream the reading decodes: FlateDecode and
// LZWDecode (with a TIFF or PNG predictor, pdfParms), ASCIIHexDecode,
// ASCII85Decode and RunLengthDecode, in any chain of at most
// maxPDFFilters, by their full or abbreviated names (Fl, LZW, AHx, A85,
// RL), written plain or with #xx escapes (/Fl#61teDecode is
// /FlateDecode, as viewers decode names). Image filters (DCT, JPX,
// JBIG2, CCITTFax) and Crypt are not decoded.
const maxPDFFilters = 4

// pdfParms is what a stream's /DecodeParms sets for its compression
// filter: the predictor and the rows it works on, and LZW's EarlyChange.
// The zero value is no predictor and EarlyChange 1.
type pdfParms struct {
	predictor, colors, bits, columns int
	lateChange                       bool // /EarlyChange 0
}

// maxPredictorRow bounds the row a predictor is undone over: a stream
// whose /Columns, /Colors and /BitsPerComponent make rows longer is not
// decoded.
const maxPredictorRow = 1 << 16

// rowBytes returns the bytes of one row of samples, and of one pixel
// (at least one), under p, and whether the reading undoes p's predictor:
// TIFF predictor 2 over 8-bit samples, or a PNG predictor (10 to 15).
func (p pdfParms) rowBytes() (row, pixel int, ok bool) {
	colors, bits, columns := max(p.colors, 1), p.bits, max(p.columns, 1)
	if bits == 0 {
		bits = 8
	}
	switch {
	case p.predictor <= 1:
		return 0, 0, true
	case p.predictor == 2 && bits != 8, p.predictor > 2 && p.predictor < 10, p.predictor > 15:
		return 0, 0, false
	case bits != 1 && bits != 2 && bits != 4 && bits != 8 && bits != 16, colors > 32, columns > maxPredictorRow:
		return 0, 0, false
	}
	row = (colors*bits*columns + 7) / 8
	return row, max(colors*bits/8, 1), row <= maxPredictorRow
}

// pdfFilters reads a stream dictionary d: the names of its filters in
// the order they apply (none: the data is as it is), and whether the
// reading decodes them all (known is false for another filter, an
// indirect or odd /Filter value, or a /DecodeParms that sets a
// predictor). It looks at each byte of d a bounded number of times.
//
// typ is the dictionary's /Type (EmbeddedFile, Metadata), if any.
func pdfFilters(d []byte) (filters []string, known bool, typ string, parms pdfParms) {
	known = true
	depth := 0
	state := 0 // 1: after /Filter; 2: in its array; 3: after a parameter's name (*param); 4: after /Type
	var param *int
	early := 1
	for i := 0; i < len(d); {
		countReadingSteps(1)
		c := d[i]
		switch {
		case c == '<' && i+1 < len(d) && d[i+1] == '<':
			depth++
			i += 2
			if state == 1 {
				known = false
			}
			continue
		case c == '>' && i+1 < len(d) && d[i+1] == '>':
			depth--
			i += 2
			continue
		case c == '[':
			if state == 1 {
				state = 2
			}
			i++
			continue
		case c == ']':
			if state == 2 {
				state = 0
			}
			i++
			continue
		case c == '/':
			j := i + 1
			for j < len(d) && isPDFRegular(d[j]) {
				j++
			}
			countReadingSteps(j - i)
			name := pdfName(d[i+1 : j])
			i = j
			switch {
			case state == 4:
				typ, state = name, 0
			case state == 1 || state == 2:
				if len(filters) > maxPDFFilters {
					known = false // too many: not kept
					break
				}
				filters = append(filters, name)
				if state == 1 {
					state = 0
				}
			case depth == 1 && name == "Filter":
				state = 1
			case depth == 1 && name == "Type":
				state = 4
			case name == "Predictor", name == "Colors", name == "BitsPerComponent", name == "Columns", name == "EarlyChange":
				state, param = 3, parms.param(name, &early)
			}
			continue
		case pdfSpace(c):
			i++
			continue
		}
		// a number, a word, a string's byte: the value after /Filter
		// must be a name or an array of names
		j := i + 1
		for j < len(d) && isPDFRegular(d[j]) {
			j++
		}
		countReadingSteps(j - i)
		if state == 3 {
			if v := pdfNumber(d[i:j]); v >= 0 && v <= 1<<30 {
				*param = int(v)
			} else {
				known = false
			}
			state = 0
		}
		if state == 1 || state == 2 {
			known = false // an indirect filter, or something odd
		}
		i = j
	}
	if state == 1 || len(filters) > maxPDFFilters {
		known = false
	}
	parms.lateChange = early == 0
	compressed := 0
	for _, f := range filters {
		switch f {
		case "FlateDecode", "Fl", "LZWDecode", "LZW":
			compressed++
		case "ASCIIHexDecode", "AHx", "ASCII85Decode", "A85", "RunLengthDecode", "RL":
		default:
			known = false
		}
	}
	if _, _, ok := parms.rowBytes(); !ok || parms.predictor > 1 && compressed != 1 {
		known = false // a predictor the reading does not undo, or for which filter
	}
	return filters, known, typ, parms
}

// param returns the field of p a /DecodeParms entry name sets
// (EarlyChange's goes to early).
func (p *pdfParms) param(name string, early *int) *int {
	switch name {
	case "Predictor":
		return &p.predictor
	case "Colors":
		return &p.colors
	case "BitsPerComponent":
		return &p.bits
	case "Columns":
		return &p.columns
	}
	return early
}

// pdfName returns a name's characters with its #xx escapes decoded.
func pdfName(w []byte) string {
	if bytes.IndexByte(w, '#') < 0 {
		return string(w)
	}
	out := make([]byte, 0, len(w))
	for k := 0; k < len(w); k++ {
		if w[k] == '#' && k+2 < len(w) {
			hi, ok1 := hexVal(w[k+1])
			lo, ok2 := hexVal(w[k+2])
			if ok1 && ok2 {
				out = append(out, hi<<4|lo)
				k += 2
				continue
			}
		}
		out = append(out, w[k])
	}
	return string(out)
}

// asciiHexDecode decodes the data of an ASCIIHexDecode stream: hex digit
// pairs, white space between them, up to '>' (an odd last digit takes a
// 0 after it); another byte ends it there. The output is charged to m.
func asciiHexDecode(b []byte, m *meter) ([]byte, error) {
	if err := m.reserve(int64(len(b)/2 + 1)); err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(b)/2+1)
	countReadingSteps(len(b))
	hi := -1
	for _, c := range b {
		v, ok := hexVal(c)
		if !ok {
			if pdfSpace(c) {
				continue
			}
			break // '>', the end, or a byte that ends it
		}
		if hi < 0 {
			hi = int(v)
			continue
		}
		out = append(out, byte(hi)<<4|v)
		hi = -1
	}
	if hi >= 0 {
		out = append(out, byte(hi)<<4)
	}
	return out, nil
}
