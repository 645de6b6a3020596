package bodyformat

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// fix49SplitDoc returns a JSON document of about n bytes whose members
// tel1, tel2 and tel3 hold a synthetic mobile split in three (pii), or
// clean values, and the mobile.
func fix49SplitDoc(r *rand.Rand, n int, pii bool) ([]byte, string) {
	var doc strings.Builder
	doc.WriteString(`{"items":[`)
	for i := 0; doc.Len() < n-100; i++ {
		if i > 0 {
			doc.WriteByte(',')
		}
		fmt.Fprintf(&doc, `{"sku":"a%d","qty":%d,"note":"fresh and cold"}`, i, i%7)
	}
	m := synth.CNMobile(r)
	if !pii {
		m = "abcdefghijk"
	}
	fmt.Fprintf(&doc, `],"tel1":"%s","tel2":"%s","tel3":"%s"}`, m[:3], m[3:7], m[7:])
	return []byte(doc.String()), m
}

// fix49TwoBytePrefixed returns doc behind a 2-byte big-endian length,
// padded with spaces so that neither byte of the length is a NUL.
func fix49TwoBytePrefixed(doc []byte) []byte {
	for uint16(len(doc))&0xff == 0 || uint16(len(doc))>>8 == 0 {
		doc = append(doc, ' ')
	}
	return append(binary.BigEndian.AppendUint16(nil, uint16(len(doc))), doc...)
}

// TestFix49TwoBytePrefixedDoc (finding 1): a JSON document behind a
// 2-byte big-endian length, then a NUL, in a body whose head holds no
// NUL (it sniffs as text) is read as the JSON document, as one behind a
// 4-byte length is: the mobile split over three members is refused in
// Redact mode and counted in Scan mode; the body clean passes.
func TestFix49TwoBytePrefixedDoc(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(49, 1))
	for _, n := range []int{1 << 10, 4 << 10, 20 << 10, 60 << 10} {
		for _, tail := range []string{"\x00", "\x00\x00\x01\x02", ""} {
			doc, m := fix49SplitDoc(r, n, true)
			body := append(fix49TwoBytePrefixed(doc), tail...)
			if bytes.IndexByte(body[:sniffLen], 0) >= 0 || !IsText("", body[:sniffLen]) {
				t.Fatalf("%d: the head is no text without NUL", n)
			}
			name := fmt.Sprintf("%d bytes, tail %q", n, tail)
			_, err := Inspect(eng, body, "", "", Redact, Limits{})
			if !errors.Is(err, ErrMalformed) {
				t.Errorf("%s: Inspect in Redact mode: %v, want refused", name, err)
			}
			res, err := Inspect(eng, body, "application/octet-stream", "", Scan, Limits{})
			if err != nil || res.Summary.Counts["cn_mobile"] == 0 {
				t.Errorf("%s: Inspect in Scan mode: %v, %v, want the mobile counted", name, err, res.Summary.Counts)
			}
			_ = m
			cdoc, _ := fix49SplitDoc(r, n, false)
			clean := append(fix49TwoBytePrefixed(cdoc), tail...)
			out, err := Inspect(eng, clean, "", "", Redact, Limits{})
			if err != nil || out.Body != nil && !bytes.Equal(out.Body, clean) {
				t.Errorf("%s: clean: %v, changed %v", name, err, out.Body != nil)
			}
		}
	}
}

// fix49BinaryMessages returns k binary messages (payloads of bytes no
// UTF-8 reads and NULs, which open no JSON document) behind 4-byte
// big-endian lengths counting the payload.
func fix49BinaryMessages(r *rand.Rand, k int) []byte {
	var b []byte
	for i := range k {
		payload := make([]byte, 16+i%5*7)
		for j := range payload {
			payload[j] = byte(0x80 + r.UintN(0x80))
		}
		payload[len(payload)/2] = 0
		b = binary.BigEndian.AppendUint32(b, uint32(len(payload)))
		b = append(b, payload...)
	}
	return b
}

// TestFix49DocAfterBinaryMessages (finding 2): a JSON document after two
// or more binary messages in the same framing is read as JSON, by
// Inspect and by the BinaryScreen, small and past the screen's first
// window: the split mobile refused in Redact mode; clean, the body passes
// byte for byte.
func TestFix49DocAfterBinaryMessages(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(49, 2))
	for _, k := range []int{2, 10, 200} {
		for _, n := range []int{1 << 10, 16 << 10} {
			for _, pii := range []bool{true, false} {
				doc, _ := fix49SplitDoc(r, n, pii)
				body := append(fix49BinaryMessages(r, k), LengthPrefix{width: lengthPrefixWidth}.Append(nil, doc)...)
				body = append(body, 0)
				name := fmt.Sprintf("%d binary messages, %d bytes, pii %v", k, n, pii)
				_, ierr := Inspect(eng, body, "", "", Redact, Limits{})
				out, _, serr := screenAll(t, eng, body, Redact, 4096)
				if pii {
					if !errors.Is(ierr, ErrMalformed) || !errors.Is(serr, ErrMalformed) {
						t.Errorf("%s: Inspect %v, the screen passed %d bytes (%v)", name, ierr, len(out), serr)
					}
					continue
				}
				if ierr != nil || serr != nil || !bytes.Equal(out, body) {
					t.Errorf("%s: Inspect %v, the screen passed %d of %d bytes (%v)", name, ierr, len(out), len(body), serr)
				}
			}
		}
	}
}

// TestFix49UntypedZstd (finding 4): a zstd frame with no Content-Encoding
// and no type (or application/octet-stream) is read as the bytes it
// decompresses to: the form field holding a mobile, and a JSON document
// with a mobile split over members, are counted in Scan mode and refuse
// the body in Redact mode (no zstd is written back); clean, the body is
// passed unchanged. A NUL in the head, so that the binary screen is what
// reads it otherwise.
func TestFix49UntypedZstd(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(49, 4))
	doc, _ := fix49SplitDoc(r, 2<<10, true)
	clean, _ := fix49SplitDoc(r, 2<<10, false)
	for name, c := range map[string]struct {
		content  []byte
		personal bool
	}{
		"form":      {[]byte("a=1&tel=" + synth.CNMobile(r) + "&b=2"), true},
		"split doc": {doc, true},
		"clean":     {clean, false},
	} {
		body := compress(t, "zstd", c.content)
		for _, ct := range []string{"", "application/octet-stream"} {
			res, err := Inspect(eng, body, ct, "", Scan, Limits{})
			if err != nil || (res.Summary.Counts["cn_mobile"] > 0) != c.personal {
				t.Errorf("%s %q: Scan %v, counts %v", name, ct, err, res.Summary.Counts)
			}
			res, err = Inspect(eng, body, ct, "", Redact, Limits{})
			if c.personal {
				if !errors.Is(err, ErrMalformed) {
					t.Errorf("%s %q: Redact %v, want refused", name, ct, err)
				}
				continue
			}
			if err != nil || res.Changed || !bytes.Equal(res.Body, body) {
				t.Errorf("%s %q: Redact %v, changed %v", name, ct, err, res.Changed)
			}
		}
	}
	if !CompressedFile(compress(t, "zstd", clean)) {
		t.Error("a zstd frame is no CompressedFile")
	}
}
