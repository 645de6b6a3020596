package bodyformat

import (
	"bytes"
	"strings"
	"testing"
)

func TestIsText(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	for _, c := range []struct {
		ct   string
		head []byte
		want bool
	}{
		{"text/plain", nil, true},
		{"text/html; charset=utf-8", nil, true},
		{"TEXT/CSV", nil, true},
		{"application/json", nil, true},
		{"application/problem+json", nil, true},
		{"application/vnd.api+json; charset=utf-8", nil, true},
		{"application/xml", nil, true},
		{"application/atom+xml", nil, true},
		{"application/xhtml+xml", nil, true},
		{"application/javascript", nil, true},
		{"application/x-www-form-urlencoded", nil, true},
		{"multipart/form-data; boundary=x", nil, true},
		{"multipart/mixed; boundary=x", nil, true},
		{"application/x-ndjson", nil, true},
		{"application/graphql", nil, true},
		{"text/plain; charset=\"unterminated", nil, true}, // bad parameters, good type
		{"image/png", []byte("13812345678"), true},        // the bytes decide, not the label
		{"image/png", png, false},
		{"image/svg+xml", nil, true}, // SVG is XML text
		{"audio/mpeg", nil, false},
		{"video/mp4", nil, false},
		{"font/woff2", nil, false},
		{"application/zip", nil, false},
		{"application/pdf", nil, false},
		{"application/x-protobuf", []byte("text"), true},
		{"application/grpc", nil, true}, // binary, read by its structure
		{"application/x-msgpack", nil, true},
		// sniffed
		{"", []byte(`{"a":1}`), true},
		{"", []byte("姓名：张三"), true},
		{"", []byte("plain words"), true},
		{"", png, false},
		{"", []byte("a\x00b"), false},
		{"", nil, false},
		{"application/octet-stream", []byte("hello, 世界"), true},
		{"application/octet-stream", []byte{0x1f, 0x8b, 0x08, 0, 0, 0}, false},
		{"application/octet-stream", append([]byte("valid text then a cut rune "), "世"[:2]...), true},
		{"application/octet-stream", []byte("\x01\x02 control but valid UTF-8"), true},
		{"application/octet-stream", []byte("GBK \xd5\xc5\xc8\xfd text"), true}, // the sniffer calls it text
		// no signature, no NUL: bytes of no known format, read for the
		// text they hold (unknownText; it was binary, and a few such
		// bytes hid a form after them)
		{"application/octet-stream", []byte("\x01\x02 control and \xff"), true},
		{"image/png", []byte("\x01\x02 control and \xff"), false},
		// UTF-16 and UTF-32: by byte-order mark or by the NULs of mostly-ASCII text
		{"", []byte("{\x00\"\x00a\x00\"\x00:\x001\x00}\x00"), true},
		{"application/octet-stream", []byte("\x00{\x00\"\x00a\x00\"\x00:\x001\x00}"), true},
		{"", []byte("{\x00\x00\x00\"\x00\x00\x00a\x00\x00\x00"), true},
		{"", []byte("\x00\x00\xfe\xff\x00\x00\x59\xd3"), true},
		{"", []byte("\xff\xfe\xd3\x59\x0d\x54"), true},
		{"", []byte("\x01\x00\x02\x00\x03\x00\x04\x00"), false},
		{"application/octet-stream", []byte("a\x00\x00\x00\x00\x00\x00\x00"), false},
	} {
		if got := IsText(c.ct, c.head); got != c.want {
			t.Errorf("IsText(%q, %q) = %v, want %v", c.ct, c.head, got, c.want)
		}
	}
}

func TestSniffLooksOnlyAtTheHead(t *testing.T) {
	head := append([]byte(strings.Repeat("text ", 200)), 0)
	if !sniffText(head) {
		t.Error("a NUL after the first 512 bytes made the head binary")
	}
	wide := []byte(strings.Repeat("t\x00", sniffLen/2) + "\x01\x00")
	if !sniffText(wide) {
		t.Error("a control after the first 512 bytes made UTF-16 text binary")
	}
}

func TestTrimPartialRune(t *testing.T) {
	for _, c := range []struct {
		in, want string
	}{
		{"abc", "abc"},
		{"ab世", "ab世"},
		{"ab" + "世"[:1], "ab"},
		{"ab" + "世"[:2], "ab"},
		{"ab" + "😀"[:3], "ab"},
		{"ab\xff", "ab\xff"},
		{"", ""},
	} {
		if got := trimPartialRune([]byte(c.in)); !bytes.Equal(got, []byte(c.want)) {
			t.Errorf("trimPartialRune(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestMediaType(t *testing.T) {
	for _, c := range []struct {
		ct, mt, boundary string
	}{
		{"", "", ""},
		{"Application/JSON; charset=UTF-8", "application/json", ""},
		{`multipart/form-data; boundary="a b"`, "multipart/form-data", "a b"},
		{"text/html; =broken", "text/html", ""},
	} {
		mt, params := mediaType(c.ct)
		if mt != c.mt || params["boundary"] != c.boundary {
			t.Errorf("mediaType(%q) = %q %v, want %q boundary %q", c.ct, mt, params, c.mt, c.boundary)
		}
	}
}
