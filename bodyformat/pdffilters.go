package bodyformat

import (
	"bytes"
	"math"
	"strconv"
)

// The filters of a PDF stream the reading decodes: FlateDecode and
// LZWDecode (each with its own TIFF or PNG predictor, pdfParms),
// ASCIIHexDecode, ASCII85Decode and RunLengthDecode, in any chain of at
// most maxPDFFilters, by their full or abbreviated names (Fl, LZW, AHx,
// A85, RL), written plain or with #xx escapes (/Fl#61teDecode is
// /FlateDecode, as viewers decode names). A name no viewer knows passes
// the data on unchanged, as pdf.js does. Image filters (DCT, JPX, JBIG2,
// CCITTFax) and Crypt are not decoded; a longer chain refuses the body.
const maxPDFFilters = 8

// pdfParms is what a stream's /DecodeParms sets for one compression
// filter: the predictor and the rows it works on, and LZW's EarlyChange.
// Zero colors, bits or columns stand for their defaults (1, 8, 1).
type pdfParms struct {
	predictor, colors, bits, columns int64
	early                            int64 // /EarlyChange: 1 unless set
	odd                              bool  // a value that is no integer (a reference, a name)
}

// pdfNoParms is the parameters of a filter without /DecodeParms.
var pdfNoParms = pdfParms{early: 1}

// The bounds on a predictor's samples: a stream whose /Colors and
// /BitsPerComponent make a wider pixel, or whose rows are longer, is
// not decoded (a viewer cannot hold such a row either).
const (
	maxPredictorPixelBits = 1 << 20
	maxPredictorRow       = 1 << 31
)

// rowBytes returns the bytes of one row of samples, and of one pixel
// (at least one), under p, and whether the reading undoes p's predictor
// as pdf.js does: none (a predictor of 1 or less), TIFF predictor 2 over
// samples of 1 to 8 or 16 bits, or a PNG predictor (10 to 15) over any.
func (p pdfParms) rowBytes() (row, pixel int64, ok bool) {
	if p.predictor <= 1 {
		return 0, 0, true
	}
	colors, bits, columns := p.colors, p.bits, p.columns
	if colors == 0 {
		colors = 1
	}
	if bits == 0 {
		bits = 8
	}
	if columns == 0 {
		columns = 1
	}
	switch {
	case p.odd, colors < 0, bits < 0, columns < 0, p.predictor > 2 && p.predictor < 10, p.predictor > 15:
		return 0, 0, false
	case p.predictor == 2 && (bits > 8 && bits != 16 || bits < 8 && colors > 256):
		return 0, 0, false
	case colors > maxPredictorPixelBits || bits > maxPredictorPixelBits || colors*bits > maxPredictorPixelBits:
		return 0, 0, false
	case columns > maxPredictorRow/colors/bits:
		return 0, 0, false
	}
	return (colors*bits*columns + 7) / 8, (colors*bits + 7) / 8, true
}

// pdfChainState says whether the reading decodes a stream's filters.
type pdfChainState int

const (
	pdfChainRead    pdfChainState = iota // decoded (or no filter)
	pdfChainUnread                       // an image or Crypt filter, an indirect /Filter, a predictor not undone: not read
	pdfChainTooMany                      // more than maxPDFFilters: the body is refused
	pdfChainGuessed                      // an indirect /Filter, or one no name: Flate if the data opens like zlib, else none
)

// pdfStreamDict is what the reading takes from a stream dictionary.
type pdfStreamDict struct {
	filters []string   // the decoders, in order (unknown names dropped)
	parms   []pdfParms // each filter's parameters
	state   pdfChainState
	typ     string // /Type (EmbeddedFile, Metadata), if any
	image   bool   // /Subtype /Image
	form    bool   // /Subtype /Form
}

// pdfValue is the value of one key of a stream dictionary as the scan
// saw it: absent, a name, an array, a dictionary, or something else (a
// reference, a number, a string).
type pdfValue struct {
	kind  byte // 0 absent, '/' name, '[' array, '<' dictionary, '?' other
	name  string
	names []string   // an array's names (of /Filter)
	parms []pdfParms // a dictionary's parameters, or an array's (/DecodeParms)
	odd   bool       // an array holding something else than names
}

// pdfFilters reads a stream dictionary d, the bytes between "obj" and
// "stream" (its last top-level << … >>), as a viewer parses it: comments,
// literal and hex strings skipped, the last of a key repeated taken,
// /F before /Filter and /DP before /DecodeParms as pdf.js takes them. It
// looks at each byte of d a bounded number of times.
func pdfFilters(d []byte) pdfStreamDict {
	var s pdfDictScan
	s.scan(d)
	return s.result()
}

// pdfDictScan is the state of pdfFilters' scan.
type pdfDictScan struct {
	depth     int     // containers open
	kinds     [4]byte // the kind of each of the first containers: '<' or '['
	keyNext   [4]bool // in a dictionary at that depth, the next token is a key
	key       string  // the top-level key whose value is being read
	val       *pdfValue
	parm      *pdfParms // the parameters being read (in /DecodeParms)
	parmDepth int       // the depth of their dictionary
	parmKey   string
	f, filt   pdfValue // /F, /Filter
	dp, dprm  pdfValue // /DP, /DecodeParms
	typ       string
	image     bool
	form      bool
	want      string // a top-level key looked for (pdfTopKey), without its '/'
	at        int    // where the value of its last copy stands, -1 if none
	end       int    // where the token being taken ends
	done      bool   // the first top-level dictionary closed (pdfTopKey reads no further)
}

func (s *pdfDictScan) scan(d []byte) {
	for i := 0; i < len(d) && !s.done; {
		countReadingSteps(1)
		c := d[i]
		switch {
		case pdfSpace(c):
			i++
		case c == '%':
			j := i
			for j < len(d) && d[j] != '\n' && d[j] != '\r' {
				j++
			}
			countReadingSteps(j - i)
			i = j
		case c == '(':
			i = pdfSkipLiteral(d, i)
			s.scalar('?', nil)
		case c == '<' && i+1 < len(d) && d[i+1] == '<':
			i += 2
			s.open('<')
		case c == '<':
			j := i + 1
			for j < len(d) && d[j] != '>' {
				j++
			}
			countReadingSteps(j - i)
			i = min(j+1, len(d))
			s.scalar('?', nil)
		case c == '>' && i+1 < len(d) && d[i+1] == '>':
			i += 2
			s.close()
		case c == '[':
			i++
			s.open('[')
		case c == ']':
			i++
			s.close()
		case c == '/':
			j := i + 1
			for j < len(d) && isPDFRegular(d[j]) {
				j++
			}
			countReadingSteps(j - i)
			s.end = j
			s.scalar('/', d[i+1:j])
			i = j
		case isPDFRegular(c):
			j := i + 1
			for j < len(d) && isPDFRegular(d[j]) {
				j++
			}
			countReadingSteps(j - i)
			s.scalar('w', d[i:j])
			i = j
		default:
			i++ // ')', '>', '{', '}': no value
		}
	}
}

// pdfSkipLiteral returns where the literal string opening at d[i] ends:
// after its closing parenthesis (nested ones balanced, escapes skipped),
// or at the end of d.
func pdfSkipLiteral(d []byte, i int) int {
	depth := 0
	j := i + 1
	for ; j < len(d); j++ {
		switch d[j] {
		case '\\':
			j++
		case '(':
			depth++
		case ')':
			if depth == 0 {
				countReadingSteps(j + 1 - i)
				return j + 1
			}
			depth--
		}
	}
	countReadingSteps(len(d) - i)
	return len(d)
}

// kindAt returns the kind of the container at depth k (1 the outermost),
// 0 past the ones kept.
func (s *pdfDictScan) kindAt(k int) byte {
	if k < 1 || k > len(s.kinds) {
		return 0
	}
	return s.kinds[k-1]
}

// inDict reports whether the innermost container is a dictionary kept.
func (s *pdfDictScan) inDict() bool { return s.kindAt(s.depth) == '<' }

func (s *pdfDictScan) open(kind byte) {
	if s.depth == 0 && kind == '<' {
		*s = pdfDictScan{want: s.want, at: -1} // a new top-level dictionary: the stream's is the last
	}
	valueInDict := s.inDict() && !s.keyNext[s.depth-1]
	switch {
	case s.depth == 1 && valueInDict:
		// the value of a top-level key
		s.val = s.valueOf(s.key)
		if s.val != nil {
			*s.val = pdfValue{kind: kind}
			if kind == '<' && s.val == s.parmsValue() {
				s.val.parms = []pdfParms{pdfNoParms}
				s.parm, s.parmDepth = &s.val.parms[0], 2
			}
		}
	case s.depth == 2 && s.kindAt(2) == '[' && s.val != nil:
		// an element of an array value
		switch {
		case s.val == s.parmsValue() && len(s.val.parms) > maxPDFFilters:
			// parameters of filters beyond the most a chain may have: not kept
		case s.val == s.parmsValue() && kind == '<':
			s.val.parms = append(s.val.parms, pdfNoParms)
			s.parm, s.parmDepth = &s.val.parms[len(s.val.parms)-1], 3
		case s.val == s.parmsValue():
			s.val.parms = append(s.val.parms, pdfNoParms)
		default:
			s.val.odd = true
		}
	}
	s.depth++
	if s.depth <= len(s.kinds) {
		s.kinds[s.depth-1] = kind
		s.keyNext[s.depth-1] = kind == '<'
	}
	s.parmKey = ""
}

func (s *pdfDictScan) close() {
	if s.depth == 0 {
		return
	}
	s.depth--
	s.done = s.depth == 0 && s.want != ""
	if s.depth < s.parmDepth {
		s.parm, s.parmDepth = nil, 0
	}
	if s.depth <= 1 {
		s.val = nil
	}
	if s.inDict() {
		s.keyNext[s.depth-1] = true // the value ended
	}
}

// parmsValue returns the value /DecodeParms (or /DP) is being read into.
func (s *pdfDictScan) parmsValue() *pdfValue {
	switch s.key {
	case "DP":
		return &s.dp
	case "DecodeParms":
		return &s.dprm
	}
	return nil
}

// valueOf returns where the value of top-level key goes, nil for a key
// the reading does not keep.
func (s *pdfDictScan) valueOf(key string) *pdfValue {
	switch key {
	case "F":
		return &s.f
	case "Filter":
		return &s.filt
	}
	return s.parmsValue()
}

// scalar takes a token that is no container: a name ('/', w its
// characters), a word or number ('w'), a string ('?').
func (s *pdfDictScan) scalar(kind byte, w []byte) {
	k := s.depth
	if s.inDict() {
		if s.keyNext[k-1] {
			switch {
			case kind == '/' && k == 1:
				s.key, s.keyNext[0] = pdfName(w), false
				if s.want != "" && s.key == s.want {
					s.at = s.end // the last copy of a key wins
				}
			case kind == '/':
				s.parmKey, s.keyNext[k-1] = pdfName(w), false
			case kind == 'w' && string(w) == "R" && s.parm != nil && k == s.parmDepth:
				s.parm.odd = true // a parameter that is a reference
			}
			return // else the rest of a reference n g R
		}
		s.keyNext[k-1] = true
	}
	switch {
	case k == 1 && s.inDict():
		switch s.key {
		case "Type":
			if kind == '/' {
				s.typ = pdfName(w)
			}
		case "Subtype":
			s.image = kind == '/' && pdfName(w) == "Image"
			s.form = kind == '/' && pdfName(w) == "Form"
		default:
			if v := s.valueOf(s.key); v != nil {
				*v = pdfValue{kind: '?'}
				switch {
				case kind == '/':
					v.kind, v.name = '/', pdfName(w)
				case kind == 'w' && string(w) == "null":
					*v = pdfValue{} // none, as pdf.js takes it
				}
			}
		}
	case k == 2 && s.kindAt(2) == '[' && s.val != nil:
		switch {
		case s.val == s.parmsValue() && len(s.val.parms) > maxPDFFilters:
			// beyond the most a chain may have: not kept
		case s.val == s.parmsValue():
			switch {
			case kind == 'w' && string(w) == "R":
				s.val.parms = append(s.val.parms, pdfParms{early: 1, odd: true})
			case kind == 'w' && pdfNumeric(w[0]):
				// the number of a reference
			default: // null, or another value: no parameters
				s.val.parms = append(s.val.parms, pdfNoParms)
			}
		case kind == '/' && len(s.val.names) > maxPDFFilters:
			// too many already: the chain is refused, the rest not kept
		case kind == '/':
			s.val.names = append(s.val.names, pdfName(w))
		default:
			s.val.odd = true // an indirect filter, or something odd
		}
	case s.parm != nil && k == s.parmDepth:
		s.setParm(kind, w)
	}
}

// setParm sets the parameter named by the last key to the value w.
func (s *pdfDictScan) setParm(kind byte, w []byte) {
	var f *int64
	switch s.parmKey {
	case "Predictor":
		f = &s.parm.predictor
	case "Colors":
		f = &s.parm.colors
	case "BitsPerComponent", "BPC":
		f = &s.parm.bits
	case "Columns":
		f = &s.parm.columns
	case "EarlyChange":
		f = &s.parm.early
	default:
		return
	}
	v, err := strconv.ParseFloat(string(w), 64)
	if kind != 'w' || len(w) > 32 || err != nil || v != math.Trunc(v) || math.Abs(v) > 1<<40 {
		s.parm.odd = true // a reference, a name, a fraction: not read
		return
	}
	*f = int64(v)
}

// result returns the filters of the dictionary scanned.
func (s *pdfDictScan) result() pdfStreamDict {
	out := pdfStreamDict{typ: s.typ, image: s.image, form: s.form}
	f := s.f
	if f.kind == 0 {
		f = s.filt
	}
	p := s.dp
	if p.kind == 0 {
		p = s.dprm
	}
	var names []string
	var parms []pdfParms
	switch f.kind {
	case 0, '<':
		return out // no filter (pdf.js reads the data as it is)
	case '/':
		names = []string{f.name}
		if p.kind == '<' {
			parms = p.parms
		}

	case '[':
		if f.odd {
			out.state = pdfChainGuessed // an element that is a reference
			return out
		}
		names = f.names
		if p.kind == '[' {
			parms = p.parms
		}

	default: // a reference, a file specification's string, a number
		out.state = pdfChainGuessed
		return out
	}
	if len(names) > maxPDFFilters {
		out.state = pdfChainTooMany
		return out
	}
	for i, name := range names {
		pp := pdfNoParms
		if i < len(parms) {
			pp = parms[i]
		}
		switch name {
		case "FlateDecode", "Fl", "LZWDecode", "LZW", "BrotliDecode", "Br":
			if _, _, ok := pp.rowBytes(); !ok || pp.odd || pp.early < -250 || pp.early > 1<<20 {
				out.state = pdfChainUnread // a predictor the reading does not undo
				return out
			}
		case "ASCIIHexDecode", "AHx", "ASCII85Decode", "A85", "RunLengthDecode", "RL":
			pp = pdfNoParms
		case "DCTDecode", "DCT", "JPXDecode", "JPX", "JBIG2Decode", "CCITTFaxDecode", "CCF", "Crypt":
			out.state, out.filters, out.parms = pdfChainUnread, nil, nil // an image, or encrypted
			return out
		default:
			continue // unknown: pdf.js passes the data on as it is
		}
		out.filters = append(out.filters, name)
		out.parms = append(out.parms, pp)
	}
	return out
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
// pairs up to '>' (an odd last digit takes a 0 after it); any other byte
// is skipped, as pdf.js skips it. The output is charged to m.
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
			if c == '>' {
				break
			}
			continue
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
