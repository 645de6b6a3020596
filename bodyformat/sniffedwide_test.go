package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestNULBetweenDigitsInSniffedWideBody: a NUL after each digit of an ID
// makes a body look like UTF-16 by its NUL bytes (sniffWide), which it is
// read in; a browser reads it as UTF-8 (its label, or fetch's and
// EventSource's UTF-8) and draws the NULs as nothing. The bytes are read
// as UTF-8 text too, and the ID is masked.
func TestNULBetweenDigitsInSniffedWideBody(t *testing.T) {
	eng := testEngine(t)
	id := synth.CNID18(rng(t.Name()))
	v := spaced(id, "\x00")
	for _, tc := range []struct{ ct, body string }{
		{"text/plain; charset=utf-8", "身份证 " + v},
		{"text/plain", "id: " + v},
		{"text/html; charset=utf-8", "<p>" + v + "</p>"},
		{"application/json", `{"idCard":"` + v + `"}`},
		{"text/event-stream", "data: " + v + "\n\n"},
	} {
		res := mustInspect(t, eng, []byte(tc.body), tc.ct, "", Redact)
		if strings.Contains(visibleDigits(res.Body), id) {
			t.Errorf("%s: the ID went out whole: %q", tc.ct, res.Body)
		}
		if !maskedBetweenDigits([]byte(tc.body), res.Body) {
			t.Errorf("%s: more than the value changed: %q", tc.ct, res.Body)
		}
	}
}

// TestSniffedWideBodyReadOnce: a UTF-16LE body without a mark is read in
// UTF-16 and as UTF-8 text; a mobile in it is found once (the UTF-8
// reading finds the same value again) and masked, and clean UTF-16 text
// with short numbers passes byte for byte.
func TestSniffedWideBodyReadOnce(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	body := utf16LE(`{"note":"你好","phone":"` + m + `","n":12}`)
	res := mustInspect(t, eng, body, "application/json", "", Scan)
	if len(res.Findings) != 1 || res.Findings[0].Category != detect.CNMobile {
		t.Errorf("scan: %+v", res.Findings)
	}
	res = mustInspect(t, eng, body, "application/json", "", Redact)
	if len(res.Body) != len(body) || strings.Contains(visibleDigits(res.Body), m) {
		t.Errorf("redact: %q", res.Body)
	}
	for _, clean := range []string{`{"note":"你好","qty":12,"page":3,"v":"2024-12-31"}`, "order 12, 3 items\r\nline 2: 1043 ms\r\n"} {
		b := utf16LE(clean)
		for _, ct := range []string{"application/json", "text/plain"} {
			if res := mustInspect(t, eng, b, ct, "", Redact); res.Changed || len(res.Findings) > 0 {
				t.Errorf("%s %q: %q %+v", ct, clean, res.Body, res.Findings)
			}
		}
	}
}

// TestSniffedWideBodyStarsValueFoundBefore: a UTF-16 body (by its NUL
// bytes) gives a mobile in UTF-16, masked there, and the same mobile again
// in bytes only a UTF-8 reader shows (a control byte after each digit,
// U+0131 … in UTF-16): the second is starred too, though the value was
// found before and counts once.
func TestSniffedWideBodyStarsValueFoundBefore(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	body := append(utf16LE("手机 "+m+" 又 "), spaced(m, "\x01")...)
	res := mustInspect(t, eng, body, "text/plain", "", Redact)
	if strings.Contains(visibleDigits(res.Body), m) || strings.Contains(strings.ReplaceAll(string(res.Body), "\x00", ""), m) {
		t.Errorf("a mobile went out: %q", res.Body)
	}
	if scan := mustInspect(t, eng, body, "text/plain", "", Scan); len(scan.Findings) != 1 {
		t.Errorf("Scan mode: %d findings, want 1", len(scan.Findings))
	}
}
