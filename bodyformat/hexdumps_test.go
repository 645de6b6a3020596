package bodyformat

import (
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// hexGroups writes the hex of s in groups of n digits set apart by sep,
// each group after prefix.
func hexGroups(s string, n int, sep, prefix string) string {
	h := hex.EncodeToString([]byte(s))
	var parts []string
	for k := 0; k < len(h); k += n {
		parts = append(parts, prefix+h[k:min(k+n, len(h))])
	}
	return strings.Join(parts, sep)
}

// xxdLines writes s as xxd does, perLine bytes a line in groups of two
// bytes, each line after its offset, and after each line ascii(line) (an
// ASCII column, or none when ascii returns "").
func xxdLines(s string, perLine int, ascii func(string) string) string {
	var b strings.Builder
	for off := 0; off < len(s); off += perLine {
		line := s[off:min(off+perLine, len(s))]
		fmt.Fprintf(&b, "%08x: %s", off, hexGroups(line, 4, " ", ""))
		if a := ascii(line); a != "" {
			b.WriteString("  " + a)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestHexDumpShapesRead: text sent as hex in the shapes dump tools and
// source code write it is read as that text: xxd's groups of four digits
// (with its offsets, its ASCII column dotted or cut off, wrapped over
// lines), C and JavaScript arrays of 0x bytes, bytes set apart by two
// spaces, a tab or a dot, xxd -p's lines, a byte that is no UTF-8 or a
// protobuf field's tag and length around the text, a UTF-16 byte-order
// mark, a letter glued after the digits (Buffer.from reads up to it).
func TestHexDumpShapesRead(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	dots := func(s string) string { return strings.Repeat(".", len(s)) }
	none := func(string) string { return "" }
	for range 5 {
		mob, id, card := synth.CNMobile(r), synth.CNID18X(r), synth.UnionPayCard(r)
		for _, v := range []string{mob, id, card, "手机号码：" + mob} {
			ident := v[len(v)-11:] // its last eleven bytes: the mobile after the label
			hx := hex.EncodeToString([]byte(v))
			pad := "note: call   " // the identifier across a line break
			for _, body := range []string{
				"00000000: " + hexGroups(v, 4, " ", ""),
				xxdLines(v, 16, dots),
				xxdLines(v, 16, none),
				xxdLines(pad+v, 16, dots),
				xxdLines(pad+v, 16, none),
				xxdLines(pad+v, 8, dots),
				"unsigned char buf[] = {" + hexGroups(v, 2, ", ", "0x") + "};",
				"const b = [" + hexGroups(v, 2, ",", "0x") + "];",
				"unsigned char buf[] = {\n  " + hexGroups(v[:8], 2, ", ", "0x") + ",\n  " + hexGroups(v[8:], 2, ", ", "0x") + "\n};",
				hexGroups(v, 2, " ", "0x"),
				hexGroups(v, 2, "  ", ""),
				hexGroups(v, 2, "\t", ""),
				hexGroups(v, 2, ".", ""),
				hexGroups(v[:8], 2, " ", "") + "\n" + hexGroups(v[8:], 2, " ", ""),
				hexGroups(v[:8], 2, " ", "") + "  " + hexGroups(v[8:], 2, " ", ""), // hexdump -C's gap
				"00000000  " + hexGroups((pad + v)[:16], 2, " ", "") + "\n00000010  " + hexGroups((pad + v)[16:], 2, " ", ""),
				hexGroups(pad+v, 30, "\n", ""), // xxd -p
				hx + "ff",
				"ff" + hx,
				"0a" + fmt.Sprintf("%02x", len(v)) + hx + "1001",
				"fffe" + hex.EncodeToString(utf16LE(v)), // ASCII text only: UTF-16 is read when every other byte is zero
				"feff" + hex.EncodeToString(utf16BE(v)),
				"hex=" + hx + "z",
				"ff" + hex.EncodeToString([]byte("mobile number ")) + "ff" + hex.EncodeToString([]byte(" "+v)), // no UTF-8 inside, one in twenty
			} {
				if strings.HasPrefix(body, "f") && strings.Contains(body, "00") && v[0] >= 0x80 {
					continue
				}
				res := mustInspect(t, eng, []byte(body), "text/plain", "", Redact)
				if !res.Changed || strings.Contains(string(res.Body), hex.EncodeToString([]byte(ident[3:9]))) {
					t.Errorf("leaks:\nin:  %q\nout: %q", body, res.Body)
				}
			}
			// xxd's ASCII column shown, the identifier over two lines: both
			// columns' digits go with the hex
			for _, perLine := range []int{16, 8} {
				body := xxdLines(pad+v, perLine, xxdColumn)
				res := mustInspect(t, eng, []byte(body), "text/plain", "", Redact)
				if strings.Contains(string(res.Body), hex.EncodeToString([]byte(ident[3:9]))) ||
					strings.Contains(string(res.Body), ident[len(ident)-5:]) || strings.Contains(string(res.Body), ident[:3]+"\n") {
					t.Errorf("leaks:\nin:  %q\nout: %q", body, res.Body)
				}
			}
		}
	}
}

// xxdColumn is xxd's ASCII column of line: printable ASCII as it is,
// every other byte a dot.
func xxdColumn(line string) string {
	b := []byte(line)
	for k, c := range b {
		if c < 0x20 || c >= 0x7F {
			b[k] = '.'
		}
	}
	return string(b)
}

// utf16BE writes ASCII s as UTF-16, big endian.
func utf16BE(s string) []byte {
	var u []byte
	for k := range len(s) {
		u = append(u, 0, s[k])
	}
	return u
}

// TestHexDumpLookalikesIntact: what looks like a dump but spells no
// identifier stays as it is, byte for byte: hashes, UUIDs, colours, MAC
// addresses, Git SHAs, CSS, dumps of binary data and of clean text,
// arrays of bytes of other data, dates and tables of numbers.
func TestHexDumpLookalikesIntact(t *testing.T) {
	eng := testEngine(t)
	for _, clean := range []string{
		"sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
		"commit 0b8f5461c2d9e0a7b3f4c5d6e7f8091a2b3c4d5e\nparent ea30711c06b4e7af424e3133383132333435363738",
		"uuid 550e8400-e29b-41d4-a716-446655440000 550e8400-e29b-41d4-a716-446655440001",
		".a { color: #313338; background: #313233 } .b { color: #343536 }",
		"mac 00:1a:2b:3c:4d:5e 00:1a:2b:3c:4d:5f 00:1a:2b:3c:4d:60",
		"00000000: 4865 6c6c 6f2c 2077 6f72 6c64 2120 3132  Hello, world! 12\n00000010: 3334 3536 0a                             3456.\n",
		"00000000: 7f45 4c46 0201 0100 0000 0000 0000 0000  .ELF............\n00000010: 0300 3e00 0100 0000 3133 3800 0000 0000  ..>.....138.....\n",
		"unsigned char png[] = {0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52};",
		"const key = [0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x30, 0x31, 0x32, 0x33];",
		"dates 2026-12-05 2026-12-06 2026-12-07 2026-12-08 2026-12-09 2026-12-10",
		"times 10:30:45 11:30:45 12:30:45 13:30:45",
		"scores 31  33  38  31  32  33  34  35  36  37  39  40",
		"ip 10.31.33.38 10.31.32.33 version 3.1.33.38",
		"a1b2c3d4e5f60718293a4b5c6d7e8f90\na1b2c3d4e5f60718293a4b5c6d7e8f91\n",
	} {
		if res := mustInspect(t, eng, []byte(clean), "text/plain", "", Redact); res.Changed {
			t.Errorf("%q -> %q", clean, res.Body)
		}
	}
}

// TestHexDumpRandomIntact: random bytes written as hex in the shapes the
// reading reads (blobs, xxd dumps, C arrays, spaced and dotted bytes, xxd
// -p lines, protobuf fields) spell nothing the engine finds once read.
func TestHexDumpRandomIntact(t *testing.T) {
	eng := testEngine(t)
	for name, shape := range hexRandomShapes() {
		r := rng(t.Name() + name)
		found := 0
		for range 500 {
			b := make([]byte, 32)
			for k := range b {
				b[k] = byte(r.UintN(256))
			}
			found += hexReadingFinds(eng, []byte(shape(string(b))))
		}
		if found > 0 {
			t.Errorf("%s: %d findings in the hex reading of 500 random dumps", name, found)
		}
	}
}

// hexReadingFinds returns how many findings the engine makes in the hex
// reading of body that touch a byte the reading decoded (not one it
// copied as it is).
func hexReadingFinds(eng *detect.Engine, body []byte) int {
	dec, o, ok := decodeHexText(body, new(hexDump))
	if !ok {
		return 0
	}
	n := 0
	for _, f := range eng.Find(dec) {
		for k := f.Start; k < f.End; k++ {
			if o[k+1]-o[k] != 1 || dec[k] != body[o[k]] {
				n++
				break
			}
		}
	}
	return n
}

// hexRandomShapes are the shapes TestHexDumpRandomIntact writes random
// bytes in.
func hexRandomShapes() map[string]func(string) string {
	return map[string]func(string) string{
		"blob": func(s string) string { return "blob " + hex.EncodeToString([]byte(s)) },
		"xxd": func(s string) string {
			return xxdLines(s, 16, func(l string) string { return strings.Repeat(".", len(l)) })
		},
		"xxd column": func(s string) string { return xxdLines(s, 16, xxdColumn) },
		"hexdump -C": func(s string) string {
			return "00000000  " + hexGroups(s[:16], 2, " ", "") + "  |" + xxdColumn(s[:16]) + "|\n00000010  " + hexGroups(s[16:], 2, " ", "") + "  |" + xxdColumn(s[16:]) + "|\n"
		},
		"C array":  func(s string) string { return "{" + hexGroups(s, 2, ", ", "0x") + "}" },
		"spaced":   func(s string) string { return hexGroups(s, 2, " ", "") },
		"dotted":   func(s string) string { return hexGroups(s, 2, ".", "") },
		"xxd -p":   func(s string) string { return hexGroups(s, 16, "\n", "") },
		"protobuf": func(s string) string { return "0a20" + hex.EncodeToString([]byte(s)) },
		"od -x":    func(s string) string { return wordLines(s, 2, 16, "%07o ", " ") },
		"hexdump":  func(s string) string { return wordLines(s, 2, 16, "%07x ", " ") },
		"xxd -e":   func(s string) string { return wordLines(s, 4, 16, "%08x: ", " ") },
		"odd byte": func(s string) string { return hexGroups(s[:1], 2, "", "") + " " + hexGroups(s[1:], 4, " ", "") },
	}
}
