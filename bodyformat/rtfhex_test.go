package bodyformat

import (
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestRTFReadAsShown: an RTF document's text is read as a word processor
// shows it: digits spelled \uN? or \'hh, set apart by formatting groups
// and control words, or after a Chinese label spelled \uN with a code
// page's fallback, make one number.
func TestRTFReadAsShown(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		mob, id := synth.CNMobile(r), synth.CNID18(r)
		var u, q, b strings.Builder
		for _, c := range mob {
			fmt.Fprintf(&u, "\\u%d?", c)
			fmt.Fprintf(&q, "\\'%x", c)
			fmt.Fprintf(&b, "%c\\b\\b0 ", c)
		}
		for _, body := range []string{
			`{\rtf1\ansi tel ` + u.String() + `\par}`,
			`{\rtf1\ansi tel ` + q.String() + `\par}`,
			`{\rtf1\ansi tel ` + b.String() + `\par}`,
			`{\rtf1\ansi tel {\b ` + mob[:3] + `}{\i ` + mob[3:] + `}\par}`,
			"{\\rtf1\\ansi\\ansicpg936 \\uc2\\u36523\\'c9\\'ed\\u20221\\'b7\\'dd\\u35777\\'d6\\'a4 " + id[:9] + "\r\n" + id[9:] + "\\par}",
		} {
			res := mustInspect(t, eng, []byte(body), "application/rtf", "", Redact)
			if !res.Changed {
				t.Errorf("%q: unchanged", body)
			}
		}
	}
	clean := `{\rtf1\ansi{\fonttbl\f0\fswiss Helvetica;}\f0\pard Invoice 2026-12-05, total 1380.50\par}`
	if res := mustInspect(t, eng, []byte(clean), "application/rtf", "", Redact); res.Changed {
		t.Errorf("%q -> %q", clean, res.Body)
	}
}

// TestHexTextRead: text sent as hex digits (any case) is read as the
// text it decodes to, in the shapes of a dump (after 0x, bytes set apart
// by a space, a colon, a dash, a comma or written \x31, an odd leading
// zero, NUL bytes around it, UTF-16 either way); hashes, keys, MAC
// addresses and long numbers are not text.
func TestHexTextRead(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		mob := synth.CNMobile(r)
		for _, v := range []string{
			hex.EncodeToString([]byte(mob)),
			hex.EncodeToString([]byte("手机:" + mob)),
			strings.ToUpper(hex.EncodeToString([]byte("tel " + mob))),
			"0x" + hex.EncodeToString([]byte(mob)),
			"0" + hex.EncodeToString([]byte(mob)),
			"0000" + hex.EncodeToString([]byte(mob)) + "00",
			hexBytes(mob, " ", ""), hexBytes(mob, ":", ""), hexBytes(mob, "-", ""), hexBytes(mob, ",", ""),
			hexBytes(mob, "", `\x`),
			hexBytes("\x00"+strings.Join(strings.Split(mob, ""), "\x00"), "", ""),
			hexBytes(strings.Join(strings.Split(mob, ""), "\x00")+"\x00", " ", ""),
		} {
			body := `{"payload":"` + v + `"}`
			res := mustInspect(t, eng, []byte(body), "application/json", "", Redact)
			if !res.Changed || strings.Contains(string(res.Body), v) {
				t.Errorf("%q -> %q", body, res.Body)
			}
		}
	}
	for _, clean := range []string{
		"sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
		"id 550e8400e29b41d4a716446655440000 order 2024120512345678901234",
		"key 3132333435363738393a3b3c3d3e3f40", // digits and punctuation, no identifier
		"mac 00:1a:2b:3c:4d:5e gateway 00:1a:2b:3c:4d:5f:60:71:82:93:a4",
		"uuid 550e8400-e29b-41d4-a716-446655440000",
		"scores 12 34 56 78 90 12 34 56 78 90 12 34",
	} {
		if res := mustInspect(t, eng, []byte(clean), "text/plain", "", Redact); res.Changed {
			t.Errorf("%q -> %q", clean, res.Body)
		}
	}
}

// hexBytes writes s as hex, each byte after prefix, bytes set apart by sep.
func hexBytes(s, sep, prefix string) string {
	parts := make([]string, len(s))
	for k := range len(s) {
		parts[k] = prefix + hex.EncodeToString([]byte{s[k]})
	}
	return strings.Join(parts, sep)
}
