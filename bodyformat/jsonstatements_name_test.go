package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestStatementNamesHint: a statement's document assigned to a name that
// says it holds a phone or an ID (var mobile = […], window.user.idCard =
// {…}) has its numbers and members joined as under such a key, in a
// script of several statements; a name that says nothing leaves a
// script's numbers apart.
func TestStatementNamesHint(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		m := mobileNoZeroAt(r, 3, 7)
		a, b, c := m[:3], m[3:7], m[7:]
		id := synth.CNID18(r)
		for _, row := range []struct{ ct, body, secret string }{
			{"application/javascript", `var a = {"x":1}; var mobile = [` + a + `,` + b + `,` + c + `];`, "," + b + ","},
			{"application/javascript", `var a = 1; window.user.tel = [` + a + `, ` + b + `, ` + c + `];`, " " + b + ","},
			{"application/javascript", `var a = {x: 1}; var idCard = {p1: '` + id[:6] + `', p2: '` + id[6:14] + `', p3: '` + id[14:] + `'};`, id[6:14]},
			{"text/html", `<script>var a = {"x":1}; var phone = {"a":"` + a + `","b":"` + b + `","c":"` + c + `"};</script>`, `"` + b + `"`},
		} {
			res := mustInspect(t, eng, []byte(row.body), row.ct, "", Redact)
			if !res.Changed || strings.Contains(string(res.Body), row.secret) {
				t.Errorf("%s: leaks:\nin:  %q\nout: %q", row.ct, row.body, res.Body)
			}
			assertStable(t, eng, res, row.ct)
		}
	}
	for _, clean := range []string{
		`var a = {"x":1}; var data = [180,1024,2048];`,
		`var a = 1; var series = {a: 150, b: 2304, c: 1800};`,
		`var a = 1; if (x == [180,1024,2048]) {}; data += [180,1024,2048];`,
	} {
		if res := mustInspect(t, eng, []byte(clean), "application/javascript", "", Redact); res.Changed {
			t.Errorf("clean changed:\nin:  %q\nout: %q", clean, res.Body)
		}
	}
}

// TestAssignedName: the name a statement's document is assigned to.
func TestAssignedName(t *testing.T) {
	for in, want := range map[string]string{
		"var mobile = ":    "mobile",
		"window.user.tel=": "tel",
		"x.idCard\t=\n":    "idCard",
		"if (a == ":        "",
		"a += ":            "",
		"f(":               "",
		"a => ":            "",
		"var $el_2 = ":     "$el_2",
		"{a: 1, data: ":    "data",
		`{'tel' : `:        "tel",
		`{"id card":`:      "id card",
	} {
		if got := string(assignedName([]byte(in))); got != want {
			t.Errorf("assignedName(%q) = %q, want %q", in, got, want)
		}
	}
}
