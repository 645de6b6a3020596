package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestLineContinuation: a quoted string continued on the next line with a
// backslash before the line break is one string to its parser, the break
// and (YAML, TOML) the next line's indentation dropped: YAML's
// double-quoted scalars, TOML's multi-line basic strings, JavaScript and
// Python string literals. The digits on both sides are one number to the
// program that reads the file. A YAML folded scalar (>-) is one line of
// text to its parser, its line breaks spaces (attack pass 30 F4).
func TestLineContinuation(t *testing.T) {
	eng := testEngine(t)
	r := rng("line continuation")
	mobile, id := synth.CNMobile(r), synth.CNID18(r)
	rows := []struct{ name, ct, body, raw string }{
		{"yaml double quoted", "application/yaml", "user:\n  note: \"call " + mobile[:5] + "\\\n    " + mobile[5:] + " today\"\n", mobile},
		{"yaml id", "application/yaml", "user:\n  note: \"id " + id[:9] + "\\\n    " + id[9:] + "\"\n", id},
		{"toml multiline", "application/toml", "[user]\nnote = \"\"\"\ncall " + mobile[:5] + "\\\n      " + mobile[5:] + " today\"\"\"\n", mobile},
		{"js literal", "application/javascript", "var note = 'call " + mobile[:5] + "\\\n" + mobile[5:] + " today';\n", mobile},
		{"js literal crlf", "application/javascript", "var note = \"id " + id[:9] + "\\\r\n" + id[9:] + "\";\r\n", id},
		{"python", "text/x-python", "note = \"call " + mobile[:5] + "\\\n" + mobile[5:] + " today\"\n", mobile},
		{"yaml folded", "application/yaml", "note: >-\n  call " + mobile[:3] + "\n  " + mobile[3:7] + "\n  " + mobile[7:] + "\n", ""},
	}
	// control: what the folded scalar reads as, one line of text
	rows = append(rows, struct{ name, ct, body, raw string }{"folded control", "text/plain", "note: call " + mobile[:3] + " " + mobile[3:7] + " " + mobile[7:] + "\n", ""})
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			res := mustInspect(t, eng, []byte(row.body), row.ct, "", Redact)
			joined := strings.NewReplacer("\\\r\n", "", "\\\n", "").Replace(string(res.Body))
			joined = strings.Join(strings.Fields(joined), "")
			raw := row.raw
			if raw == "" {
				// folded: the lines are joined with one space, a spaced
				// mobile is still one; it must come out masked
				raw = mobile[3:7]
				joined = string(res.Body)
			}
			if strings.Contains(joined, raw) {
				t.Errorf("%s reads %s from %q", row.ct, raw, res.Body)
			}
		})
	}
}
