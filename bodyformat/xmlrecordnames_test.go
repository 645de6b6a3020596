package bodyformat

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestXMLRecordNames: a name-shaped text of an element named by no key
// word is a name when a sibling element holds a resident ID or a mobile,
// before or after it (the rule of TestRecordNames, for an XML element's
// children); the document stays well formed.
func TestXMLRecordNames(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for k := 0; k < 200; k++ {
		name, id, m := synth.CNName(r), synth.CNID18(r), synth.CNMobile(r)
		for _, body := range []string{
			"<r><p><a>" + name + "</a><b>" + id + "</b><c>" + m + "</c></p></r>",
			"<?xml version=\"1.0\"?>\n<list>\n <p>\n  <c>" + m + "</c>\n  <a> " + name + " </a>\n </p>\n</list>\n",
		} {
			res := mustInspect(t, eng, []byte(body), "application/xml", "", Redact)
			out := string(res.Body)
			if strings.Contains(out, name) || strings.Contains(out, id) || strings.Contains(out, m) {
				t.Fatalf("left raw: %s -> %s", body, out)
			}
			for d := xml.NewDecoder(strings.NewReader(out)); ; {
				if _, err := d.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("not well formed: %s: %v", out, err)
				}
			}
			if scan := mustInspect(t, eng, []byte(body), "application/xml", "", Scan); !hasCategory(scan.Findings, detect.CNName) {
				t.Fatalf("no name reported in Scan mode: %s", body)
			}
		}
	}
}

// TestXMLRecordNamesNotWords: the listed words that are no name stay as
// they are in a neutral element beside an ID, and a name stays when no
// sibling holds an ID or a mobile (another element's children do not
// count) or its element names something else.
func TestXMLRecordNamesNotWords(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	id, m := synth.CNID18(r), synth.CNMobile(r)
	words := listedNotNames(t)
	var b strings.Builder
	b.WriteString("<list>")
	for _, w := range words {
		b.WriteString("<p><city>" + w + "</city><v>" + w + "</v><id>" + id + "</id></p>")
	}
	b.WriteString("</list>")
	res := mustInspect(t, eng, []byte(b.String()), "application/xml", "", Redact)
	masked := 0
	for _, w := range words {
		if !strings.Contains(string(res.Body), "<city>"+w+"</city><v>"+w+"</v>") {
			masked++
			t.Errorf("masked a word: %s", w)
		}
	}
	t.Logf("%d/%d listed words masked next to an ID", masked, len(words))
	name := synth.CNName(r)
	for _, body := range []string{
		"<r><p><a>" + name + "</a><n>12</n></p></r>",
		"<r><p><a>" + name + "</a></p><p><b>" + id + "</b></p></r>",
		"<r><p><productName>" + name + "</productName><tel>" + m + "</tel></p></r>",
	} {
		res := mustInspect(t, eng, []byte(body), "application/xml", "", Redact)
		if !strings.Contains(string(res.Body), name) {
			t.Errorf("a value no record names masked: %s -> %s", body, res.Body)
		}
	}
}
