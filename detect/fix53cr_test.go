package detect_test

import (
	"bytes"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestFix53CSVCellsHoldLineEnds: under a name column's header, a row read
// as a CSV reader reads it keeps the table: a quoted cell holding a line
// end of any kind or a separator ("周一\n送达", "周一,送达", "周一""A""",
// one over several lines), a bare '\r' in an unquoted cell of a row short
// of cells, and lines ending in runs of '\r' before '\n'. Every nickname
// of the export is masked, in every line-end style, and the remark cells
// and the header are kept byte for byte.
func TestFix53CSVCellsHoldLineEnds(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	r := rand.New(rand.NewPCG(53, 11))
	const rows = 20
	for _, remark := range []string{
		"\"周一\n送达\"", "\"周一\r\n送达\"", "\"周一,送达\"", "\"周一\"\"A\"\",送达\"", "\"周一\r\r\n送达\n\n放门口\"",
		" \"周一\r送达\"", "周一\r送达",
	} {
		for _, eol := range []string{"\n", "\r\n", "\r\r\n", "\r"} {
			if eol == "\r" && !strings.Contains(remark, "\"") {
				continue // a bare-CR export's unquoted '\r' splits the row: a CSV reader's two rows
			}
			head := "联系人,备注,手机"
			text := attack53Export(r, head, eol, rows, func(i int) string {
				if i%3 == 0 {
					return remark
				}
				return "无"
			})
			what := "remark " + strconv.Quote(remark) + ", eol " + strconv.Quote(eol)
			out, fs := fix49Redact(t, e, text)
			attack53AllNamesMasked(t, what, text, out, fs, rows)
			if !strings.HasPrefix(out, head+eol) || strings.Count(out, ","+remark+",") != (rows+2)/3 {
				t.Errorf("%s: the header or a remark is changed: %q", what, out)
			}
		}
	}
}

// TestFix53CSVRowsStillEnd: the CSV reading keeps no table a CSV reader
// would end: a blank line and a line of another shape end it as before,
// and the lines after are read as prose (a word there is no name). A
// quote nothing closes keeps the table since fix54stream (fail closed:
// TestFix54LongQuotedCellKeepsTable).
func TestFix53CSVRowsStillEnd(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for _, tail := range []string{
		"\n\n欢迎,光临,本店\n",
		"\n说明\n欢迎,光临,本店\n",
		"\r\r欢迎,光临,本店\r",
		"\n欢迎,光临,本店,再见\n",
	} {
		text := "联系人,备注,手机\n小叶,无,13912345678" + tail
		out, _ := fix49Redact(t, e, text)
		if strings.Contains(out, "小叶") || !strings.Contains(out, "欢迎,光临") {
			t.Errorf("%q -> %q: the row is kept raw or the text after the table is masked", text, out)
		}
	}
}

// TestFix53StreamCSVRows: CSV exports whose rows span lines (quoted cells
// holding line ends), or end in "\r\r\n" or a bare '\r', streamed in
// writes of several sizes, give the whole text's output: the stream cuts
// at a row's start as tableNames reads it, and carries its header.
func TestFix53StreamCSVRows(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("stream")})
	r := rand.New(rand.NewPCG(53, 12))
	const rows = 5000
	for _, eol := range []string{"\r\r\n", "\r", "\n"} {
		text := attack53Export(r, "联系人,备注,手机", eol, rows, func(i int) string {
			if i%4 == 0 {
				return "\"周一\n送达\r\n放门口\""
			}
			return "无"
		})
		want, _ := e.Redact([]byte(text))
		for _, nick := range attack53Nicks {
			if bytes.Contains(want, []byte(nick)) {
				t.Fatalf("eol %q: the whole text leaves %q raw", eol, nick)
			}
		}
		for _, size := range []int{999, 32 << 10} {
			got := streamRedacted(t, e, text, size)
			if !bytes.Equal(got, want) {
				t.Errorf("eol %q, writes of %d: the streamed output differs from the whole text's", eol, size)
			}
		}
	}
}

// TestFix53StreamFlushAfterCR: a stream flushed right after a row's bare
// '\r', its header out of the context it keeps, carries the header to the rows after the flush, whether they
// start a row or finish the line end ("\r" | "\n", "\r" | "\r\n"), and a
// blank line after the flush still ends the table: the output is the
// whole text's.
func TestFix53StreamFlushAfterCR(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("stream")})
	for _, second := range []string{"小鱼儿,无,13912345678\r", "\n小鱼儿,无,13912345678\n", "\r\n小鱼儿,无,13912345678\r\n", "\r欢迎,光临,本店\r"} {
		first := "联系人,备注,手机\r" + strings.Repeat("小叶,无,13812345678\r", 20) // past the context a stream keeps
		want, _ := e.Redact([]byte(first + second))
		var out bytes.Buffer
		s := e.NewStreamRedactor(&out, nil)
		for _, p := range []string{first, second} {
			if _, err := s.Write([]byte(p)); err != nil {
				t.Fatal(err)
			}
			if err := s.Flush(); err != nil {
				t.Fatal(err)
			}
		}
		if out.String() != string(want) {
			t.Errorf("%q | %q: streamed %q, whole %q", first, second, out.String(), want)
		}
	}
}

// TestFix53SqueezedHeaderCleanKept: a header cell read without its spaces
// and invisible characters names a name column only when what is left is
// a name label: cells that squeeze to other labels or words (商　品,
// 备\u200b注, 我 是 联系人, 联系人 手机, nothing at all) name none, and the words under them
// beside a mobile are kept byte for byte.
func TestFix53SqueezedHeaderCleanKept(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for _, head := range []string{"商\u3000品,备\u200b注,手 机", "我 是 联系人,备注,手机", "联系人 手机,备注,手机", "\u3000 \u3000,\u200b\ufeff,手机"} {
		text := head + "\n可口可乐,无,13912345678\n雪碧,无,13812345678\n"
		out, _ := fix49Redact(t, e, text)
		if !strings.Contains(out, "可口可乐,无,") || !strings.Contains(out, "雪碧,无,") || !strings.HasPrefix(out, head+"\n") {
			t.Errorf("%q -> %q: a cell under a header naming no name column is masked", text, out)
		}
	}
}

// TestFix53SpacedLabelProse: a label written spaced or with an invisible
// character inside it leads to its value when a colon follows it (姓 名：,
// 联\u200b系人：, 手　机：); without a colon, or when its characters are
// no label whole (姓 名字：), the text after it is kept byte for byte.
func TestFix53SpacedLabelProse(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for _, text := range []string{"备注：姓 名：糖糖，已签收", "联\u200b系人：小鱼儿。", "联系\u200b人：小鱼儿。"} {
		out, fs := fix49Redact(t, e, text)
		if countCategory(fs, detect.CNName) != 1 || strings.Contains(out, "糖糖") || strings.Contains(out, "小鱼儿") {
			t.Errorf("%q -> %q: the name after a spaced label goes out raw", text, out)
		}
	}
	for _, text := range []string{"请写上姓 名 小鱼儿说好的", "姓 名字：小鱼儿说好", "联 系 人 员 ：都在"} {
		if out, _ := fix49Redact(t, e, text); out != text {
			t.Errorf("%q -> %q: clean text is changed", text, out)
		}
	}
}
