package bodyformat

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestBase64PiecesRead: a base64 token and what follows it joined by a
// separator ('-' and '_' of base64url, '/' and '+' of the standard
// alphabet) make one token that does not decode; each piece is read on its
// own, as a reader splitting there does. A base64url token holding '-' or
// '_' is still read whole, and hyphenated words and binary tokens go out
// byte for byte.
func TestBase64PiecesRead(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 10 {
		m, id := synth.CNMobile(r), synth.CNID18(r)
		b64id := base64.StdEncoding.EncodeToString([]byte(id))
		for _, body := range []string{
			b64id + "-" + m + "-", b64id + "_" + m, b64id + "/" + m + " tel=", "sess x-" + b64id + "-" + m,
		} {
			res := mustInspect(t, eng, []byte(body), "text/plain", "", Redact)
			for _, raw := range []string{b64id, m} {
				if strings.Contains(string(res.Body), raw) {
					t.Errorf("%q went out as %q", body, res.Body)
				}
			}
		}
		// base64url that holds '-' or '_' itself: read whole
		var tok string
		for pad := ""; !strings.ContainsAny(tok, "-_"); pad += "~" {
			tok = base64.RawURLEncoding.EncodeToString([]byte("tel " + m + " ?>" + pad))
		}
		if res := mustInspect(t, eng, []byte("t="+tok), "text/plain", "", Redact); strings.Contains(string(res.Body), tok) {
			t.Errorf("base64url %q went out", tok)
		}
	}
	for _, clean := range []string{
		"Content-Security-Policy-Report-Only: default-src",
		"getUserProfileByIdentifier-internationalization_configuration",
		"sess=" + base64.RawURLEncoding.EncodeToString([]byte{0xfb, 0xff, 0xbe, 0xfb, 0xef, 0xff, 0x00, 0x01, 0x02, 0xfe, 0xfc, 0x80, 0x81, 0x9f, 0xff, 0xfb}) + "-QWxhZGRpbjpvcGVuIHNlc2FtZQ",
	} {
		if res := mustInspect(t, eng, []byte(clean), "text/plain", "", Redact); res.Changed {
			t.Errorf("%s changed: %+v", clean, res.Findings)
		}
	}
}
