package bodyformat

import (
	"errors"
	"strings"
	"testing"
)

// TestDecodersShareOneBound: the decoders of one inspection yield all
// together no more than one compressed body of its size may
// (decodedBound): a form of many small gzip files, each under its own
// bound (at least 64 KiB, whatever its size), is refused as too large
// once their sum is over the body's, while one such file passes; what
// the decoders yielded is counted (meter.decodeLeft).
func TestDecodersShareOneBound(t *testing.T) {
	eng := testEngine(t)
	gz := []byte(gzipOf(strings.Repeat("order 12 shipped\n", 3500))) // 59.5 KB of text
	form := func(n int) []byte {
		var parts []formPart
		for range n {
			parts = append(parts, file("f", "a.gz", "application/gzip", gz))
		}
		return multipartBody(t, parts...)
	}
	lim := Limits{MaxRatio: 10}
	if _, err := Inspect(eng, form(1), ctMultipart, "", Redact, lim); err != nil {
		t.Errorf("one file: %v", err)
	}
	many := form(100)
	if bound := decodedBound(int64(len(many)), lim.withDefaults()); int64(100*59500) <= bound {
		t.Fatalf("the test's files fit the bound %d", bound)
	}
	if _, err := Inspect(eng, many, ctMultipart, "", Redact, lim); !errors.Is(err, ErrTooLarge) {
		t.Errorf("100 gzip files of 59.5 KB in a %d-byte form: err %v, want ErrTooLarge", len(many), err)
	}
	// the count: what one file's inspection decoded
	l := lim.withDefaults()
	m := newMeter(l)
	m.capDecoding(1 << 20)
	out, err := readDecoded(strings.NewReader("abc"), "identity", 3, 100, m)
	if err != nil || string(out) != "abc" || m.decodeLeft != 1<<20-3 {
		t.Errorf("readDecoded: %q %v, left %d", out, err, m.decodeLeft)
	}
	m.capDecoding(2)
	if _, err := readDecoded(strings.NewReader("abc"), "identity", 3, 100, m); !errors.Is(err, ErrTooLarge) {
		t.Errorf("over what is left: err %v, want ErrTooLarge", err)
	}
}
