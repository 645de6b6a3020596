package bodyformat

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestBinaryTextRuns: an untyped binary body with text between its NULs
// and binary heads (a type name ended by a NUL, an MQTT PUBLISH, a
// 16-byte id) is read for that text: Scan counts the mobile once, Redact
// refuses the body (it is never rewritten), and so with the mobile's
// digits cut by a single NUL (nulBetweenDigits); cut by two NULs, or by
// an '&' and a length byte (a form parser's two fields: binaryFields), it
// is two numbers, nothing. (A length byte alone between them is no cut: a
// form parser hands the upstream both groups in one name, which
// findBinaryField reads.)
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
	// a single NUL between two digits is shown as nothing by a receiver
	// that decodes the message as text (attack 42): the run goes on
	// across it, and the body is refused
	if _, err := Inspect(testEngine(t), []byte("chat\x00"+m[:5]+"\x00"+m[5:]), "", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
		t.Errorf("nul between groups: redact %v, want ErrMalformed", err)
	}
	for name, body := range map[string]string{
		"two nuls between groups": "chat\x00" + m[:5] + "\x00\x00" + m[5:],
		"length between groups":   "chat\x00" + m[:5] + "&\x06" + m[5:],
	} {
		res, err := Inspect(testEngine(t), []byte(body), "", "", Redact, Limits{})
		if err != nil || string(res.Body) != body || len(res.Findings) != 0 {
			t.Errorf("%s: %v %q %v", name, err, res.Body, res.Summary)
		}
	}
}

// TestBinaryTextNULBetweenDigits: an identifier cut by single NULs in
// the groups a number is written in (every digit, pairs, 3-4-4, 3-8,
// an ID's 6-8-4) in an untyped binary body is refused, as the same
// groups set apart by spaces are found; two NULs, or a NUL next to a
// letter, still end a run.
func TestBinaryTextNULBetweenDigits(t *testing.T) {
	rng := rand.New(rand.NewPCG(42, 60))
	eng := testEngine(t)
	cut := func(v string, at ...int) []byte {
		var b []byte
		for k := range len(v) {
			if slices.Contains(at, k) {
				b = append(b, 0)
			}
			b = append(b, v[k])
		}
		return append([]byte("\x01\x02id "), append(b, 0, 3)...)
	}
	for range 10 {
		m, id := synth.CNMobile(rng), synth.CNID18(rng)
		for _, body := range [][]byte{
			cut(m, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), cut(m, 2, 4, 6, 8), cut(m, 3, 7), cut(m, 3),
			cut(id, 6, 14), cut(id, 2, 4, 6, 8, 10, 12, 14),
		} {
			if _, err := Inspect(eng, body, "application/octet-stream", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
				t.Errorf("%q: %v, want ErrMalformed", body, err)
			}
		}
	}
	if !nulBetweenDigits([]byte("1\x002"), 1) || nulBetweenDigits([]byte("1\x00\x002"), 1) || nulBetweenDigits([]byte("a\x002"), 1) || nulBetweenDigits([]byte("\x002"), 0) {
		t.Error("nulBetweenDigits")
	}
}
