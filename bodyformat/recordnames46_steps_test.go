//go:build detectsteps

package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestStepsRecordNamesCSVXML checks that the record names of CSV rows
// read as a CSV reader reads them, and of XML leaves and attributes read
// as a parser gives their text, cost steps linear in the body: 64K
// leaves before a name, long rows of quoted cells, many attributes,
// comments and references in a leaf.
func TestStepsRecordNamesCSVXML(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	name, id := synth.CNName(r), synth.CNID18(r)
	type shape struct {
		csv              bool
		head, unit, tail string
	}
	shapes := map[string]shape{
		"leaves":          {false, "<r><p><b>" + id + "</b>", "<v>1</v>", "<a>" + name + "</a></p></r>"},
		"name leaves":     {false, "<r><p><b>" + id + "</b>", "<v>" + name + "</v>", "</p></r>"},
		"records":         {false, "<r>", "<p><a>" + name + "</a><b>" + id + "</b></p>", "</r>"},
		"attributes":      {false, "<r><p b=\"" + id + "\"", " a=\"" + name + "\"", "/></r>"},
		"leaf comment":    {false, "<r><p><b>" + id + "</b><a>王", "<!-- -->", "小明</a></p></r>"},
		"leaf references": {false, "<r><p><b>" + id + "</b><a>", "&#29579;", "</a></p></r>"},
		"cdata":           {false, "<r><p><b>" + id + "</b><a>", "<![CDATA[王]]>", "</a></p></r>"},
		"open tags":       {false, "<r><b>" + id + "</b>", "<a x='1'>", ""},
		"long row":        {true, "a,b\n" + id + ",x\n", "\"x, \"\"y\"\"\",", "\n"},
		"quoted lines":    {true, "a,b\n" + id + ",x\n", "\"\n\",", "\n"},
		"rows":            {true, "a,b,c\n", name + "," + id + ",\"1,2\"\n", ""},
		"wide header":     {true, "", "a,", "\n" + id + "\n"},
		// fix47records: the separator sniffed, blank lines, CR rows,
		// short rows, every decoy read, DTD comments, mixed content
		"semicolon header": {true, "", "a;", "\n" + id + "\n"},
		"quoted header":    {true, "", "\"a,b\"\t", "\n" + id + "\n"},
		"blank lines":      {true, "", "\r\n", "a,b\n" + name + "," + id + "\n"},
		"CR rows":          {true, "a,b,c\r", name + "," + id + "\r", ""},
		"short rows":       {true, "a,b,c,d\n", name + "," + id + "\n", ""},
		"decoy cells":      {true, "a,b\n" + id + ",", name + ",", "\n"},
		"dtd comments":     {false, "<!DOCTYPE r [", "<!-- ' -->", "]><r><p><b>" + id + "</b><a>" + name + "</a></p></r>"},
		"empty in leaf":    {false, "<r><p><b>" + id + "</b><a>" + name, "<x/>", "</a></p></r>"},
		"digit leaves":     {false, "<r><p>", "<tel1>138</tel1>", "</p></r>"},
		"digit attributes": {false, "<r><p", " tel=\"138\"", "/></r>"},
		"own text":         {false, "<r><p>" + id, "<c/>1", "<a>" + name + "</a></p></r>"},
	}
	for label, s := range shapes {
		steps := func(n int) int64 {
			b := []byte(s.head + strings.Repeat(s.unit, n/len(s.unit)) + s.tail)
			in := &inspector{eng: eng, mode: Redact, lim: Limits{}.withDefaults()}
			fs := in.find(b, 0)
			resetReadingSteps()
			if s.csv {
				in.csvRecordNames(b, fs)
			} else {
				in.xmlRecordNames(b, fs)
			}
			return readingSteps.Load()
		}
		if large := stepsGrowLinearly(t, label, steps); large > 8*8*stepsUnit {
			t.Errorf("%s: %d steps for %d bytes", label, large, 8*stepsUnit)
		}
	}
}

// TestStepsRecordNamesGated checks that a CSV text with no resident ID
// or mobile is not read again for record names: no step; an XML
// document is read once more for its joins of digits (xmlsiblings.go)
// only, and gives no name.
func TestStepsRecordNamesGated(t *testing.T) {
	eng := testEngine(t)
	name := synth.CNName(rng(t.Name()))
	in := &inspector{eng: eng, mode: Redact, lim: Limits{}.withDefaults()}
	csv := []byte("a,b,c\n" + strings.Repeat(name+",\"x, y\",1\n", 4096))
	xml := []byte("<r>" + strings.Repeat("<p a=\"1\"><a>"+name+"</a><b>2</b></p>", 4096) + "</r>")
	fc, fx := in.find(csv, 0), in.find(xml, 0)
	resetReadingSteps()
	if in.csvRecordNames(csv, fc) != nil || readingSteps.Load() != 0 {
		t.Errorf("CSV read with no identifier: %d steps", readingSteps.Load())
	}
	if names := in.xmlRecordNames(xml, fx); names != nil || readingSteps.Load() > int64(4*len(xml)) {
		t.Errorf("XML with no identifier: names %v, %d steps for %d bytes", names, readingSteps.Load(), len(xml))
	}
}
