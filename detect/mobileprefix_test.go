package detect

import "testing"

// TestMobilePrefixTable holds cnMobilePrefixOK, which looks two digits up
// in mobilePrefixes, to the rule read through atoi for every pair of
// bytes after a leading 1 (digits or not), and mobileShape's answer for
// one group to mobileLens's.
func TestMobilePrefixTable(t *testing.T) {
	d := []byte("13800138000")
	for x := 0; x < 256; x++ {
		for y := 0; y < 256; y++ {
			d[1], d[2] = byte(x), byte(y)
			if got, want := cnMobilePrefixOK(d), mobilePrefix(atoi(d[1:3])); got != want {
				t.Fatalf("cnMobilePrefixOK(%q) = %v, want %v", d, got, want)
			}
		}
	}
	if cnMobilePrefixOK([]byte("1380013800")) || cnMobilePrefixOK([]byte("23800138000")) {
		t.Fatal("a number of ten digits, or not starting with 1, passed")
	}
	var r digitRun
	r.collect([]byte("13800138000 1"), 0)
	if !r.mobileShape(0, 0) || r.mobileShape(0, 0) != mobileLens([]int{r.groupLen(0)}) {
		t.Fatal("mobileShape of one group differs from mobileLens")
	}
}
