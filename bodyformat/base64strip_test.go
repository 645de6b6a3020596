package bodyformat

import (
	"bytes"
	"encoding/base64"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestBase64StrippedRead: a lenient decoder (Python's b64decode) drops
// '-', '_', '.' from a token: a mobile's or an ID's base64 cut into
// pieces shorter than minBase64Token decodes whole there, and is masked
// (attack26 F5); hyphenated words and dotted names stay byte for byte.
func TestBase64StrippedRead(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 5 {
		m, id := synth.CNMobile(r), synth.CNID18(r)
		bm := base64.StdEncoding.EncodeToString([]byte(m))
		bid := base64.StdEncoding.EncodeToString([]byte(id))
		for _, body := range []string{
			"token=" + bm[:8] + "-" + bm[8:],
			"token=" + bm[:8] + "." + bm[8:],
			"token=" + bm[:8] + "*" + bm[8:],
			"token=" + bm[:4] + "-" + bm[4:8] + "-" + bm[8:12] + "-" + bm[12:],
			"token=" + bid[:12] + "-" + bid[12:],
			"token=" + bid[:12] + "_" + bid[12:],
		} {
			res := mustInspect(t, eng, []byte(body), "text/plain", "", Redact)
			if !res.Changed || bytes.Contains(res.Body, []byte(body[6:])) {
				t.Errorf("%q went out as %q", body, res.Body)
			}
		}
	}
	for _, clean := range []string{
		"Content-Security-Policy-Report-Only: default-src",
		"getUserProfileByIdentifier-internationalization_configuration",
		"api.example.com/v1/users-by-Region_2024",
		"X-Request-Id: req_8f3kD9-2Lm",
		"SELECT Name*Price FROM Items*Orders",
		"glob src/**/Test*Case.go",
	} {
		if res := mustInspect(t, eng, []byte(clean), "text/plain", "", Redact); res.Changed {
			t.Errorf("%q became %q", clean, res.Body)
		}
	}
}

// TestHasStripped checks hasStripped against bytes.IndexAny on every byte.
func TestHasStripped(t *testing.T) {
	for c := range 256 {
		tok := []byte{'Q', 'U', byte(c), 'J'}
		if got, want := hasStripped(tok), bytes.IndexAny(tok, "-_.") >= 0; got != want {
			t.Fatalf("%q: %v, want %v", tok, got, want)
		}
	}
}
