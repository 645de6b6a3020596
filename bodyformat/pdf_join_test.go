package bodyformat

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// pdfShownText is the text a viewer shows from a PDF's strings (its
// uncompressed streams and objects), as the reading joins it.
func pdfShownText(eng *detect.Engine, b []byte) string {
	var shown []byte
	m := newMeter(Limits{})
	in := &inspector{eng: eng, mode: Scan, meter: m}
	_ = in.pdfRegion(b, true, 0, 0, func(text *pdfText) error {
		shown = append(shown, text.view...)
		return nil
	})
	return string(shown)
}

// TestPDFStringsOfOneLineJoined: strings one text block shows along a
// line, with operators between them that move the text along the line or
// restyle it (Td with no vertical move, Tf, Tc, Tw, Tz, Ts), are read
// joined, as a viewer shows them: the value is masked in place.
func TestPDFStringsOfOneLineJoined(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	mob, id := synth.CNMobile(r), synth.CNID18(r)
	bt := "BT /F1 12 Tf 72 700 Td "
	for name, tc := range map[string]struct{ content, value string }{
		"Td":    {bt + "(" + mob[:3] + ") Tj 18 0 Td (" + mob[3:7] + ") Tj 24 0 Td (" + mob[7:] + ") Tj ET", mob},
		"TD":    {bt + "(" + mob[:3] + ") Tj 18 0.2 TD (" + mob[3:] + ") Tj ET", mob},
		"Tf":    {bt + "(" + id[:6] + ") Tj /F1 12 Tf (" + id[6:14] + ") Tj /F2 11 Tf (" + id[14:] + ") Tj ET", id},
		"Tc":    {bt + "(" + mob[:5] + ") Tj 0.5 Tc (" + mob[5:] + ") Tj ET", mob},
		"TwTzs": {bt + "(" + mob[:2] + ") Tj 1 Tw (" + mob[2:5] + ") Tj 90 Tz (" + mob[5:8] + ") Tj 0 Ts (" + mob[8:] + ") Tj ET", mob},
		"Tm":    {"BT 1 0 0 1 72 700 Tm (" + id[:9] + ") Tj 1 0 0 1 130 700 Tm (" + id[9:] + ") Tj ET", id},
		"TJ Td": {bt + "[(" + mob[:3] + ") -20 (" + mob[3:6] + ")] TJ 30 0 Td [(" + mob[6:] + ")] TJ ET", mob},
	} {
		pdf := pdfOf(tc.content, "(Invoice)", true, false)
		res := mustInspect(t, eng, pdf, "application/pdf", "", Redact)
		if !res.Changed || len(res.Body) != len(pdf) {
			t.Errorf("%s: changed %v, %d bytes of %d", name, res.Changed, len(res.Body), len(pdf))
			continue
		}
		checkPDFOffsets(t, name, res.Body)
		if v := pdfShownText(eng, res.Body); strings.Contains(v, tc.value) {
			t.Errorf("%s: a viewer shows %q", name, v)
		}
	}
}

// TestPDFLinesKeptApart: strings on other lines (a vertical Td, TD or Tm
// move, T*) or of other text blocks are read apart: numbers of a table
// that would make a mobile or an ID when joined pass byte for byte, and
// so do numbers side by side that make none.
func TestPDFLinesKeptApart(t *testing.T) {
	eng := testEngine(t)
	for _, content := range []string{
		"BT /F1 12 Tf 72 700 Td (13800) Tj 0 -14 Td (138000) Tj ET",
		"BT /F1 12 Tf 72 700 Td (13800) Tj 10 14 TD (138000) Tj ET",
		"BT 1 0 0 1 72 700 Tm (13800) Tj 1 0 0 1 72 686 Tm (138000) Tj ET",
		"BT /F1 12 Tf 14 TL 72 700 Td (13800) Tj T* (138000) Tj ET",
		"BT /F1 12 Tf 14 TL 72 700 Td (Tel) Tj T* (13800) Tj 0 -14 Td (138000) Tj ET",
		"BT 72 700 Td (13800) Tj ET BT 72 700 Td (138000) Tj ET",
		"BT 72 700 Td (Qty) Tj 100 0 Td (2) Tj 50 0 Td (Price 13.80) Tj 60 0 Td (Order 2024-01-02) Tj ET",
		"BT 72 700 Td [(Page ) 1 ( of ) 2] TJ 300 0 Td (Total 1,234.56) Tj ET",
	} {
		pdf := pdfOf(content, "(Invoice 2024)", true, false)
		res := mustInspect(t, eng, pdf, "application/pdf", "", Redact)
		if res.Changed || res.Summary.Categories != 0 {
			t.Errorf("%q: changed %v, %+v", content, res.Changed, res.Summary)
		}
	}
}

// TestPDFEscapesMasked: a value a viewer shows from escapes that stand
// for themselves (\9 shows 9, \@ shows @) is masked in place, each
// escape by \ and the mask character: the file keeps its length and a
// viewer no longer shows the value. (The escapes were read but not
// written over: the value was found and passed.)
func TestPDFEscapesMasked(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	mail := synth.Email(r)
	for i := 0; i < 5000 && strings.ContainsAny(mail, "nrtbf01234567"); i++ {
		mail = synth.Email(r) // one whose every character can be an unknown escape
	}
	mob := "199"
	for len(mob) < 11 { // a mobile of 8s and 9s: escapes \8 and \9
		mob += string("89"[r.IntN(2)])
	}
	esc := func(s string) string {
		var b strings.Builder
		for _, c := range []byte(s) {
			if strings.IndexByte("nrtbf01234567", c) < 0 {
				b.WriteByte('\\')
			}
			b.WriteByte(c)
		}
		return b.String()
	}
	bt := "BT /F1 12 Tf 72 700 Td "
	for name, tc := range map[string]struct{ content, value string }{
		"digits":       {bt + "(" + esc(mob) + ") Tj ET", mob},
		"mail":         {bt + "(" + esc(mail) + ") Tj ET", mail},
		"parens mixed": {bt + "(\\(" + mob[:4] + esc(mob[4:]) + "\\)) Tj ET", mob},
	} {
		pdf := pdfOf(tc.content, "(Invoice)", true, false)
		res := mustInspect(t, eng, pdf, "application/pdf", "", Redact)
		if !res.Changed || len(res.Body) != len(pdf) {
			t.Errorf("%s: changed %v, %d bytes of %d", name, res.Changed, len(res.Body), len(pdf))
			continue
		}
		checkPDFOffsets(t, name, res.Body)
		if v := pdfShownText(eng, res.Body); strings.Contains(v, tc.value) || strings.Contains(v, tc.value[3:]) {
			t.Errorf("%s: a viewer shows %q", name, v)
		}
	}
}

// pdfTwoStreams is a PDF whose page draws two uncompressed content
// streams, a and b, in turn (a viewer reads them as one).
func pdfTwoStreams(a, b string) []byte {
	return pdfObjects([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents [4 0 R 5 0 R] >>",
		"<< /Length " + strconv.Itoa(len(a)) + " >>\nstream\n" + a + "\nendstream",
		"<< /Length " + strconv.Itoa(len(b)) + " >>\nstream\n" + b + "\nendstream",
	})
}

// TestPDFLineOverTwoStreams: a line of text that one content stream
// starts and the next goes on with (no ET, no move to another line
// between) is read joined and masked; streams that end their text, or
// go on on another line, are read apart.
func TestPDFLineOverTwoStreams(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	id := synth.CNID18(r)
	pdf := pdfTwoStreams("BT /F1 12 Tf 72 700 Td ("+id[:9]+") Tj", "("+id[9:]+") Tj ET")
	res := mustInspect(t, eng, pdf, "application/pdf", "", Redact)
	if !res.Changed || len(res.Body) != len(pdf) || strings.Contains(pdfShownText(eng, res.Body), id) {
		t.Errorf("an ID over two streams: changed %v", res.Changed)
	}
	checkPDFOffsets(t, "two streams", res.Body)
	for _, tc := range [][2]string{
		{"BT 72 700 Td (13800) Tj ET", "BT 72 700 Td (138000) Tj ET"},
		{"BT 72 700 Td (13800) Tj", "0 -14 Td (138000) Tj ET"},
	} {
		pdf := pdfTwoStreams(tc[0], tc[1])
		if res := mustInspect(t, eng, pdf, "application/pdf", "", Redact); res.Changed || res.Summary.Categories != 0 {
			t.Errorf("%q then %q: changed %v", tc[0], tc[1], res.Changed)
		}
	}
}

// TestPDFSplitNumberMaskedAsOne: a mobile drawn in three runs moved
// along one line (Td between shows) is masked as the same number drawn in
// one string: the runs together show the default mask, the kept digits
// of the mask standing where they stood (attack21's TdBetween row counted
// those kept digits as the number).
func TestPDFSplitNumberMaskedAsOne(t *testing.T) {
	eng := testEngine(t)
	mob := synth.CNMobile(rng(t.Name()))
	bt := "BT /F1 12 Tf 72 700 Td "
	split := pdfStreamFile("<< /Length 99 >>", bt+"("+mob[:3]+") Tj 18 0 Td ("+mob[3:7]+") Tj 24 0 Td ("+mob[7:]+") Tj ET")
	one := pdfStreamFile("<< /Length 99 >>", bt+"("+mob+") Tj ET")
	rs := mustInspect(t, eng, split, "application/pdf", "", Redact)
	ro := mustInspect(t, eng, one, "application/pdf", "", Redact)
	shown := func(b []byte) string {
		var out []byte
		for _, part := range bytes.Split(b, []byte("(")) {
			if k := bytes.IndexByte(part, ')'); k >= 0 && bytes.Contains(part[k:], []byte("Tj")) {
				out = append(out, part[:k]...)
			}
		}
		return string(out)
	}
	if got, want := shown(rs.Body), shown(ro.Body); got != want || strings.Contains(got, mob) {
		t.Errorf("split runs show %q, one string %q", got, want)
	}
}
