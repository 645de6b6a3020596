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
func TestCleanTextAllocationPerByte(t *testing.T) {
	eng := testEngine(t)
	for _, tb := range textBodies(256 << 10)[:3] { // zh, en, clean
		const runs = 4
		per := allocatedPerByte(runs*len(tb.body), func() {
			for range runs {
				if _, err := Inspect(eng, tb.body, tb.ct, "", Redact, Limits{}); err != nil {
					t.Fatal(err)
				}
			}
		})
		t.Logf("%s: %.2f bytes allocated per input byte", tb.name, per)
		if per > 9 {
			t.Errorf("%s: inspecting clean text allocates %.2f bytes per input byte, want at most 9", tb.name, per)
		}
	}
}
