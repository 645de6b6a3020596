package caddymodule

import (
	"strings"
	"testing"
	"unicode/utf8"

	"net/http/httptest"
)

// utf32LE spells s in UTF-32, little-endian, without a mark.
func utf32LE(s string) string {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8), byte(r>>16), byte(r>>24))
	}
	return string(b)
}

// fromUTF32LE reads b as UTF-32, little-endian (a cut-off unit dropped).
func fromUTF32LE(b []byte) string {
	var s strings.Builder
	for i := 0; i+4 <= len(b); i += 4 {
		r := rune(b[i]) | rune(b[i+1])<<8 | rune(b[i+2])<<16 | rune(b[i+3])<<24
		if !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		s.WriteRune(r)
	}
	return s.String()
}

// TestUTF32JSONUnlabelled: JSON in UTF-32LE without a byte-order mark or
// a charset, a mobile in full-width digits in it, which a Python upstream
// (json.loads of the request's bytes) or client (requests' .json()) reads
// by the NUL pattern of its first code unit: the mobile is masked both
// ways, and the body still reads as UTF-32.
func TestUTF32JSONUnlabelled(t *testing.T) {
	wide := fullWidthDigits(testMobile)
	body := utf32LE(`{"tel":"` + wide + `"}`)

	h, _ := newHandler(t, Handler{})
	r := withVars(httptest.NewRequest("POST", "/", strings.NewReader(body)))
	r.Header.Set("Content-Type", "application/json")
	var c captured
	w, err := serve(h, r, capture(&c))
	if err != nil {
		t.Fatal(err)
	}
	if !c.called || w.Code >= 400 {
		t.Fatalf("request: not passed on (%d)", w.Code)
	}
	if got := fromUTF32LE(c.body); strings.Contains(got, wide) || !strings.HasPrefix(got, `{"tel":"`) {
		t.Errorf("request: the upstream read %q", got)
	}

	h, _ = newHandler(t, Handler{})
	w, err = serve(h, withVars(httptest.NewRequest("GET", "/", nil)), respondWith(200, map[string]string{"Content-Type": "application/json"}, []byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	if got := fromUTF32LE(w.Body.Bytes()); w.Code != 200 || strings.Contains(got, wide) || !strings.HasPrefix(got, `{"tel":"`) {
		t.Errorf("response: the client read %q (%d)", got, w.Code)
	}
}
