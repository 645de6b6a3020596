package detect

import "testing"

// TestAddressMaskKeepsSpelling checks that the partial mask of an address
// shows its city and district as written, numerals included.
func TestAddressMaskKeepsSpelling(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	text := "住址：河南省郑州市二七区大学路12号3栋401室"
	out, fs := e.Redact([]byte(text))
	if len(fs) != 1 || fs[0].Category != CNAddress {
		t.Fatalf("findings %+v", fs)
	}
	if want := "住址：河南省郑州市二七区****"; string(out) != want {
		t.Fatalf("got %q, want %q", out, want)
	}
}

// TestEngineRegressions holds inputs that once went wrong.
func TestEngineRegressions(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	for _, c := range []struct {
		text string
		want []Category
	}{
		{"邮箱是x@qq.com一定要回复", []Category{Email}},
		{"邮箱x@example.com两个都行", []Category{Email}},
		{"Call me at +4400000000000", nil},
		{"+2000000000000 is no number", nil},
	} {
		fs := e.Find([]byte(c.text))
		var got []Category
		for _, f := range fs {
			got = append(got, f.Category)
		}
		if len(got) != len(c.want) || (len(got) > 0 && got[0] != c.want[0]) {
			t.Errorf("%q: got %v, want %v", c.text, got, c.want)
		}
		out, _ := e.Redact([]byte(c.text))
		if again, _ := e.Redact(out); string(again) != string(out) {
			t.Errorf("%q: redacting twice changed %q to %q", c.text, out, again)
		}
	}
	for _, text := range []string{
		"+2000000000000 00000000@0000.AA三路00号",
		"…0@0AAAA.AAAAAddAAAAAA0山东省青岛市崂山区银杏街0号",
	} {
		out, _ := e.Redact([]byte(text))
		if again, _ := e.Redact(out); string(again) != string(out) {
			t.Errorf("%q: redacting twice changed %q to %q", text, out, again)
		}
	}
}

// TestOneLetterInFront checks that a letter put in front of a number
// hides it only when there is no label.
func TestOneLetterInFront(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	if fs := e.Find([]byte("mobile:a13812345678")); len(fs) != 1 || fs[0].Category != CNMobile {
		t.Errorf("labelled: %+v", fs)
	}
	if fs := e.Find([]byte("part X13812345678 in stock")); len(fs) != 0 {
		t.Errorf("unlabelled product code reported: %+v", fs)
	}
}

// TestLabelAcrossMarkup checks that a label in one HTML element applies to
// the value in the next.
func TestLabelAcrossMarkup(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	for _, text := range []string{
		"<dt>姓名</dt><dd>魏芳艳</dd>",
		"<tr><th>姓名</th><td>魏芳艳</td></tr>",
		"<label>姓名</label> <span>魏芳艳</span>",
	} {
		fs := e.Find([]byte(text))
		if len(fs) != 1 || fs[0].Category != CNName || text[fs[0].Start:fs[0].End] != "魏芳艳" {
			t.Errorf("%q: %+v", text, fs)
		}
	}
}
