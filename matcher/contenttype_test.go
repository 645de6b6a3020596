package matcher

import (
	"bytes"
	"compress/gzip"
	"errors"
	"net/http"
	"strings"
	"testing"
)

// TestSeveralContentTypesRefused: a body with several differing
// Content-Type values, an image type among them, compressed or not, has
// no one type the upstream reads it by (a server takes the first, a
// browser the last), so the matcher fails it with 400
// (ErrUninspectable) rather than match or miss by its own choice; the
// same type on two lines is one type, and matched.
func TestSeveralContentTypesRefused(t *testing.T) {
	body := `{"name":"张伟","idCard":"` + testID + `","mobile":"` + testMobile + `"}`
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte(body))
	_ = zw.Close()
	for _, ct := range [][]string{
		{"image/png", "application/json"},
		{"image/png, application/json"},
		{"application/json", "image/png"},
		{"application/x-www-form-urlencoded", "text/plain"},
		{"application/json", "application/json; charset=utf-8"},
		{"application/json", "application/json"},
		{"application/json; charset=utf-8", "application/json;charset=UTF-8"},
	} {
		same := ct[0] == "application/json" && len(ct) == 2 && ct[1] == "application/json" ||
			strings.HasPrefix(ct[0], "application/json; charset")
		for _, coded := range []bool{true, false} {
			r := newRequest(http.MethodPost, "/posts", "", strings.NewReader(body))
			if coded {
				r = newRequest(http.MethodPost, "/posts", "", bytes.NewReader(gz.Bytes()))
				r.Header.Set("Content-Encoding", "gzip")
			}
			r.Header["Content-Type"] = ct
			ok, err := newMatcher(t, MatchPII{}).MatchWithError(r)
			if same {
				if err != nil || !ok {
					t.Errorf("%q (gzip %v): one type repeated: match %v, error %v", ct, coded, ok, err)
				}
				continue
			}
			if ok || !errors.Is(err, ErrUninspectable) || statusOf(err) != http.StatusBadRequest {
				t.Errorf("%q (gzip %v): match %v, error %v; want a 400 ErrUninspectable", ct, coded, ok, err)
			}
		}
	}
}
