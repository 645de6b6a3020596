package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestJSObjectLiteralsRead: a script's object literal (bare or
// single-quoted keys, single-quoted strings, trailing commas, comments)
// is read as a JSON object is: its members joined under a phone or ID key,
// an array's strings joined, numbers joined under a phone key only, an
// ID's check X in a member of its own; with names (variables) and !0 as
// other members' values, templates without ${…} as strings; nested in a
// literal that holds code (new Vue({data: {…}, methods: {f() {}}})), under
// its key's hint; in a script body and in a page's <script>, alone or
// after another statement.
func TestJSObjectLiteralsRead(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		m := mobileNoZeroAt(r, 3, 7)
		a, b, c := m[:3], m[3:7], m[7:]
		id := synth.CNID18X(r)
		sq := `{mobile: '` + a + `', m2: '` + b + `', m3: '` + c + `'}`
		for _, row := range []struct{ ct, body, secret string }{
			{"application/javascript", `var u = ` + sq + `;`, `'` + b + `'`},
			{"application/javascript", `var u = {tel1:"` + a + `",tel2:"` + b + `",tel3:"` + c + `"}`, `"` + b + `"`},
			{"application/javascript", "var u = {\n  // contact\n  'mobile': '" + a + "', /* mid */ m2: '" + b + "',\n  m3: '" + c + "',\n};\n", `'` + b + `'`},
			{"application/javascript", `var a = {x: 1}; var b = ` + sq + `;`, `'` + b + `'`},
			{"application/javascript", `init(` + sq + `, 200);`, `'` + b + `'`},
			{"application/javascript", `export default ` + sq, `'` + b + `'`},
			{"application/javascript", `var u = {idcard: '` + id[:17] + `', check: '✕'};`, id[6:14]},
			{"application/javascript", `var u = {phone: ['` + a + `', '` + b + `', '` + c + `',]};`, `'` + b + `'`},
			{"application/javascript", `var u = {mobile: [` + a + `, ` + b + `, ` + c + `]};`, ` ` + b + `,`},
			{"application/javascript", `var u = {name: 'x', tel: "` + m + `".split("")};`, b},
			{"application/javascript", `var u = {data: '{"tel1":"` + a + `","tel2":"` + b + `","tel3":"` + c + `"}'};`, `"` + b + `"`},
			{"text/html", `<p>x</p><script>var u = ` + sq + `;</script>`, `'` + b + `'`},
			{"application/javascript", `var u = {m1: "` + a + `", m2: "` + b + `", m3: "` + c + `", tel: x, ok: !0};`, `"` + b + `"`},
			{"application/javascript", "var u = {mobile: `" + a + "`, m2: `" + b + "`, m3: '" + c + "', at: a.b.c};", "`" + b + "`"},
			{"application/javascript", `new Vue({el: '#app', data: {mobile: '` + a + `', m2: '` + b + `', m3: '` + c + `'}, methods: {f() {}}});`, `'` + b + `'`},
			{"application/javascript", `init({user: {tel1: "` + a + `", tel2: "` + b + `", tel3: "` + c + `"}, onLoad: function () {}});`, `"` + b + `"`},
			{"application/javascript", `x = {f: g, mobile: [` + a + `, ` + b + `, ` + c + `], h: h()};`, ` ` + b + `,`},
			{"text/html", `<script>window.cfg = {a: 1}; init({user: {mobile: '` + a + `', m2: '` + b + `', m3: '` + c + `'}});</script>`, `'` + b + `'`},
		} {
			res := mustInspect(t, eng, []byte(row.body), row.ct, "", Redact)
			if !res.Changed || strings.Contains(string(res.Body), row.secret) {
				t.Errorf("%s: leaks:\nin:  %q\nout: %q", row.ct, row.body, res.Body)
			}
			assertStable(t, eng, res, row.ct)
		}
	}
}

// TestJSObjectLiteralsClean: scripts whose literals hold no identifier
// (configs, chart data, sizes, dates, minified bundles, literals holding
// code) come out byte for byte, in a script body and in a page.
func TestJSObjectLiteralsClean(t *testing.T) {
	eng := testEngine(t)
	for _, clean := range []string{
		`var cfg = {retries: 3, ports: [8080, 443], name: 'app',};`,
		`var chart = {data: [180, 1024, 2048], labels: ['a', 'b']}; chart.setData([150, 2304, 1800]);`,
		`var size = {w: '1920', h: '1080', id: '825', qty: '1576', price: '112'};`,
		`var d = {year: '2024', month: '01', day: '15', seq: '1234'};`,
		`var o = {mobile: true, tablet: false, ratio: 1.5, tel: 'n/a', code: '138', ext: '1234'};`,
		`!function(e){var t={a:1,b:"x"};e.exports={ver:"1.2.3",list:[10,20,30],f:function(){return{k:[1,2]}}}}(this);`,
		"var a = {x: 1, /* [138] */ y: [2, 3], // {1234}\n z: '5678'};",
		`var t = {ts: 1764900000, ids: ['138', '12', '34'], n: undefined, q: null};`,
		`var p = {points: [[1733400000, 5], [1733400060, 7]], series: {a: [138, 1234, 5678]}};`,
		`const routes = [{path: '/user/:id', component: User}, {path: '/', component: Home, exact: !0,},];`,
		"var t = {a: `x`, b: window.devicePixelRatio, c: [800, 600], tel: `n/a`};",
	} {
		for _, ct := range []string{"application/javascript", "text/html"} {
			body := clean
			if ct == "text/html" {
				body = "<script>" + clean + "</script>"
			}
			res := mustInspect(t, eng, []byte(body), ct, "", Redact)
			if res.Changed || len(res.Findings) != 0 {
				t.Errorf("clean changed (%s):\nin:  %q\nout: %q", ct, body, res.Body)
			}
		}
	}
}

// TestJSValueLenInner: the literals nested in one that holds code, closed
// before the code, outermost ones only.
func TestJSValueLenInner(t *testing.T) {
	in := `{a: {b: [1], c: {d: 2}}, e: [3], f: g(), h: {i: 4}}`
	var inner []wrapping
	if _, ok := jsValueLen([]byte(in), &inner); ok {
		t.Fatalf("%q read as a data literal", in)
	}
	var got []string
	for _, w := range inner {
		got = append(got, in[w.lo:w.hi])
	}
	if want := []string{`{b: [1], c: {d: 2}}`, `[3]`}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("inner = %q, want %q", got, want)
	}
}

// TestJSValueLen: where a script's data literal ends, and what is none.
func TestJSValueLen(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int // -1: no literal
	}{
		{`{a: 1, 'b': "x", c: [1, 'y',], d: {e: null, f: undefined},}; rest`, 59},
		{`[1, 2, 3] + x`, 9},
		{"{a /* c */ : // d\n 1}", 21},
		{`{}`, 2},
		{`{a: }`, -1},
		{`{a: f()}`, -1},
		{`{a: 0x1F}`, -1},
		{`{a: b}`, 6},
		{`{a: nullish}`, 12},
		{"{a: !0, b: x.y.z, c: `t`, d: !1}", 32},
		{"{a: `${x}`}", -1},
		{`{a: !2}`, -1},
		{`{a: f ()}`, -1},
		{`{a: x.}`, -1},
		{`{a: function () {}}`, -1},
		{`{,}`, -1},
		{`[1 2]`, -1},
		{`{a: 'x`, -1},
		{"{a: 'x\ny'}", -1},
		{`{a: 'it\'s'}`, 12},
		{`{1: 'a'}`, 8},
		{`[[[`, -1},
	} {
		n, ok := jsValueLen([]byte(c.in), nil)
		if c.want < 0 && ok || c.want >= 0 && (!ok || n != c.want) {
			t.Errorf("jsValueLen(%q) = %d, %v; want %d", c.in, n, ok, c.want)
		}
	}
}
