package bodyformat

import (
	"bytes"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// gbkLabels are the labels WHATWG maps to GBK, and the code page names
// Python and Java know it by: a browser reads every one as GBK, and the
// servers behind them (Python's gbk and gb2312 codecs, Java's GBK and
// GB2312) know two-byte codes only.
var gbkLabels = []string{
	"gbk", "GBK", "x-gbk", "cp936", "ms936", "windows-936",
	"gb2312", "GB2312", "gb_2312", "GB_2312-80", "csgb2312", "chinese", "iso-ir-58",
	"csiso58gb231280", "euc-cn", "x-euc-cn",
}

// strictGBKBody returns a GBK body whose mobile m holds two GB18030
// four-byte codes a two-byte decoder reads as errors and digits
// ("tel 138\x811\x822345678").
func strictGBKBody(m string) []byte {
	body := append([]byte("\xb5\xe7\xbb\xb0 tel "+m[:3]), 0x81, m[3], 0x82, m[4])
	return append(body, m[5:]+" ok\n"...)
}

// TestStrictGBKEveryGBKLabel (attack pass 33, F4): every label of GBK,
// the GB2312 ones included (read as GB18030 before, where Python's gb2312
// codec shows "tel 13812345678" with errors="ignore"), is read as a
// two-byte GBK decoder shows it, with or without a UTF-8 byte-order mark
// before the body, by its Content-Type or by a page's <meta charset>;
// the mobile is found once in Scan mode. The gb18030 label is not: its
// decoders (Python's gb18030, Java's GB18030) read 81 31 82 32 as one
// character, and the body goes out as it came.
func TestStrictGBKEveryGBKLabel(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for _, label := range gbkLabels {
		if cs := labelCharset(label); cs != csGBK {
			t.Errorf("label %q reads as %v, want gbk", label, cs)
			continue
		}
		m := synth.CNMobile(r)
		body := strictGBKBody(m)
		page := append([]byte(`<html><head><meta charset="`+label+`"></head><p>`), body...)
		for _, c := range []struct {
			ct   string
			body []byte
		}{
			{"text/plain; charset=" + label, body},
			{"application/json; charset=" + label, body},
			{"text/plain; charset=" + label, append([]byte("\xef\xbb\xbf"), body...)},
			{"application/json; charset=" + label, append([]byte("\xef\xbb\xbf"), body...)},
			{"text/html", page},
			{"text/html", append([]byte("\xef\xbb\xbf"), page...)},
		} {
			res := mustInspect(t, eng, c.body, c.ct, "", Redact)
			if view, _ := strictGBKView(res.Body); bytes.Contains(view, []byte(m)) {
				t.Errorf("%s: %q went out as %q: a two-byte GBK decoder shows the mobile", c.ct, c.body, res.Body)
			}
			if bytes.HasPrefix(c.body, []byte("\xef\xbb\xbf")) && !bytes.HasPrefix(res.Body, []byte("\xef\xbb\xbf")) {
				t.Errorf("%s: %q went out as %q: the byte-order mark is gone", c.ct, c.body, res.Body)
			}
			if scan := mustInspect(t, eng, c.body, c.ct, "", Scan); scan.Summary.Counts[detect.CNMobile] != 1 {
				t.Errorf("%s: %q: Scan counts %d mobiles, want 1", c.ct, c.body, scan.Summary.Counts[detect.CNMobile])
			}
		}
	}
	m := synth.CNMobile(r)
	body := strictGBKBody(m)
	if cs := labelCharset("gb18030"); cs != csGB18030 || strictGBK(body, cs) {
		t.Fatalf("gb18030 reads as %v, strict %v", cs, strictGBK(body, cs))
	}
	if res := mustInspect(t, eng, body, "text/plain; charset=gb18030", "", Redact); res.Changed {
		t.Errorf("gb18030: %q went out as %q", body, res.Body)
	}
}

// TestStrictGBKDeclaredOverUTF8Label (attack pass 33, F4): an XML
// document labelled UTF-8 whose declaration names GBK or GB2312 is read
// in the declaration by the XML parser it is handed to (Java's
// DocumentBuilder: two-byte GBK), so it is read as a two-byte GBK decoder
// shows it too (it went out as it came before).
func TestStrictGBKDeclaredOverUTF8Label(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for _, label := range []string{"GBK", "GB2312"} {
		m := synth.CNMobile(r)
		doc := append([]byte(`<?xml version="1.0" encoding="`+label+`"?><a>`), strictGBKBody(m)...)
		doc = append(doc, "</a>"...)
		res := mustInspect(t, eng, doc, "application/xml; charset=utf-8", "", Redact)
		if view, _ := strictGBKView(res.Body); bytes.Contains(view, []byte(m)) {
			t.Errorf("%s: %q went out as %q: a two-byte GBK decoder shows the mobile", label, doc, res.Body)
		}
	}
}

// TestStrictGBKDroppedBytesBetweenDigits (attack pass 33, F4): bytes
// Python's gbk, gb2312 and gb18030 codecs drop with errors="ignore"
// between the digits of a mobile (a lone FF or 80, a user-defined pair
// A1 A0 the WHATWG index maps to the private use area) glue them there:
// "138\xff12345678" is 13812345678. Such a body is masked under every
// label: the mobile is gone from it with those bytes taken out.
func TestStrictGBKDroppedBytesBetweenDigits(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for _, glue := range []string{"\xff", "\x80", "\xa1\xa0"} {
		for _, label := range []string{"gbk", "gb2312", "cp936", "gb18030"} {
			m := synth.CNMobile(r)
			body := []byte("\xb5\xe7\xbb\xb0 tel " + m[:3] + glue + m[3:] + " ok\n")
			for _, ct := range []string{"text/plain; charset=" + label, "application/json; charset=" + label} {
				res := mustInspect(t, eng, body, ct, "", Redact)
				if bytes.Contains(bytes.ReplaceAll(res.Body, []byte(glue), nil), []byte(m)) {
					t.Errorf("%s: %q went out as %q: dropping %q shows the mobile", ct, body, res.Body, glue)
				}
			}
		}
	}
}
