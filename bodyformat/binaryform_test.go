package bodyformat

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestRandomUploadsKept: random bytes (an encrypted or compressed upload)
// of no known format, untyped or application/octet-stream, are no text
// to IsText and pass Inspect unchanged and unrefused in both modes: of
// 200 blobs of 16 KiB without a NUL in their head (read as big5 or
// Shift_JIS text, one in seven had been refused or starred), none.
func TestRandomUploadsKept(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(39, 1))
	b := make([]byte, 16<<10)
	kept, blobs := 0, 200
	if raceEnabled {
		blobs = 40
	}
	for kept < blobs {
		for i := range b {
			b[i] = byte(r.UintN(256))
		}
		if bytes.IndexByte(b[:sniffLen], 0) >= 0 {
			continue
		}
		kept++
		for _, ct := range []string{"", "application/octet-stream"} {
			if IsText(ct, b) {
				t.Errorf("blob %d as %q: taken for text", kept, ct)
			}
			for _, mode := range []Mode{Scan, Redact} {
				res, err := Inspect(eng, b, ct, "", mode, Limits{})
				if err != nil {
					t.Fatalf("blob %d as %q mode %v: refused: %v", kept, ct, mode, err)
				}
				if res.Changed || len(res.Findings) > 0 || !bytes.Equal(res.Body, b) {
					t.Fatalf("blob %d as %q mode %v: changed %v, findings %v", kept, ct, mode, res.Changed, res.Findings)
				}
			}
		}
	}
}

// TestBinaryFormRead: an untyped body that is no text (NUL bytes, a
// signature the standard sniffer knows, more than unknownPrefix bytes
// that are no UTF-8) before a form's fields is read for them read-only:
// Scan counts the mobile, Redact refuses the body rather than rewrite
// binary. The same bytes with the field's value clean pass unchanged, and
// a real JPEG passes byte for byte.
func TestBinaryFormRead(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(39, 2))
	mobile := synth.CNMobile(r)
	noise := make([]byte, 600) // random, no NUL: no text
	for IsText("", noise) || bytes.IndexByte(noise, 0) >= 0 || bytes.IndexByte(noise, '=') >= 0 {
		for i := range noise {
			noise[i] = byte(r.UintN(256))
		}
	}
	prefixes := []string{"\x00\x00&", "\xff\xd8\xff&", "\x89PNG\r\n\x1a\n&", string(noise) + "&", "\x00\x00"}
	for _, p := range prefixes {
		for _, ct := range []string{"", "application/octet-stream"} {
			body := []byte(p + "tel=" + mobile + "\x00\x01&name=x")
			res, err := Inspect(eng, body, ct, "", Scan, Limits{})
			if err != nil || res.Summary.Counts[detect.CNMobile] != 1 {
				t.Errorf("%q as %q: scan counted %v (%v), want the mobile", body, ct, res.Summary.Counts, err)
			}
			if _, err := Inspect(eng, body, ct, "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
				t.Errorf("%q as %q: redact gave %v, want ErrMalformed", body, ct, err)
			}
			clean := []byte(p + "tel=x" + mobile[:5] + "&name=x")
			res, err = Inspect(eng, clean, ct, "", Redact, Limits{})
			if err != nil || res.Changed || !bytes.Equal(res.Body, clean) {
				t.Errorf("%q as %q: clean body changed %v (%v)", clean, ct, res.Changed, err)
			}
		}
	}
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for i := range img.Pix {
		img.Pix[i] = byte(r.UintN(256))
	}
	img.Set(0, 0, color.White)
	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, img, nil); err != nil {
		t.Fatal(err)
	}
	for _, ct := range []string{"", "application/octet-stream"} {
		res, err := Inspect(eng, jb.Bytes(), ct, "", Redact, Limits{})
		if err != nil || res.Changed || !bytes.Equal(res.Body, jb.Bytes()) {
			t.Errorf("a JPEG as %q: changed %v (%v)", ct, res.Changed, err)
		}
	}
}

// TestBinaryFormFieldsLinear: binaryFields hands out each byte of a body
// at most once, as a name's or a value's, whatever its '=' and '&': the
// bytes it hands out never add up to more than the body.
func TestBinaryFormFieldsLinear(t *testing.T) {
	for _, b := range [][]byte{
		bytes.Repeat([]byte("a="), 4096),
		bytes.Repeat([]byte("="), 8192),
		bytes.Repeat([]byte("ab=cd&"), 2048),
		append(bytes.Repeat([]byte("k"), 8192), "=v"...),
	} {
		total, fields := 0, 0
		newBinaryFields().next(b, true, func(key, val []byte) {
			total += len(key) + len(val)
			fields++
			if len(key)+len(val) == 0 {
				t.Fatalf("field %q=%q out of shape", key, val)
			}
		})
		if total > len(b) || fields == 0 {
			t.Errorf("%.20q…: %d fields, %d bytes handed out of %d", b, fields, total, len(b))
		}
	}
}
