package bodyformat

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// wellFormedXML fails t when doc is no well-formed XML.
func wellFormedXML(t *testing.T, doc string) {
	t.Helper()
	for d := xml.NewDecoder(strings.NewReader(doc)); ; {
		if _, err := d.Token(); err == io.EOF {
			return
		} else if err != nil {
			t.Fatalf("not well formed: %s: %v", doc, err)
		}
	}
}

// TestRecordNamesQuotedCSV (attack pass 45, F4a): a row is read as a CSV
// reader reads it (RFC 4180): a quoted cell holding the delimiter, a
// doubled quote or a line break counts as one cell, so the name cell of
// such a row is still read by its record; the clean cells go out byte for
// byte.
func TestRecordNamesQuotedCSV(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for k := 0; k < 50; k++ {
		name, id, m := synth.CNName(r), synth.CNID18(r), synth.CNMobile(r)
		for _, c := range []struct{ body, clean string }{
			{"a,b,c\n\"hello, world\"," + name + "," + id + "\n", "\"hello, world\","},
			{"a,b,c\n\"x, y\",\"" + name + "\"," + m + "\n", "\"x, y\","},
			{"a,b,c\n\"say \"\"hi\"\", ok\"," + name + "," + id + "\n", "\"say \"\"hi\"\", ok\","},
			{"a,b,c\r\n\"line one\r\nline two\"," + name + "," + id + "\r\n7,ok,3\r\n", "\"line one\r\nline two\","},
			{"a\tb\tc\n\"x\ty\"\t" + name + "\t" + m + "\n", "\"x\ty\"\t"},
			{"a,b,c,d\n\"北京市, 海淀区\"," + name + ",1," + id + "\n", ""},
		} {
			for _, ct := range []string{"text/csv", "text/plain"} {
				out := string(mustInspect(t, eng, []byte(c.body), ct, "", Redact).Body)
				if strings.Contains(out, name) || strings.Contains(out, id) || strings.Contains(out, m) {
					t.Fatalf("left raw: %q -> %q", c.body, out)
				}
				if !strings.Contains(out, c.clean) {
					t.Fatalf("clean cell changed: %q -> %q", c.body, out)
				}
				if strings.Contains(c.body, "7,ok,3") && !strings.HasSuffix(out, "7,ok,3\r\n") {
					t.Fatalf("another row changed: %q -> %q", c.body, out)
				}
			}
		}
	}
}

// TestRecordNamesXMLAttributes (attack pass 45, F4b): the attributes of
// one element are a record with its leaf children or its text; elements
// nested deeper than the reading follows before it hide no record.
func TestRecordNamesXMLAttributes(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for k := 0; k < 50; k++ {
		name, id, m := synth.CNName(r), synth.CNID18(r), synth.CNMobile(r)
		for _, body := range []string{
			"<r><p a=\"" + name + "\" b=\"" + id + "\"/></r>",
			"<r><p b='" + m + "' a='" + name + "'></p></r>",
			"<r><person a=\"" + name + "\" id=\"" + id + "\"><x>1</x></person></r>",
			"<r><person v=\"" + id + "\"><a>" + name + "</a></person></r>",
			"<r><a x=\"" + name + "\">" + id + "</a></r>",
			"<a x=\"" + name + "\">" + id + "</a>",
			"<r>" + strings.Repeat("<d>", 300) + strings.Repeat("</d>", 300) + "<p a=\"" + name + "\"><b>" + id + "</b></p></r>",
		} {
			out := string(mustInspect(t, eng, []byte(body), "application/xml", "", Redact).Body)
			if strings.Contains(out, name) || strings.Contains(out, id) || strings.Contains(out, m) {
				t.Fatalf("left raw: %s -> %s", body, out)
			}
			wellFormedXML(t, out)
		}
	}
}

// TestRecordNamesXMLLeafText (attack pass 45, F4c): a leaf's text is read
// as an XML parser gives it: CDATA, character references and comments
// are no element in it.
func TestRecordNamesXMLLeafText(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for k := 0; k < 50; k++ {
		name, id := synth.CNName(r), synth.CNID18(r)
		first, n := utf8.DecodeRuneInString(name)
		rest := name[n:]
		for _, leaf := range []string{
			"<![CDATA[" + name + "]]>",
			fmt.Sprintf("&#%d;", first) + rest,
			fmt.Sprintf("&#x%x;", first) + rest,
			string(first) + "<!-- -->" + rest,
			" <![CDATA[" + string(first) + "]]>" + rest + " ",
		} {
			body := "<r><p><a>" + leaf + "</a><b>" + id + "</b></p></r>"
			out := string(mustInspect(t, eng, []byte(body), "application/xml", "", Redact).Body)
			if strings.Contains(out, id) || strings.Contains(out, leaf) || strings.Contains(out, rest+"</a>") {
				t.Fatalf("left raw: %s -> %s", body, out)
			}
			wellFormedXML(t, out)
		}
	}
}

// TestRecordNamesXMLManyLeaves (attack pass 45, F4d): leaves before the
// name push it out of no record: an element keeps its latest name-shaped
// leaves, not its first 64 leaves; the padding goes out as it came.
func TestRecordNamesXMLManyLeaves(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	name, id := synth.CNName(r), synth.CNID18(r)
	pad := strings.Repeat("<v>1</v>", 100)
	for _, body := range []string{
		"<r><p>" + pad + "<a>" + name + "</a><b>" + id + "</b></p></r>",
		"<r><p><b>" + id + "</b>" + pad + "<a>" + name + "</a></p></r>",
	} {
		out := string(mustInspect(t, eng, []byte(body), "application/xml", "", Redact).Body)
		if strings.Contains(out, name) || strings.Contains(out, id) || !strings.Contains(out, pad) {
			t.Fatalf("left raw or padding changed: %s -> %s", body, out)
		}
	}
}

// TestRecordNamesXMLLeafIDThenMore: a leaf holding an ID followed by
// another finding (an e-mail) is an ID leaf: every finding in it counts,
// not only its last.
func TestRecordNamesXMLLeafIDThenMore(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for k := 0; k < 50; k++ {
		name, id, m := synth.CNName(r), synth.CNID18(r), synth.CNMobile(r)
		for _, body := range []string{
			"<r><p><a>" + name + "</a><b>" + id + " user@example.com</b></p></r>",
			"<r><p><b>" + m + " user@example.com</b><a>" + name + "</a></p></r>",
		} {
			out := string(mustInspect(t, eng, []byte(body), "application/xml", "", Redact).Body)
			if strings.Contains(out, name) || strings.Contains(out, id) || strings.Contains(out, m) {
				t.Fatalf("left raw: %s -> %s", body, out)
			}
		}
	}
}

// TestRecordNamesXMLNewReadingsNotWords: the listed words that are no
// name stay as they are as a neutral attribute, or as a leaf's CDATA or
// referenced text, beside an ID; a name attribute (name="…") of a
// person's element is masked.
func TestRecordNamesXMLNewReadingsNotWords(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	id := synth.CNID18(r)
	words := listedNotNames(t)
	var b strings.Builder
	b.WriteString("<list>")
	for _, w := range words {
		first, n := utf8.DecodeRuneInString(w)
		b.WriteString("<p v=\"" + w + "\" id=\"" + id + "\"><c><![CDATA[" + w + "]]></c><d>" + fmt.Sprintf("&#%d;", first) + w[n:] + "</d></p>")
	}
	b.WriteString("</list>")
	in := b.String()
	out := string(mustInspect(t, eng, []byte(in), "application/xml", "", Redact).Body)
	masked := 0
	for _, w := range words {
		first, n := utf8.DecodeRuneInString(w)
		if !strings.Contains(out, "<p v=\""+w+"\"") || !strings.Contains(out, "<c><![CDATA["+w+"]]></c><d>"+fmt.Sprintf("&#%d;", first)+w[n:]+"</d>") {
			masked++
			t.Errorf("masked a word: %s", w)
		}
	}
	t.Logf("%d/%d listed words masked next to an ID", masked, len(words))
	name := synth.CNName(r)
	body := "<r><person name=\"" + name + "\" id=\"" + id + "\"/></r>"
	if out := string(mustInspect(t, eng, []byte(body), "application/xml", "", Redact).Body); strings.Contains(out, name) {
		t.Errorf("left raw: %s -> %s", body, out)
	}
}

// maxRecordNameVals is the number of name-shaped values a record kept
// before every one was (fix47records): decoys go past it.
const maxRecordNameVals = 16
