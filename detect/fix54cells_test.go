package detect_test

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// digitsOnly returns the ASCII digits of s.
func digitsOnly(s string) string {
	return strings.Map(func(c rune) rune {
		if c >= '0' && c <= '9' {
			return c
		}
		return -1
	}, s)
}

// fix54Redacted checks that text is redacted with the mobile m and the
// name value raw gone (its digits read together, or raw as written), one
// finding of cat counted, and a second redaction changing nothing; it
// returns the output.
func fix54Redacted(t *testing.T, e *detect.Engine, text, raw string, cat detect.Category) string {
	t.Helper()
	out, fs := e.Redact([]byte(text))
	if strings.Contains(digitsOnly(string(out)), digitsOnly(raw)) && digitsOnly(raw) != "" ||
		strings.Contains(string(out), raw) || countCategory(fs, cat) != 1 {
		t.Errorf("%q -> %q (%d findings): %q goes out raw", text, out, len(fs), raw)
	}
	if again, _ := e.Redact(out); !bytes.Equal(again, out) {
		t.Errorf("%q: a second redaction changed %q to %q", text, out, again)
	}
	return string(out)
}

// TestFix54MaskKeepsCellSeparators (fix54mobile, issue #9 item 1): a
// mobile read behind its label across a table's cell separators (a tab)
// is masked digit by digit, the tabs kept: the row holds as many cells
// after the mask as before, and the cells before and after the number
// stay byte for byte; under the label and full masks the separators
// follow the mask.
func TestFix54MaskKeepsCellSeparators(t *testing.T) {
	r := rand.New(rand.NewPCG(54, 1))
	for _, style := range []detect.MaskStyle{detect.MaskPartial, detect.MaskFull, detect.MaskLabel} {
		e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Mask: style})
		for range 10 {
			m := synth.CNMobile(r)
			for _, v := range []string{
				m[:4] + "\t" + m[4:], m[:3] + "\t" + m[3:7] + "\t" + m[7:], m[:5] + "\t" + m[5:],
				m[:2] + "\t" + m[2:4] + "\t" + m[4:6] + "\t" + m[6:8] + "\t" + m[8:],
			} {
				for _, row := range [][2]string{{"手机\t", "\t已确认\n"}, {"手机：", "\t备注"}, {"tel: ", ""}} {
					text := row[0] + v + row[1]
					out := fix54Redacted(t, e, text, m, detect.CNMobile)
					if strings.Count(out, "\t") != strings.Count(text, "\t") {
						t.Errorf("%v: %q -> %q: the row's cells changed", style, text, out)
					}
					if !strings.HasPrefix(out, row[0]) || !strings.HasSuffix(out, row[1]) {
						t.Errorf("%v: %q -> %q: the clean cells altered", style, text, out)
					}
				}
			}
		}
	}
}
