package mdanchor

import (
	"reflect"
	"testing"
)

func TestAnchors(t *testing.T) {
	md := "# caddy-pii-filter\n" +
		"## The `pii_filter` directive\n" +
		"### Refused: personal information\n" +
		"```sh\n# a comment, not a heading\n```\n" +
		"## Incidents, metrics and the verdict cache\n" +
		"#not a heading\n" +
		"## FAQ\n## FAQ\n" +
		"## 开盒 (doxxing)\n"
	want := map[string]bool{
		"caddy-pii-filter":                        true,
		"the-pii_filter-directive":                true,
		"refused-personal-information":            true,
		"incidents-metrics-and-the-verdict-cache": true,
		"faq":        true,
		"faq-1":      true,
		"开盒-doxxing": true,
	}
	if got := Anchors([]byte(md)); !reflect.DeepEqual(got, want) {
		t.Errorf("anchors %v, want %v", got, want)
	}
}
