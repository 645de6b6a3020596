package detect_test

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// attack53Nicks are names only a table's name column tells apart.
var attack53Nicks = []string{"小叶子呀", "Kitty", "小鱼儿", "Momo", "糖糖"}

// attack53Export writes a CSV export under head, one row a nickname, with
// the line end eol; cell, when set, writes a row's middle cell.
func attack53Export(r *rand.Rand, head, eol string, rows int, cell func(i int) string) string {
	var b strings.Builder
	b.WriteString(head + eol)
	for i := range rows {
		mid := "已发货"
		if cell != nil {
			mid = cell(i)
		}
		b.WriteString(attack53Nicks[i%len(attack53Nicks)] + "," + mid + "," + synth.CNMobile(r) + eol)
	}
	return b.String()
}

// attack53AllNamesMasked asserts no nickname is raw in out and one name
// is counted a row.
func attack53AllNamesMasked(t *testing.T, what, text, out string, fs []detect.Finding, rows int) {
	t.Helper()
	for _, nick := range attack53Nicks {
		if strings.Contains(out, nick) {
			t.Errorf("%s: %q is left raw in %q", what, nick, out)
		}
	}
	if n := countCategory(fs, detect.CNName); n != rows {
		t.Errorf("%s: %d names counted, want %d (%q)", what, n, rows, text)
	}
}

// TestAttack53TableDoubleCRLines (attack53b F1): a CSV whose lines end in
// "\r\r\n" (a "\r\n" terminator written through a text-mode stream on
// Windows, Python csv's known pitfall) lost its name column: since
// tableSweep takes a bare '\r' for a line end, every row is followed by
// an empty line, which ends the table under its header. main masks every
// nickname of such an export; merge53 leaves them all raw.
func TestAttack53TableDoubleCRLines(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	r := rand.New(rand.NewPCG(53, 1))
	const rows = 20
	text := attack53Export(r, "联系人,状态,手机", "\r\r\n", rows, nil)
	out, fs := fix49Redact(t, e, text)
	attack53AllNamesMasked(t, "CR CR LF", text, out, fs, rows)
	if !strings.HasPrefix(out, "联系人,状态,手机\r\r\n") || strings.Count(out, ",已发货,") != rows {
		t.Errorf("the header or the status column is changed: %q", out)
	}
}

// TestAttack53TableCRInQuotedCell (attack53b F2): a bare '\r' inside a
// quoted cell (a remark typed with a line break: "周一\r送达") ends the
// table for tableSweep, which takes any bare '\r' for a line end: the
// row splits into two lines of the wrong cell count, the table ends, and
// the nickname column of the whole export (the rows before and after)
// goes out raw. main, which ends lines at '\n' only, masks every row. An
// attacker who may write one remark cell unmasks a whole export.
func TestAttack53TableCRInQuotedCell(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	r := rand.New(rand.NewPCG(53, 2))
	const rows = 20
	for _, eol := range []string{"\n", "\r\n"} {
		text := attack53Export(r, "联系人,备注,手机", eol, rows, func(i int) string {
			if i == 0 {
				return "\"周一\r送达\""
			}
			return "无"
		})
		out, fs := fix49Redact(t, e, text)
		attack53AllNamesMasked(t, "CR in a quoted cell, eol "+strconv.Quote(eol), text, out, fs, rows)
	}
}
