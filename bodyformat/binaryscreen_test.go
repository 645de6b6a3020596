package bodyformat

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"slices"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// chunkReader gives at most n bytes a Read.
type chunkReader struct {
	r io.Reader
	n int
}

func (c chunkReader) Read(p []byte) (int, error) { return c.r.Read(p[:min(len(p), c.n)]) }

// screenAll reads body through a BinaryScreen of mode giving its source
// at most chunk bytes a read: what it passed on, the screen and the
// error that ended the stream (nil at the body's end).
func screenAll(t *testing.T, eng *detect.Engine, body []byte, mode Mode, chunk int) ([]byte, *BinaryScreen, error) {
	t.Helper()
	s, err := NewBinaryScreen(eng, chunkReader{bytes.NewReader(body), chunk}, mode, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(s)
	return out, s, err
}

// binaryNoise returns n random bytes that are no text, without a NUL
// or an '='.
func binaryNoise(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for IsText("", b) || bytes.IndexByte(b, 0) >= 0 || bytes.IndexByte(b, '=') >= 0 {
		for i := range b {
			b[i] = byte(r.UintN(256))
		}
	}
	return b
}

// TestBinaryScreenReadsAsInspect: a BinaryScreen reads a binary body's
// fields as Inspect reads the body whole, however its source splits it
// (one byte a read included): Scan passes every byte and counts what
// Inspect counts; Redact ends the stream with ErrMalformed before any
// byte of the field with the mobile goes on. The same bodies with the
// value clean pass byte for byte in both modes.
func TestBinaryScreenReadsAsInspect(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(9, 1))
	mobile := synth.CNMobile(r)
	// "\x00\x00=" and "x\x00 = ": a value whose name binaryFields does not
	// take (Go's ParseQuery reads it under "\x00\x00", "x\x00 ") is read
	prefixes := []string{"\x00\x00&", "\xff\xd8\xff&", "\x89PNG\r\n\x1a\n&", string(binaryNoise(r, 600)) + "&", "\x00\x00", "\x00\x00=", "x\x00 = "}
	for _, p := range prefixes {
		body := []byte(p + "tel=" + mobile + "\x00\x01&name=x")
		clean := []byte(p + "tel=x" + mobile[:5] + "&name=x" + string(binaryNoise(r, 40)))
		want, err := Inspect(eng, body, "", "", Scan, Limits{})
		if err != nil || want.Summary.Counts[detect.CNMobile] != 1 {
			t.Fatalf("%q: Inspect counted %v (%v)", body, want.Summary.Counts, err)
		}
		for _, chunk := range []int{1, 2, 7, 64, 4096} {
			out, s, err := screenAll(t, eng, body, Scan, chunk)
			if err != nil || !bytes.Equal(out, body) || s.Result().Summary.Counts[detect.CNMobile] != 1 {
				t.Errorf("%q by %d: scan passed %d of %d bytes, counted %v (%v)", body, chunk, len(out), len(body), s.Result().Summary.Counts, err)
			}
			out, _, err = screenAll(t, eng, body, Redact, chunk)
			if !errors.Is(err, ErrMalformed) || bytes.Contains(out, []byte(mobile[:4])) {
				t.Errorf("%q by %d: redact passed %q, ended %v", body, chunk, out, err)
			}
			for _, mode := range []Mode{Scan, Redact} {
				out, s, err = screenAll(t, eng, clean, mode, chunk)
				if err != nil || !bytes.Equal(out, clean) || s.Result().Summary.Categories != 0 {
					t.Errorf("%q by %d mode %v: clean body passed %d of %d bytes, found %v (%v)", clean, chunk, mode, len(out), len(clean), s.Result().Summary.Counts, err)
				}
			}
		}
	}
}

// TestBinaryFieldsSplitAsWhole: the fields binaryFields hands out from a
// body given a byte at a time, or in pieces of any size, are those it
// hands out from the body whole: names, values and their order.
func TestBinaryFieldsSplitAsWhole(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 2))
	alphabet := []byte("ab=&\x00\x01\xe4\xb8\xad\xff 9")
	for range 300 {
		body := make([]byte, r.IntN(300))
		for i := range body {
			body[i] = alphabet[r.IntN(len(alphabet))]
		}
		var whole []string
		newBinaryFields().next(body, true, func(k, v []byte) { whole = append(whole, string(k)+"="+string(v)) })
		for _, step := range []int{1, 3, 17} {
			var got []string
			f, done := newBinaryFields(), 0
			for end := 0; end < len(body); {
				end = min(end+step, len(body))
				d := f.next(body[:end], false, func(k, v []byte) { got = append(got, string(k)+"="+string(v)) })
				if d < done || d > end {
					t.Fatalf("%q by %d: done went from %d to %d of %d", body, step, done, d, end)
				}
				done = d
			}
			f.next(body, true, func(k, v []byte) { got = append(got, string(k)+"="+string(v)) })
			if !slices.Equal(got, whole) {
				t.Fatalf("%q by %d: fields %q, whole %q", body, step, got, whole)
			}
		}
	}
}

// TestBinaryScreenValueBound: a value longer than maxBinaryFormValue is
// read as it stands at the bound and read on with its last bytes, so a
// mobile anywhere around the cut, read one byte at a time or in larger
// pieces, still ends the stream in Redact mode before it goes on, and the
// screen never holds back more than BinaryScreenHold bytes.
func TestBinaryScreenValueBound(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(9, 3))
	mobile := synth.CNMobile(r)
	filler := bytes.Repeat([]byte("ab "), 3000)
	// with a byte a read, the value is cut once it is this long
	cutAt := binaryScreenPiece - utf8.UTFMax - len("note=")
	for _, chunk := range []int{1, 5, 4096} {
		for at := cutAt - 20; at <= cutAt+4; at++ {
			value := append(append(append(append([]byte{}, filler[:at]...), ' '), mobile...), " x"...)
			body := append([]byte("\x00\x00&note="), value...)
			body = append(body, "&z=1"...)
			out, s, err := screenAll(t, eng, body, Redact, chunk)
			if !errors.Is(err, ErrMalformed) || bytes.Contains(out, []byte(mobile)) {
				t.Fatalf("mobile at %d by %d: passed %d bytes, mobile passed %v, ended %v", at, chunk, len(out), bytes.Contains(out, []byte(mobile)), err)
			}
			if s.Held() > BinaryScreenHold {
				t.Fatalf("mobile at %d by %d: held %d bytes, bound %d", at, chunk, s.Held(), BinaryScreenHold)
			}
		}
	}
	// a clean value far over the bound passes whole, held within it
	body := append([]byte("\x00\x00&note="), bytes.Repeat([]byte("ab "), 100000)...)
	out, s, err := screenAll(t, eng, body, Redact, 1)
	if err != nil || !bytes.Equal(out, body) || s.Held() > BinaryScreenHold {
		t.Fatalf("a long clean value: passed %d of %d bytes, held %d (%v)", len(out), len(body), s.Held(), err)
	}
}

// TestBinaryScreenLargeUploadBounded: 8 MiB (1 MiB under -race) of random bytes (an
// encrypted upload, '=' and '&' among them) pass a BinaryScreen byte for
// byte in Redact mode, with at most BinaryScreenHold bytes held back and
// nothing charged but BinaryScreenMemory, whatever the body's length.
func TestBinaryScreenLargeUploadBounded(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(9, 4))
	size := 8 << 20
	if raceEnabled {
		size = 1 << 20 // still many times BinaryScreenHold
	}
	body := make([]byte, size)
	for i := range body {
		body[i] = byte(r.UintN(256))
	}
	var mem countingMemory
	s, err := NewBinaryScreen(eng, iotest.HalfReader(bytes.NewReader(body)), Redact, Limits{Memory: &mem})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := io.Copy(&out, s); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), body) {
		t.Fatalf("passed %d of %d bytes, or changed", out.Len(), len(body))
	}
	if s.Held() > BinaryScreenHold || mem.charged != BinaryScreenMemory {
		t.Fatalf("held %d bytes (bound %d), charged %d (want %d)", s.Held(), BinaryScreenHold, mem.charged, BinaryScreenMemory)
	}
	if s.Result().Summary.Categories != 0 {
		t.Fatalf("found %v in random bytes", s.Result().Summary.Counts)
	}
}

// TestBinaryScreenCheck: Check sees what was found so far and ends the
// stream with its error (the handler's reject); without a finding it is
// never called.
func TestBinaryScreenCheck(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(9, 5))
	mobile := synth.CNMobile(r)
	stop := errors.New("refused")
	body := []byte("\x00\x00&a=1&tel=" + mobile + "&" + string(bytes.Repeat([]byte{0xff}, 100)))
	calls := 0
	s, err := NewBinaryScreen(eng, iotest.OneByteReader(bytes.NewReader(body)), Scan, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	s.Check = func(res Result) error {
		calls++
		if res.Summary.Counts[detect.CNMobile] != 1 {
			t.Errorf("Check saw %v", res.Summary.Counts)
		}
		return stop
	}
	out, err := io.ReadAll(s)
	if !errors.Is(err, stop) || calls != 1 || bytes.Contains(out, []byte(mobile[:4])) {
		t.Fatalf("passed %q, %d calls, ended %v", out, calls, err)
	}
}
