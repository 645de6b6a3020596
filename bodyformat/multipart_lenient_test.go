package bodyformat

import (
	"bytes"
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// lenientPNG is the start of a PNG file followed by binary filler.
const lenientPNG = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00\x90\x91h6"

// TestMultipartBoundaryPrefix: delimiters that PHP (LF-only "\n--b1"),
// Werkzeug (CR-only "\r--b1") or Django (any "--b1", here "--b1x") take
// and Go's mime/multipart does not, inside a binary file part, followed
// by form fields. The fields are masked in place, inside the file bytes
// both readings share; the body is not refused.
func TestMultipartBoundaryPrefix(t *testing.T) {
	eng := testEngine(t)
	r := rng("multipart boundary prefix")
	mobile, id := synth.CNMobile(r), synth.CNID18(r)
	png := lenientPNG + strings.Repeat("\x00\xff\x13\x37", 40)
	for name, smuggle := range map[string]string{
		"suffix x":     "\r\n--b1x\r\nContent-Disposition: form-data; name=\"tel\"\r\n\r\n" + mobile + "\r\n--b1x\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n" + id,
		"suffix space": "\r\n--b1 x\r\nContent-Disposition: form-data; name=\"tel\"\r\n\r\n" + mobile + "\r\n--b1 x\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n" + id,
		"lf only":      "\n--b1\nContent-Disposition: form-data; name=\"tel\"\n\n" + mobile + "\n--b1\nContent-Disposition: form-data; name=\"id\"\n\n" + id,
		"cr only":      "\r--b1\rContent-Disposition: form-data; name=\"tel\"\r\r" + mobile + "\r--b1\rContent-Disposition: form-data; name=\"id\"\r\r" + id,
		"no break":     "\x00--b1\r\nContent-Disposition: form-data; name=\"tel\"\r\n\r\n" + mobile + "\x00--b1\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n" + id,
	} {
		t.Run(name, func(t *testing.T) {
			body := "--b1\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n" +
				png + smuggle + "\r\n--b1--\r\n"
			res, err := Inspect(eng, []byte(body), "multipart/form-data; boundary=b1", "", Redact, Limits{})
			if name == "suffix space" {
				// Go ends the part at "\r\n--b1 x" and rejects the line
				if err == nil {
					t.Fatalf("accepted: %q", res.Body)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range []string{mobile, id} {
				if strings.Contains(string(res.Body), v) {
					t.Errorf("a lenient parser reads a raw field from the binary part: %q", res.Body)
				}
			}
			if res.Summary.Counts["cn_mobile"] != 1 || res.Summary.Counts["cn_id"] != 1 {
				t.Errorf("counts %v, want one mobile and one resident ID", res.Summary.Counts)
			}
			if !bytes.HasPrefix(res.Body, []byte(body[:strings.Index(body, smuggle)])) || len(res.Body) != len(body) {
				t.Errorf("the file's bytes before the pieces changed, or the masks changed the length")
			}
		})
	}
}

// TestMultipartBinaryPartsKept: binary file parts without "--b1" (random
// bytes, a PNG-like file, one full of near-delimiters) are left byte for
// byte, and an identifier in a text piece after "\n--b1" in a text part is
// masked once.
func TestMultipartBinaryPartsKept(t *testing.T) {
	eng := testEngine(t)
	r := rng("multipart binary kept")
	random := make([]byte, 4096)
	for i := range random {
		random[i] = byte(r.IntN(256))
	}
	random = bytes.ReplaceAll(random, []byte("--b1"), []byte("--c1"))
	for name, file := range map[string]string{
		"random": string(random),
		"png":    lenientPNG + strings.Repeat("\x00\xff\x13\x37\r\n-", 200),
		"near":   strings.Repeat("\r\n--b\n-b1\r--B1-", 200),
	} {
		t.Run(name, func(t *testing.T) {
			body := "--b1\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n" +
				file + "\r\n--b1--\r\n"
			res, err := Inspect(eng, []byte(body), "multipart/form-data; boundary=b1", "", Redact, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Changed || !bytes.Equal(res.Body, []byte(body)) {
				t.Errorf("binary part changed")
			}
		})
	}
	mobile := synth.CNMobile(r)
	body := "--b1\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\n--b1\nContent-Disposition: form-data; name=\"tel\"\n\n" + mobile + "\r\n--b1--\r\n"
	res, err := Inspect(eng, []byte(body), "multipart/form-data; boundary=b1", "", Redact, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(res.Body), mobile) || res.Summary.Counts["cn_mobile"] != 1 {
		t.Errorf("text part: counts %v, body %q", res.Summary.Counts, res.Body)
	}
}

// TestMultipartPiecesTwoRewritesRefused: a text part whose own reading
// masks a mobile, holding after "\n--b1" a piece in a transfer encoding
// whose decoded value holds a resident ID: the lenient reading would need
// a second rewrite of bytes the first one already changed, so the body is
// refused (ErrMalformed), never passed with the piece's value raw.
func TestMultipartPiecesTwoRewritesRefused(t *testing.T) {
	eng := testEngine(t)
	r := rng("multipart pieces two rewrites")
	mobile, id := synth.CNMobile(r), synth.CNID18(r)
	for cte, enc := range map[string]string{
		"base64":           base64.StdEncoding.EncodeToString([]byte("证件 " + id)),
		"quoted-printable": "=E8=AF=81 " + id[:9] + "=\n" + id[9:],
	} {
		body := "--b1\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\ntel " + mobile +
			"\n--b1\nContent-Disposition: form-data; name=\"x\"\nContent-Transfer-Encoding: " + cte + "\n\n" + enc + "\r\n--b1--\r\n"
		res, err := Inspect(eng, []byte(body), "multipart/form-data; boundary=b1", "", Redact, Limits{})
		if !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: err %v, body %q", cte, err, res.Body)
		}
	}
}

// TestMultipartPiecesBinaryTypedFormValue: a piece inside a binary file
// part (after "--b" that Django takes for a delimiter and Go does not)
// with a binary Content-Type and no filename is a form value to the
// lenient parser, a string: read as text, as a part of Go's reading is
// (TestMultipartBinaryTypedFormValue), and masked in place.
func TestMultipartPiecesBinaryTypedFormValue(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 3 {
		m := synth.CNMobile(r)
		for _, c := range []struct{ ct, head string }{
			{"Content-Type: application/octet-stream\r\n", "\x00\x01\x02 "},
			{"Content-Type: image/png\r\n", "\x89PNG\r\n\x1a\n "},
		} {
			body := "--b1\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n" + lenientPNG +
				"--b1x\r\nContent-Disposition: form-data; name=\"note\"\r\n" + c.ct + "\r\n" + c.head + "\u624b\u673a " + m + "\r\n--b1--\r\n"
			res := mustInspect(t, eng, []byte(body), "multipart/form-data; boundary=b1", "", Redact)
			if !res.Changed || strings.Contains(string(res.Body), m) || !strings.HasPrefix(string(res.Body), body[:strings.Index(body, "--b1x")]) {
				t.Errorf("piece with %q: went out as %q", c.ct, res.Body)
			}
		}
	}
}
