package bodyformat

import (
	"fmt"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// attack46aNamesCase is a body whose record holds a name with nothing
// said of it, a resident ID and clean text.
type attack46aNamesCase struct {
	what, ct, body, clean string
}

// attack46aCheckNames inspects each case in Redact mode and asks that
// neither the name nor the ID goes out raw and that clean stays.
func attack46aCheckNames(t *testing.T, name, id string, cases []attack46aNamesCase) {
	t.Helper()
	eng := testEngine(t)
	for _, c := range cases {
		res, err := Inspect(eng, []byte(c.body), c.ct, "", Redact, Limits{})
		if err != nil {
			t.Errorf("%s: %v", c.what, err)
			continue
		}
		out := string(res.Body)
		if strings.Contains(out, name) || strings.Contains(out, id) {
			t.Errorf("%s: left raw: %q -> %q", c.what, c.body, out)
		}
		if !strings.Contains(out, c.clean) {
			t.Errorf("%s: clean text changed: %q -> %q", c.what, c.body, out)
		}
	}
}

// TestAttack46aCSVRowCells (attack46a F3): csvRecordNames reads only a
// row with exactly as many cells as the header; a row with one cell
// fewer (csv.DictReader fills None, pandas NaN) or a trailing comma
// (DictReader's restkey) is skipped, so its first cell, a name under
// a neutral header, went out raw beside a masked ID. Cause: the
// `cells == len(neutral)` test in csvRecordNames.
func TestAttack46aCSVRowCells(t *testing.T) {
	r := rng(t.Name())
	name, id := synth.CNName(r), synth.CNID18(r)
	attack46aCheckNames(t, name, id, []attack46aNamesCase{
		{"one cell fewer", "text/csv", "a,b,c,d,e,f,g\n" + name + ",fresh,cold,blue,x," + id + "\n", ",fresh,cold,blue,x,"},
		{"trailing comma", "text/csv", "a,b,c,d,e,f\n" + name + ",fresh,cold,blue,x," + id + ",\n", ",fresh,cold,blue,x,"},
	})
}

// TestAttack46aCSVHeaderLine (attack46a F4): the header is taken to be
// the first line, split at '\n' only: a blank line before it (Go's
// encoding/csv and pandas skip blank lines) or old Mac line breaks
// ('\r' alone, which Python's csv module ends a row at) make the header
// one cell or the whole body one row, and the row's name goes out raw.
func TestAttack46aCSVHeaderLine(t *testing.T) {
	r := rng(t.Name())
	name, id := synth.CNName(r), synth.CNID18(r)
	attack46aCheckNames(t, name, id, []attack46aNamesCase{
		{"blank line first", "text/csv", "\na,b,c,d,e,f\n" + name + ",fresh,cold,blue,x," + id + "\n", ",fresh,cold,blue,x,"},
		{"CR line breaks", "text/csv", "a,b,c,d,e,f\r" + name + ",fresh,cold,blue,x," + id + "\r", ",fresh,cold,blue,x,"},
	})
}

// TestAttack46aCSVDelimiter (attack46a F5): the delimiter is ',' or
// '\t', whichever the header's first line has more of, counted
// outside no quotes: a semicolon CSV (Excel in comma-decimal locales)
// is never split; a TSV whose quoted header cell holds commas
// ("a,b,c,d,e,f,g") or a line break is split at commas, its rows one
// cell; a cell quoted after a blank (` "name"`, which Python's csv
// reads as the text ` "name"`) is not name-shaped. Each row's name went
// out raw.
func TestAttack46aCSVDelimiter(t *testing.T) {
	r := rng(t.Name())
	name, id := synth.CNName(r), synth.CNID18(r)
	attack46aCheckNames(t, name, id, []attack46aNamesCase{
		{"semicolons", "text/csv", "a;b;c;d;e;f\n" + name + ";fresh;cold;blue;x;" + id + "\n", ";fresh;cold;blue;x;"},
		{"TSV, commas in a quoted header cell", "text/tab-separated-values", "\"a,b,c,d,e,f,g\"\tc\td\te\tf\tg\n" + name + "\tfresh\tcold\tblue\tx\t" + id + "\n", "\tfresh\tcold\tblue\tx\t"},
		{"TSV, a line break in a quoted header cell", "text/tab-separated-values", "\"a\nb\"\tc\td\te\tf\tg\n" + name + "\tfresh\tcold\tblue\tx\t" + id + "\n", "\tfresh\tcold\tblue\tx\t"},
		{"blank before a quote", "text/csv", "a,b,c,d,e,f\n \"" + name + "\",fresh,cold,blue,x," + id + "\n", ",fresh,cold,blue,x,"},
	})
}

// TestAttack46aXMLDoctypeQuote (attack46a F6): an apostrophe in a
// comment of the document type's internal subset (`<!DOCTYPE r [<!--
// don't -->]>`, well formed, read by encoding/xml) sends tagEnd looking
// for a closing quote to the document's end: xmlRecordNames breaks at
// "a tag left open" and reads no record of the document; the name went
// out raw beside its masked ID.
func TestAttack46aXMLDoctypeQuote(t *testing.T) {
	r := rng(t.Name())
	name, id := synth.CNName(r), synth.CNID18(r)
	attack46aCheckNames(t, name, id, []attack46aNamesCase{
		{"apostrophe in a DTD comment", "application/xml", "<!DOCTYPE r [<!-- don't -->]><r><p><a>" + name + "</a><c>fresh</c><b>" + id + "</b></p></r>", "<c>fresh</c>"},
		{"quote in a DTD comment", "application/xml", "<!DOCTYPE r [<!-- 6\" pipe -->]><r><p><a>" + name + "</a><c>fresh</c><b>" + id + "</b></p></r>", "<c>fresh</c>"},
	})
}

// TestAttack46aXMLMixedContent (attack46a F7): a leaf is an element
// holding no element: an empty element inside the name's leaf
// (<a>name<x/></a>) or inside the ID's (<b>ID<br/></b>), or the ID as
// the record's own text before its leaves (<p>ID<a>name</a></p>),
// which an XML parser's text still gives, hides the record: the name
// went out raw.
func TestAttack46aXMLMixedContent(t *testing.T) {
	r := rng(t.Name())
	name, id := synth.CNName(r), synth.CNID18(r)
	attack46aCheckNames(t, name, id, []attack46aNamesCase{
		{"empty element in the name", "application/xml", "<r><p><a>" + name + "<x/></a><c>fresh</c><b>" + id + "</b></p></r>", "<c>fresh</c>"},
		{"empty element in the ID", "application/xml", "<r><p><a>" + name + "</a><c>fresh</c><b>" + id + "<br/></b></p></r>", "<c>fresh</c>"},
		{"ID as the record's own text", "application/xml", "<r><p>" + id + "<c>fresh</c><a>" + name + "</a></p></r>", "<c>fresh</c>"},
	})
}

// TestAttack46aRecordNamesEvicted (attack46a F8): a record keeps
// maxRecordNameVals (16) name-shaped values: an XML element or JSON
// object the latest 16 (the name first, then 16 other names, is pushed
// out), a CSV row the first 16 (the name 17th is never read). Sixteen
// decoy names carry one name out raw.
func TestAttack46aRecordNamesEvicted(t *testing.T) {
	r := rng(t.Name())
	name, id := synth.CNName(r), synth.CNID18(r)
	var hdr, cells, leaves, members []string
	for i := 0; i < maxRecordNameVals; i++ {
		d := synth.CNName(r)
		for strings.Contains(d, name) || strings.Contains(name, d) {
			d = synth.CNName(r)
		}
		hdr = append(hdr, fmt.Sprintf("a%d", i))
		cells = append(cells, d)
		leaves = append(leaves, fmt.Sprintf("<d%d>%s</d%d>", i, d, i))
		members = append(members, fmt.Sprintf(`"d%d":"%s",`, i, d))
	}
	attack46aCheckNames(t, name, id, []attack46aNamesCase{
		{"XML, name first", "application/xml", "<r><p><a>" + name + "</a>" + strings.Join(leaves, "") + "<c>fresh</c><b>" + id + "</b></p></r>", "<c>fresh</c>"},
		{"JSON, name first", "application/json", `{"p":{"a":"` + name + `",` + strings.Join(members, "") + `"c":"fresh","b":"` + id + `"}}`, `"c":"fresh"`},
		{"CSV, name 17th", "text/csv", strings.Join(hdr, ",") + ",n,c,d,e,b\n" + strings.Join(cells, ",") + "," + name + ",fresh,cold,blue," + id + "\n", ",fresh,cold,blue,"},
	})
}

// TestAttack46aXMLSiblingsNotJoined (attack46a F13): a JSON object's or
// a form's digit members are read joined when a key names a phone
// (`{"tel1":"138","tel2":"1234","tel3":"5678"}`: TestObjectSiblingsJoined);
// an XML element's leaves or attributes under the same names are not:
// <p><tel1>138</tel1><tel2>1234</tel2><tel3>5678</tel3></p> and
// <p tel1="138" tel2="1234" tel3="5678"/> went out with the mobile raw
// (text/html reads the leaves' text joined and masks it). They should be
// read as the JSON object is; clean siblings kept.
func TestAttack46aXMLSiblingsNotJoined(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	m := synth.CNMobile(r)
	if out := string(mustInspect(t, eng, []byte(`{"p":{"tel1":"`+m[:3]+`","tel2":"`+m[3:7]+`","tel3":"`+m[7:]+`"}}`), "application/json", "", Redact).Body); strings.Contains(out, m[3:7]) {
		t.Fatalf("JSON not joined: %q", out)
	}
	for _, body := range []string{
		"<r><p><tel1>" + m[:3] + "</tel1><tel2>" + m[3:7] + "</tel2><tel3>" + m[7:] + "</tel3><c>fresh</c></p></r>",
		"<r><p tel1=\"" + m[:3] + "\" tel2=\"" + m[3:7] + "\" tel3=\"" + m[7:] + "\"><c>fresh</c></p></r>",
	} {
		out := string(mustInspect(t, eng, []byte(body), "application/xml", "", Redact).Body)
		if strings.Contains(out, m[3:7]) && strings.Contains(out, m[7:]) {
			t.Errorf("left raw: %q -> %q", body, out)
		}
		if !strings.Contains(out, "<c>fresh</c>") {
			t.Errorf("clean leaf changed: %q -> %q", body, out)
		}
	}
}
