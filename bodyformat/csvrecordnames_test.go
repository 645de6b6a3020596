package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestCSVRecordNames: a name-shaped cell under a header that names
// nothing is a name when another cell of its row holds a resident ID or
// a mobile, before or after it, comma- or tab-separated, quoted or not
// (the rule of TestRecordNames, for a CSV row); the other rows' cells
// and the header stay as they are.
func TestCSVRecordNames(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for k := 0; k < 200; k++ {
		name, id, m := synth.CNName(r), synth.CNID18(r), synth.CNMobile(r)
		for _, body := range []string{
			"a,b,c\n" + name + "," + id + "," + m + "\n",
			"col1\tcol2\n" + id + "\t" + name,
			"x,y,z\r\n12,\"" + name + "\"," + m + "\r\n7,ok,3\r\n",
		} {
			for _, ct := range []string{"text/csv", "text/plain"} {
				res := mustInspect(t, eng, []byte(body), ct, "", Redact)
				out := string(res.Body)
				if strings.Contains(out, name) || strings.Contains(out, id) || strings.Contains(out, m) {
					t.Fatalf("left raw: %q -> %q", body, out)
				}
				if head, _, _ := strings.Cut(body, "\n"); !strings.HasPrefix(out, head) {
					t.Fatalf("header changed: %q -> %q", body, out)
				}
				if strings.Contains(body, "7,ok,3") && !strings.Contains(out, "7,ok,3") {
					t.Fatalf("another row changed: %q -> %q", body, out)
				}
				if scan := mustInspect(t, eng, []byte(body), ct, "", Scan); !hasCategory(scan.Findings, detect.CNName) {
					t.Fatalf("no name reported in Scan mode: %q", body)
				}
			}
		}
	}
}

// TestCSVRecordNamesNotWords: the listed words that are no name stay as
// they are in a neutral column next to an ID, and a name stays when its
// row holds no ID or mobile (another row's does not count). (A name
// glued to a mobile, 张三,138…, is the engine's already: not this rule's.)
func TestCSVRecordNamesNotWords(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	id, m := synth.CNID18(r), synth.CNMobile(r)
	words := listedNotNames(t)
	var b strings.Builder
	b.WriteString("city,v,id\n")
	for _, w := range words {
		b.WriteString(w + "," + w + "," + id + "\n")
	}
	res := mustInspect(t, eng, []byte(b.String()), "text/csv", "", Redact)
	masked := 0
	for _, w := range words {
		if !strings.Contains(string(res.Body), w+","+w+",") {
			masked++
			t.Errorf("masked a word: %s", w)
		}
	}
	t.Logf("%d/%d listed words masked next to an ID", masked, len(words))
	name := synth.CNName(r)
	for _, body := range []string{
		"a,n\n" + name + ",12\n",
		"a,b\n" + name + ",x\nz," + m + "\n",
	} {
		res := mustInspect(t, eng, []byte(body), "text/csv", "", Redact)
		if !strings.Contains(string(res.Body), name) {
			t.Errorf("a value no record names masked: %q -> %q", body, res.Body)
		}
	}
}
