package detect_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestAttack50NameColumnExportShapes: name columns carried from their
// header (tableNames) miss ordinary exports' shapes, and every row's
// nickname under the column goes out raw:
//   - a UTF-8 byte order mark before the header: Excel's "CSV UTF-8"
//     writes one at the start of every file, and tableCell's padding
//     (isHeaderPad) does not skip it, so the first cell is no label;
//   - ';' between cells: Excel's CSV in locales whose decimal mark is a
//     comma (tableSeps is tab, '|' and ',' only);
//   - lines ended by a bare CR (classic Mac, some exporters): the whole
//     text is one line;
//   - a header label with a qualifier (客户姓名, 姓名（必填）, 联系人：):
//     only a whole label word is a header's name label;
//   - a name in full-width letters (Ｋｉｔｔｙ): columnName takes ASCII
//     letters and Han characters only.
//
// Want: the nickname masked (no raw Kitty / 小叶子呀), the header kept.
func TestAttack50NameColumnExportShapes(t *testing.T) {
	r := rand.New(rand.NewPCG(50, 50))
	e := attack49bEngine()
	m1, m2 := synth.CNMobile(r), synth.CNMobile(r)
	for name, text := range map[string]string{
		"BOM":             "\ufeff联系人,手机\nKitty," + m1 + "\n小叶子呀," + m2 + "\n",
		"BOM quoted":      "\ufeff\"联系人\",\"手机\"\n\"Kitty\",\"" + m1 + "\"\n",
		"semicolons":      "联系人;手机\nKitty;" + m1 + "\n小叶子呀;" + m2 + "\n",
		"bare CR":         "联系人,手机\rKitty," + m1 + "\r小叶子呀," + m2 + "\r",
		"客户姓名":            "客户姓名,手机\nKitty," + m1 + "\n",
		"姓名（必填）":          "姓名（必填）,手机\nKitty," + m1 + "\n",
		"联系人：":            "联系人：,手机\nKitty," + m1 + "\n",
		"full-width name": "联系人,手机\nＫｉｔｔｙ," + m1 + "\n",
	} {
		out, _ := fix49Redact(t, e, text)
		if strings.Contains(out, "Kitty") || strings.Contains(out, "Ｋｉｔｔｙ") || strings.Contains(out, "小叶子呀") || strings.Contains(out, m1) {
			t.Errorf("%s: %q -> %q: a nickname under the name column goes out raw", name, text, out)
		}
	}
}

// TestAttack50NameColumnTotalsKept: a table's summary or placeholder row
// under a name column (合计/小计/总计 rows of an Excel export, a
// database's null, N/A, a test account) is masked as a name once the
// table holds a finding: columnName excludes only isNonValue's words
// (未知, 无, 不详 …). False positives on ordinary tables.
//
// Want: those cells kept byte for byte, the mobile masked.
func TestAttack50NameColumnTotalsKept(t *testing.T) {
	r := rand.New(rand.NewPCG(50, 51))
	e := attack49bEngine()
	m := synth.CNMobile(r)
	for _, w := range []string{"合计", "小计", "总计", "null", "N/A", "Total", "其他"} {
		text := "姓名,人数,手机\n张伟,1," + m + "\n" + w + ",1,无\n"
		out, _ := fix49Redact(t, e, text)
		if want := "\n" + w + ",1,无\n"; !strings.HasSuffix(out, want) || strings.Contains(out, m) {
			t.Errorf("%q -> %q: the summary cell %q is masked as a name", text, out, w)
		}
	}
}
