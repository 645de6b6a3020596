package bodyformat

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// qpAll spells s in quoted-printable with every byte escaped.
func qpAll(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, "=%02X", s[i])
	}
	return b.String()
}

// TestMessageBodiesDecoded: an e-mail sent whole (message/rfc822, alone
// or as a part) is read as a mail reader shows it: its body decoded from
// quoted-printable (escapes, soft line breaks) or base64, its headers
// read.
func TestMessageBodiesDecoded(t *testing.T) {
	r := rng(t.Name())
	for range 3 {
		id, m := synth.CNID18(r), synth.CNMobile(r)
		qp := "From: a@example.org\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" +
			"tel " + qpAll(m) + "\r\nID " + id[:9] + "=\r\n" + id[9:] + "\r\n"
		b64 := "Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
			base64.StdEncoding.EncodeToString([]byte("tel "+m+"\nID "+id)) + "\r\n"
		header := "Subject: call " + m + "\r\n\r\nhello\r\n"
		mixed := "--b\r\nContent-Type: message/rfc822\r\n\r\n" + qp + "\r\n--b--\r\n"
		for _, c := range []struct{ name, ct, body string }{
			{"quoted-printable", "message/rfc822", qp},
			{"base64", "message/rfc822", b64},
			{"header", "message/rfc822", header},
			{"part of multipart/mixed", "multipart/mixed; boundary=b", mixed},
			{"untyped quoted-printable mail", "", qp},
		} {
			res := mustInspect(t, testEngine(t), []byte(c.body), c.ct, "", Redact)
			shown := strings.ReplaceAll(string(res.Body), "=\r\n", "")
			for _, raw := range []string{m, qpAll(m), id} {
				if strings.Contains(shown, raw) {
					t.Errorf("%s: %q survives: %q", c.name, raw, res.Body)
				}
			}
			if !hasCategory(res.Findings, detect.CNMobile) {
				t.Errorf("%s: findings %+v", c.name, res.Findings)
			}
			if c.name != "header" && !strings.Contains(string(res.Body), "Content-Transfer-Encoding:") {
				t.Errorf("%s: the headers changed: %q", c.name, res.Body)
			}
		}
	}
}

// TestMessageNestingBounded: messages nested in messages deeper than
// parts may nest are uninspectable, not read at a cost that grows with
// their depth.
func TestMessageNestingBounded(t *testing.T) {
	body := "hello " + synth.CNMobile(rng(t.Name()))
	for range 200 {
		body = "Content-Type: message/rfc822\r\n\r\n" + body
	}
	if _, err := Inspect(testEngine(t), []byte(body), "message/rfc822", "", Redact, Limits{}); err == nil {
		t.Error("nested 200 deep: no error")
	}
}
