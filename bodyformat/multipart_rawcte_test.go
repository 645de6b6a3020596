package bodyformat

import (
	"encoding/base64"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// ctePart returns a multipart/form-data body of one part named note, in
// transfer encoding cte, whose body is raw as it stands.
func ctePart(header, cte, raw string) string {
	if header == "" {
		header = "Content-Disposition: form-data; name=\"note\"\r\n"
	}
	return "--" + testBoundary + "\r\n" + header +
		"Content-Transfer-Encoding: " + cte + "\r\n\r\n" +
		raw + "\r\n--" + testBoundary + "--\r\n"
}

// TestMultipartCTERawRead: a form-data part that says
// "Content-Transfer-Encoding: base64" or "quoted-printable" was read only
// as decoded (attack pass 34, F2). RFC 7578 section 4.7 deprecates the
// header for form-data and most form parsers ignore it: PHP's rfc1867
// ($_POST), Node's busboy/multer and formidable hand the application the
// raw bytes, and Django decodes only base64 (a quoted-printable part
// reaches request.POST raw). So:
//
//   - base64: "call 13812345678 now ok" is valid base64 once blanks are
//     dropped, decodes to 15 bytes of noise, and only the noise was read;
//   - quoted-printable: "phone=13812345678" decodes "=13" to the control
//     byte 0x13, leaving "812345678" (9 digits).
//
// The raw bytes are read too: the mobile is masked in place.
func TestMultipartCTERawRead(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(34, 1))
	mobile := synth.CNMobile(r)
	for name, part := range map[string]struct{ cte, raw string }{
		"base64":           {"base64", "call " + mobile + " now ok"},
		"quoted-printable": {"quoted-printable", "phone=" + mobile},
		"upper case":       {"BASE64", "call " + mobile + " now ok"},
	} {
		body := ctePart("", part.cte, part.raw)
		res, err := Inspect(eng, []byte(body), ctMultipart, "", Redact, Limits{})
		if err != nil {
			t.Errorf("%s: refused, though the raw part can be masked in place: %v", name, err)
			continue
		}
		if !res.Changed || strings.Contains(string(res.Body), mobile) {
			t.Errorf("%s: the raw part, which PHP/busboy hand to the application, keeps the mobile (findings %d): %q",
				name, len(res.Findings), res.Body)
		}
		if res.Summary.Counts[res.Findings[0].Category] != 1 {
			t.Errorf("%s: counted %v, want the mobile once", name, res.Summary.Counts)
		}
		// only the part's body changed: its header and the framing stay
		if head := body[:strings.Index(body, "\r\n\r\n")]; !strings.HasPrefix(string(res.Body), head) {
			t.Errorf("%s: the part header changed: %q", name, res.Body)
		}
	}
}

// TestMultipartCTERawNotFormData: a part of a multipart/mixed mail is
// read as a mail reader shows it, decoded only: its transfer encoding is
// what every reader applies (attack pass 34, F2 reads form-data parts raw
// too, not mail parts).
func TestMultipartCTERawNotFormData(t *testing.T) {
	eng := testEngine(t)
	mobile := synth.CNMobile(rand.New(rand.NewPCG(34, 2)))
	body := ctePart("Content-Type: text/plain\r\n", "quoted-printable", "phone=3D"+mobile)
	res, err := Inspect(eng, []byte(body), "multipart/mixed; boundary="+testBoundary, "", Redact, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Changed || strings.Contains(string(res.Body), mobile) {
		t.Errorf("the decoded mobile is kept: %q", res.Body)
	}
	if !strings.Contains(string(res.Body), "Content-Transfer-Encoding: quoted-printable\r\n\r\nphone=3D") {
		t.Errorf("the part is not re-encoded as it came: %q", res.Body)
	}
}

// TestMultipartCTERawBinaryKept: a binary file sent in base64 (an image
// a mail-minded client encodes) is text of the base64 alphabet when read
// raw, and holds nothing: the body passes byte for byte, and a text part
// in base64 with a mobile in its decoded bytes is masked and re-encoded,
// counted once though both readings see it (the text reading decodes
// base64 too).
func TestMultipartCTERawBinaryKept(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(34, 3))
	img := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	for range 6000 {
		img = append(img, byte(r.Uint32()))
	}
	enc := string(encodeBase64(img, true))
	header := "Content-Disposition: form-data; name=\"avatar\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n"
	body := ctePart(header, "base64", enc)
	for _, mode := range []Mode{Scan, Redact} {
		res, err := Inspect(eng, []byte(body), ctMultipart, "", mode, Limits{})
		if err != nil {
			t.Fatalf("mode %d: a base64 image refused: %v", mode, err)
		}
		if res.Changed || len(res.Findings) != 0 || string(res.Body) != body {
			t.Errorf("mode %d: a base64 image changed (findings %v)", mode, res.Findings)
		}
	}

	mobile := synth.CNMobile(r)
	text := base64.StdEncoding.EncodeToString([]byte("tel " + mobile + " please"))
	body = ctePart("", "base64", text)
	scan, err := Inspect(eng, []byte(body), ctMultipart, "", Scan, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(scan.Findings) != 1 {
		t.Errorf("a base64 mobile found %d times, want once: %v", len(scan.Findings), scan.Findings)
	}
	red, err := Inspect(eng, []byte(body), ctMultipart, "", Redact, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if !red.Changed || len(red.Findings) != 1 {
		t.Fatalf("a base64 mobile: changed %v, findings %d", red.Changed, len(red.Findings))
	}
	parts := readParts(t, red.Body, testBoundary)
	dec, err := base64.StdEncoding.DecodeString(string(parts[0]))
	if err != nil || strings.Contains(string(dec), mobile) || !strings.HasPrefix(string(dec), "tel ") {
		t.Errorf("the base64 part is not masked and re-encoded: %q, %v", dec, err)
	}
}

// TestMultipartCTERawBothReadings: a quoted-printable form part with one
// mobile seen decoded and another seen only raw cannot be masked both
// ways (the re-encoding writes "=13" again): it is refused.
func TestMultipartCTERawBothReadings(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(34, 4))
	m1, m2 := synth.CNMobile(r), synth.CNMobile(r)
	body := ctePart("", "quoted-printable", "tel "+m1+" phone="+m2)
	_, err := Inspect(eng, []byte(body), ctMultipart, "", Redact, Limits{})
	if !errors.Is(err, ErrMalformed) {
		t.Errorf("err %v, want ErrMalformed", err)
	}
	res, err := Inspect(eng, []byte(body), ctMultipart, "", Scan, Limits{})
	if err != nil || len(res.Findings) < 2 {
		t.Errorf("scan: findings %d, err %v: want both mobiles", len(res.Findings), err)
	}
}
