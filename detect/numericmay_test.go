package detect

import "testing"

// TestNumericShapesAreGeo guards numericMay: it knows the registry's one
// numeric shape, coordinates, and must learn any shape added.
func TestNumericShapesAreGeo(t *testing.T) {
	for _, k := range numericDefs {
		if registry[k].Category != Geo {
			t.Errorf("numeric shape of %s: numericMay needs its fewest digits", registry[k].Category)
		}
	}
}

// TestShortNumbersStillReadAsCoordinates checks the coordinates a short
// number's digit count lets through are read as before, and the prices
// and counts around them stay as written.
func TestShortNumbersStillReadAsCoordinates(t *testing.T) {
	e := MustCompile(Policy{})
	for _, tc := range []struct {
		text string
		geo  bool
	}{
		{"纬度：1.2345", true},
		{"纬度：１．２３４５", true},
		{"lat 9.9999", true},
		{"纬度：1.234", false},
		{"价格 12.50 元，共 3 件", false},
	} {
		got := false
		for _, f := range e.Find([]byte(tc.text)) {
			got = got || f.Category == Geo
		}
		if got != tc.geo {
			t.Errorf("%q: coordinate found %v, want %v", tc.text, got, tc.geo)
		}
	}
}
