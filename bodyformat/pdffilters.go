package bodyformat

import "bytes"

// The filters of a PDF stream the reading decodes: FlateDecode without a
// predictor and ASCIIHexDecode, in any chain of at most maxPDFFilters,
// by their full or abbreviated names (Fl, AHx), written plain or with
// #xx escapes (/Fl#61teDecode is /FlateDecode, as viewers decode names).
const maxPDFFilters = 4

// pdfFilters reads a stream dictionary d: the names of its filters in
// the order they apply (none: the data is as it is), and whether the
// reading decodes them all (known is false for another filter, an
// indirect or odd /Filter value, or a /DecodeParms that sets a
// predictor). It looks at each byte of d a bounded number of times.
//
// typ is the dictionary's /Type (EmbeddedFile, Metadata), if any.
func pdfFilters(d []byte) (filters []string, known bool, typ string) {
	known = true
	depth := 0
	state := 0 // 1: after /Filter; 2: in its array; 3: after /Predictor; 4: after /Type
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
			case name == "Predictor":
				state = 3
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
			if v := pdfNumber(d[i:j]); v > 1 {
				known = false // a predictor: not decoded
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
	for _, f := range filters {
		switch f {
		case "FlateDecode", "Fl", "ASCIIHexDecode", "AHx":
		default:
			known = false
		}
	}
	return filters, known, typ
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
