package bodyformat

import (
	"strings"
	"testing"
)

// TestJSONStringsPaths checks the paths jsonStrings gives: keys joined by
// '.', indices in brackets, an element renamed by its "index" member at
// every depth, and a path cut at maxPathLen bytes.
func TestJSONStringsPaths(t *testing.T) {
	long := strings.Repeat("k", 300)
	for _, c := range []struct {
		doc   string
		paths []string
	}{
		{`"a"`, []string{""}},
		{`{"choices":[{"delta":{"content":"x"}}],"id":"y"}`, []string{"choices[0].delta.content", "id"}},
		{`{"choices":[{"index":3,"delta":{"content":"x"}}]}`, []string{"choices[3].delta.content"}},
		{`{"choices":[{"delta":{"content":"x"},"index":2},{"delta":{"content":"y"}}]}`,
			[]string{"choices[2].delta.content", "choices[1].delta.content"}},
		{`[{"index":1,"a":[{"index":4,"b":["x","y"]}]}]`, []string{"[1].a[4].b[0]", "[1].a[4].b[1]"}},
		{`[["x"],{"a":"y"}]`, []string{"[0][0]", "[1].a"}},
		{`{"` + long + `":"x","` + long + `z":{"b":"y"}}`, []string{long[:maxPathLen], long[:maxPathLen]}},
		{`{"a":"x","a":"y"}`, []string{"a", "a"}},
	} {
		strs, _, _, ok := jsonStrings([]byte(c.doc), DefaultMaxDepth)
		if !ok || len(strs) != len(c.paths) {
			t.Errorf("%.60s: ok %v, %d strings, want %d", c.doc, ok, len(strs), len(c.paths))
			continue
		}
		for k, s := range strs {
			if s.path != c.paths[k] {
				t.Errorf("%.60s: string %d has path %q, want %q", c.doc, k, s.path, c.paths[k])
			}
		}
	}
	// the path of a string under deep indexed arrays is cut as any other
	doc := nested(100, true, `"x"`)
	strs, _, _, ok := jsonStrings([]byte(doc), DefaultMaxDepth)
	want := strings.Repeat("[1].a", 100)[:maxPathLen]
	if !ok || len(strs) != 1 || strs[0].path != want {
		t.Errorf("deep indexed arrays: ok %v, %d strings, want path %q", ok, len(strs), want)
	}
}

// nested returns v under depth objects of key "a", or, with index, depth
// arrays of one object that names its index: [{"index":1,"a":…}].
func nested(depth int, index bool, v string) string {
	open, closing := `{"a":`, "}"
	if index {
		open, closing = `[{"index":1,"a":`, "}]"
	}
	return strings.Repeat(open, depth) + v + strings.Repeat(closing, depth)
}
