package detect_test

import (
	"bytes"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// Addresses in any script are found whole behind a label, and their
// partial mask keeps only the local part's first character.
func TestInternationalEmails(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("eai")})
	r := rand.New(rand.NewPCG(11, 10))
	for range 500 {
		v := synth.EmailIntl(r)
		for _, label := range []string{"email: ", "邮箱：", "E-mail:\t"} {
			text := label + v + " 。"
			fs := e.Find([]byte(text))
			if !covers(fs, detect.Email, len(label), len(label)+len(v)) {
				t.Errorf("%q: not found whole: %v", text, fs)
				continue
			}
			first, _ := utf8.DecodeRuneInString(v)
			at := strings.LastIndexByte(v, '@')
			want := strings.ToLower(string(first)) + "***@" + strings.ToLower(v[at+1:])
			if fs[0].Masked != want {
				t.Errorf("%q: masked %q, want %q", text, fs[0].Masked, want)
			}
		}
	}
}

// Chinese text glued to an address is not its local part or its domain.
func TestTextGluedToAnAddress(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("eai")})
	r := rand.New(rand.NewPCG(11, 11))
	for range 200 {
		addr := synth.Email(r)
		for _, c := range []struct{ before, after string }{
			{"联系我", "一定要回复"}, {"\n我的邮箱是", "。谢谢"}, {"邮箱", ".谢谢"}, {"发到", "，多谢"},
		} {
			text := c.before + addr + c.after
			fs := e.Find([]byte(text))
			start := len(c.before)
			if len(fs) != 1 || fs[0].Start != start || fs[0].End != start+len(addr) {
				t.Errorf("%q: %v, want one e-mail at [%d:%d]", text, fs, start, start+len(addr))
			}
		}
	}
}

// A top-level domain runs into what follows it (x@qq.com-abc,
// x@qq.com13812345678): the address ends where the TLD's letters end, as
// a reader sees it, and digits after it are read on their own.
func TestTextGluedAfterTheDomain(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("eai")})
	r := rand.New(rand.NewPCG(12, 12))
	for range 50 {
		addr, mobile := synth.Email(r), synth.CNMobile(r)
		for _, c := range []struct {
			after string
			cats  []detect.Category
		}{
			{"-abc", []detect.Category{detect.Email}},
			{"-" + mobile, []detect.Category{detect.Email, detect.CNMobile}},
			{mobile, []detect.Category{detect.Email, detect.CNMobile}},
		} {
			text := addr + c.after
			out, fs := e.Redact([]byte(text))
			for _, cat := range c.cats {
				if !hasCategory(fs, cat) {
					t.Errorf("%q: %v, want %s", text, fs, cat)
				}
			}
			if bytes.Contains(out, []byte(addr)) || bytes.Contains(out, []byte(mobile)) {
				t.Errorf("%q -> %q shows a value", text, out)
			}
			if again, _ := e.Redact(out); !bytes.Equal(again, out) {
				t.Errorf("%q -> %q -> %q", text, out, again)
			}
		}
	}
}

// Digits right after an address's mask (z***@qq.com13812345678) are read
// on their own, as they are after the address itself: a value written
// after a masked-looking address went out raw.
func TestDigitsAfterAnAddressMask(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("eai")})
	r := rand.New(rand.NewPCG(13, 13))
	for range 50 {
		addr, mobile, id := synth.Email(r), synth.CNMobile(r), synth.CNID18(r)
		masked := addr[:1] + "***" + addr[strings.IndexByte(addr, '@'):]
		for _, c := range []struct {
			value string
			cat   detect.Category
		}{{mobile, detect.CNMobile}, {id, detect.CNID}} {
			text := masked + c.value
			out, fs := e.Redact([]byte(text))
			if !hasCategory(fs, c.cat) || bytes.Contains(out, []byte(c.value)) {
				t.Errorf("%q -> %q %v, want %s", text, out, fs, c.cat)
			}
			if again, _ := e.Redact(out); !bytes.Equal(again, out) {
				t.Errorf("%q -> %q -> %q", text, out, again)
			}
		}
	}
}

// An address whose local part starts with punctuation or a symbol is
// masked without it (%0@0.aa: ****@0.aa): "%***" would open Markdown
// emphasis that the next address's mask closes (%***@0.aa 0***@0.aa),
// and a renderer would hide the stars of both.
func TestAddressMaskOpensNoEmphasis(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("eai")})
	r := rand.New(rand.NewPCG(14, 14))
	// three stars that may open emphasis: after punctuation other than a
	// star, a symbol, white space or the text's start, and before the '@'
	opener := regexp.MustCompile(`(^|[^*\pL\pN])\*\*\*@`)
	for range 20 {
		addr := synth.Email(r)
		for _, p := range []string{"%", "!", "#", "+", "-", "_", "~", "$"} {
			text := p + addr + " " + addr
			out, _ := e.Redact([]byte(text))
			if opener.Match(out) {
				t.Errorf("%q -> %q", text, out)
			}
			if again, _ := e.Redact(out); !bytes.Equal(again, out) {
				t.Errorf("%q -> %q -> %q", text, out, again)
			}
		}
	}
}
