//go:build !race

package bodyformat

import "testing"

// TestCleanTextAllocationPerByte: inspecting clean text (Chinese or
// English prose with a few numbers, a percent sign, a '+') allocates a
// bounded number of bytes per byte of the body. The number and percent
// readings change a few bytes of it; they were built whole, 5 bytes a
// byte each, zeroed (22.2 bytes a byte in all); now only the groups
// around their changes are built (findEdited), 6.6 and 8.5 bytes a byte.
func TestCleanTextAllocationPerByte(t *testing.T) {
	eng := testEngine(t)
	for _, tb := range textBodies(256 << 10)[:3] { // zh, en, clean
		per := allocatedPerByte(len(tb.body), func() {
			if _, err := Inspect(eng, tb.body, tb.ct, "", Redact, Limits{}); err != nil {
				t.Fatal(err)
			}
		})
		t.Logf("%s: %.2f bytes allocated per input byte", tb.name, per)
		if per > 12 {
			t.Errorf("%s: inspecting clean text allocates %.2f bytes per input byte, want at most 12", tb.name, per)
		}
	}
}
