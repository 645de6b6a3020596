package bodyformat

import (
	"bytes"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestMarkupAndText checks HTML, XML and plain text: personal data in
// text, attributes and character references is redacted, and the markup
// around it is untouched.
func TestMarkupAndText(t *testing.T) {
	eng := testEngine(t)
	r := rng("markup")
	rec := newRecord(r)
	idRefs := synth.HTMLDecimal(rec.ID)
	mobileHex := synth.HTMLHex(rec.Mobile)
	for _, c := range []struct {
		name, ct, body, format string
		gone                   []string // must not survive
		kept                   []string // must survive byte for byte
	}{
		{"html", "text/html; charset=utf-8",
			`<html><body><p class="x">手机：` + rec.Mobile + `</p><input value="` + rec.Email + `"><td>` + idRefs + `</td></body></html>`,
			FormatHTML, []string{rec.Mobile, rec.Email, idRefs}, []string{`<html><body><p class="x">手机：`, `</p><input value="`, `"><td>`, `</td></body></html>`}},
		{"html hex refs", "application/xhtml+xml", `<p>tel: ` + mobileHex + `</p>`, FormatHTML, []string{mobileHex}, []string{"<p>tel: ", "</p>"}},
		{"xml", "application/xml", `<?xml version="1.0"?><user><idCard>` + rec.ID + `</idCard><name>` + rec.Name + `</name></user>`,
			FormatXML, []string{rec.ID}, []string{`<?xml version="1.0"?><user><idCard>`, `</idCard><name>`}},
		{"soap", "application/soap+xml", `<m:phone>` + rec.Mobile + `</m:phone>`, FormatXML, []string{rec.Mobile}, []string{"<m:phone>", "</m:phone>"}},
		{"plain", "text/plain", "收件人：" + rec.Name + "，电话：" + rec.Mobile + "，地址：" + rec.Address,
			FormatText, []string{rec.Name, rec.Mobile, rec.Address}, []string{"收件人：", "，电话："}},
		{"invalid UTF-8", "text/plain", "\xff\xfe tel " + rec.Mobile + " \xc3", FormatText, []string{rec.Mobile}, []string{"\xff\xfe tel ", " \xc3"}},
		{"csv", "text/csv", "name,mobile\n" + rec.Name + "," + rec.Mobile + "\n", FormatText, []string{rec.Mobile}, []string{"name,mobile\n"}},
		{"javascript", "application/javascript", `var u = {phone: "` + rec.Mobile + `"};`, FormatText, []string{rec.Mobile}, []string{`var u = {phone: "`, `"};`}},
		{"untyped text", "", "身份证号：" + rec.ID, FormatText, []string{rec.ID}, []string{"身份证号："}},
		{"text/plain holding JSON", "text/plain", `{"realName":"` + rec.Name + `"}`, FormatJSON, []string{rec.Name}, []string{`{"realName":"`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
			if res.Format != c.format || !res.Changed {
				t.Fatalf("Format %q Changed %v", res.Format, res.Changed)
			}
			for _, s := range c.gone {
				if bytes.Contains(res.Body, []byte(s)) {
					t.Errorf("%q left in %q", s, res.Body)
				}
			}
			for _, s := range c.kept {
				if !bytes.Contains(res.Body, []byte(s)) {
					t.Errorf("%q lost from %q", s, res.Body)
				}
			}
			if bytes.Count(res.Body, []byte("<")) != strings.Count(c.body, "<") || bytes.Count(res.Body, []byte(">")) != strings.Count(c.body, ">") {
				t.Errorf("markup characters changed: %q", res.Body)
			}
			assertStable(t, eng, res, c.ct)
		})
	}
}

// TestTextHint checks that the hint of a multipart field reaches text.
func TestTextHint(t *testing.T) {
	eng := testEngine(t)
	name := synth.CNName(rng("text hint"))
	in := &inspector{eng: eng, mode: Redact, lim: Limits{}.withDefaults()}
	if out := in.text([]byte(name), detect.NewCategorySet(detect.CNName)); out == nil || bytes.Contains(out, []byte(name)) {
		t.Errorf("hinted name not redacted: %q", out)
	}
	in = &inspector{eng: eng, mode: Redact, lim: Limits{}.withDefaults()}
	if out := in.text([]byte(name), 0); out != nil {
		t.Errorf("a bare name without evidence was redacted: %q", out)
	}
}
