package bodyformat

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// pdfImageLabelled is a PDF whose one stream, labelled an image, holds
// content: read only for the strings its operators show (pdfOperands).
func pdfImageLabelled(content string) []byte {
	return pdfStreamFile("<< /Length 99 /Subtype /Image >>", content)
}

// TestPDFOneLineJoinedByPosition (F12): strings a viewer draws on one
// baseline, the second further along it, are read joined whatever stands
// between them, as pdf.js and poppler put them on a line by where they
// are drawn: a text object per word (ET … BT with a Td back onto the
// baseline, q Q, an identity or along-x cm between), a vertical move
// undone, T* with a leading of 0, a colour, a graphics state, a render
// mode, marked content with a dictionary, a path, an operator no viewer
// knows, rotated text, a baseline off by less than half the font size, a
// word per content stream. The mobile is masked in place (same length,
// offsets kept) in an uncompressed content stream and in one labelled an
// image, and refuses the body in a compressed one. (Before: each of these
// passed the mobile byte for byte.)
func TestPDFOneLineJoinedByPosition(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	a, b := "("+m[:3]+")", "("+m[3:]+")"
	bt := "BT /F1 12 Tf 72 700 Td " + a + " Tj "
	rows := map[string]string{
		"text object per word":       bt + "ET BT /F1 12 Tf 92.016 700 Td " + b + " Tj ET",
		"text object per word, q Q":  bt + "ET q Q BT /F1 12 Tf 92.016 700 Td " + b + " Tj ET",
		"q text object Q per word":   "q " + bt + "ET Q q BT 92.016 700 Td " + b + " Tj ET Q",
		"vertical move undone":       bt + "20.016 1 Td 0 -1 Td " + b + " Tj ET",
		"T* with leading 0":          "BT /F1 12 Tf 0 TL 72 700 Td " + a + " Tj T* 20.016 0 Td " + b + " Tj ET",
		"' with leading 0":           "BT /F1 12 Tf 0 TL 72 700 Td " + a + " Tj 20 0 Td " + b + " ' ET",
		"colour":                     bt + "1 0 0 rg " + b + " Tj ET",
		"graphics state":             bt + "/GS1 gs " + b + " Tj ET",
		"render mode":                bt + "0 Tr " + b + " Tj ET",
		"marked content":             bt + "/Span <</Lang (zh)>> BDC " + b + " Tj EMC ET",
		"marked content, nested":     bt + "/Span <</Lang (zh) /P <</X [(a) (b)]>> >> BDC " + b + " Tj EMC ET",
		"marked content point":       bt + "/Tag MP /P /MC0 DP /Tx BMC " + b + " Tj EMC ET",
		"path between":               bt + "ET 0 0 1 1 re f 72 690 m 200 690 l S BT 92 700 Td " + b + " Tj ET",
		"unknown operator":           bt + "foo " + b + " Tj ET",
		"cm identity":                bt + "ET q 1 0 0 1 0 0 cm BT 92 700 Td " + b + " Tj ET Q",
		"cm along x":                 bt + "ET q 1 0 0 1 20 0 cm BT 72.5 700 Td " + b + " Tj ET Q",
		"cm undone":                  bt + "ET q 1 0 0 1 0 50 cm Q BT 92 700 Td " + b + " Tj ET",
		"baseline off a little":      bt + "20 3 Td " + b + " Tj ET",
		"Tm scaled font":             "BT /F1 1 Tf 12 0 0 12 72 700 Tm " + a + " Tj 12 0 0 12 92 704 Tm " + b + " Tj ET",
		"rotated":                    "BT /F1 12 Tf 0 1 -1 0 100 100 Tm " + a + " Tj ET BT /F1 12 Tf 0 1 -1 0 100 120 Tm " + b + " Tj ET",
		"TJ then Tj in other object": "BT /F1 12 Tf 72 700 Td [" + a + "] TJ ET BT 92 700 Td [" + b + "] TJ ET",
	}
	for name, content := range rows {
		pdf := pdfOf(content, "(Invoice)", true, false)
		res := mustInspect(t, eng, pdf, "application/pdf", "", Redact)
		if !res.Changed || len(res.Body) != len(pdf) {
			t.Errorf("%s: changed %v, %d bytes of %d", name, res.Changed, len(res.Body), len(pdf))
			continue
		}
		checkPDFOffsets(t, name, res.Body)
		if v := pdfShownText(eng, res.Body); strings.Contains(v, m[3:]) {
			t.Errorf("%s: a viewer shows %q", name, v)
		}
		// labelled an image: read for what its operators show, the same way
		img := pdfImageLabelled(content)
		if res := mustInspect(t, eng, img, "application/pdf", "", Redact); !res.Changed || strings.Contains(string(res.Body), m[3:]) {
			t.Errorf("%s, labelled an image: changed %v", name, res.Changed)
		}
		// compressed: personal data there refuses the body
		z := pdfOf(content, "(Invoice)", true, true)
		if _, err := Inspect(eng, z, "application/pdf", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s, compressed: err %v, want a refusal", name, err)
		}
	}
	// a word per content stream, each its own text object
	pdf := pdfTwoStreams("BT /F1 12 Tf 72 700 Td "+a+" Tj ET", "BT /F1 12 Tf 92.016 700 Td "+b+" Tj ET")
	res := mustInspect(t, eng, pdf, "application/pdf", "", Redact)
	if !res.Changed || len(res.Body) != len(pdf) || strings.Contains(pdfShownText(eng, res.Body), m[3:]) {
		t.Errorf("a word per stream: changed %v", res.Changed)
	}
}

// TestPDFOtherBaselinesKeptApart: strings on other baselines stay apart
// whatever joins text objects now: "(13800)" and "(138000)", which joined
// make a mobile, pass byte for byte when a real vertical move, another
// transformation (a cm that scales or moves along y, or its undoing by
// Q), another direction of the baseline, a string drawn back over the
// last one's start, or one drawn before it with a gap between (not
// reaching it at a font size a byte: laid out by position, read after a
// space) sets them apart.
func TestPDFOtherBaselinesKeptApart(t *testing.T) {
	eng := testEngine(t)
	x, y := "(13800)", "(138000)"
	for _, content := range []string{
		"BT /F1 12 Tf 72 700 Td " + x + " Tj ET BT /F1 12 Tf 140 686 Td " + y + " Tj ET",
		"BT /F1 12 Tf 72 700 Td " + x + " Tj ET q Q BT 140 686 Td " + y + " Tj ET",
		"BT /F1 12 Tf 72 700 Td " + x + " Tj 68 7 Td " + y + " Tj ET",
		"BT /F1 12 Tf 72 700 Td " + x + " Tj 68 1 Td 0 -14 Td " + y + " Tj ET",
		"BT /F1 12 Tf 14 TL 72 700 Td " + x + " Tj ET BT 72 700 Td T* 68 0 Td " + y + " Tj ET",
		"BT /F1 12 Tf 14 TL 72 700 Td " + x + " Tj " + y + " ' ET",
		"BT /F1 12 Tf 72 350 Td " + x + " Tj ET q 2 0 0 2 0 0 cm BT 80 350 Td " + y + " Tj ET Q",
		"BT /F1 12 Tf 72 700 Td " + x + " Tj ET q 1 0 0 1 0 -14 cm BT 140 700 Td " + y + " Tj ET Q",
		"q 1 0 0 1 0 14 cm BT /F1 12 Tf 72 686 Td " + x + " Tj ET Q BT 140 686 Td " + y + " Tj ET",
		"BT /F1 12 Tf 0 1 -1 0 100 100 Tm " + x + " Tj ET BT 0 1 -1 0 120 100 Tm " + y + " Tj ET",
		"BT /F1 12 Tf 1 0 0 1 100 700 Tm " + x + " Tj 0 1 -1 0 140 700 Tm " + y + " Tj ET",
		"BT /F1 12 Tf 72 700 Td " + x + " Tj ET BT /F1 12 Tf 72 700 Td " + y + " Tj ET",
		"BT /F1 12 Tf 100 700 Td " + x + " Tj ET BT /F1 12 Tf 20 700 Td " + y + " Tj ET",
		"BT /F1 12 Tf 72 700 Td " + x + " Tj 0 0 Td " + y + " Tj ET",
		"BT /F1 12 Tf 72 700 Td " + x + " " + y + " Tj ET",
		"BT /F1 12 Tf 72 700 Td " + x + " Tj /P <</A " + y + ">> BDC EMC ET",
	} {
		for name, pdf := range map[string][]byte{
			"":                    pdfOf(content, "(Invoice 2024)", true, false),
			", labelled an image": pdfImageLabelled(content),
		} {
			res := mustInspect(t, eng, pdf, "application/pdf", "", Redact)
			if res.Changed || res.Summary.Categories != 0 {
				t.Errorf("%q%s: changed %v, %+v", content, name, res.Changed, res.Summary)
			}
		}
	}
}

// TestPDFContentDictStringsRead: the strings of a content stream's
// dictionary (marked content's /ActualText) are read apart, not between
// the strings of the line around it, and masked in place.
func TestPDFContentDictStringsRead(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	content := "BT /F1 12 Tf 72 700 Td /Span <</ActualText (" + m + ") /P <</Alt (x)>> >> BDC (Tel) Tj EMC ET"
	pdf := pdfOf(content, "(Invoice)", true, false)
	res := mustInspect(t, eng, pdf, "application/pdf", "", Redact)
	if !res.Changed || len(res.Body) != len(pdf) || strings.Contains(string(res.Body), m) {
		t.Errorf("a mobile in /ActualText: changed %v", res.Changed)
	}
	checkPDFOffsets(t, "ActualText", res.Body)
	if v := pdfShownText(eng, res.Body); !strings.Contains(v, "Tel") {
		t.Errorf("the line's own text is gone: %q", v)
	}
}

// pdfPagesOf is a PDF of pages, each drawing its content streams (in
// the order given; the streams of all pages follow the page objects, in
// file order page after page).
func pdfPagesOf(pages [][]string) []byte {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", ""}
	var kids []string
	next := 3 + len(pages)
	for _, streams := range pages {
		var refs []string
		for range streams {
			refs = append(refs, strconv.Itoa(next)+" 0 R")
			next++
		}
		kids = append(kids, strconv.Itoa(len(objs)+1)+" 0 R")
		objs = append(objs, "<< /Type /Page /Parent 2 0 R /Contents ["+strings.Join(refs, " ")+"] >>")
	}
	objs[1] = "<< /Type /Pages /Kids [" + strings.Join(kids, " ") + "] /Count " + strconv.Itoa(len(pages)) + " >>"
	for _, streams := range pages {
		for _, c := range streams {
			objs = append(objs, "<< /Length "+strconv.Itoa(len(c))+" >>\nstream\n"+c+"\nendstream")
		}
	}
	return pdfObjects(objs)
}

// TestPDFCarriedStreamsHoldALine: content streams of different pages
// that each end their text object on a line the next may go on with are
// read on from one another, but the text held between them is their
// last line, not the file's text: of 200 pages of a stream of a line
// each, the reader is handed pieces of at most a few lines (without
// flushHead, one of 200), and a line the next stream goes on with is
// still read joined. The streams of one page are one text.
func TestPDFCarriedStreamsHoldALine(t *testing.T) {
	eng := testEngine(t)
	var pages [][]string
	for k := range 200 {
		pages = append(pages, []string{"BT /F1 12 Tf 72 " + strconv.Itoa(780-3*k) + " Td (Line " + strconv.Itoa(k) + " of the report) Tj ET"})
	}
	pieces := func(pdf []byte) (most, n int) {
		in := &inspector{eng: eng, mode: Scan, meter: newMeter(Limits{})}
		if err := in.pdfRegion(pdf, true, 0, 0, func(text *pdfText) error {
			most, n = max(most, strings.Count(string(text.view), "Line")), n+1
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return most, n
	}
	if most, n := pieces(pdfPagesOf(pages)); most > 3 || n < 60 {
		t.Errorf("the reader was handed up to %d lines at once, in %d pieces", most, n)
	}
	one := [][]string{nil}
	for _, p := range pages[:20] {
		one[0] = append(one[0], p[0])
	}
	if most, _ := pieces(pdfPagesOf(one)); most < 20 {
		t.Errorf("the 20 streams of one page were read in pieces of at most %d lines", most)
	}
	m := synth.CNMobile(rng(t.Name()))
	two := pdfTwoStreams("BT /F1 12 Tf 72 700 Td (Line one) Tj ET BT 72 680 Td ("+m[:3]+") Tj ET", "BT /F1 12 Tf 92 680 Td ("+m[3:]+") Tj ET")
	if res := mustInspect(t, eng, two, "application/pdf", "", Redact); !res.Changed || strings.Contains(string(res.Body), m[3:]) {
		t.Errorf("a line over two streams after another line: changed %v", res.Changed)
	}
}
