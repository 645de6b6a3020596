package bodyformat

import (
	"encoding/binary"
	"encoding/json"
	"math/bits"
	"slices"
	"strings"
	"testing"
)

func TestScanJSONString(t *testing.T) {
	for _, c := range []struct {
		src     string
		end     int
		escaped bool
		ok      bool
	}{
		{`""`, 1, false, true},
		{`"abc" tail`, 4, false, true},
		{`"a\"b"`, 5, true, true},
		{`"a\\"`, 4, true, true},
		{`"\u00e9\/\b\f\n\r\t"`, 19, true, true},
		{`"张三"`, 7, false, true},
		{"\"\xff\xfe\"", 3, false, true}, // invalid UTF-8 is not JSON's concern
		{`"abc`, 0, false, false},
		{`"a\"`, 0, false, false},
		{`"a\`, 0, false, false},
		{`"\x"`, 0, false, false},
		{`"\u12"`, 0, false, false},
		{`"\u12g4"`, 0, false, false},
		{"\"a\nb\"", 0, false, false},
		{"\"a\x00\"", 0, false, false},
	} {
		end, escaped, ok := scanJSONString([]byte(c.src), 0)
		if end != c.end || escaped != c.escaped || ok != c.ok {
			t.Errorf("scanJSONString(%q) = %d, %v, %v; want %d, %v, %v", c.src, end, escaped, ok, c.end, c.escaped, c.ok)
		}
	}
}

// TestDecodeEscapesAsJSON checks that strict JSON strings decode as
// encoding/json decodes them, with the offsets of their escapes.
func TestDecodeEscapesAsJSON(t *testing.T) {
	for _, c := range []struct {
		raw  string
		want string
		offs []int32
	}{
		{`ab`, "ab", []int32{0, 1, 2}},
		{`a\"b`, `a"b`, []int32{0, 1, 3, 4}},
		{`\u0031x`, "1x", []int32{0, 6, 7}},
		{`\u00e9`, "é", []int32{0, 0, 6}},
		{`\ud83d\ude00!`, "\U0001F600!", []int32{0, 0, 0, 0, 12, 13}},
		{`\ud83d!`, "\uFFFD!", []int32{0, 0, 0, 6, 7}},
		{`\ude00`, "\uFFFD", []int32{0, 0, 0, 6}},
		{`\ud83d\u0041`, "\uFFFDA", []int32{0, 0, 0, 6, 12}},
		{`\n\t\/\\`, "\n\t/\\", []int32{0, 2, 4, 6, 8}},
		{"张", "张", []int32{0, 1, 2, 3}},
	} {
		dec, offs, _ := decodeEscapes([]byte(c.raw), nil, nil)
		if string(dec) != c.want || !slices.Equal(offs, c.offs) {
			t.Errorf("decodeEscapes(%q) = %q %v, want %q %v", c.raw, dec, offs, c.want, c.offs)
		}
		var std string
		if err := json.Unmarshal([]byte(`"`+c.raw+`"`), &std); err != nil || std != c.want {
			t.Errorf("encoding/json decodes %q as %q (%v), we as %q", c.raw, std, err, dec)
		}
	}
}

func TestRawSpan(t *testing.T) {
	// raw `a\u0031\u0033b` decodes to "a13b"
	_, offs, _ := decodeEscapes([]byte(`a\u0031\u0033b`), nil, nil)
	// raw `\u00e9x` decodes to "éx" (é is two bytes from one escape)
	_, offs2, _ := decodeEscapes([]byte(`\u00e9x`), nil, nil)
	for _, c := range []struct {
		name       string
		offs       []int32
		start, end int
		rs, re     int
	}{
		{"one byte", offs, 0, 1, 0, 1},
		{"escapes", offs, 1, 3, 1, 13},
		{"to the end", offs, 1, 4, 1, 14},
		{"whole", offs, 0, 4, 0, 14},
		{"cut inside an escape widens", offs2, 1, 2, 0, 6},
		{"start inside an escape widens", offs2, 1, 3, 0, 7},
	} {
		rs, re := rawSpan(c.offs, c.start, c.end)
		if rs != c.rs || re != c.re {
			t.Errorf("%s: rawSpan(%d, %d) = %d, %d; want %d, %d", c.name, c.start, c.end, rs, re, c.rs, c.re)
		}
	}
}

func TestAppendJSONEscaped(t *testing.T) {
	for _, c := range []struct {
		in, want string
	}{
		{"plain", "plain"},
		{`a"b\c`, `a\"b\\c`},
		{"\n\r\t\x01\x1f", `\n\r\t\u0001\u001f`},
		{"<b>&", `\u003cb\u003e\u0026`},
		{"\u2028\u2029", `\u2028\u2029`},
		{"张*", "张*"},
		{"\xff", "\xff"},
	} {
		got := string(appendJSONEscaped(nil, c.in))
		if got != c.want {
			t.Errorf("appendJSONEscaped(%q) = %q, want %q", c.in, got, c.want)
		}
		var back string
		if err := json.Unmarshal([]byte(`"`+got+`"`), &back); err != nil {
			t.Errorf("%q does not decode: %v", got, err)
		} else if c.in != "\xff" && back != c.in {
			t.Errorf("%q decodes to %q, want %q", got, back, c.in)
		}
	}
}

func TestLooksLikeJSON(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{`{}`, true}, {` [1] `, true}, {"\uFEFF{\"a\":1}\n", true}, {`{"a":1`, false},
		{`[`, false}, {``, false}, {`"x"`, false}, {`13812345678`, false}, {`{]`, false},
		{`hello {}`, false},
	} {
		if got := looksLikeJSON([]byte(c.in)); got != c.want {
			t.Errorf("looksLikeJSON(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestAppendJSONEscapedRuns checks that appendJSONEscaped, which copies
// the runs of bytes it keeps at once, writes what escaping byte by byte
// writes (a kept byte as it is, the others as the table above), on random
// texts of kept bytes and of every byte it escapes, U+2028 whole and cut.
func TestAppendJSONEscapedRuns(t *testing.T) {
	r := rng(t.Name())
	atoms := []string{"a", "手", "*", "\"", "\\", "\n", "\r", "\t", "\x01", "\x1f", "\x7f", "<", ">", "&",
		"\u2028", "\u2029", "\xe2", "\xe2\x80", "\xa8", "\xff", "é"}
	escaped := map[string]string{"\"": `\"`, "\\": `\\`, "\n": `\n`, "\r": `\r`, "\t": `\t`, "\x01": `\u0001`,
		"\x1f": `\u001f`, "<": `\u003c`, ">": `\u003e`, "&": `\u0026`, "\u2028": `\u2028`, "\u2029": `\u2029`}
	for range 20000 {
		var in, want strings.Builder
		for range r.IntN(12) {
			a := atoms[r.IntN(len(atoms))]
			in.WriteString(a)
		}
		// the expected escape of in, byte by byte
		s := in.String()
		for i := 0; i < len(s); i++ {
			switch {
			case strings.HasPrefix(s[i:], "\u2028") || strings.HasPrefix(s[i:], "\u2029"):
				want.WriteString(escaped[s[i:i+3]])
				i += 2
			case escaped[s[i:i+1]] != "":
				want.WriteString(escaped[s[i:i+1]])
			default:
				want.WriteByte(s[i])
			}
		}
		if got := string(appendJSONEscaped([]byte("x"), s)); got != "x"+want.String() {
			t.Fatalf("appendJSONEscaped(%q) = %q, want %q", s, got, "x"+want.String())
		}
		if got := string(appendJSONEscaped(nil, []byte(s))); got != want.String() {
			t.Fatalf("appendJSONEscaped([]byte(%q)) = %q, want %q", s, got, want.String())
		}
	}
}

// TestStopIn8 checks the word test of scanJSONString against strStop,
// byte by byte: every byte value at every place among bytes that never
// stop the scan, and random words (stops after stops, high bytes); and
// that the lowest byte stopMask8 marks is the first that stops the scan
// (scanJSONString goes there at once).
func TestStopIn8(t *testing.T) {
	want := func(w [8]byte) bool {
		first := 8
		for k, c := range w {
			if strStop[c] {
				first = k
				break
			}
		}
		m := stopMask8(binary.LittleEndian.Uint64(w[:]))
		if got := bits.TrailingZeros64(m) / 8; got != first {
			t.Fatalf("%q: the first stop at %d, stopMask8's at %d", w, first, got)
		}
		return first < 8
	}
	for _, fill := range []byte{'a', 0x20, 0x21, 0x5B, 0x5D, 0x7F, 0x80, 0xFF} {
		for at := range 8 {
			for c := range 256 {
				var w [8]byte
				for k := range w {
					w[k] = fill
				}
				w[at] = byte(c)
				if got := stopIn8(binary.LittleEndian.Uint64(w[:])); got != want(w) {
					t.Fatalf("%q: %v", w, got)
				}
			}
		}
	}
	r := rng(t.Name())
	atoms := []byte{0, 0x1F, 0x20, '"', '\\', '!', '#', '[', ']', 'a', 0x7F, 0x80, 0xA2, 0xDC, 0xFF}
	for range 200000 {
		var w [8]byte
		for k := range w {
			w[k] = atoms[r.IntN(len(atoms))]
		}
		if got := stopIn8(binary.LittleEndian.Uint64(w[:])); got != want(w) {
			t.Fatalf("%q: %v", w, got)
		}
	}
}

// TestScanJSONStringByteByByte checks scanJSONString, which skips a word
// at a time and jumps to the first byte that stops it, against a reading
// of the string byte by byte, over random strings of the bytes that stop
// it, escapes and bytes that do not, at every offset of the word.
func TestScanJSONStringByteByByte(t *testing.T) {
	slow := func(src []byte, i int) (int, bool, bool) {
		escaped := false
		for i++; i < len(src); i++ {
			switch c := src[i]; {
			case c == '"':
				return i, escaped, true
			case c < 0x20:
				return 0, false, false
			case c == '\\':
				if i+1 >= len(src) {
					return 0, false, false
				}
				escaped = true
				switch src[i+1] {
				case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
					i++
				case 'u':
					if i+6 > len(src) || hex4(src[i+2:i+6]) < 0 {
						return 0, false, false
					}
					i += 5
				default:
					return 0, false, false
				}
			}
		}
		return 0, false, false
	}
	r := rng(t.Name())
	atoms := []string{`"`, `\\`, `\"`, `\n`, `\u0031`, `\u00`, `\x`, "\x00", "\x1f", " ", "a", "1", "\x7f", "\x80", "é", "中", "\xff", "]", "["}
	for range 100000 {
		var b []byte
		b = append(b, "xyz"[:r.IntN(4)]...)
		start := len(b)
		b = append(b, '"')
		for range r.IntN(40) {
			if r.IntN(3) == 0 {
				b = append(b, "abcdefghijklmnop"[:r.IntN(17)]...)
			}
			b = append(b, atoms[r.IntN(len(atoms))]...)
		}
		end, esc, ok := scanJSONString(b, start)
		wend, wesc, wok := slow(b, start)
		if end != wend || esc != wesc || ok != wok {
			t.Fatalf("%q: scanJSONString %d %v %v, byte by byte %d %v %v", b, end, esc, ok, wend, wesc, wok)
		}
	}
}
