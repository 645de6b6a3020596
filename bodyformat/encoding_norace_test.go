//go:build !race

package bodyformat

import "testing"

// TestDecompressBombSingleStream decompresses 1 GiB of zeros gzipped in a
// single member, written through a streaming writer. It is left out under
// the race detector, where compressing the bomb alone takes ten seconds;
// TestDecompressBombs covers 1 GiB in 64 members there.
func TestDecompressBombSingleStream(t *testing.T) {
	if testing.Short() {
		t.Skip("compressing 1 GiB takes a few hundred milliseconds")
	}
	checkBomb(t, "gzip", bomb(t, "gzip", 1<<30))
}
