//go:build !race

package bodyformat

import (
	"runtime"
	"strings"
	"testing"
)

// TestJSONStringsAllocDeepIndexed checks the memory jsonStrings takes for
// many strings under arrays whose elements name their index, a hundred
// deep: each element's strings were once renamed again at every level
// (a path of up to maxPathLen bytes allocated for each string a level),
// some 25 KiB for each 4-byte string. Each path is now built once: the
// bytes allocated stay within 256 a byte of the document (3129 before).
func TestJSONStringsAllocDeepIndexed(t *testing.T) {
	doc := []byte(nested(100, true, "["+strings.Repeat(`"1",`, 4000)+`"1"]`))
	jsonStrings(doc, DefaultMaxDepth) // warm up
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	strs, _, _, ok := jsonStrings(doc, DefaultMaxDepth)
	runtime.ReadMemStats(&after)
	if !ok || len(strs) != 4001 {
		t.Fatalf("ok %v, %d strings", ok, len(strs))
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 256*uint64(len(doc)) {
		t.Errorf("%d bytes allocated for a document of %d bytes: %.0f a byte", got, len(doc), float64(got)/float64(len(doc)))
	} else {
		t.Logf("%d bytes allocated for a document of %d bytes: %.0f a byte", got, len(doc), float64(got)/float64(len(doc)))
	}
}
