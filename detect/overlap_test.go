package detect

import (
	"strings"
	"testing"
)

// TestOverlapsCovered: of two hits that overlap, one stays and covers
// what the other covered beyond it, so no part of either goes out raw;
// with star masks that part becomes a star a character, with a label
// the label stands for the whole span.
func TestOverlapsCovered(t *testing.T) {
	text := "ab京A0000京cd@ef.gh xyz"
	plate := strings.Index(text, "京A")
	at := strings.Index(text, "@")
	for _, c := range []struct {
		mask MaskStyle
		want string
	}{
		{MaskFull, "ab" + strings.Repeat("*", len([]rune("京A0000京cd@ef.gh"))) + " xyz"},
		{MaskLabel, "ab[CN_PLATE] xyz"},
	} {
		e := MustCompile(Policy{FingerprintKey: []byte("k"), Mask: c.mask})
		s := e.newScanner([]byte(text), 0)
		// a plate (more confident) and an address starting inside it
		s.add(hit{Start: plate, End: plate + len("京A0000"), cat: catIndex(CNPlate.index())}, 0.95, 0, []byte("京A0000"))
		s.add(hit{Start: plate + len("京A"), End: at + len("@ef.gh"), cat: catIndex(Email.index())}, 0.9, 0, []byte("0000京cd@ef.gh"))
		fs := s.finish(0)
		if len(fs) != 1 || fs[0].Category != CNPlate || fs[0].Start != plate || fs[0].End != at+len("@ef.gh") {
			t.Fatalf("%s: %+v", c.mask, fs)
		}
		if got := text[:fs[0].Start] + fs[0].Masked + text[fs[0].End:]; got != c.want {
			t.Errorf("%s: %q, want %q", c.mask, got, c.want)
		}
		scannerPool.Put(s)
	}
}

// TestOverlapRegressions holds inputs whose overlapping hits once left a
// part raw that a second redaction then found.
func TestOverlapRegressions(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	for _, text := range []string{"区0-0-0#0@A.AA", "京A00000京@0.AA", "京A12345张三@qq.com", "x zhang@qq.com 1wang@qq.com"} {
		out, fs := e.Redact([]byte(text))
		if len(fs) == 0 || strings.Contains(string(out), "@A.AA") || strings.Contains(string(out), "@0.AA") {
			t.Errorf("%q -> %q (%+v)", text, out, fs)
		}
		if again, _ := e.Redact(out); string(again) != string(out) {
			t.Errorf("%q -> %q -> %q", text, out, again)
		}
	}
}
