package bodyformat

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"mime/multipart"
	"strings"
	"testing"

	"github.com/pierrec/lz4/v4"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// lz4Of returns b written as an LZ4 file by the lz4 library with opts
// (block size, checksums, the legacy format).
func lz4Of(t testing.TB, b []byte, opts ...lz4.Option) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := lz4.NewWriter(&buf)
	if err := w.Apply(opts...); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// fix52LZ4Shapes returns content as the LZ4 files a sender may write: a
// frame of 4 MiB blocks (lz4's default), of 64 KiB blocks with block and
// content checksums, a legacy frame, a frame after a skippable frame,
// and two frames one after the other (the content split between them).
func fix52LZ4Shapes(t testing.TB, content []byte) map[string][]byte {
	half := len(content) / 2
	return map[string][]byte{
		"frame":          lz4Of(t, content),
		"64 KiB blocks":  lz4Of(t, content, lz4.BlockSizeOption(lz4.Block64Kb), lz4.BlockChecksumOption(true), lz4.ChecksumOption(true)),
		"legacy":         lz4Of(t, content, lz4.LegacyOption(true)),
		"skippable":      append(skippableFrame(2, "meta"), lz4Of(t, content)...),
		"two frames":     append(lz4Of(t, content[:half]), lz4Of(t, content[half:])...),
		"frame, 1 block": lz4Of(t, content, lz4.BlockSizeOption(lz4.Block64Kb), lz4.CompressionLevelOption(lz4.Level9)),
	}
}

// TestFix52LZ4FilesRead (fix52lz4, 1): an LZ4 file (magic 04 22 4D 18,
// the legacy 02 21 4C 18, after a skippable frame, frames one after the
// other) sent untyped or as application/octet-stream was never
// decompressed, so a form field's mobile and a JSON document's mobile
// split over members passed raw. Now it is read as the bytes it
// decompresses to: counted in Scan mode, refused in Redact mode (no LZ4
// is written back); a clean one passes byte for byte.
func TestFix52LZ4FilesRead(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(52, 4))
	doc, _ := fix49SplitDoc(r, 6<<10, true)
	clean, _ := fix49SplitDoc(r, 6<<10, false)
	for cname, c := range map[string]struct {
		content  []byte
		personal bool
	}{
		"form":      {[]byte("a=1&tel=" + synth.CNMobile(r) + "&b=2&" + strings.Repeat("x=y&", 40)), true},
		"split doc": {doc, true},
		"clean":     {clean, false},
	} {
		for sname, body := range fix52LZ4Shapes(t, c.content) {
			name := cname + ", " + sname
			if !LZ4File(body) || !CompressedFile(body[:min(len(body), sniffLen)]) || ZstdFile(body) {
				t.Errorf("%s: not told as LZ4", name)
			}
			if got, err := Decompress(body, FormatLZ4, 0); err != nil || !bytes.Equal(got, c.content) {
				t.Errorf("%s: Decompress %v", name, err)
			}
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
	}
}

// TestFix52LZ4FormPart (fix52lz4, 1): an LZ4 file uploaded in a form
// part (a file, application/octet-stream) is read as what it
// decompresses to: refused in Redact mode when it holds a mobile; clean,
// the body passes byte for byte.
func TestFix52LZ4FormPart(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(52, 5))
	for _, personal := range []bool{true, false} {
		doc, _ := fix49SplitDoc(r, 4<<10, personal)
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		mw.WriteField("note", "export attached")
		h := make(map[string][]string)
		h["Content-Disposition"] = []string{`form-data; name="file"; filename="export.json.lz4"`}
		h["Content-Type"] = []string{"application/octet-stream"}
		pw, _ := mw.CreatePart(h)
		pw.Write(lz4Of(t, doc))
		mw.Close()
		body := buf.Bytes()
		res, err := Inspect(eng, body, mw.FormDataContentType(), "", Redact, Limits{})
		if personal {
			if !errors.Is(err, ErrMalformed) {
				t.Errorf("personal part: Redact %v, want refused", err)
			}
			continue
		}
		if err != nil || res.Changed || !bytes.Equal(res.Body, body) {
			t.Errorf("clean part: Redact %v, changed %v", err, res.Changed)
		}
	}
}

// TestFix52LZ4Bounds (fix52lz4, 1): an LZ4 file is decoded within the
// limits of a content coding (MaxDecoded: too large), a corrupt or cut
// one is ErrEncoding, a run of legacy magic numbers (which the decoder
// reads one call deeper each: 4 MiB of them took 256 MiB of stack) is
// refused undecoded, and the decoder's buffers are charged by the block
// size its frames announce.
func TestFix52LZ4Bounds(t *testing.T) {
	eng := testEngine(t)
	zeros := lz4Of(t, make([]byte, 1<<20))
	if _, err := Inspect(eng, zeros, "", "", Scan, Limits{MaxDecoded: 256 << 10}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("1 MiB of zeros under MaxDecoded 256 KiB: %v", err)
	}
	text := lz4Of(t, []byte(strings.Repeat("a=1&b=2&", 500)))
	for name, body := range map[string][]byte{
		"cut":      text[:len(text)-6],
		"corrupt":  append(bytes.Clone(text[:len(text)-4]), 0xde, 0xad, 0xbe, 0xef),
		"trailing": append(bytes.Clone(text), "&tel=1"...),
		"legacy run": append(bytes.Clone(lz4LegacyMagic),
			bytes.Repeat(lz4LegacyMagic, 1<<18)...),
	} {
		if _, err := Inspect(eng, body, "", "", Scan, Limits{}); !errors.Is(err, ErrEncoding) {
			t.Errorf("%s: %v, want ErrEncoding", name, err)
		}
	}
	for name, c := range map[string]struct {
		body []byte
		want int64
	}{
		"64 KiB independent": {lz4Of(t, []byte("x"), lz4.BlockSizeOption(lz4.Block64Kb)), 2<<16 + decoderTables},
		"4 MiB independent":  {lz4Of(t, []byte("x")), 2*lz4MaxBlock + decoderTables},
		"legacy":             {lz4Of(t, []byte("x"), lz4.LegacyOption(true)), 4*lz4LegacyBlock + decoderTables},
		"linked 256 KiB":     {[]byte{0x04, 0x22, 0x4d, 0x18, 0x40, 0x50}, 4<<18 + decoderTables},
		"cut descriptor":     {[]byte{0x04, 0x22, 0x4d, 0x18, 0x60}, 4*lz4MaxBlock + decoderTables},
	} {
		if got := decoderCost("lz4", c.body, 1<<20); got != c.want {
			t.Errorf("%s: charged %d, want %d", name, got, c.want)
		}
	}
}

// TestFix52DeflatedHead (fix52lz4, 2): DeflatedHead, which makes the
// handler read an untyped upload whole rather than screen it, tells raw
// deflate of text by its head (a long stream's sniffLen bytes, a short
// body whole) and almost never random bytes (sniffLen bytes of text from
// a whole head: a few in 100,000, where one head in nine inflates to a
// few bytes of text before a fault); a zlib stream is CompressedFile's.
func TestFix52DeflatedHead(t *testing.T) {
	r := rand.New(rand.NewPCG(52, 2))
	var form strings.Builder
	for form.Len() < 8<<10 {
		fmt.Fprintf(&form, "sku=%x&qty=%d&", r.Uint64(), r.IntN(100))
	}
	long := compress(t, "raw-deflate", []byte(form.String()+"tel="+synth.CNMobile(r)))
	short := compress(t, "raw-deflate", []byte("a=1&tel="+synth.CNMobile(r)))
	if !DeflatedHead(long[:sniffLen]) || !DeflatedHead(short) || !DeflatedText(long[:sniffLen]) || !DeflatedText(short) {
		t.Error("raw deflate of text not told by its head")
	}
	hits := 0
	for range 20000 {
		b := make([]byte, sniffLen)
		for k := range b {
			b[k] = byte(r.Uint32())
		}
		if DeflatedText(b) { // strict; DeflatedHead, Inspect's rule, takes one in nine (fix53deflate)
			hits++
		}
	}
	if hits > 3 {
		t.Errorf("%d of 20000 random heads taken for raw deflate of text", hits)
	}
}
