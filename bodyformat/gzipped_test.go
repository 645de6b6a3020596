package bodyformat

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// gzipOf returns s compressed as a gzip file.
func gzipOf(s string) string {
	gzipMu.Lock()
	defer gzipMu.Unlock()
	var b bytes.Buffer
	if gzipW == nil {
		gzipW = gzip.NewWriter(&b)
	} else {
		gzipW.Reset(&b)
	}
	gzipW.Write([]byte(s))
	gzipW.Close()
	return b.String()
}

// gzipW is gzipOf's writer, reset for each file as zlibOf's is.
var (
	gzipMu sync.Mutex
	gzipW  *gzip.Writer
)

// gunzipOf returns the content of the gzip file b, or fails the test.
func gunzipOf(t *testing.T, b []byte) string {
	t.Helper()
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestGzipFilesRead: a gzip file of text uploaded in a form part (as
// application/gzip, octet-stream, or text with a Content-Encoding) or
// inspected as a body of any type is read as the text it holds, and
// written back as a gzip file of the redacted text; a gzip file of bytes
// that are no text is read as a binary body (clean: passed as it came;
// with personal data: refused); one that does not decode is
// uninspectable.
func TestGzipFilesRead(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	mob := synth.CNMobile(r)
	file := gzipOf("name,tel\n张三," + mob + "\n")
	for _, hdr := range []string{
		"Content-Type: application/gzip",
		"Content-Type: application/octet-stream",
		"Content-Type: text/csv\r\nContent-Encoding: gzip",
	} {
		body := "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"export.csv.gz\"\r\n" + hdr + "\r\n\r\n" + file + "\r\n--b--\r\n"
		res := mustInspect(t, eng, []byte(body), "multipart/form-data; boundary=b", "", Redact)
		if !res.Changed || bytes.Contains(res.Body, []byte(file)) {
			t.Fatalf("%s: unchanged", hdr)
		}
		start := bytes.Index(res.Body, []byte("\r\n\r\n")) + 4
		end := bytes.LastIndex(res.Body, []byte("\r\n--b--"))
		if got := gunzipOf(t, res.Body[start:end]); strings.Contains(got, mob[3:7]) || !strings.Contains(got, "name,tel") {
			t.Errorf("%s: the part holds %q", hdr, got)
		}
	}
	res := mustInspect(t, eng, []byte(file), "application/octet-stream", "", Redact)
	if res.Format != FormatGzip || !res.Changed || strings.Contains(gunzipOf(t, res.Body), mob[3:7]) {
		t.Errorf("body: %+v", res.Format)
	}
	binary := gzipOf(string(bytes.Repeat([]byte{0, 1, 2, 0xff}, 64)) + "order 12345")
	if res := mustInspect(t, eng, []byte(binary), "application/octet-stream", "", Redact); res.Changed || string(res.Body) != binary {
		t.Errorf("a gzip file of clean binary bytes was changed")
	}
	// one holding a mobile is refused, as the same bytes uncompressed are
	// (read as a binary body, read-only: attack pass 46, F2)
	binary = gzipOf(string(bytes.Repeat([]byte{0, 1, 2, 0xff}, 64)) + mob)
	if _, err := Inspect(eng, []byte(binary), "application/octet-stream", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
		t.Errorf("a gzip file of binary bytes with a mobile: %v, want refused", err)
	}
	corrupt := []byte(file[:10] + strings.Repeat("x", 40))
	if _, err := Inspect(eng, corrupt, "application/octet-stream", "", Redact, Limits{}); err == nil || errors.Is(err, ErrWork) {
		t.Errorf("a corrupt gzip file: err = %v, want uninspectable", err)
	}
}
