package caddymodule

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// fullWidthDigits spells ASCII digits full-width.
func fullWidthDigits(s string) string {
	var sb strings.Builder
	for _, c := range s {
		if c >= '0' && c <= '9' {
			c += '０' - '0'
		}
		sb.WriteRune(c)
	}
	return sb.String()
}

// TestStreamedLegacyCharsets: a response in GBK bytes with a mobile in
// full-width digits, streamed ("Incremental: ?1" text or JSON, JSON lines
// without a length, server-sent events), with no charset (a browser in a
// Chinese locale shows it in GBK) or labelled gbk (buffered whole and read
// in GBK): the mobile does not go out readable in GBK. The same streams
// of clean GBK text go out byte for byte (attack pass 23).
func TestStreamedLegacyCharsets(t *testing.T) {
	gbk := func(s string) []byte {
		b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for _, secret := range []bool{true, false} {
		val := "一二三，今天天气很好"
		if secret {
			val = fullWidthDigits(testMobile)
		}
		text, js := gbk("电话 "+val+"\n"), gbk(`{"tel":"`+val+`"}`+"\n")
		for _, tc := range []struct {
			ct   string
			inc  bool
			body []byte
		}{
			{"text/plain", true, text},
			{"", true, text},
			{"application/json", true, js},
			{"application/x-ndjson", false, js},
			{"text/event-stream", false, append([]byte("data: "), text...)},
			{"text/plain; charset=gbk", true, text},
			{"application/x-ndjson; charset=gbk", false, js},
			{"text/event-stream; charset=gbk", false, append([]byte("data: "), text...)},
			{"text/plain", false, text},
		} {
			h, _ := newHandler(t, Handler{})
			w := httptest.NewRecorder()
			next := func(rw http.ResponseWriter, r *http.Request) error {
				if tc.ct != "" {
					rw.Header().Set("Content-Type", tc.ct)
				}
				if tc.inc {
					rw.Header().Set("Incremental", "?1")
				}
				_, err := rw.Write(tc.body)
				return err
			}
			err := h.ServeHTTP(w, get("/"), caddyhttp.HandlerFunc(next))
			switch {
			case secret && err == nil:
				shown, _ := simplifiedchinese.GBK.NewDecoder().Bytes(w.Body.Bytes())
				if strings.Contains(string(shown), fullWidthDigits(testMobile)) {
					t.Errorf("%q incremental=%v: the mobile shows in GBK: %q", tc.ct, tc.inc, w.Body.Bytes())
				}
			case !secret && (err != nil || !bytes.Equal(w.Body.Bytes(), tc.body)):
				t.Errorf("%q incremental=%v clean: err %v, out %q", tc.ct, tc.inc, err, w.Body.Bytes())
			}
		}
	}
}
