package bodyformat

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"mime/quotedprintable"
	"net/textproto"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

const testBoundary = "----PiiFilterTestBoundary7MA4YWxkTrZu0gW"

const ctMultipart = "multipart/form-data; boundary=" + testBoundary

// formPart is one part of a generated multipart body.
type formPart struct {
	header textproto.MIMEHeader
	body   []byte
}

func field(name, value string) formPart {
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q`, name))
	return formPart{h, []byte(value)}
}

func file(name, filename, ct string, body []byte) formPart {
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename=%q`, name, filename))
	if ct != "" {
		h.Set("Content-Type", ct)
	}
	return formPart{h, body}
}

// multipartBody writes parts with multipart.Writer and testBoundary.
func multipartBody(t testing.TB, parts ...formPart) []byte {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	if err := w.SetBoundary(testBoundary); err != nil {
		t.Fatal(err)
	}
	for _, p := range parts {
		pw, err := w.CreatePart(p.header)
		if err != nil {
			t.Fatal(err)
		}
		pw.Write(p.body)
	}
	w.Close()
	return b.Bytes()
}

// readParts parses a multipart body and returns its raw part bodies.
func readParts(t testing.TB, body []byte, boundary string) [][]byte {
	t.Helper()
	mr := multipart.NewReader(bytes.NewReader(body), boundary)
	var out [][]byte
	for {
		p, err := mr.NextRawPart()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("output does not parse with the original boundary: %v", err)
		}
		b, err := io.ReadAll(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
}

// binaryImage returns bytes that start like a PNG and carry, in the
// middle, the ASCII digits of a mobile number: a binary part must be left
// alone even so.
func binaryImage(mobile string) []byte {
	b := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
	for i := range 300 {
		b = append(b, byte(i*7), 0)
	}
	b = append(b, mobile...)
	return append(b, 0, 0xff, 0xfe, '\r', '\n', '-', '-')
}

// TestMultipartRedacts builds a form with text fields, a JSON part, an
// untyped text file, encoded parts and a binary image, and checks what is
// redacted and what is left byte for byte.
func TestMultipartRedacts(t *testing.T) {
	eng := testEngine(t)
	r := rng("multipart")
	rec := newRecord(r)
	image := binaryImage(rec.Mobile)
	var qp bytes.Buffer
	qw := quotedprintable.NewWriter(&qp)
	qw.Write([]byte("联系人：" + rec.Name + "，电话：" + rec.Mobile))
	qw.Close()
	b64 := file("note", "", "text/plain; charset=utf-8", []byte(base64.StdEncoding.EncodeToString([]byte("身份证号："+rec.ID))))
	b64.header.Set("Content-Transfer-Encoding", "base64")
	qpPart := field("memo", qp.String())
	qpPart.header.Set("Content-Transfer-Encoding", "quoted-printable")
	parts := []formPart{
		field("realName", rec.Name),
		field("idCard", synth.SeparatorEvery(rec.ID, " ")),
		field("mobile", synth.FullWidth(rec.Mobile)),
		field("orderNo", synth.OrderNumber(r)),
		file("avatar", "me.png", "image/png", image),
		file("profile", "profile.json", "application/json", []byte(`{"email":"`+rec.Email+`","bankCard":"`+rec.Card+`"}`)),
		file("resume", "cv.txt", "", []byte("地址："+rec.Address+"\n")),
		file("blob", "data.bin", "application/octet-stream", image),
		b64,
		qpPart,
	}
	body := multipartBody(t, parts...)
	res := mustInspect(t, eng, body, ctMultipart, "", Redact)
	if res.Format != FormatMultipart || !res.Changed {
		t.Fatalf("Format %q Changed %v", res.Format, res.Changed)
	}
	got := readParts(t, res.Body, testBoundary)
	if len(got) != len(parts) {
		t.Fatalf("%d parts out, want %d", len(got), len(parts))
	}
	unchanged := map[int]bool{3: true, 4: true, 7: true} // order number, image, octet-stream image
	for i, p := range parts {
		if same := bytes.Equal(got[i], p.body); same != unchanged[i] {
			t.Errorf("part %d (%s): unchanged = %v, want %v: %q", i, p.header.Get("Content-Disposition"), same, unchanged[i], got[i])
		}
	}
	decodedB64, err := base64.StdEncoding.DecodeString(string(got[8]))
	if err != nil || strings.Contains(string(decodedB64), rec.ID) || !strings.Contains(string(decodedB64), "身份证号：") {
		t.Errorf("base64 part: %q, %v", decodedB64, err)
	}
	decodedQP, err := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(got[9])))
	if err != nil || strings.Contains(string(decodedQP), rec.Mobile) || strings.Contains(string(decodedQP), rec.Name) {
		t.Errorf("quoted-printable part: %q, %v", decodedQP, err)
	}
	for _, v := range rec.values() {
		if v != rec.Mobile && bytes.Contains(res.Body, []byte(v)) {
			t.Errorf("%q left in the body", v)
		}
	}
	for _, c := range []detect.Category{detect.CNName, detect.CNID, detect.CNMobile, detect.Email, detect.BankCard, detect.CNAddress} {
		if !hasCategory(res.Findings, c) {
			t.Errorf("no %s finding", c)
		}
	}
	assertStable(t, eng, res, ctMultipart)
}

// TestMultipartKeepsFraming writes a body by hand, with headers in an
// unusual order and case, a preamble and an epilogue, and checks that a
// redaction changes nothing but the personal data.
func TestMultipartKeepsFraming(t *testing.T) {
	eng := testEngine(t)
	r := rng("framing")
	mobile, mobile2, id := synth.CNMobile(r), synth.CNMobile(r), synth.CNID18(r)
	m := func(s string) string { return s[:3] + "****" + s[7:] }
	const b = "xYz-123"
	for _, c := range []struct {
		name, nl string
	}{{"crlf", "\r\n"}, {"lf", "\n"}} {
		t.Run(c.name, func(t *testing.T) {
			nl := c.nl
			build := func(mob, mob2, idv string) string {
				return "preamble: call " + mob2 + nl +
					"--" + b + "  " + nl +
					"content-type: text/plain" + nl +
					"X-Custom:  kept" + nl +
					"Content-Disposition: form-data; name=\"phone\"" + nl + nl +
					"tel " + mob + nl +
					"--" + b + nl +
					"Content-Disposition: form-data; name=\"empty\"" + nl + nl +
					nl +
					"--" + b + nl +
					"Content-Disposition: form-data; name=\"idCard\"" + nl + nl +
					idv + nl +
					"--" + b + "--" + nl +
					"epilogue " + mob2 + nl
			}
			body := build(mobile, mobile2, id)
			res := mustInspect(t, eng, []byte(body), "multipart/form-data; boundary="+b, "", Redact)
			want := build(m(mobile), m(mobile2), id[:4]+strings.Repeat("*", 10)+id[14:])
			if string(res.Body) != want {
				t.Errorf("got\n%q\nwant\n%q", res.Body, want)
			}
			if n := res.Summary.Counts[detect.CNMobile]; n != 3 {
				t.Errorf("%d mobiles found, want 3 (part, preamble, epilogue)", n)
			}
		})
	}
}

// TestMultipartNested checks a multipart/mixed part inside a form.
func TestMultipartNested(t *testing.T) {
	eng := testEngine(t)
	mobile := synth.CNMobile(rng("nested"))
	inner := "--inner\r\nContent-Type: text/plain\r\n\r\n手机 " + mobile + "\r\n--inner--\r\n"
	body := "--outer\r\nContent-Disposition: form-data; name=\"files\"\r\nContent-Type: multipart/mixed; boundary=inner\r\n\r\n" +
		inner + "\r\n--outer--\r\n"
	res := mustInspect(t, eng, []byte(body), "multipart/form-data; boundary=outer", "", Redact)
	if !res.Changed || bytes.Contains(res.Body, []byte(mobile)) {
		t.Fatalf("not redacted: %q", res.Body)
	}
	outer := readParts(t, res.Body, "outer")
	if len(outer) != 1 || len(readParts(t, outer[0], "inner")) != 1 {
		t.Errorf("structure changed: %q", res.Body)
	}
}

// TestMultipartUnchanged checks that a clean form, and any form in Scan
// mode, comes back as the same slice.
func TestMultipartUnchanged(t *testing.T) {
	eng := testEngine(t)
	r := rng("mp clean")
	clean := multipartBody(t, field("orderNo", synth.OrderNumber(r)), file("f", "a.png", "image/png", binaryImage(synth.CNMobile(r))))
	dirty := multipartBody(t, field("mobile", synth.CNMobile(r)))
	empty := []byte("--" + testBoundary + "--\r\n")
	for _, c := range []struct {
		name     string
		body     []byte
		mode     Mode
		findings int
	}{
		{"clean", clean, Redact, 0},
		{"scan", dirty, Scan, 1},
		{"no parts", empty, Redact, 0},
		{"no parts, scan", append([]byte("tel "+synth.CNMobile(r)+"\r\n"), empty...), Scan, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := mustInspect(t, eng, c.body, ctMultipart, "", c.mode)
			if res.Changed || !sameSlice(res.Body, c.body) || len(res.Findings) != c.findings {
				t.Errorf("Changed %v same %v findings %+v", res.Changed, sameSlice(res.Body, c.body), res.Findings)
			}
		})
	}
}

// TestMultipartMalformed checks that a body that cannot be read is an
// error, never a pass.
func TestMultipartMalformed(t *testing.T) {
	eng := testEngine(t)
	mobile := synth.CNMobile(rng("malformed"))
	good := multipartBody(t, field("mobile", mobile), field("x", "y"))
	for _, c := range []struct {
		name string
		body []byte
		ct   string
		want error
	}{
		{"truncated", good[:len(good)/2], ctMultipart, ErrMalformed},
		{"no close delimiter", good[:bytes.LastIndex(good, []byte("--"+testBoundary))], ctMultipart, ErrMalformed},
		{"no boundary parameter", good, "multipart/form-data", ErrMalformed},
		{"wrong boundary", good, "multipart/form-data; boundary=other", ErrMalformed},
		{"garbage", []byte("mobile=" + mobile), ctMultipart, ErrMalformed},
		{"bad base64", []byte("--b\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!" + mobile + "\r\n--b--\r\n"), "multipart/mixed; boundary=b", ErrMalformed},
		{"junk after delimiter", []byte("--b\r\n\r\nx\r\n--b junk\r\n\r\ny\r\n--b--\r\n"), "multipart/mixed; boundary=b", ErrMalformed},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Inspect(eng, c.body, c.ct, "", Redact, Limits{})
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
			if strings.Contains(err.Error(), mobile) {
				t.Errorf("error quotes the body: %v", err)
			}
		})
	}
}

// TestMultipartPartLimit checks Limits.MaxParts.
func TestMultipartPartLimit(t *testing.T) {
	eng := testEngine(t)
	var parts []formPart
	for i := range 5 {
		parts = append(parts, field(fmt.Sprint("f", i), "v"))
	}
	body := multipartBody(t, parts...)
	if _, err := Inspect(eng, body, ctMultipart, "", Scan, Limits{MaxParts: 5}); err != nil {
		t.Errorf("5 parts, limit 5: %v", err)
	}
	// not a size: the operator's oversize pass must not let it through
	if _, err := Inspect(eng, body, ctMultipart, "", Scan, Limits{MaxParts: 4}); !errors.Is(err, ErrMalformed) || errors.Is(err, ErrTooLarge) {
		t.Errorf("5 parts, limit 4: err = %v, want ErrMalformed", err)
	}
}

// TestMultipartDuplicateHeaders: a part with two Content-Transfer-Encoding
// (or Content-Type, Content-Disposition) headers is read one way by the
// filter and another by a parser that keeps the last: it fails closed.
func TestMultipartDuplicateHeaders(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	enc := base64.StdEncoding.EncodeToString([]byte("tel " + m))
	for _, hdr := range []string{
		"Content-Transfer-Encoding: 7bit\r\nContent-Transfer-Encoding: base64",
		"Content-Type: application/octet-stream\r\nContent-Type: text/plain",
	} {
		body := "--b\r\nContent-Disposition: form-data; name=\"f\"\r\n" + hdr + "\r\n\r\n" + enc + "\r\n--b--\r\n"
		if _, err := Inspect(eng, []byte(body), "multipart/form-data; boundary=b", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
			t.Errorf("%q: err %v, want ErrMalformed", hdr, err)
		}
	}
}

// TestCheckParts checks the guard against a rewrite that shifts framing.
func TestCheckParts(t *testing.T) {
	body := multipartBody(t, field("a", "1"), field("b", "2"))
	if err := checkParts(body, testBoundary, [][]byte{[]byte("1"), []byte("2")}); err != nil {
		t.Errorf("good body: %v", err)
	}
	for _, want := range [][][]byte{{[]byte("1")}, {[]byte("1"), []byte("3")}, {[]byte("1"), []byte("2"), []byte("3")}} {
		if err := checkParts(body, testBoundary, want); !errors.Is(err, ErrMalformed) {
			t.Errorf("want %q: err = %v", want, err)
		}
	}
}

// FuzzInspectMultipart checks, on any input labelled multipart: no panic;
// an error is ErrMalformed or ErrTooLarge; a rewritten body parses with
// the original boundary into as many parts as the input.
func FuzzInspectMultipart(f *testing.F) {
	r := rng("fuzz multipart")
	rec := newRecord(r)
	f.Add(multipartBody(f, field("realName", rec.Name), field("mobile", rec.Mobile),
		file("a", "a.png", "image/png", binaryImage(rec.Mobile)), file("j", "j.json", "application/json", []byte(`{"idCard":"`+rec.ID+`"}`))))
	f.Add([]byte("pre " + rec.Mobile + "\n--" + testBoundary + "\nContent-Type: text/plain\n\n" + rec.Email + "\n--" + testBoundary + "--\nepi"))
	f.Add([]byte("--" + testBoundary + "\r\nContent-Type: message/rfc822\r\n\r\nSubject: x\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\ntel " +
		rec.Mobile[:5] + "=\r\n" + rec.Mobile[5:] + " =E5=A7=93\r\n--" + testBoundary + "--\r\n"))
	eng := testEngine(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		res, err := Inspect(eng, body, ctMultipart, "", Redact, Limits{MaxParts: 64})
		if err != nil {
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if !res.Changed {
			return
		}
		in, out := countParts(body), countParts(res.Body)
		if in != out || in < 0 {
			t.Fatalf("%d parts in, %d out:\nin:  %q\nout: %q", in, out, body, res.Body)
		}
	})
}

// countParts returns the number of parts of a multipart body with
// testBoundary, or -1 when it does not parse.
func countParts(body []byte) int {
	mr := multipart.NewReader(bytes.NewReader(body), testBoundary)
	for n := 0; ; n++ {
		p, err := mr.NextRawPart()
		if err == io.EOF {
			return n
		}
		if err != nil {
			return -1
		}
		if _, err := io.Copy(io.Discard, p); err != nil {
			return -1
		}
	}
}

// TestMultipartHeaders checks that personal data in part headers (a file
// name, a field name) is masked where it stands, that an encoded file name
// holding personal data fails a redaction closed, and that binary part
// bodies stay byte for byte.
func TestMultipartHeaders(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	mobile, id := synth.CNMobile(r), synth.CNID18(r)
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	body := multipartBody(t,
		file("avatar", "photo_"+mobile+".png", "image/png", png),
		field("id_"+id, "x"),
	)
	res := mustInspect(t, eng, body, ctMultipart, "", Redact)
	for _, g := range []string{mobile, id} {
		if bytes.Contains(res.Body, []byte(g)) {
			t.Errorf("%s survives in %q", g, res.Body)
		}
	}
	parts := readParts(t, res.Body, testBoundary)
	if len(parts) != 2 || !bytes.Equal(parts[0], png) || string(parts[1]) != "x" {
		t.Errorf("part bodies changed: %q", parts)
	}
	assertStable(t, eng, res, ctMultipart)

	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="f"; filename*=UTF-8''`+pctAll(mobile)+`.txt`)
	encoded := multipartBody(t, formPart{h, png})
	// percent escapes are read where they stand: masked in place
	if res, err := Inspect(eng, encoded, ctMultipart, "", Redact, Limits{}); err != nil || bytes.Contains(res.Body, []byte(pctAll(mobile))) {
		t.Errorf("encoded file name holding a mobile: err %v, body %q", err, res.Body)
	}
	// an RFC 2047 word in base64 is masked whole, as any base64 text is;
	// one that cannot be masked where it stands fails closed
	h = textproto.MIMEHeader{}
	word := base64.StdEncoding.EncodeToString([]byte(mobile))
	h.Set("Content-Disposition", `form-data; name="f"; filename="=?utf-8?b?`+word+`?="`)
	if res, err := Inspect(eng, multipartBody(t, formPart{h, png}), ctMultipart, "", Redact, Limits{}); err != nil && !errors.Is(err, ErrMalformed) || err == nil && bytes.Contains(res.Body, []byte(word)) {
		t.Errorf("RFC 2047 file name holding a mobile: err %v", err)
	}
	h = textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="f"; filename="=?utf-8?q?`+pctAll(mobile)[:9]+`?=`+mobile[3:]+`"`)
	if res, err := Inspect(eng, multipartBody(t, formPart{h, png}), ctMultipart, "", Redact, Limits{}); err != nil && !errors.Is(err, ErrMalformed) || err == nil && bytes.Contains(res.Body, []byte(mobile[3:])) {
		t.Errorf("RFC 2047 q-word file name holding a mobile: err %v", err)
	}
	if res := mustInspect(t, eng, encoded, ctMultipart, "", Scan); !hasCategory(res.Findings, detect.CNMobile) {
		t.Errorf("encoded file name holding a mobile: not found in Scan mode")
	}
}

// pctAll percent-encodes every byte of s.
func pctAll(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, "%%%02X", s[i])
	}
	return b.String()
}

// TestMultipartBinaryTypedFormValue: a multipart part with no filename is
// a form value to every parser (Go's ParseMultipartForm puts it in
// r.MultipartForm.Value, PHP in $_POST, Django in request.POST, Werkzeug
// in request.form), whatever Content-Type it names. Named binary
// (application/octet-stream, image/png) and opening with bytes that are
// no text, it was taken for a binary file and passed unread: the mobile in
// the value reached the application raw. It is read as text, as the same
// value without a Content-Type is, and masked.
func TestMultipartBinaryTypedFormValue(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 5 {
		m := synth.CNMobile(r)
		for _, c := range []struct{ ct, head string }{
			{"Content-Type: application/octet-stream\r\n", "\x00\x01\x02 "},
			{"Content-Type: image/png\r\n", "\x89PNG\r\n\x1a\n "},
			{"Content-Type: application/x-binary\r\n", "\xff\xfe\xfd\x00 "},
			{"", "\x00\x01\x02 "}, // read: the control
		} {
			body := "--b\r\nContent-Disposition: form-data; name=\"note\"\r\n" + c.ct + "\r\n" + c.head + "手机 " + m + "\r\n--b--\r\n"
			res := mustInspect(t, eng, []byte(body), "multipart/form-data; boundary=b", "", Redact)
			out := body
			if res.Changed {
				out = string(res.Body)
			}
			if strings.Contains(out, m) {
				t.Errorf("form value (no filename) with %q passes a mobile: %q", c.ct, out)
			}
		}
	}
}
