package caddymodule

import (
	"html"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestNestedDocumentsRedacted: a page with the mobile in an iframe's
// srcdoc (split by a tag), reversed in a <bdo dir=rtl>, and an e-mail
// sent whole with the ID in quoted-printable: none reaches the client as
// it would show it.
func TestNestedDocumentsRedacted(t *testing.T) {
	rev := []byte(testMobile)
	slices.Reverse(rev)
	var qp strings.Builder
	for i := 0; i < len(testID); i++ {
		qp.WriteString("=" + strings.ToUpper(strconv.FormatInt(int64(testID[i])|0x100, 16)[1:]))
	}
	for _, c := range []struct{ name, ct, body string }{
		{"srcdoc", "text/html", `<iframe srcdoc="` + html.EscapeString("<p>tel "+testMobile[:3]+"<b></b>"+testMobile[3:]+"</p>") + `"></iframe>`},
		{"bdo", "text/html", `<p>tel <bdo dir="rtl">` + string(rev) + `</bdo></p>`},
		{"message", "message/rfc822", "Subject: r\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nID " + qp.String() + "\r\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			h, logs := newHandler(t, Handler{})
			hdr := map[string]string{"Content-Type": c.ct, "Content-Length": strconv.Itoa(len(c.body))}
			w, err := serve(h, get("/doc"), respondWith(200, hdr, []byte(c.body)))
			if err != nil || w.Code != 200 {
				t.Fatalf("status %d, err %v", w.Code, err)
			}
			body := w.Body.String()
			shown := strings.NewReplacer("<b></b>", "", "&lt;b&gt;&lt;/b&gt;", "").Replace(html.UnescapeString(body))
			assertNoRaw(t, "response as shown", shown)
			if strings.Contains(body, string(rev[:6])) || strings.Contains(body, qp.String()[:18]) {
				t.Errorf("response keeps the value encoded: %q", body)
			}
			if len(incidents(logs)) != 1 {
				t.Errorf("incidents = %v", incidents(logs))
			}
			assertLogsClean(t, logs)
		})
	}
}
