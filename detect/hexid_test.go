package detect_test

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// randomUUID returns a UUID of random hex digits, each a decimal digit
// with probability decimal (a random one: 10/16).
func randomUUID(r *rand.Rand, decimal float64) string {
	var b strings.Builder
	for i, l := range []int{8, 4, 4, 4, 12} {
		if i > 0 {
			b.WriteByte('-')
		}
		for range l {
			if r.Float64() < decimal {
				b.WriteByte("0123456789"[r.IntN(10)])
			} else {
				b.WriteByte("abcdef"[r.IntN(6)])
			}
		}
	}
	return b.String()
}

// isDecimal reports whether s holds decimal digits alone.
func isDecimal(s string) bool {
	return strings.Trim(s, "0123456789") == ""
}

// TestUUIDRandomKeptWhole: random UUIDs, and ones mostly or wholly of
// decimal digits, are kept whole without a label, in prose, a query and
// JSON, however their segments read (an all-decimal last segment, one
// that is a trunk 0 and a mobile, an all-decimal UUID).
func TestUUIDRandomKeptWhole(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	r := seeded(seedOf(t.Name()))
	decimalLast, trunk, allDecimal := 0, 0, 0
	for i := 0; i < 6000; i++ {
		var u string
		switch i % 3 {
		case 0:
			u = randomUUID(r, 10.0/16)
		case 1:
			u = randomUUID(r, 0.97)
		default:
			// the last segment a trunk 0 and a mobile
			u = randomUUID(r, 10.0/16)[:24] + "0" + synth.CNMobile(r)
		}
		last := u[24:]
		if isDecimal(last) {
			decimalLast++
		}
		if last[0] == '0' && isDecimal(last) && last[1] == '1' && last[2] >= '3' {
			trunk++
		}
		if isDecimal(strings.ReplaceAll(u, "-", "")) {
			allDecimal++
		}
		for _, text := range []string{u, "id " + u + " done", "?id=" + u + "&x=1", `{"id":"` + u + `"}`} {
			if out, fs := e.Redact([]byte(text)); !bytes.Equal(out, []byte(text)) {
				t.Errorf("%q became %q: %s", text, out, describe(text, fs))
			}
		}
	}
	// the populations hold the shapes asked about
	if decimalLast < 2000 || trunk < 2000 || allDecimal < 50 {
		t.Fatalf("too few: %d all-decimal last segments, %d trunk mobiles, %d all-decimal UUIDs", decimalLast, trunk, allDecimal)
	}
}

// TestUUIDTrunkMobileAfterLabel: a UUID's all-decimal last segment that is
// a trunk 0 and a mobile is masked after a mobile's label before the UUID
// (手机 <uuid>), hex or all-decimal, and only that segment; another
// label, or none, keeps it whole.
func TestUUIDTrunkMobileAfterLabel(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	r := seeded(seedOf(t.Name()))
	for i := 0; i < 50; i++ {
		m := synth.CNMobile(r)
		head := randomUUID(r, 10.0/16)[:24]
		if i%2 == 1 {
			head = randomUUID(r, 1)[:24]
		}
		u := head + "0" + m
		for _, label := range []string{"手机 ", "手机号：", "联系电话: ", "mobile=", "Tel: "} {
			text := label + u + " ok"
			out, fs := e.Redact([]byte(text))
			if bytes.Contains(out, []byte(m[3:7])) || !bytes.HasPrefix(out, []byte(label+head)) || !bytes.HasSuffix(out, []byte(" ok")) {
				t.Errorf("%q went out as %q", text, out)
			}
			if len(fs) != 1 || fs[0].Category != detect.CNMobile || fs[0].Start != len(label)+24 || fs[0].End != len(label)+36 {
				t.Errorf("%q: want the last segment as a mobile, got %s", text, describe(text, fs))
			}
		}
		// a label whose value came before is not the UUID's
		m2 := synth.CNMobile(r)
		if text := "手机 " + m2 + " " + u; !found(e, text, detect.CNMobile) || len(e.Find([]byte(text))) != 1 {
			t.Errorf("%q: want the first mobile alone, got %s", text, describe(text, e.Find([]byte(text))))
		}
		// a key naming a mobile ("mobile": "<uuid>") is its label too; a
		// key naming something else is not
		if out, fs := e.RedactHinted([]byte(u), detect.NewCategorySet(detect.CNMobile)); bytes.Contains(out, []byte(m[3:7])) || len(ofCategory(fs, detect.CNMobile)) != 1 {
			t.Errorf("hinted %q went out as %q", u, out)
		}
		if out, _ := e.RedactHinted([]byte(u), detect.NewCategorySet(detect.Email)); !bytes.Equal(out, []byte(u)) {
			t.Errorf("hinted email %q became %q", u, out)
		}
		for _, text := range []string{u, "订单 " + u, "身份证 " + u, u + " 手机"} {
			if out, _ := e.Redact([]byte(text)); !bytes.Equal(out, []byte(text)) {
				t.Errorf("%q became %q", text, out)
			}
		}
	}
	// a last segment with a hex letter, or no allocated prefix after the
	// 0, is no mobile behind the label either
	for _, text := range []string{
		"手机 4a4cd359-0369-4187-8000-01381234567a",
		"手机 4a4cd359-0369-4187-8000-012012345678",
		"手机 4a4cd359-0369-4187-8000-113812345678",
	} {
		if out, _ := e.Redact([]byte(text)); !bytes.Equal(out, []byte(text)) {
			t.Errorf("%q became %q", text, out)
		}
	}
}

// TestUUIDAllDecimal: a UUID of decimal digits alone is kept whole like
// one with letters (no landline read across its middle segments), while
// a number before or past it is read, and the other hex-ID shapes written in
// decimal (two card numbers joined by '-' are a B3 header's shape) are not
// kept whole.
func TestUUIDAllDecimal(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	r := seeded(seedOf(t.Name()))
	for i := 0; i < 50; i++ {
		u := randomUUID(r, 1)
		m := synth.CNMobile(r)
		for _, text := range []string{u, "uuid " + u + "。", u + "\n" + u} {
			if out, _ := e.Redact([]byte(text)); !bytes.Equal(out, []byte(text)) {
				t.Errorf("%q became %q", text, out)
			}
		}
		// a number before or after it is read, the UUID kept whole
		for _, text := range []string{u + "-" + m, u + " " + m, m + " " + u, m + "-" + u, "1 2 " + m + " " + u} {
			out, fs := e.Redact([]byte(text))
			if !bytes.Contains(out, []byte(u)) || bytes.Contains(out, []byte(m[3:7])) || len(fs) != 1 {
				t.Errorf("%q went out as %q: %s", text, out, describe(text, fs))
			}
		}
		// behind a label, a UUID whose first segment is decimal is no
		// local number or QQ number
		h := u[:9] + "acaa" + u[13:]
		for _, label := range []string{"电话：", "Tel: ", "QQ: ", "qq号 "} {
			if out, _ := e.Redact([]byte(label + h)); !bytes.Equal(out, []byte(label+h)) {
				t.Errorf("%q became %q", label+h, out)
			}
		}
		if out, _ := e.RedactHinted([]byte(h), detect.NewCategorySet(detect.CNLandline, detect.QQ)); !bytes.Equal(out, []byte(h)) {
			t.Errorf("hinted %q became %q", h, out)
		}
		c1, c2 := synth.Visa(r), synth.Visa(r)
		for _, text := range []string{c1 + "-" + c2, c1[:8] + "-" + c1[8:12] + "-" + c1[12:] + "-1234"} {
			if out, _ := e.Redact([]byte(text)); bytes.Contains(out, []byte(c1[6:12])) {
				t.Errorf("LEAK %q went out as %q", text, out)
			}
		}
	}
}
