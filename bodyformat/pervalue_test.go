package bodyformat

import (
	"bytes"
	"compress/zlib"
	"hash/maphash"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestScanCountsPerValue: Scan mode (pii-scan --check, the handler's log
// action) counted a value twice when two readings of the same bytes saw
// it: a form-data part in quoted-printable, read decoded and raw (attack
// pass 34, F2), and a body labelled "Content-Encoding: deflate" whose zlib
// stream of stored blocks (its text as it is) is followed by other bytes,
// read decoded and then whole as text (attack pass 34, F3). A value is
// now counted once however many readings see it; a value only one reading
// sees still counts, and Redact is unchanged.
func TestScanCountsPerValue(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(37, 4))
	m1, m2 := synth.CNMobile(r), synth.CNMobile(r)
	zl := func(level int, text string) []byte {
		var b bytes.Buffer
		w, _ := zlib.NewWriterLevel(&b, level)
		if _, err := w.Write([]byte(text)); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	for _, tc := range []struct {
		name, ct, ce string
		body         []byte
		want         int // mobiles counted
	}{
		// decoded "tel M1", raw "tel M1" (was 2)
		{"qp part, one value", ctMultipart, "", []byte(ctePart("", "quoted-printable", "tel "+m1)), 1},
		// decoded "tel M1 phone" + 0x13 + 9 digits, raw "tel M1 phone=M2" (was 3)
		{"qp part, one value in both, one raw", ctMultipart, "", []byte(ctePart("", "quoted-printable", "tel "+m1+" phone="+m2)), 2},
		// stored zlib "tel=M1" then "&x=1", read decoded and whole (was 2)
		{"stored zlib and trailing bytes", "application/x-www-form-urlencoded", "deflate", append(zl(zlib.NoCompression, "tel="+m1), "&x=1"...), 1},
		// the same and a new value in the trailing bytes (was 3)
		{"stored zlib, new value after", "application/x-www-form-urlencoded", "deflate", append(zl(zlib.NoCompression, "tel="+m1), "&y="+m2...), 2},
		// the same value after the stream too: one value
		{"stored zlib, same value after", "application/x-www-form-urlencoded", "deflate", append(zl(zlib.NoCompression, "tel="+m1), "&y="+m1...), 1},
		// compressed: no text of the stream in the body, two values
		{"compressed zlib, new value after", "application/x-www-form-urlencoded", "deflate", append(zl(zlib.BestCompression, "tel="+m1), "&y="+m2...), 2},
		// decoded to bytes that are no text: the trailing value alone
		{"zlib of bytes, value after", "application/x-www-form-urlencoded", "deflate", append(zl(zlib.BestCompression, "\x00\x01\x02\x03\xff\xfe"), "&y="+m2...), 1},
	} {
		res, err := Inspect(eng, tc.body, tc.ct, tc.ce, Scan, Limits{})
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if got := res.Summary.Counts[detect.CNMobile]; got != tc.want || len(res.Findings) != tc.want {
			t.Errorf("%s: %d mobiles counted, %d findings, want %d", tc.name, got, len(res.Findings), tc.want)
		}
	}
}

// TestValueKey: the values a reading records are compared as written,
// spacing, dashes and full-width digits aside, within their category.
func TestValueKey(t *testing.T) {
	vs := &valueSet{seed: maphash.MakeSeed()}
	key := func(c detect.Category, s string) uint64 {
		return vs.key([]byte(s), detect.Finding{Category: c, Start: 0, End: len(s)})
	}
	same := [][2]string{{"13812345678", "138 1234 5678"}, {"13812345678", "138-1234-5678"}, {"13812345678", "１３８１２３４５６７８"}, {"a@B.cn", "A@b.cn"}}
	for _, p := range same {
		if key(detect.CNMobile, p[0]) != key(detect.CNMobile, p[1]) {
			t.Errorf("%q and %q: two values", p[0], p[1])
		}
	}
	if key(detect.CNMobile, "13812345678") == key(detect.CNMobile, "13812345679") {
		t.Error("two mobiles: one value")
	}
	if key(detect.CNMobile, "13812345678") == key(detect.Phone, "13812345678") {
		t.Error("two categories: one value")
	}
}
