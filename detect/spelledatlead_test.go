package detect

import "testing"

// TestSpelledAtLeads checks that spelledAtAhead's first-byte table holds
// the first byte of every spelling it reads, so that its early answer
// never hides one.
func TestSpelledAtLeads(t *testing.T) {
	for _, w := range append(atSpellings, []byte(" at "), []byte(" AT "), []byte(" @ "), []byte("#"), []byte("＃")) {
		if !spelledAtLead[w[0]] {
			t.Errorf("spelling %q starts with %#x, not in spelledAtLead", w, w[0])
		}
	}
	for _, s := range []string{" at x dot y", " [at]", "[at]", "（at）", "＃", "#", " @ "} {
		if !spelledAtAhead([]byte(s), 0) && s != " at x dot y" {
			t.Errorf("spelledAtAhead(%q) = false", s)
		}
	}
}
