package piifilter

import (
	"os"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// The README's category table is the engine's registry, row for row: a
// category added to detect/category.go shows up here as a failing test
// until the README says the same.
func TestReadmeCategoryTable(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "| `") {
			rows = append(rows, line)
		}
	}
	want := detect.Categories()
	if len(rows) < len(want) {
		t.Fatalf("README lists %d categories, the engine %d", len(rows), len(want))
	}
	for i, c := range want {
		if row := "| `" + string(c.Category) + "` | " + c.What + " | " + c.ValidatedBy + " |"; rows[i] != row {
			t.Errorf("README row %d:\n got %s\nwant %s", i+1, rows[i], row)
		}
	}
}
