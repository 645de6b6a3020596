package bodyformat

import (
	"bytes"
	"compress/zlib"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// zlibDictOf compresses s as zlib with a preset dictionary.
func zlibDictOf(s, dict string) []byte {
	var b bytes.Buffer
	w, _ := zlib.NewWriterLevelDict(&b, zlib.DefaultCompression, []byte(dict))
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

// TestDeflatedMembersAndDictionaries: every member of concatenated zlib
// or deflate streams is read, zlib of a gzip file or of UTF-16 text is
// read as an untyped body, and a zlib stream that needs a preset
// dictionary (its FDICT flag) is uninspectable; the receiver gets no value, and clean look-alikes pass
// byte for byte.
func TestDeflatedMembersAndDictionaries(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	mob := synth.CNMobile(r)
	id := synth.CNID18(r)
	js := `{"name":"` + synth.CNName(r) + `","mobile":"` + mob + `","idCard":"` + id + `"}`
	clean := `{"op":"ping","seq":12}`
	dict := `{"name":"","mobile":"","idCard":""}`
	leaks := map[string][]byte{
		"zlib members":    append(zlibOf(clean), zlibOf(js)...),
		"deflate members": append(deflateOf(clean), deflateOf(js)...),
		"three members":   append(append(zlibOf(clean), zlibOf(clean)...), zlibOf(js)...),
		"zlib of gzip":    zlibOf(gzipOf(js)),
		"deflate of gzip": deflateOf(gzipOf(js)),
		"zlib of UTF-16":  zlibOf(string(utf16LE(js))),
		"zlib FDICT":      zlibDictOf(js, dict),
		// raw deflate with a preset dictionary has no flag to say so,
		// and any few bytes inflate to text with one: not guessed at
		// (a residual; FuzzInspectFramed's "C0\x00" was refused so)
	}
	for name, b := range leaks {
		for _, ct := range []string{"application/octet-stream", ""} {
			res, err := Inspect(eng, b, ct, "", Redact, Limits{})
			if err != nil {
				if !errors.Is(err, ErrMalformed) {
					t.Errorf("%s as %q: refused with %v", name, ct, err)
				}
				continue
			}
			if bytes.Equal(res.Body, b) {
				t.Errorf("%s as %q: passed unchanged (format %q)", name, ct, res.Format)
				continue
			}
			if got, _ := inflateAll(res.Body); bytes.Contains(got, []byte(mob)) {
				t.Errorf("%s as %q: the receiver gets the mobile", name, ct)
			}
		}
	}
	cleans := map[string][]byte{
		"zlib members":        append(zlibOf(clean), zlibOf(`{"order":12345}`)...),
		"deflate members":     append(deflateOf(clean), deflateOf(`{"order":12345}`)...),
		"zlib then bytes":     append(zlibOf(clean), 0xff, 0xfe, 0x01),
		"zlib of clean gzip":  zlibOf(gzipOf(clean)),
		"zlib FDICT clean":    zlibDictOf(clean, `{"op":"","seq":}`),
		"zlib of clean UTF16": zlibOf(string(utf16LE(clean))),
	}
	for name, b := range cleans {
		res, err := Inspect(eng, b, "application/octet-stream", "", Redact, Limits{})
		if name == "zlib FDICT clean" {
			if err == nil && !bytes.Equal(res.Body, b) {
				t.Errorf("%s: changed", name)
			}
			continue // uninspectable: refused, or passed as it came
		}
		if err != nil || res.Changed || !bytes.Equal(res.Body, b) {
			t.Errorf("clean %s: err %v, changed %v", name, err, res.Changed)
		}
	}
}

// inflateAll reads what a receiver inflating every member gets.
func inflateAll(b []byte) ([]byte, error) {
	in := &inspector{lim: Limits{}.withDefaults(), meter: newMeter(Limits{})}
	out, _, err := inflateMembers(b, zlibHeader(b), "deflate", in.lim, in.meter)
	return out, err
}

// TestDeflatedRandomBytesNotRefused: random bytes, some after a zlib
// header (with and without FDICT), are not taken for a stream that needs
// a dictionary, nor refused.
func TestDeflatedRandomBytesNotRefused(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(7, 7))
	for i := range 3000 {
		b := make([]byte, 2+r.IntN(2000))
		for k := range b {
			b[k] = byte(r.Uint32())
		}
		switch i % 3 {
		case 0:
			b[0], b[1] = 0x78, 0x9c
		case 1:
			b[0], b[1] = 0x78, 0xbb // FDICT
		}
		if _, err := Inspect(eng, b, "application/octet-stream", "", Redact, Limits{}); err != nil {
			t.Errorf("random %d bytes (%x…): %v", len(b), b[:2], err)
		}
	}
}

// TestDeflatedMembersLimited: more members than Limits.MaxParts is
// refused (too large), not read member by member without end.
func TestDeflatedMembersLimited(t *testing.T) {
	eng := testEngine(t)
	one := zlibOf(`{"op":"ping","seq":12}`)
	b := bytes.Repeat(one, 20)
	if _, err := Inspect(eng, b, "application/octet-stream", "", Redact, Limits{MaxParts: 30}); err != nil {
		t.Errorf("20 members: %v", err)
	}
	if _, err := Inspect(eng, b, "application/octet-stream", "", Redact, Limits{MaxParts: 10}); err == nil {
		t.Errorf("20 members, MaxParts 10: passed")
	}
}
