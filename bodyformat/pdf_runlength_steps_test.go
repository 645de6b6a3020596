//go:build detectsteps

package bodyformat

import (
	"bytes"
	"io"
	"testing"
)

// TestStepsPDFViewerRunLengthCounted: the run-length decoder's work is
// counted: its last Read (the one that meets the end) returns without
// countReadingSteps, so a stream decoded in one Read counts nothing.
func TestStepsPDFViewerRunLengthCounted(t *testing.T) {
	b := bytes.Repeat([]byte{0x7f}, 16384)
	resetReadingSteps()
	out, _ := io.ReadAll(&runLengthReader{b: b})
	in := &inspector{eng: testEngine(t), mode: Redact, lim: Limits{}.withDefaults(), meter: newMeter(Limits{}.withDefaults())}
	resetReadingSteps()
	dec, _ := in.pdfDecode(b, []string{"RL"}, []pdfParms{pdfNoParms})
	if s := readingSteps.Load(); s < int64(len(dec))/2 {
		t.Errorf("UNCOUNTED: RL decode of %d bytes to %d counted %d steps (ReadAll: %d out)", len(b), len(dec), s, len(out))
	}
}
