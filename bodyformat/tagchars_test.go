package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// tagSpelled returns s spelled in the tag characters that mirror it.
func tagSpelled(s string) string {
	var b strings.Builder
	for _, c := range s {
		b.WriteRune(0xE0000 + c)
	}
	return b.String()
}

// TestTagCharacterSmuggling: the tag characters U+E0020–E007E mirror
// printable ASCII (TAG DIGIT ONE is U+E0031). Drawn as nothing, they are
// what "ASCII smuggling" hides text to a model with: LLMs read them as
// the ASCII they mirror, and a client decodes them with chr(ord(c) -
// 0xE0000). "tel <mobile>" spelled in tags, in a prompt sent to a model
// or in a page, is read so and its span masked: no tag digit of it is
// left.
func TestTagCharacterSmuggling(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 3 {
		m := synth.CNMobile(r)
		tags := tagSpelled("tel " + m)
		for _, c := range []struct{ ct, body string }{
			{"text/plain", "hello " + tags + " world"},
			{"application/json", `{"model":"x","messages":[{"role":"user","content":"summarise this ` + tags + `"}]}`},
		} {
			res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
			if !res.Changed || strings.Contains(string(res.Body), tagSpelled(m[3:7])) {
				t.Errorf("%s: a mobile in tag characters passes: %q -> %q", c.ct, c.body, res.Body)
			}
		}
	}
}

// TestDecodeTagChars: each tag character that mirrors ASCII is read as it,
// mapped back to where its four bytes start; the language tag, CANCEL
// TAG and other characters of the same lead bytes (a variation selector
// of U+E0100–E01EF) are kept as they are, and a text without tag
// characters decodes nothing.
func TestDecodeTagChars(t *testing.T) {
	text := "a" + tagSpelled("1 x") + "\U000E0001\U000E007F\U000E0100b"
	dec, offs, ok := decodeTagChars([]byte(text))
	if want := "a1 x\U000E0001\U000E007F\U000E0100b"; !ok || string(dec) != want {
		t.Fatalf("%q, %v: want %q", dec, ok, want)
	}
	for k, want := range []int32{0, 1, 5, 9} {
		if offs[k] != want {
			t.Errorf("offs[%d] = %d, want %d", k, offs[k], want)
		}
	}
	if len(offs) != len(dec)+1 || offs[len(dec)] != int32(len(text)) {
		t.Errorf("offsets %v end wrong", offs)
	}
	for _, clean := range []string{"plain 13812345678", "\U000E0001\U000E007F", "\U000E0100\U000E01EF", "🏴"} {
		if _, _, ok := decodeTagChars([]byte(clean)); ok {
			t.Errorf("%q decodes", clean)
		}
	}
}

// TestTagFlagKept: the tags of a subdivision's flag (🏴 + gbeng + CANCEL
// TAG) before a clean count are no identifier, and a mobile after one is
// still found.
func TestTagFlagKept(t *testing.T) {
	flag := "\U0001F3F4" + tagSpelled("gbeng") + "\U000E007F"
	m := synth.CNMobile(rng(t.Name()))
	if res := mustInspect(t, testEngine(t), []byte("go "+flag+" 2026 won 3 of 5"), "text/plain", "", Redact); res.Changed {
		t.Errorf("a flag is masked: %q", res.Body)
	}
	if res := mustInspect(t, testEngine(t), []byte("call "+flag+m), "text/plain", "", Redact); !res.Changed || strings.Contains(string(res.Body), m) {
		t.Errorf("a mobile after a flag passes: %q", res.Body)
	}
}
