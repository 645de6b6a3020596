package scancmd

import (
	"path/filepath"
	"testing"
)

// TestCheckCountsPerValue: --check reported a mobile twice when it stood
// in a form-data part in quoted-printable, which bodyformat reads decoded
// and raw (the raw bytes are what PHP and busboy hand over): one report
// line a value now, the value only the raw reading sees included.
func TestCheckCountsPerValue(t *testing.T) {
	other := "138" + "87654321"
	const boundary = "b0undary37"
	form := "--" + boundary + "\r\n" +
		"Content-Disposition: form-data; name=\"note\"\r\n" +
		"Content-Transfer-Encoding: quoted-printable\r\n\r\n" +
		"tel " + testMobile + " phone=" + other + "\r\n" +
		"--" + boundary + "--\r\n"
	src := writeFile(t, "form.txt", form)
	report := filepath.Join(t.TempDir(), "r.jsonl")
	c := run(t, Options{Format: "multipart", Boundary: boundary, Check: true, Report: report}, []string{src}, "")
	if c.code != ExitFound {
		t.Fatalf("--check: status %d (%v), want %d", c.code, c.err, ExitFound)
	}
	lines := readReport(t, report)
	if len(lines) != 2 {
		t.Errorf("%d report lines, want 2 (one a mobile): %+v", len(lines), lines)
	}
	for _, l := range lines {
		if l.Category != "cn_mobile" {
			t.Errorf("category %s, want cn_mobile", l.Category)
		}
	}
}
