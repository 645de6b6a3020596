package bodyformat

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestLegacyLookClusters: a fallback decoding is read for its digits only
// when they cluster (clusterDigits within clusterGap of each other) with
// one that is no ASCII digit; scattered numerals, a cluster of ASCII
// digits (which UTF-8 shows the same) and short clusters are not.
func TestLegacyLookClusters(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"１３８００１３８０００", true},
		{"tel １-３８ 0 0１", true},
		{"一三八〇〇一三八〇〇〇", true},
		{"12345", false},
		{"１２３４", false},
		{"１xxxx２xxxx３xxxx４xxxx５", false},
		{"１).(３８).(６３).(３３", true},
		{"手机 １８６ - ６３３３ - ２０３７", true},
		{"１８６　　　６３３３　　　２０３７", true},
		{"１８６   ６３３３   ２０３７", true},
		{"今天一早，三人去了第二家店，九点回来", false},
	} {
		var look legacyLook
		got := false
		for _, c := range tc.text {
			if look.add(c) {
				got = true
				break
			}
		}
		if got != tc.want {
			t.Errorf("%q: cluster %v, want %v", tc.text, got, tc.want)
		}
	}
}

// TestUnlabelledGBKNameWithoutDigits: a body with no charset in GBK bytes
// that shows a labelled name and an address and no digit at all is read in
// GBK, as a browser in a Chinese locale shows it (its bytes are no UTF-8):
// the name is masked in GBK's bytes.
func TestUnlabelledGBKNameWithoutDigits(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	name, addr := synth.CNName(r), synth.CNAddress(r)
	text := "收件人：" + name + "，地址：" + strings.Map(func(c rune) rune {
		if c >= '0' && c <= '9' {
			return '号'
		}
		return c
	}, addr) + "。\n"
	body, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	for _, ct := range []string{"text/plain", "text/html", "application/json", ""} {
		res := mustInspect(t, eng, body, ct, "", Redact)
		shown, _ := simplifiedchinese.GBK.NewDecoder().Bytes(res.Body)
		if strings.Contains(string(shown), name) {
			t.Errorf("%q: GBK shows the name: %q", ct, shown)
		}
	}
}

// TestUnlabelledValidUTF8ReadAsUTF8ByPrograms: valid UTF-8 that Big5 would
// show as a mobile's full-width digits is read in Big5 only for the types
// a browser shows through its charset detector: JSON, event streams and
// JSON lines are read as UTF-8 by the programs that take them (fetch,
// EventSource, JSON.parse), so there it goes out as it came, with no
// fallback reading's cost.
func TestUnlabelledValidUTF8ReadAsUTF8ByPrograms(t *testing.T) {
	eng := testEngine(t)
	mob := synth.CNMobile(rng(t.Name()))
	var sb strings.Builder
	sb.WriteString(`{"note":"`)
	for _, c := range mob {
		sb.WriteString("\xf0\x9f\xa2")
		sb.WriteByte(byte(0xaf + c - '0'))
	}
	sb.WriteString(`"}`)
	body := []byte(sb.String())
	if shown, _ := traditionalchinese.Big5.NewDecoder().Bytes(body); !strings.Contains(asciiDigits(string(shown)), mob) {
		t.Fatalf("Big5 does not show the digits: %q", shown)
	}
	for _, ct := range []string{"application/json", "text/event-stream", "application/x-ndjson"} {
		if mojibakeShown(ct, nil, body, utf8Of(body)) {
			t.Errorf("%q: read in the fallback charsets", ct)
		}
		if res := mustInspect(t, eng, body, ct, "", Redact); !bytes.Equal(res.Body, body) {
			t.Errorf("%q: altered: %q", ct, res.Body)
		}
	}
	if !mojibakeShown("text/plain", nil, body, utf8Of(body)) {
		t.Errorf("text/plain: not read in Big5")
	}
	var out bytes.Buffer
	s := NewStream(eng, &out, StreamLines, StreamOptions{Mode: Redact, Unlabelled: true, MediaType: "application/x-ndjson"})
	if _, err := io.Copy(s, bytes.NewReader(append(body, '\n'))); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), append(body, '\n')) {
		t.Errorf("ndjson stream: altered: %q", out.Bytes())
	}
}

// TestIsDigitRuneEveryRune: isDigitRune's fast paths answer as
// unicode.IsDigit (and the digits Unicode added after Go's tables,
// detect.DecimalDigit) and the list of Chinese numerals do, for every
// rune.
func TestIsDigitRuneEveryRune(t *testing.T) {
	const numerals = "〇零一二三四五六七八九壹贰叁肆伍陆柒捌玖幺两拐勾"
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if want := unicode.IsDigit(r) || detect.DecimalDigit(r) || strings.ContainsRune(numerals, r); isDigitRune(r) != want {
			t.Fatalf("isDigitRune(%U) = %v, want %v", r, !want, want)
		}
	}
}

// TestMayShowWideDigitNoMiss: a byte string whose fallback decoding shows
// a non-ASCII digit always holds a marked pair (mayShowWideDigit); random
// bytes, random valid UTF-8 of Chinese text and every digit each charset
// encodes, behind a prefix of every length mod 4.
func TestMayShowWideDigitNoMiss(t *testing.T) {
	r := rng(t.Name())
	showsWide := func(b []byte, cs *charset) bool {
		text, _ := cs.enc.NewDecoder().Bytes(b)
		for _, c := range string(text) {
			if c >= utf8.RuneSelf && isDigitRune(c) {
				return true
			}
		}
		return false
	}
	check := func(b []byte) {
		for k, cs := range fallbackCharsets {
			if showsWide(b, cs) && wideDigitCharsets(b)&(1<<k) == 0 {
				t.Fatalf("% x: %s shows a digit, no pair of it marked", b, cs.name)
			}
		}
	}
	for c := rune(utf8.RuneSelf); c <= unicode.MaxRune; c++ {
		if !isDigitRune(c) {
			continue
		}
		for i, cs := range fallbackCharsets {
			enc, err := cs.enc.NewEncoder().Bytes([]byte(string(c)))
			if err != nil {
				continue
			}
			for k := range 4 {
				b := append([]byte(strings.Repeat("x", k)), enc...)
				if wideDigitCharsets(b)&(1<<i) == 0 {
					t.Fatalf("%U in %s: no pair marked", c, cs.name)
				}
			}
		}
	}
	han := []rune("今天天气很好我们去公园散步吧电话号码地址北京上海")
	for range 20000 {
		b := make([]byte, r.IntN(24))
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		check(b)
		var sb strings.Builder
		for range r.IntN(12) {
			if r.IntN(3) == 0 {
				sb.WriteRune(rune(0x80 + r.IntN(0x2ff80)))
			} else {
				sb.WriteRune(han[r.IntN(len(han))])
			}
		}
		check([]byte(sb.String()))
	}
	if mayShowWideDigit([]byte("tel 13800138000, ok")) {
		t.Errorf("ASCII: a pair marked")
	}
}

// TestNoGapEveryRune: noGap's fast paths answer as the tables do.
func TestNoGapEveryRune(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := r == utf8.RuneError || unicode.IsSpace(r) || unicode.Is(unicode.Cf, r)
		if noGap(r) != want {
			t.Fatalf("noGap(%U) = %v, want %v", r, !want, want)
		}
	}
}
