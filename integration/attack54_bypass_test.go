package integration

import (
	"encoding/ascii85"
	"encoding/base32"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// Attack pass 54 (attack54a): bypasses through a real Caddy, both
// directions. These tests are meant to FAIL on main: each names a shape
// a real receiver reads as the identifier while the filter passes it raw.

// leakCase is a body whose every string in gone must be absent once it
// went through the filter (the identifier as written, or as a receiver
// reads it).
func leakCase(name, contentType, body string, gone ...string) bodyCase {
	return bodyCase{
		name:        name,
		contentType: contentType,
		body:        []byte(body),
		check: func(t *testing.T, out []byte, _ string) {
			t.Helper()
			assertNoRaw(t, name, out, gone...)
		},
	}
}

// openCase is a leakCase the filter does not read yet: it goes through
// Caddy, and its check skips, saying why (docs/threat-model.md, the row
// "attack54a, open").
func openCase(c bodyCase, why string) bodyCase {
	c.check = func(t *testing.T, _ []byte, _ string) {
		t.Skip("open (threat model, attack54a open): " + why)
	}
	return c
}

// runAttack54 serves and posts every case through a real Caddy.
func runAttack54(t *testing.T, cases []bodyCase) {
	s, c := formatsServer(t, cases)
	runBothDirections(t, s, c, cases)
}

// TestAttack54NumericLiteralSuffix: a number written as a source-code
// literal with a type suffix glued to it. JavaScript reads
// `13812345678n` as the BigInt 13812345678 (`String(x)` shows the
// digits; BigInt is what a page uses for an 18-digit ID or a 19-digit
// card, which a Number cannot hold), Java and Kotlin `…L` a long, C and
// C++ `…LL`/`…ULL`, Rust `…u64`, C# `…m`, Java `…d`. The letter glued
// after the last digit ends no value for the engine, so the mobile, the
// resident ID and the card pass raw in a script, a page and JSON text.
func TestAttack54NumericLiteralSuffix(t *testing.T) {
	r := rand.New(rand.NewPCG(54, 1))
	m, id, card := synth.CNMobile(r), synth.CNID18(r), synth.UnionPayCard(r)
	for strings.ContainsRune(id, 'X') {
		id = synth.CNID18(r)
	}
	cases := []bodyCase{
		leakCase("js_bigint_mobile", "application/javascript", "const tel = "+m+"n;\n", m),
		leakCase("js_bigint_id", "application/javascript", "const sfz = "+id+"n;\n", id),
		leakCase("js_bigint_card", "application/javascript", "const card = "+card+"n;\n", card),
		leakCase("html_bigint_object", "text/html", "<script>init({tel: "+m+"n, sfz: "+id+"n})</script>", m, id),
		leakCase("java_long", "text/plain", "long tel = "+m+"L;\n", m),
		leakCase("c_ull", "text/plain", "uint64_t card = "+card+"ULL;\n", card),
		leakCase("rust_u64", "text/plain", "let sfz = "+id+"u64;\n", id),
		leakCase("csharp_decimal", "text/plain", "decimal tel = "+m+"m;\n", m),
		leakCase("json_code_string", "application/json", `{"snippet":"long tel = `+m+`L;"}`, m),
	}
	runAttack54(t, cases)
}

// TestAttack54BinaryLiteral: a mobile as a JavaScript (and Python, Java,
// C++14) binary literal `0b…`: the script shows it in decimal. The
// octal `0o…` literal of the same mobile is found; the binary one is not.
func TestAttack54BinaryLiteral(t *testing.T) {
	r := rand.New(rand.NewPCG(54, 2))
	m := synth.CNMobile(r)
	n, _ := strconv.ParseInt(m, 10, 64)
	bin := "0b" + strconv.FormatInt(n, 2)
	cases := []bodyCase{
		leakCase("js_binary", "application/javascript", "var tel = "+bin+";\n", bin),
		leakCase("html_binary", "text/html", "<script>var tel = "+bin+";</script>", bin),
	}
	runAttack54(t, cases)
}

// TestAttack54EmailCompatibilityForms: an address spelled with the
// compatibility forms NFKC (and IDNA/UTS 46 for the domain) folds to
// ASCII. `﹫` (U+FE6B SMALL COMMERCIAL AT) is `@` under NFKC, while
// `＠` is read; `｡` (U+FF61 HALFWIDTH IDEOGRAPHIC FULL STOP) and `﹒`
// (U+FE52 SMALL FULL STOP) are a label dot to IDNA (a browser's mailto:,
// URL and e-mail input) and NFKC, while `。` and `．` are read; circled
// letters `ⓩⓗ…` are letters under NFKC, while mathematical bold ones are
// read. A quoted local part `"zhang.wei"@qq.com` is delivered to the
// same mailbox (RFC 5321 4.1.2); an IP-literal domain is an address too.
func TestAttack54EmailCompatibilityForms(t *testing.T) {
	r := rand.New(rand.NewPCG(54, 3))
	local := func() string { return synth.EmailLocal(r) }
	circled := func(s string) string {
		var b strings.Builder
		for _, c := range s {
			if c >= 'a' && c <= 'z' {
				b.WriteRune('ⓐ' + c - 'a')
			} else {
				b.WriteRune(c)
			}
		}
		return b.String()
	}
	l1, l2, l3, l4, l5, l6 := local(), local(), local(), local(), local(), local()
	cases := []bodyCase{
		leakCase("small_at_text", "text/plain", "联系邮箱 "+l1+"﹫qq.com\n", l1),
		leakCase("small_at_json", "application/json", `{"email":"`+l1+`﹫163.com"}`, l1),
		leakCase("small_at_mailto", "text/html", `<a href="mailto:`+l1+`﹫163.com">mail</a>`, l1),
		leakCase("halfwidth_ideographic_dot", "text/plain", "邮箱 "+l2+"@qq｡com\n", l2),
		leakCase("small_full_stop", "text/plain", "邮箱 "+l3+"@163﹒com\n", l3),
		leakCase("circled_letters", "text/plain", "邮箱 "+circled(l4)+"@ⓠⓠ.ⓒⓞⓜ\n", circled(l4)),
		leakCase("quoted_local_part", "text/plain", `邮箱 "`+l5+`"@qq.com`+"\n", l5),
		leakCase("ip_literal_domain", "text/plain", "mail "+l6+"@[203.0.113.9]\n", l6),
	}
	runAttack54(t, cases)
}

// TestAttack54PythonNamedEscapes: Python's `\N{DIGIT ONE}` (and
// `\N{FULLWIDTH DIGIT ONE}`, names in any case) in a string literal is
// the digit; a resident ID or mobile spelled so in source code, a
// notebook or a JSON-quoted snippet passes, while `\x31`, `\u0031` and
// `\U00000031` are read.
func TestAttack54PythonNamedEscapes(t *testing.T) {
	r := rand.New(rand.NewPCG(54, 4))
	m, id := synth.CNMobile(r), synth.CNID18(r)
	names := []string{"ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"}
	named := func(s, prefix string) string {
		var b strings.Builder
		for _, c := range s {
			if c >= '0' && c <= '9' {
				fmt.Fprintf(&b, `\N{%sDIGIT %s}`, prefix, names[c-'0'])
			} else {
				b.WriteRune(c)
			}
		}
		return b.String()
	}
	mn, idn := named(m, ""), named(id, "FULLWIDTH ")
	// Python reads the name in any case, the N only upper case (\n{…} is a
	// line break, then text): the names lowered, the escapes kept
	lower := strings.ReplaceAll(strings.ToLower(mn), `\n{`, `\N{`)
	cases := []bodyCase{
		leakCase("py_mobile", "text/x-python", `tel = "`+mn+`"`+"\n", mn),
		leakCase("py_id_fullwidth", "text/plain", `sfz = "`+idn+`"`+"\n", idn),
		leakCase("py_lower_case", "text/plain", `tel = "`+lower+`"`+"\n", lower),
	}
	runAttack54(t, cases)
}

// TestAttack54EncodedAndDisplayedNumbers: encodings and displays a
// receiver turns back into the digits. A mobile under a phone label in
// thousands grouping (`13,812,345,678`: how a spreadsheet or
// Number.toLocaleString shows it; `'` Swiss, `.` German); base32
// (Python's base64.b32decode, TOTP tooling), Ascii85 (`<~…~>`: Python's
// base64.a85decode, PostScript/PDF) and uuencode (`begin 644 …`:
// Python's uu/binascii.a2b_uu) of the text; a script's array of one-digit
// numbers joined with `.join(”)`; a flex row laid out reversed
// (`flex-direction: row-reverse`) and SVG text placed by `x` in another
// order than written, which a browser shows as the mobile.
func TestAttack54EncodedAndDisplayedNumbers(t *testing.T) {
	r := rand.New(rand.NewPCG(54, 5))
	m := synth.CNMobile(r)
	group3 := func(sep string) string { return m[:2] + sep + m[2:5] + sep + m[5:8] + sep + m[8:] }
	b32 := base32.StdEncoding.EncodeToString([]byte("tel " + m))
	a85b := make([]byte, ascii85.MaxEncodedLen(len(m)+4))
	a85 := string(a85b[:ascii85.Encode(a85b, []byte("tel "+m))])
	uu := uuLine("tel " + m)
	digitsList := strings.Join(strings.Split(m, ""), ",")
	cases := []bodyCase{
		leakCase("thousands_comma", "text/plain", "手机号 "+group3(",")+"\n", group3(",")),
		leakCase("thousands_apostrophe", "text/plain", "手机号 "+group3("'")+"\n", group3("'")),
		leakCase("thousands_dot", "text/plain", "手机号 "+group3(".")+"\n", group3(".")),
		openCase(leakCase("base32_json", "application/json", `{"d":"`+b32+`"}`, b32), "base32 text is not decoded"),
		openCase(leakCase("ascii85_text", "text/plain", "<~"+a85+"~>\n", a85), "Ascii85 text is not decoded"),
		openCase(leakCase("uuencode_text", "text/plain", "begin 644 a.txt\n"+uu+"\n`\nend\n", uu), "uuencoded text is not decoded"),
		openCase(leakCase("digit_array_join", "application/javascript", "var t = ["+digitsList+"].join('');\n", digitsList), "an array of numbers joined by a script is joined under a phone name only"),
		openCase(leakCase("flex_row_reverse", "text/html", `<p>手机号</p><div style="display:flex;flex-direction:row-reverse"><span>`+m[7:]+`</span><span>`+m[3:7]+`</span><span>`+m[:3]+`</span></div>`, m[3:7]+`</span><span>`+m[:3]), "a layout that reorders boxes (row-reverse) is not laid out"),
		openCase(leakCase("svg_x_order", "image/svg+xml", `<svg xmlns="http://www.w3.org/2000/svg"><text y="10">手机 <tspan x="80">`+m[7:]+`</tspan><tspan x="20">`+m[:7]+`</tspan></text></svg>`, m[:7]), "SVG text placed by x in another order is read in source order"),
	}
	runAttack54(t, cases)
}

// uuLine is one uuencoded line of s (at most 45 bytes).
func uuLine(s string) string {
	b := []byte(s)
	var o strings.Builder
	o.WriteByte(byte(32 + len(b)))
	for len(b)%3 != 0 {
		b = append(b, 0)
	}
	for i := 0; i < len(b); i += 3 {
		v := int(b[i])<<16 | int(b[i+1])<<8 | int(b[i+2])
		for k := 18; k >= 0; k -= 6 {
			c := byte((v >> k) & 63)
			if c == 0 {
				o.WriteByte('`')
			} else {
				o.WriteByte(c + 32)
			}
		}
	}
	return o.String()
}

// TestAttack54SourceCodeSpellings: a mobile spelled by the decoders of
// other languages than JavaScript, in a code snippet posted or served
// (a gist, a paste, a notebook, an LLM's answer): Java's `\uuuu0031`
// (JLS 3.3 allows any number of u), Perl's `"\x{31}"`, Python's
// `chr(49)+chr(51)+…`, PHP's `chr(49).chr(51)…`, SQL's
// `CHAR(49)+CHAR(51)+…` and `'138' || '12345678'`, Python's
// `”.join(map(str, [1, 3, 8, …]))`, and JavaScript hex and binary
// literals with numeric separators (`0x337_…`, `0b…_…`). JavaScript's
// `String.fromCharCode`, `"…" + "…"` and a hex literal without a
// separator are read; these are not.
func TestAttack54SourceCodeSpellings(t *testing.T) {
	r := rand.New(rand.NewPCG(54, 8))
	m := synth.CNMobile(r)
	each := func(f func(c byte) string, sep string) string {
		parts := make([]string, len(m))
		for i := range len(m) {
			parts[i] = f(m[i])
		}
		return strings.Join(parts, sep)
	}
	n, _ := strconv.ParseInt(m, 10, 64)
	hex, bin := strconv.FormatInt(n, 16), strconv.FormatInt(n, 2)
	javaU := each(func(c byte) string { return fmt.Sprintf(`\uuuu%04x`, c) }, "")
	perlX := each(func(c byte) string { return fmt.Sprintf(`\x{%x}`, c) }, "")
	pyChr := each(func(c byte) string { return fmt.Sprintf("chr(%d)", c) }, "+")
	phpChr := each(func(c byte) string { return fmt.Sprintf("chr(%d)", c) }, ".")
	sqlChar := each(func(c byte) string { return fmt.Sprintf("CHAR(%d)", c) }, "+")
	pyDigits := each(func(c byte) string { return string(c) }, ", ")
	cases := []bodyCase{
		leakCase("java_unicode_uuuu", "text/x-java", `String tel = "`+javaU+`";`+"\n", javaU),
		leakCase("perl_x_brace", "text/plain", `my $tel = "`+perlX+`";`+"\n", perlX),
		openCase(leakCase("python_chr_chain", "text/x-python", "tel = "+pyChr+"\n", pyChr), "chr() chains are not evaluated"),
		openCase(leakCase("php_chr_chain", "text/plain", "<?php $tel = "+phpChr+";\n", phpChr), "chr() chains are not evaluated"),
		openCase(leakCase("sql_char_chain", "application/sql", "SELECT "+sqlChar+" AS tel;\n", sqlChar), "SQL CHAR() chains are not evaluated"),
		leakCase("sql_pipe_concat", "application/sql", "SELECT '"+m[:3]+"' || '"+m[3:]+"' AS tel;\n", m[3:]),
		openCase(leakCase("python_join_map", "text/x-python", "tel = ''.join(map(str, ["+pyDigits+"]))\n", pyDigits), "''.join(map(str, […])) is not evaluated"),
		leakCase("js_hex_separator", "application/javascript", "var tel = 0x"+hex[:3]+"_"+hex[3:]+";\n", hex[3:]),
		leakCase("js_binary_separator", "application/javascript", "var tel = 0b"+bin[:8]+"_"+bin[8:]+";\n", bin[8:]),
	}
	runAttack54(t, cases)
}
