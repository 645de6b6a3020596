package matcher

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"strings"
	"testing"
)

// TestSeveralContentTypesMatched: a body with several Content-Type
// values, an image type among them, compressed or not, is read by the
// type bodyformat.ContentType chooses (the last valid one, or sniffed
// when the values are not all images) and matched.
func TestSeveralContentTypesMatched(t *testing.T) {
	body := `{"name":"张伟","idCard":"` + testID + `","mobile":"` + testMobile + `"}`
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte(body))
	_ = zw.Close()
	for _, ct := range [][]string{
		{"image/png", "application/json"},
		{"image/png, application/json"},
		{"application/json", "image/png"},
	} {
		for _, coded := range []bool{true, false} {
			r := newRequest(http.MethodPost, "/posts", "", strings.NewReader(body))
			if coded {
				r = newRequest(http.MethodPost, "/posts", "", bytes.NewReader(gz.Bytes()))
				r.Header.Set("Content-Encoding", "gzip")
			}
			r.Header["Content-Type"] = ct
			if !mustMatch(t, newMatcher(t, MatchPII{}), r) {
				t.Errorf("%q (gzip %v): no match", ct, coded)
			}
		}
	}
}
