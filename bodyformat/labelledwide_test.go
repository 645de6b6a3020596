package bodyformat

import (
	"bytes"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// spellWide spells s in cs (UTF-16 or UTF-32 of a set order), without a mark.
func spellWide(t *testing.T, cs *charset, s string) []byte {
	t.Helper()
	b, err := cs.encode([]byte(s), nil)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestWideLabelAlsoReadAsUTF8: a body labelled UTF-16 or UTF-32 whose
// bytes are UTF-8 text, after a mark of its label or with a NUL byte at
// its end (which kept it from the guard that fails such a body closed),
// passed unchanged with 0 findings, while fetch().text(),
// Response.json() and curl decode UTF-8 and show the value. It is read as
// UTF-8 too, and the value starred there: the body keeps its length.
func TestWideLabelAlsoReadAsUTF8(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	mob, id := synth.CNMobile(r), synth.CNID18(r)
	for _, tc := range []struct{ ct, body, value string }{
		{"text/plain; charset=utf-16le", "\xff\xfe手机 " + mob, mob},
		{"text/plain; charset=utf-16", "\xff\xfe手机 " + mob, mob},
		{"text/plain; charset=utf-16be", "\xfe\xff手机 " + mob + " ", mob},
		{"text/plain; charset=utf-16le", "手机 " + mob + "\x00", mob},
		{"text/plain; charset=utf-16", "tel " + mob + "\x00\x00", mob},
		{"application/json; charset=utf-16le", `{"tel":"` + mob + `"}` + "\x00\x00", mob},
		{"text/plain; charset=utf-32le", "\xff\xfe\x00\x00tel " + mob, mob},
		{"text/plain; charset=utf-32be", "\x00\x00\xfe\xff身份证 " + id, id},
		{"text/plain; charset=ucs-2", "\xff\xfe身份证号 " + id + "\x00", id},
		{"text/html; charset=utf-16le", "\xff\xfe<p>身份证 " + id + "</p>", id},
	} {
		body := []byte(tc.body)
		res, err := Inspect(eng, body, tc.ct, "", Redact, Limits{})
		if err != nil {
			t.Errorf("%s %q: %v", tc.ct, body, err)
			continue
		}
		if strings.Contains(visibleDigits(res.Body), tc.value) || len(res.Body) != len(body) || !res.Changed {
			t.Errorf("%s %q: %q (changed %v, %d findings)", tc.ct, body, res.Body, res.Changed, len(res.Findings))
		}
		if scan := mustInspect(t, eng, body, tc.ct, "", Scan); len(scan.Findings) != 1 {
			t.Errorf("%s %q: Scan mode: %d findings, want 1", tc.ct, body, len(scan.Findings))
		}
	}
}

// TestWideLabelRealTextIntact: real UTF-16 and UTF-32 bodies, so labelled,
// with and without a mark, go out byte for byte when clean; a mobile in
// one is found once (the UTF-8 reading of the bytes, NULs and all, finds
// it again) and masked, and the body stays valid in its charset.
func TestWideLabelRealTextIntact(t *testing.T) {
	eng := testEngine(t)
	mob := synth.CNMobile(rng(t.Name()))
	type label struct {
		ct string
		cs *charset
	}
	labels := []label{
		{"charset=utf-16le", csUTF16LE}, {"charset=utf-16be", csUTF16BE}, {"charset=utf-16", csUTF16LE},
		{"charset=utf-32le", csUTF32LE}, {"charset=utf-32be", csUTF32BE},
	}
	clean := []string{
		`{"note":"你好，世界","qty":12,"page":3,"v":"2024-12-31"}`,
		"订单 12，共 3 件\r\n第 2 行：1043 毫秒\r\n",
		"客户资料导出 😀 안녕하세요 第1页/共20页",
		strings.Repeat("陈钱韩薛银账户余额 ", 60),
	}
	for _, l := range labels {
		for _, mark := range []bool{false, true} {
			for _, mt := range []string{"text/plain", "application/json", "text/csv"} {
				ct := mt + "; " + l.ct
				for _, s := range clean {
					b := spellWide(t, l.cs, s)
					if mark {
						b = append([]byte(l.cs.bom), b...)
					}
					if res := mustInspect(t, eng, b, ct, "", Redact); res.Changed || !bytes.Equal(res.Body, b) || len(res.Findings) > 0 {
						t.Errorf("%s mark %v %q: altered: %+v", ct, mark, s, res.Findings)
					}
				}
				text := spellWide(t, l.cs, "手机 "+mob+" 你好")
				b := text
				if mark {
					b = append([]byte(l.cs.bom), b...)
				}
				res := mustInspect(t, eng, b, ct, "", Redact)
				if len(res.Body) < len(b)-len(text) {
					t.Fatalf("%s mark %v: %q", ct, mark, res.Body)
				}
				out := res.Body[len(b)-len(text):] // after the mark
				dec, err := l.cs.decode(out)
				if err != nil || !wideValid(out, l.cs) || strings.Contains(string(dec), mob) || bytes.Contains(bytes.ReplaceAll(res.Body, []byte{0}, nil), []byte(mob)) {
					t.Errorf("%s mark %v: %q", ct, mark, res.Body)
				}
				if scan := mustInspect(t, eng, b, ct, "", Scan); len(scan.Findings) != 1 || scan.Findings[0].Category != detect.CNMobile {
					t.Errorf("%s mark %v: Scan mode: %+v", ct, mark, scan.Findings)
				}
			}
		}
	}
}

// TestWideLabelStarsWholeUnits: a body labelled UTF-16LE that is valid
// UTF-16 (each digit the low byte of a surrogate, so that the pairs read
// as characters beyond the BMP) shows a mobile between U+FFFDs to a UTF-8
// reader. Starring its bytes would break a pair; the code units the value
// falls in are written as stars instead, and the body stays valid UTF-16.
func TestWideLabelStarsWholeUnits(t *testing.T) {
	eng := testEngine(t)
	mob := synth.CNMobile(rng(t.Name()))
	var b []byte
	b = append(b, "tel a\xd8"...) // 't','e' 'l',' ' then a high surrogate
	for k := range len(mob) {
		b = append(b, mob[k], "\xdc\xd8"[k%2]) // the last digit closes a pair
	}
	if !wideValid(b, csUTF16LE) {
		t.Fatalf("not valid UTF-16LE: %q", b)
	}
	res, err := Inspect(eng, b, "text/plain; charset=utf-16le", "", Redact, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(visibleDigits(res.Body), mob) || !wideValid(res.Body, csUTF16LE) || len(res.Body) != len(b) {
		t.Errorf("%q → %q (valid %v)", b, res.Body, wideValid(res.Body, csUTF16LE))
	}
	if !bytes.Contains(res.Body, []byte("*\x00*\x00")) {
		t.Errorf("%q → %q: not starred by code units", b, res.Body)
	}
}
