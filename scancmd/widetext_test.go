package scancmd

import (
	"encoding/binary"
	"strings"
	"testing"
	"unicode/utf16"
)

// utf16Text spells s in UTF-16 in the given byte order, with or without
// its byte-order mark.
func utf16Text(s string, order binary.AppendByteOrder, bom bool) string {
	var b []byte
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xFEFF}, units...)
	}
	for _, u := range units {
		b = order.AppendUint16(b, u)
	}
	return string(b)
}

// fromUTF16 decodes UTF-16 text, reporting whether it is whole code units.
func fromUTF16(s string, order binary.ByteOrder) (string, bool) {
	if len(s)%2 != 0 {
		return "", false
	}
	units := make([]uint16, len(s)/2)
	for i := range units {
		units[i] = order.Uint16([]byte(s[2*i:]))
	}
	return string(utf16.Decode(units)), true
}

// TestWideText: a UTF-16 text file is read in its charset, as the handler
// reads a text/plain body: its mobile and ID are found, and the output is
// still UTF-16, masked in it, the rest as it was (a mask written in ASCII
// over its code units broke it).
func TestWideText(t *testing.T) {
	// ASCII first: without a mark, a NUL among the first bytes tells
	text := "log\n" + record() + "备注：无\n"
	for _, tc := range []struct {
		name  string
		order interface {
			binary.ByteOrder
			binary.AppendByteOrder
		}
		bom bool
	}{
		{"le-bom", binary.LittleEndian, true},
		{"be-bom", binary.BigEndian, true},
		{"le", binary.LittleEndian, false},
	} {
		for _, format := range []string{"auto", "text"} {
			t.Run(tc.name+"/"+format, func(t *testing.T) {
				src := writeFile(t, "notes.txt", utf16Text(text, tc.order, tc.bom))
				r := run(t, Options{Format: format, Mask: "full"}, []string{src}, "")
				if r.code != ExitFound {
					t.Fatalf("status %d (%v), want %d", r.code, r.err, ExitFound)
				}
				out, ok := fromUTF16(r.stdout, tc.order)
				if !ok {
					t.Fatalf("output is not UTF-16: %q", r.stdout)
				}
				out = strings.TrimPrefix(out, "\uFEFF")
				assertRedacted(t, out, testMobile, testID)
				if !strings.HasPrefix(out, "log\n客户登记：手机 ") || !strings.HasSuffix(out, "。\n备注：无\n") {
					t.Errorf("text around the values changed: %q", out)
				}
			})
		}
	}
}

// TestWideTextClean: clean UTF-16 text is written back byte for byte.
func TestWideTextClean(t *testing.T) {
	in := utf16Text("版本 1.2|3.4|5.6\n手机 未填写\n", binary.LittleEndian, true)
	r := run(t, Options{}, []string{writeFile(t, "clean.txt", in)}, "")
	if r.code != ExitClean || r.stdout != in {
		t.Errorf("status %d (%v), output %q, want %q", r.code, r.err, r.stdout, in)
	}
}

// TestWideTextOpeningWithCJK: UTF-16 text without a mark that opens with
// Chinese (no NUL byte among its first bytes) is read whole in UTF-16 too,
// in both orders: its ID and mobile are masked and the output is still
// UTF-16; clean such text is written back byte for byte.
func TestWideTextOpeningWithCJK(t *testing.T) {
	para := strings.Repeat("这是一个很长的中文段落，", 30)
	for _, order := range []interface {
		binary.ByteOrder
		binary.AppendByteOrder
	}{binary.LittleEndian, binary.BigEndian} {
		src := writeFile(t, "export.txt", utf16Text(para+record(), order, false))
		r := run(t, Options{Mask: "full"}, []string{src}, "")
		if r.code != ExitFound {
			t.Fatalf("%v: status %d (%v), want %d", order, r.code, r.err, ExitFound)
		}
		out, ok := fromUTF16(r.stdout, order)
		if !ok || !strings.HasPrefix(out, para) {
			t.Fatalf("%v: output is not the UTF-16 text: %q", order, r.stdout)
		}
		assertRedacted(t, out, testMobile, testID)
		in := utf16Text(para+"订单 12345，共 3 件。\n", order, false)
		if r := run(t, Options{}, []string{writeFile(t, "clean.txt", in)}, ""); r.code != ExitClean || r.stdout != in {
			t.Errorf("%v: clean: status %d (%v), output %q", order, r.code, r.err, r.stdout)
		}
	}
}
