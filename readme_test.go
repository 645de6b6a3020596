package piifilter

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/mdanchor"
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

// readmeLink matches a Markdown link to a section of the same document.
var readmeLink = regexp.MustCompile(`\]\(#([^)\s]+)\)`)

// Every link from the README to one of its own sections (the table of
// contents, cross references) lands on a heading. The problem types of
// refusals are checked by caddymodule's TestProblemTypesResolve.
func TestReadmeLinksResolve(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	anchors := mdanchor.Anchors(b)
	links := readmeLink.FindAllSubmatch(b, -1)
	if len(links) == 0 {
		t.Fatal("no links to README sections found: the check checked nothing")
	}
	for _, m := range links {
		if !anchors[string(m[1])] {
			t.Errorf("README links to #%s, which is no heading", m[1])
		}
	}
}

// fileLink matches a Markdown link to a file of the repository.
var fileLink = regexp.MustCompile(`\]\(([^)#:\s]+)\)`)

// codeSpan matches an inline code span or a fenced code block: a link
// written in one is shown as code, not followed.
var codeSpan = regexp.MustCompile("(?s)```.*?```|`[^`\n]*`")

// Every file or directory the README links to exists.
func TestReadmeFileLinksResolve(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	links := fileLink.FindAllSubmatch(codeSpan.ReplaceAll(b, nil), -1)
	if len(links) == 0 {
		t.Fatal("no links to files found: the check checked nothing")
	}
	for _, m := range links {
		if _, err := os.Stat(string(m[1])); err != nil {
			t.Errorf("README links to a missing file: %v", err)
		}
	}
}
