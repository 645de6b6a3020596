package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestRunsContextKeepsLongNumbersWhole checks that the context a runs
// reading takes around a delimited run does not cut a long number after
// it (or before it) in two: a labelled 35-digit number whose first 15
// digits spell an old resident ID was read, where the context ended after
// them, as that ID. Every cut point is tried (the padding moves the
// number past the context's end); the run's mobile and an ID standing
// alone are still found.
func TestRunsContextKeepsLongNumbersWhole(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 3 {
		m, id := synth.CNMobile(r), synth.CNID15(r)
		run := m[:3] + "|" + m[3:7] + "|" + m[7:]
		tail := "98765432109876543210"
		for _, lead := range []string{"手机 " + run + " ", "手机：" + run + "\n", "tel " + run + ", "} {
			for _, lab := range []string{"身份证 ", "身份证号码："} {
				for pad := range 2 * delimitedContext {
					text := lead + strings.Repeat("x", pad) + " " + lab + id + tail + " end"
					fs := findText(t, eng, []byte(text), 0)
					if !hasCategory(fs, detect.CNMobile) {
						t.Errorf("%q: the run's mobile is missed: %+v", text, fs)
					}
					for _, f := range fs {
						if f.Category == detect.CNID {
							t.Errorf("%q: %q read as an ID out of a longer number", text, text[f.Start:f.End])
						}
					}
				}
				// a number before the run, cut where the context starts
				for pad := range 2 * delimitedContext {
					text := lab + tail + id + strings.Repeat("x", pad) + " " + lead
					for _, f := range findText(t, eng, []byte(text), 0) {
						if f.Category == detect.CNID {
							t.Errorf("%q: %q read as an ID out of a longer number", text, text[f.Start:f.End])
						}
					}
				}
				alone := lead + " " + lab + id + " end"
				if fs := findText(t, eng, []byte(alone), 0); !hasCategory(fs, detect.CNID) {
					t.Errorf("%q: the ID is missed: %+v", alone, fs)
				}
			}
		}
	}
}
