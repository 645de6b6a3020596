package bodyformat

import (
	"strconv"
	"strings"
	"testing"
)

// TestArraySpellingsJoinedUnderName: an array of numbers spelled as a JS
// engine reads it and JSON does not (a trailing comma, comments, JS white
// space, a numeric separator, a unary plus, parentheses, a whole value
// with a fraction or an exponent, another base), made by any spelling of
// an array call (window.Array, globalThis.Array.of, window["Array"],
// (Array), Array?.of, .call, .apply, a spread, [].concat) or written as a
// literal, under a phone name, leaves no piece of the mobile raw; under
// another name, or as a chart's data, it comes out byte for byte.
func TestArraySpellingsJoinedUnderName(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 3 {
		m := mobileNoZeroAt(r, 3, 7)
		a, b, c := m[:3], m[3:7], m[7:]
		n, _ := strconv.Atoi(b)
		spellings := func(a, b, c string) []string {
			args := a + ", " + b + ", " + c
			return []string{
				"new Array(" + args + ",)",
				"Array(" + a + ", " + b + "_" + c + ")",
				"Array(" + a + " /*x*/, " + b + ", " + c + ")",
				"Array(" + a + ", // x\n" + b + ", " + c + ")",
				"new Array(...[" + args + "])",
				"window.Array(" + args + ")",
				"new window.Array(" + args + ")",
				"globalThis.Array.of(" + args + ")",
				"self.Array(" + args + ")",
				"window[\"Array\"](" + args + ")",
				"new window['Array'](" + args + ")",
				"Array.of.call(null, " + args + ")",
				"Array.apply(null, [" + args + "])",
				"Array.of.apply(null, [" + args + ",])",
				"[].concat(" + args + ")",
				"Array(+" + a + ", +" + b + ", +" + c + ")",
				"Array((" + a + "), (" + b + "), (" + c + "))",
				"Array . of(" + args + ")",
				"Array?.of(" + args + ")",
				"Array.of?.(" + args + ")",
				"new (Array)(" + args + ")",
				"(Array)(" + args + ")",
				"Array(" + a + "e0, " + b + "e0, " + c + "e0)",
				"Array(" + a + ".0, " + b + ".0, " + c + ".0)",
				"Array(\u00a0" + args + ")",
				"Array(\u2028" + args + ")",
				"Array(" + a + ",\u3000" + b + "," + c + ")",
				"Array(" + a + ",\ufeff" + b + "," + c + ")",
				"[" + args + ",]",
				"[" + a + " /*x*/, " + b + ", " + c + "]",
				"[" + a + ", " + b + "_" + c + "]",
				"[" + a + ",\u3000" + b + "," + c + "]",
				"[" + a + ".0, " + b + ".0, " + c + ".0]",
				"[(" + a + "), (" + b + "), (" + c + ")]",
				"[+" + a + ", " + b + "e0, " + c + "]",
			}
		}
		hex := "0x" + strings.ToUpper(strconv.FormatInt(int64(n), 16))
		for _, v := range append(spellings(a, b, c), "Array("+a+", "+hex+", "+c+")") {
			stmts := []string{"var mobile = " + v + ";"}
			if !strings.HasPrefix(v, "[") || strings.HasPrefix(v, "[].") {
				// a call as a member's value
				stmts = append(stmts, "const {mobile} = {mobile: "+v+"};")
			}
			for _, stmt := range stmts {
				for _, body := range statementsAround(stmt) {
					for _, ct := range []string{"application/javascript", "text/html"} {
						in := body
						if ct == "text/html" {
							in = "<!doctype html><p>x</p><script>" + body + "</script>"
						}
						res := mustInspect(t, eng, []byte(in), ct, "", Redact)
						if strings.Contains(string(res.Body), b) || !res.Changed {
							t.Errorf("%s: not joined:\nin:  %q\nout: %q", ct, in, res.Body)
						}
					}
				}
			}
		}
		// look-alikes: a mobile's numbers under a name that says nothing,
		// a chart's data, one length
		var clean []string
		for _, v := range spellings(a, b, c) {
			if !strings.Contains(v, ".apply(") {
				// but a literal after "(" a whole script wraps: the
				// wrapper reading's, joined whatever the name (residual)
				clean = append(clean, "var sizes = "+v+";")
			}
		}
		for _, v := range spellings("100", "2304", "1800") {
			clean = append(clean, "var mobile = "+v+";", "chart.setData("+v+");")
		}
		clean = append(clean,
			"var sizes = new Array(150, 2304, 1800);",
			"var mobile = new Array(3);",
			"var mobile = window.Array(3);",
			"var mobile = Array.of.call(null, 3);",
			"var x = [].concat(a, b);",
			"var mobile = MyWindow.Array("+a+", "+b+", "+c+");",
			"var mobile = foo.self.Array("+a+", "+b+", "+c+");",
			"var mobile = Array("+a+", "+b+", "+c+"n);",
			"var mobile = Array("+a+", 0"+b+", "+c+");",
			"var cfg = {sizes: new Array(150, 2304, 1800)};",
			"var cfg = {data: Array.of("+a+", "+b+", "+c+"), n: 1};",
			"var cfg = {data: [("+a+"), "+b+", "+c+"]};",
			"var mobile = x ? 1 : new Array(100, 2304, 1800);",
		)
		for _, in := range clean {
			res := mustInspect(t, eng, []byte(in), "application/javascript", "", Redact)
			if res.Changed || len(res.Findings) != 0 || string(res.Body) != in {
				t.Errorf("clean changed:\nin:  %q\nout: %q", in, res.Body)
			}
		}
	}
}

// TestJSNumberList: the lists the JS-number reading takes, the JSON array
// it writes of them, and what it does not take.
func TestJSNumberList(t *testing.T) {
	for in, want := range map[string]string{
		"1, 2, 3)":                "[1,2,3]",
		"1,2,3,)":                 "[1,2,3]",
		" 1 /* a, b */ , 2 )":     "[1,2]",
		"1, // c\n 2)":            "[1,2]",
		"+1, -2, (3), ((4)))":     "[1,-2,3,4]",
		"1_000, 1.0, 1e3, 15e-1)": "[1000,1,1000,15e-1]",
		"0x1F, 0o17, 0b11, 5.)":   "[31,15,3,5]",
		"\u00a01,\u30002\ufeff)":  "[1,2]",
		"- (7))":                  "[-7]",
		"+\u00a0( /*(*/ 7 ), 8)":  "[7,8]",
	} {
		end, _, _ := jsNumberListEnd([]byte(in), 0, ')')
		if end != strings.LastIndexByte(in, ')') {
			t.Errorf("%q: end %d", in, end)
			continue
		}
		got, ok := appendJSNumberList(nil, []byte(in[:end]))
		if !ok || string(got) != want {
			t.Errorf("%q: %q %v, want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{")", ",)", "1,,2)", "1 2)", "a)", "10n)", "017)", "1__0)", "1_)", "++1)", "(1)", "1.2.3)", "'1')", "1e)", "0x)"} {
		if end, _, _ := jsNumberListEnd([]byte(in), 0, ')'); end >= 0 {
			t.Errorf("%q: read as a list", in)
		}
	}
	for in, plain := range map[string]bool{"1, 2]": true, "-1,2.5]": false, "1,2,]": false, "1 /**/]": false, "(1)]": false, "1_0]": false, "1.0]": false} {
		if _, _, p := jsNumberListEnd([]byte(in), 0, ']'); p != plain {
			t.Errorf("%q: plain %v", in, p)
		}
	}
}
