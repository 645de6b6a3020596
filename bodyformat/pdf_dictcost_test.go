package bodyformat

// (attack24) what the stream dictionary scan holds is charged; heavy
// decoder inputs finish quickly.

import (
	"runtime"
	"strings"
	"testing"
)

// TestPDFViewerDictArraysCharged: a stream dictionary whose /DP or
// /Filter array holds a million elements makes the scan keep one
// pdfParms (48 bytes) or one name per element, uncharged; compared with
// the same bytes under a key the scan does not keep.
func TestPDFViewerDictArraysCharged(t *testing.T) {
	eng := testEngine(t)
	measure := func(dict string) (alloc, peak int64) {
		pdf := pdfStreamFile("<< /Length 1 "+dict+" >>", "x")
		l := &peakLedger{}
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		Inspect(eng, pdf, "application/pdf", "", Redact, Limits{Memory: l})
		runtime.ReadMemStats(&m1)
		return int64(m1.TotalAlloc - m0.TotalAlloc), l.peak
	}
	const n = 1 << 20
	ba, bp := measure("/X [" + strings.Repeat("0 ", n) + "]")
	for _, dict := range []string{
		"/Filter /Fl /DP [" + strings.Repeat("0 ", n) + "]",
		"/Filter [/Fl] /DP [" + strings.Repeat("<<>>", n/2) + "]",
		"/Filter [" + strings.Repeat("/A ", n*2/3) + "]",
	} {
		a, p := measure(dict)
		t.Logf("%.30q: alloc %d charge %d (baseline %d %d)", dict, a, p, ba, bp)
		if a-p > ba-bp+8*n {
			t.Errorf("UNCHARGED %.30q: %d bytes allocated beyond its charge, baseline %d", dict, a-p, ba-bp)
		}
	}
}
