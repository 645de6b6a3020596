package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestPDFTopKeyReadsTheObjectsOwnKeys: pdfTopKey finds a key among the
// keys of the first top-level dictionary only, the last copy of one
// written twice, a name spelt with #xx escapes as the name; a copy in a
// nested dictionary, an array, a string, a comment or after the
// dictionary closes is not the key.
func TestPDFTopKeyReadsTheObjectsOwnKeys(t *testing.T) {
	for _, tc := range []struct {
		d, key string
		want   string // the value that follows the key found, "" for none
	}{
		{"<< /N 5 /First 60 >>", "/N", "5"},
		{"<< /X << /N 1 >> /N 5 >>", "/N", "5"},
		{"<< /X (/N 1) /N 5 >>", "/N", "5"},
		{"<< /X [/N 1] /N 5 >>", "/N", "5"},
		{"<< % /N 1\n/N 5 >>", "/N", "5"},
		{"<< /N 1 /N 5 >>", "/N", "5"},
		{"<< /N 5 /X << /N 1 >> /Y (/N 2) >>", "/N", "5"},
		{"<< /#4e 5 >>", "/N", "5"},
		{"<< /Nx 1 >>", "/N", ""},
		{"<< /X << /N 1 >> >>", "/N", ""},
		{"<< /X 1 >> endobj trailer << /N 1 >>", "/N", ""},
		{"<< /Resources 7 0 R >> endobj 8 0 obj << /Resources 9 0 R >>", "/Resources", "7"},
		{"<< /X /N /N 5 >>", "/N", "5"}, // /N the value of /X, then the key /N
	} {
		k := pdfTopKey([]byte(tc.d), tc.key)
		got := ""
		if k >= 0 {
			if f := strings.Fields(tc.d[k:]); len(f) > 0 {
				got = f[0]
			}
		}
		if got != tc.want {
			t.Errorf("pdfTopKey(%q, %q): value %q, want %q", tc.d, tc.key, got, tc.want)
		}
	}
}

// TestPDFLengthTopLevel: a stream's /Length is the last among its
// dictionary's own keys; one in /DecodeParms, a string or an array is
// not it.
func TestPDFLengthTopLevel(t *testing.T) {
	noRef := func(int, int) (int, bool) { return 0, false }
	for d, want := range map[string]int{
		"<< /Length 40 >>": 40,
		"<< /Length 40 /DecodeParms << /Length 5 >> >>": 40,
		"<< /Length 40 /X (/Length 5) >>":               40,
		"<< /Length 40 /X [/Length 5] >>":               40,
		"<< /Length 5 /Length 40 >>":                    40,
	} {
		if n, ok := pdfLength([]byte(d), noRef); !ok || n != want {
			t.Errorf("pdfLength(%q) = %d, %v; want %d", d, n, ok, want)
		}
	}
}

// TestPDFResourcesDecoy: a page's /Resources (and a /Pages node's it
// inherits) is its own key, not a /Resources written in a nested
// dictionary, an array or a string before it, nor the first of two: the
// form the real one names is read with the page, and a mobile the page
// starts and the form ends is masked.
func TestPDFResourcesDecoy(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	const form = "/Type /XObject /Subtype /Form /BBox [0 0 612 792]"
	start := "BT /F1 12 Tf 72 700 Td (Tel " + m[:3] + ") Tj ET"
	half := "BT /F1 12 Tf 114 700 Td (" + m[3:] + ") Tj ET"
	const res = "/Resources << /XObject << /Fm1 7 0 R >> >>"
	for name, decoy := range map[string]string{
		"nested dictionary": "/X << /Resources << >> >> ",
		"array":             "/X [/Resources << >>] ",
		"string":            "/X (/Resources << >>) ",
		"repeated key":      "/Resources << >> ",
	} {
		for _, inherited := range []bool{false, true} {
			page, pages := "<< /Type /Page /Parent 2 0 R "+decoy+res+" /Contents 5 0 R >>", ""
			if inherited {
				page = "<< /Type /Page /Parent 8 0 R /Contents 5 0 R >>"
				pages = "<< /Type /Pages /Parent 2 0 R /Kids [3 0 R] /Count 1 " + decoy + res + " >>"
			}
			objs := []string{
				"<< /Type /Catalog /Pages 2 0 R >>",
				"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
				page,
				"<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
				pdfStreamObj("", start+" /Fm1 Do"),
				pdfStreamObj("", "BT /F1 12 Tf 114 700 Td (Page two) Tj ET"),
				pdfStreamObj(form, half),
			}
			if inherited {
				objs = append(objs, pages)
			}
			res := mustInspect(t, eng, pdfObjects(objs), "application/pdf", "", Redact)
			if strings.Contains(string(res.Body), "("+m[3:]+")") {
				t.Errorf("%s (inherited %v): the form's half of %s passes", name, inherited, m)
			}
		}
	}
}
