package matcher

import (
	"runtime"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/membudget"
)

// TestFuzz55FuzzMatchGivesMemoryBack: FuzzMatch's inputs, each a request
// whose handling ends, hold the matcher's memory only while they run.
// FuzzMatch's requests never ended, so the deflate window each one charged
// (48 KiB) stayed in the process's budget; after a few thousand inputs the
// budget was full and an input whose body needs a window was refused with
// 503, reported as a finding (seed 7a623a4b990e3d15: a 7-byte deflated
// form body).
func TestFuzz55FuzzMatchGivesMemoryBack(t *testing.T) {
	b := membudget.New(512 << 10) // waits, as the process's budget does, for a lease being closed
	old := budget
	budget = b
	t.Cleanup(func() { budget = old })
	m := newMatcher(t, MatchPII{In: []string{SourceQuery, SourceBody}})
	for range 64 { // 64 × 48 KiB: six times the budget
		checkMatch(t, m, []byte("\xf6 tel1t"), '$', '9', "\xf6")
	}
	for b.Used() != 0 {
		runtime.Gosched() // each lease is closed by a goroutine of its own (context.AfterFunc)
	}
}
