//go:build !race

package bodyformat

import "testing"

// TestCleanTextAllocationPerByte: inspecting clean text (Chinese or
// English prose with a few numbers, a percent sign, a '+') allocates a
// bounded number of bytes per byte of the body. The number and percent
// readings change a few bytes of it; they were built whole, 5 bytes a
// byte each, zeroed: 22.2 bytes a byte in all. Now only the groups around
// their changes are built (findEdited), and a reading that must be built
// whole (a later reading decodes it further) takes a buffer readingBufs
// keeps: 5.7 to 7.6 bytes a byte when a collection empties readingBufs,
// under 1.5 once they are warm (BenchmarkInspectText).
//
// Each body is inspected once before it is measured: the first
// inspection of a process builds tables once (wideDigitPairs decodes
// every byte pair in four charsets: 6.7 MB, 11.22 bytes a byte of the zh
// body's four runs when this test ran alone or first), which made the
// test pass or fail by the tests before it. allocatedPerByte turns
// collections off, which emptied the pools at a point that hung on the
// load. The four runs after a collection (readingBufs' buffers in the
// pool's victim cache) are held to 9 bytes a byte, as before; four more
// with the pools warm to 1.5.
func TestCleanTextAllocationPerByte(t *testing.T) {
	eng := testEngine(t)
	for _, tb := range textBodies(256 << 10)[:3] { // zh, en, clean
		inspect := func() {
			if _, err := Inspect(eng, tb.body, tb.ct, "", Redact, Limits{}); err != nil {
				t.Fatal(err)
			}
		}
		inspect() // the tables built once per process
		const runs = 4
		measure := func() float64 {
			return allocatedPerByte(runs*len(tb.body), func() {
				for range runs {
					inspect()
				}
			})
		}
		per, warm := measure(), measure()
		t.Logf("%s: %.2f bytes allocated per input byte, %.2f warm", tb.name, per, warm)
		if per > 9 {
			t.Errorf("%s: inspecting clean text allocates %.2f bytes per input byte, want at most 9", tb.name, per)
		}
		if warm > 1.5 {
			t.Errorf("%s: inspecting clean text with readingBufs warm allocates %.2f bytes per input byte, want at most 1.5", tb.name, warm)
		}
	}
}
