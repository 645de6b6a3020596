package bodyformat

import (
	"net/http"
	"testing"
)

// TestContentTypeChoosesAsBrowsers checks the one choice of a message's
// Content-Type among several: a single value as it is, several as a
// browser reads them (the last valid one, with an earlier charset of the
// same type), and "" (sniffed) when a binary type chosen so is not the
// only kind there.
func TestContentTypeChoosesAsBrowsers(t *testing.T) {
	for _, c := range []struct {
		name  string
		lines []string
		want  string
	}{
		{"none", nil, ""},
		{"one", []string{"text/html; charset=utf-8"}, "text/html; charset=utf-8"},
		{"one image", []string{"image/png"}, "image/png"},
		{"one invalid, kept", []string{"json"}, "json"},
		{"quoted comma, one value", []string{`multipart/form-data; boundary="a,b"`}, `multipart/form-data; boundary="a,b"`},
		{"two lines, image first", []string{"image/png", "text/html; charset=utf-8"}, "text/html; charset=utf-8"},
		{"one line, image first", []string{"image/png, text/html"}, "text/html"},
		{"two lines, text first", []string{"text/html", "image/png"}, ""},
		{"image then unknown", []string{"image/png", "application/x-thing"}, "application/x-thing"},
		{"unknown then image", []string{"application/x-thing, image/png"}, ""},
		{"image then invalid", []string{"image/png, nonsense"}, ""},
		{"two images", []string{"image/png", "image/gif"}, "image/gif"},
		{"image twice in a line", []string{"image/png, image/png"}, "image/png"},
		{"*/* skipped", []string{"text/plain, */*"}, "text/plain"},
		{"none valid", []string{"a, b"}, ""},
		{"charset carried", []string{"text/html; charset=gbk", "text/html"}, "text/html; charset=gbk"},
		{"charset dropped with another type", []string{"text/html; charset=gbk", "text/plain"}, "text/plain"},
		{"empty values", []string{"image/png", ""}, "image/png"},
	} {
		h := http.Header{}
		for _, l := range c.lines {
			h.Add("Content-Type", l)
		}
		if got := ContentType(h); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// TestSeveralContentTypes (attack pass 34, F9): differing values, on two
// lines or in a comma list, are several types; repeats of one, written
// with other spacing or another case of charset, and a single value whose
// quoted parameter holds a comma are one.
func TestSeveralContentTypes(t *testing.T) {
	for _, tc := range []struct {
		lines []string
		want  bool
	}{
		{nil, false},
		{[]string{"text/plain"}, false},
		{[]string{"application/x-www-form-urlencoded", "text/plain"}, true},
		{[]string{"application/x-www-form-urlencoded, text/plain"}, true},
		{[]string{"image/png", "application/json"}, true},
		{[]string{"text/plain; charset=gbk", "text/plain; charset=utf-8"}, true},
		{[]string{"text/plain", "text/plain; charset=utf-8"}, true},
		{[]string{"application/json", "application/json"}, false},
		{[]string{"application/json; charset=utf-8", "Application/JSON;charset=UTF-8"}, false},
		{[]string{`multipart/form-data; boundary="a,b"`}, false},
		{[]string{"text/plain", ""}, false},
	} {
		h := http.Header{"Content-Type": tc.lines}
		if got := SeveralContentTypes(h); got != tc.want {
			t.Errorf("%q: several %v, want %v", tc.lines, got, tc.want)
		}
	}
}
