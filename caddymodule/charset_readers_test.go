package caddymodule

import (
	"bytes"
	"image"
	"image/png"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"
)

// utf8Shown returns the ASCII digits of b as a UTF-8 decoder shows it
// (fetch().text(), a terminal behind curl): invalid bytes are U+FFFD,
// which a reader skips.
func utf8Shown(b []byte) string {
	var sb strings.Builder
	for _, r := range strings.ToValidUTF8(string(b), string(utf8.RuneError)) {
		if r >= '0' && r <= '9' {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// TestLabelledTextReadAsUTF8Too: a response labelled charset=gb18030 (or
// gbk), of any text type, whose ID digits each follow a byte 0x81 (one
// GB18030 character for each two digits, so the filter honouring the
// label saw no digits) reaches the client with the ID masked as a UTF-8
// reader shows the body; a clean GB18030 page goes out byte for byte.
func TestLabelledTextReadAsUTF8Too(t *testing.T) {
	var v strings.Builder
	for _, c := range []byte(testID) {
		v.WriteByte(0x81)
		v.WriteByte(c)
	}
	for _, tc := range []struct{ ct, body string }{
		{"text/plain; charset=gb18030", `{"idCard":"` + v.String() + `"}`},
		{"text/html; charset=gbk", "<p>" + v.String() + "</p>"},
		{"text/csv; charset=gb18030", "id\n" + v.String() + "\n"},
	} {
		h, _ := newHandler(t, Handler{})
		w, err := serve(h, get("/export"), respondWith(http.StatusOK, map[string]string{"Content-Type": tc.ct}, []byte(tc.body)))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(utf8Shown(w.Body.Bytes()), testID) {
			t.Errorf("%s: the ID as a UTF-8 reader shows it: %q", tc.ct, w.Body.Bytes())
		}
	}
	clean := []byte("\xc4\xe3\xba\xc3\xa3\xac\xb6\xa9\xb5\xa5 12345\xa3\xac\xb9\xb2 3 \xbc\xfe") // 你好，订单 12345，共 3 件 in GBK
	h, _ := newHandler(t, Handler{})
	w, err := serve(h, get("/page"), respondWith(http.StatusOK, map[string]string{"Content-Type": "text/plain; charset=gb18030"}, clean))
	if err != nil || !bytes.Equal(w.Body.Bytes(), clean) {
		t.Errorf("clean GB18030 text: %q (%v)", w.Body.Bytes(), err)
	}
}

// TestWideLabelledUTF8ReadAsUTF8Too: a response labelled UTF-16 or UTF-32
// whose bytes are UTF-8 text after a mark of the label, or with NUL bytes
// at its end, goes out with the ID starred as fetch().text() and curl
// (which decode UTF-8 whatever the label) show it; clean UTF-16 text so
// labelled goes out byte for byte.
func TestWideLabelledUTF8ReadAsUTF8Too(t *testing.T) {
	for _, tc := range []struct{ ct, body string }{
		{"text/plain; charset=utf-16le", "\xff\xfe身份证 " + testID},
		{"text/plain; charset=utf-16", "身份证 " + testID + "\x00"},
		{"application/json; charset=utf-16le", `{"idCard":"` + testID + `"}` + "\x00\x00"},
		{"text/plain; charset=utf-32le", "\xff\xfe\x00\x00id " + testID},
	} {
		h, _ := newHandler(t, Handler{})
		w, err := serve(h, get("/export"), respondWith(http.StatusOK, map[string]string{"Content-Type": tc.ct}, []byte(tc.body)))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(utf8Shown(w.Body.Bytes()), testID) {
			t.Errorf("%s: the ID as a UTF-8 reader shows it: %q", tc.ct, w.Body.Bytes())
		}
	}
	clean := append([]byte("\xff\xfe"), utf16LE("你好，订单 12345，共 3 件")...)
	h, _ := newHandler(t, Handler{})
	w, err := serve(h, get("/page"), respondWith(http.StatusOK, map[string]string{"Content-Type": "text/plain; charset=utf-16le"}, clean))
	if err != nil || !bytes.Equal(w.Body.Bytes(), clean) {
		t.Errorf("clean UTF-16 text: %q (%v)", w.Body.Bytes(), err)
	}
}

// TestMarklessUTF16OpeningWithCJK: UTF-16LE text without a byte-order
// mark or a charset that opens with Chinese (few NUL bytes in its head)
// and then gives an ID, untyped, as application/octet-stream and as
// text/plain: a receiver that reads UTF-16 (a Windows export, Python's
// .decode("utf-16")) gets the ID masked; clean such text and a PNG go out
// byte for byte.
func TestMarklessUTF16OpeningWithCJK(t *testing.T) {
	para := strings.Repeat("这是一个很长的中文段落", 30)
	body := []byte(utf16LE(para + "身份证号" + testID))
	clean := []byte(utf16LE(para + "订单 12345，共 3 件"))
	var pngBuf bytes.Buffer
	img := image.NewGray(image.Rect(0, 0, 32, 32))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	if err := png.Encode(&pngBuf, img); err != nil {
		t.Fatal(err)
	}
	for _, ct := range []string{"", "application/octet-stream", "text/plain"} {
		hdr := map[string]string{}
		if ct != "" {
			hdr["Content-Type"] = ct
		}
		h, _ := newHandler(t, Handler{})
		w, err := serve(h, get("/export"), respondWith(http.StatusOK, hdr, body))
		if err != nil {
			t.Fatal(err)
		}
		assertNoRaw(t, "mark-less UTF-16LE as "+ct+", decoded as UTF-16LE", fromUTF16LE(w.Body.Bytes()))
		if !strings.Contains(fromUTF16LE(w.Body.Bytes()), "身份证号") {
			t.Errorf("%q: the text around the ID was lost", ct)
		}
		for name, b := range map[string][]byte{"clean UTF-16 text": clean, "PNG": pngBuf.Bytes()} {
			h, _ := newHandler(t, Handler{})
			w, err := serve(h, get("/export"), respondWith(http.StatusOK, hdr, b))
			if err != nil || !bytes.Equal(w.Body.Bytes(), b) {
				t.Errorf("%s as %q: altered (%v)", name, ct, err)
			}
		}
	}
}
