package bodyformat

import "testing"

// TestReadingsFor checks readingsFor against the readings whose needs a
// set of triggers holds, looked through one by one, on random sets and on
// each reading's own needs with one of them taken away.
func TestReadingsFor(t *testing.T) {
	naive := func(trig trigger) readingSet {
		var s readingSet
		for k, r := range textReadings {
			if trig&r.needs == r.needs {
				s |= 1 << k
			}
		}
		return s
	}
	r := rng(t.Name())
	sets := []trigger{0, ^trigger(0)}
	for range 20000 {
		sets = append(sets, trigger(r.Uint32())&trigger(r.Uint32()))
	}
	for _, rd := range textReadings {
		for t := rd.needs; t != 0; t &= t - 1 {
			sets = append(sets, rd.needs&^(t&-t), rd.needs)
		}
	}
	for _, trig := range sets {
		if got, want := readingsFor(trig), naive(trig); got != want {
			t.Fatalf("readingsFor(%b) = %b, want %b", trig, got, want)
		}
	}
	if readingsFor(^trigger(0)) != allReadings || readingsFor(0) != 0 {
		t.Error("every trigger: not every reading; none: some reading")
	}
}
