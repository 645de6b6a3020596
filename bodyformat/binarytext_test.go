package bodyformat

import (
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestBinaryTextRuns: an untyped binary body with text between its NULs
// and binary heads (a type name ended by a NUL, an MQTT PUBLISH, a
// 16-byte id) is read for that text: Scan counts the mobile once, Redact
// refuses the body (it is never rewritten); the same body with the
// mobile's digits cut by a NUL, or by an '&' and a length byte (a form
// parser's two fields: binaryFields), is two numbers, nothing. (A length
// byte alone between them is no cut: a form parser hands the upstream
// both groups in one name, which findBinaryField reads.)
func TestBinaryTextRuns(t *testing.T) {
	m := synth.CNMobile(rand.New(rand.NewPCG(39, 3)))
	doc := `{"phone":"` + m + `"}`
	for name, body := range map[string]string{
		"type name":    "chat.message.v1\x00" + doc,
		"mqtt publish": "\x32\x2b\x00\x0achat/room1\x00\x01" + doc,
		"16-byte id":   "\x01\x9a" + string(make([]byte, 13)) + "\x07" + doc,
	} {
		res, err := Inspect(testEngine(t), []byte(body), "", "", Scan, Limits{})
		if err != nil || res.Summary.Counts[detect.CNMobile] != 1 || len(res.Findings) != 1 {
			t.Errorf("%s: scan %v %v", name, err, res.Summary)
		}
		if _, err := Inspect(testEngine(t), []byte(body), "", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: redact %v, want ErrMalformed", name, err)
		}
	}
	for name, body := range map[string]string{
		"nul between groups":    "chat\x00" + m[:5] + "\x00" + m[5:],
		"length between groups": "chat\x00" + m[:5] + "&\x06" + m[5:],
	} {
		res, err := Inspect(testEngine(t), []byte(body), "", "", Redact, Limits{})
		if err != nil || string(res.Body) != body || len(res.Findings) != 0 {
			t.Errorf("%s: %v %q %v", name, err, res.Body, res.Summary)
		}
	}
}
