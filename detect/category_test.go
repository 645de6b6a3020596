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

// TestCategoryIndexUnknown checks that names which are not categories
// find no place, whether their slot is empty, shared or a category's.
func TestCategoryIndexUnknown(t *testing.T) {
	for _, c := range []Category{"", "x", "CN_ID", "cn_idd", "cn_i", "phonE", "email ", "ibann"} {
		if got := c.index(); got != -1 {
			t.Errorf("%q.index() = %d, want -1", c, got)
		}
	}
}

// TestCategorySlotsShared checks that two names with one slot share it,
// so that index asks the map for both.
func TestCategorySlotsShared(t *testing.T) {
	a := Category("ab")
	b := Category([]byte{'a' ^ 8, 'b' ^ 1}) // the same length, and first byte ^ last byte<<3
	if categorySlot(a) != categorySlot(b) {
		t.Fatalf("test names do not collide: %d, %d", categorySlot(a), categorySlot(b))
	}
	slots := slotsOf([]Category{a, b, "iban"})
	if slots[categorySlot(a)] != slotShared || slots[categorySlot("iban")] != 2 {
		t.Errorf("slots: %d for the pair, %d for iban; want %d and 2", slots[categorySlot(a)], slots[categorySlot("iban")], slotShared)
	}
}
