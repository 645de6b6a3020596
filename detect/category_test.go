package detect

import "testing"

// TestCategoryIndex checks that every category has its own bit, in the
// order of AllCategories.
func TestCategoryIndex(t *testing.T) {
	for i, c := range AllCategories {
		if c.index() != i {
			t.Errorf("%s has index %d, want %d", c, c.index(), i)
		}
	}
	if Category("nope").index() != -1 {
		t.Error("an unknown category has an index")
	}
}
