package fieldtext

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// testFinder is bodyformat.FindText on a default engine.
func testFinder() Finder {
	eng := detect.MustCompile(detect.Policy{FingerprintKey: []byte("fieldtext-test")})
	return func(text []byte, hint detect.CategorySet) []detect.Finding {
		fs, err := bodyformat.FindText(eng, text, hint)
		if err != nil {
			panic(err) // (no test text is unreadable)
		}
		return fs
	}
}

// overlong2, overlong3 and overlong4 write each byte of s as an overlong
// two-, three- or four-byte UTF-8 sequence, percent-escaped.
func overlong2(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		fmt.Fprintf(&b, "%%C%X%%%02X", c>>6, 0x80|c&0x3f)
	}
	return b.String()
}

func overlong4(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		fmt.Fprintf(&b, "%%F0%%80%%%02X%%%02X", 0x80|c>>6, 0x80|c&0x3f)
	}
	return b.String()
}

func overlong3(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		fmt.Fprintf(&b, "%%E0%%%02X%%%02X", 0x80|c>>6, 0x80|c&0x3f)
	}
	return b.String()
}

// TestOverlongEscapesRead checks that a mobile or ID written as overlong
// UTF-8 escapes (which lenient decoders turn into ASCII digits) is found
// in a query, a path and a header value, and that the mask replaces the
// escapes with the text around them kept byte for byte.
func TestOverlongEscapesRead(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	find := testFinder()
	mob, id := synth.CNMobile(r), synth.CNID18X(r)
	for _, tc := range []struct{ pre, secret, post string }{
		{"/u?a=1&x=", overlong2(mob), "&b=2"},
		{"/u?x=", overlong3(mob), ""},
		{"/u?x=", overlong4(mob), ""},
		{"/u?x=" + mob[:3], overlong4(mob[3:7]), mob[7:]},
		{"/u/", overlong2(id), "/edit"},
		{"/u/", overlong2(id[:9]) + id[9:], ""},
		{"tel: ", overlong2(mob), " end"},
	} {
		in := tc.pre + tc.secret + tc.post
		out, fs := Redact(find, in, 0)
		if len(fs) == 0 || strings.Contains(out, tc.secret) || !strings.HasPrefix(out, tc.pre) || !strings.HasSuffix(out, tc.post) {
			t.Errorf("%q became %q (%d findings)", in, out, len(fs))
		}
	}
}

// TestOverlongCleanKept checks that values with overlong escapes of no
// identifier (a traversal probe, short numbers, GBK-escaped words whose
// bytes are C0/C1 lead bytes) and escapes that are not overlong stay as
// they are.
func TestOverlongCleanKept(t *testing.T) {
	find := testFinder()
	for _, in := range []string{
		"/scripts/..%c0%af../winnt/system32/cmd.exe?/c+dir",
		"/u?page=" + overlong2("12") + "&sort=desc",
		"/search?q=%C0%B6%C1%A6%C0%B4%C1%BD&page=2", // GBK words
		"/u?x=%C0%31%C0%32",                         // not continuation bytes
		"/order/" + overlong2("2024063012345"),
		"/u?x=%E0%A0%80",
	} {
		if out, fs := Redact(find, in, 0); out != in || len(fs) != 0 {
			t.Errorf("%q became %q (%d findings)", in, out, len(fs))
		}
	}
}

// TestFoldOverlongFolds checks the fold on 4 MB of sequences, of near
// misses and of lead bytes: a value no longer than the input with an
// offset a byte (the fold is one forward pass by construction).
func TestFoldOverlongFolds(t *testing.T) {
	for name, unit := range map[string]string{
		"sequences":   "\xc0\xb1",
		"three-byte":  "\xe0\x80\xb1",
		"near misses": "\xc0\xe0\x80",
		"lead bytes":  "\xc0",
	} {
		in := []byte(strings.Repeat(unit, 4<<20/len(unit)))
		out, offs := foldOverlong(in, nil)
		if len(out) > len(in) || offs != nil && len(offs) != len(out)+1 {
			t.Errorf("%s: %d bytes to %d, %d offsets", name, len(in), len(out), len(offs))
		}
	}
}
