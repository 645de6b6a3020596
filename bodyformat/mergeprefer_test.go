package bodyformat

import (
	"slices"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestMergePreferring: where the two readings of a value find one number,
// the merged span takes the first reading's category and mask and covers
// both spans but a leading '+' of the second (a separator the first read
// as a space); what only the second finds is added; first is unchanged.
func TestMergePreferring(t *testing.T) {
	text := "call+18062868092+now x+86-371-72267127"
	first := []detect.Finding{{Category: detect.CNMobile, Start: 5, End: 16, Masked: "M"}}
	more := []detect.Finding{
		{Category: detect.Phone, Start: 4, End: 16, Masked: "P"},
		{Category: detect.CNLandline, Start: 22, End: 38, Masked: "L"},
	}
	keep := slices.Clone(first)
	got := MergePreferring(text, first, more)
	want := []detect.Finding{
		{Category: detect.CNMobile, Start: 5, End: 16, Masked: "M"},
		{Category: detect.CNLandline, Start: 22, End: 38, Masked: "L"},
	}
	if !slices.Equal(got, want) || !slices.Equal(first, keep) {
		t.Errorf("got %+v, want %+v (first now %+v)", got, want, first)
	}
	// a second span reaching past the first's beyond its '+': covered whole
	more = []detect.Finding{{Category: detect.Phone, Start: 4, End: 20, Masked: "P"}}
	if got := MergePreferring(text, first, more); len(got) != 1 || got[0].Start != 5 || got[0].End != 20 || got[0].Masked != "M" {
		t.Errorf("extended: got %+v", got)
	}
	if got := MergePreferring(text, first, nil); !slices.Equal(got, first) {
		t.Errorf("nothing more: got %+v", got)
	}
}
