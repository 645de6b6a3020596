package detect_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestFix54StreamLongRowsKeepHeader (issue #9, fix54stream item 2): an
// export whose rows hold a remark longer than the stream's 4 KiB hold
// (a pasted log, a long note). A cut falling in such a row could not
// move back to the row's start (streamHold bytes at most), so it carried
// no header, and every row of the next chunks went out with its
// nickname raw, where the whole text masks them all. Should: the
// streamed output equals the whole text's, in every write size, with
// remarks plain and quoted (a quoted one holding line
// ends, which a CSV reader keeps in the cell) beside the long cell.
func TestFix54StreamLongRowsKeepHeader(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("fix54")})
	for _, quoted := range []bool{false, true} {
		r := rand.New(rand.NewPCG(54, 2))
		var b strings.Builder
		b.WriteString("序号,联系人,手机,备注,附件\n")
		const rows = 600
		for i := range rows {
			note, file := "ok", "-"
			if i%3 == 0 {
				file = strings.Repeat("x", 4<<10+r.IntN(12<<10))
				if quoted {
					note = `"` + strings.Repeat("已签收；放门口\n", 1+r.IntN(40)) + `"`
				}
			}
			fmt.Fprintf(&b, "%d,%s,%s,%s,%s\n", i, attack53aNicks[r.IntN(3)], synth.CNMobile(r), note, file)
		}
		text := b.String()
		want, _ := e.Redact([]byte(text))
		if n := attack53aRawNicks(want); n != 0 {
			t.Fatalf("quoted %v: the whole text keeps %d nicknames raw (fixture)", quoted, n)
		}
		for _, size := range []int{4093, 32 << 10, 1 << 20} {
			got := streamRedacted(t, e, text, size)
			if n := attack53aRawNicks(got); n != 0 || !bytes.Equal(got, want) {
				t.Errorf("quoted %v, writes of %d: %d of %d nicknames raw in the streamed output, 0 in the whole text's", quoted, size, n, rows)
			}
		}
	}
}

// TestFix54LongQuotedCellKeepsTable (issue #9, fix54stream item 3): a
// quoted remark longer than 2 KiB (a CSV reader reads on to its closing
// quote) ended the table, and every row after it went out with its
// nickname raw. Now a quoted cell is read up to 16 KiB for its closing
// quote, and past that the table is kept (fail closed): the lines of the
// open cell that do not fit the header, blank ones too, are passed over,
// and the rows after it are read under the header. The remark, clean,
// is kept byte for byte; a name counted a row. Streamed, a row of up to
// 32 KiB keeps its header too.
func TestFix54LongQuotedCellKeepsTable(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("fix54")})
	r := rand.New(rand.NewPCG(54, 3))
	for _, long := range []int{3 << 10, 15 << 10, 20 << 10, 29 << 10, 100 << 10} {
		var remark strings.Builder
		for remark.Len() < long {
			remark.WriteString("已签收；放门口。\n")
			if remark.Len()%5 == 0 {
				remark.WriteString("\n") // a blank line inside the cell
			}
		}
		var b strings.Builder
		b.WriteString("序号,联系人,备注,手机\n")
		const rows = 40
		for i := range rows {
			note := "无"
			if i == 3 {
				note = `"` + remark.String() + `"`
			}
			fmt.Fprintf(&b, "%d,%s,%s,%s\n", i, attack53aNicks[i%3], note, synth.CNMobile(r))
		}
		text := b.String()
		out, fs := e.Redact([]byte(text))
		if n := attack53aRawNicks(out); n != 0 {
			t.Errorf("remark of %d B: %d of %d nicknames raw", remark.Len(), n, rows)
		}
		if !bytes.Contains(out, []byte(remark.String())) {
			t.Errorf("remark of %d B: the remark is not kept byte for byte", remark.Len())
		}
		if n := countCategory(fs, detect.CNName); n != rows {
			t.Errorf("remark of %d B: %d names counted, want %d", remark.Len(), n, rows)
		}
		// streamed, after preambles that put cuts all over the remark: a
		// cut in the open cell moves back to the row that opened it, up
		// to maxCarriedRow (32 KiB); a longer row carries no header
		for pre := 60 << 10; pre < 64<<10+long; pre += 1531 {
			text := strings.Repeat("a", pre-1) + "\n" + text
			got := streamRedacted(t, e, text, 32<<10)
			if n := attack53aRawNicks(got); n != 0 && long < 30<<10 {
				t.Errorf("remark of %d B after %d B, streamed: %d of %d nicknames raw", remark.Len(), pre, n, rows)
			}
		}
	}
}

// TestFix54HeaderColumnAfterNameLabel (issue #9, fix54stream item 4): in
// a header split by tabs, pipes or aligned spaces, the column name right
// after a name label (联系人\t状态\t手机) was read as that label's value
// and masked (状*), in every export of that shape. A listed column name
// (notnames.txt) is now a header cell, kept byte for byte, and the
// header still names its columns: the rows' nicknames are masked, one
// name counted a row, even in a table with no other finding. A value
// that may be a name after a label in a line of that shape (姓名\t张三\t
// 电话\t…, a record) is still masked.
func TestFix54HeaderColumnAfterNameLabel(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("fix54")})
	r := rand.New(rand.NewPCG(54, 4))
	for _, h := range []struct{ head, lead, sep, end string }{
		{"联系人\t状态\t手机", "", "\t", ""},
		{"联系人\t备注\t手机", "", "\t", ""},
		{"收货人\t订单号\t手机", "", "\t", ""},
		{"| 联系人 | 状态 | 手机 |\n|---|---|---|", "| ", " | ", " |"},
		{"|联系人|状态|手机|\n|---|---|---|", "|", "|", "|"},
	} {
		var b strings.Builder
		b.WriteString(h.head + "\n")
		const rows = 6
		for i := range rows {
			fmt.Fprintf(&b, "%s%s%s已发货%s%s%s\n", h.lead, attack53aNicks[i%3], h.sep, h.sep, synth.CNMobile(r), h.end)
		}
		text := b.String()
		out, fs := e.Redact([]byte(text))
		if !bytes.HasPrefix(out, []byte(h.head+"\n")) {
			t.Errorf("%q: the header is not kept: %q", h.head, out)
		}
		if n := countCategory(fs, detect.CNName); n != rows || bytes.Contains(out, []byte("Kitty")) {
			t.Errorf("%q: %d names counted, want %d: %q", h.head, n, rows, out)
		}
	}
	// a table with no other finding
	out, _ := e.Redact([]byte("联系人\t状态\n小叶子呀\t已发货\n"))
	if want := "联系人\t状态\n"; !bytes.HasPrefix(out, []byte(want)) || bytes.Contains(out, []byte("小叶子呀")) {
		t.Errorf("a table with no other finding: %q", out)
	}
	// a record: the value after the label is a name
	for range 20 {
		name := synth.CNName(r)
		out, _ := e.Redact([]byte("姓名\t" + name + "\t电话\t" + synth.CNMobile(r) + "\n"))
		if bytes.Contains(out, []byte(name)) {
			t.Errorf("a record's name is left raw: %q", out)
		}
	}
	// a record whose name is also a common word (杨柳, 高兴): only the
	// export column names of notnames.txt make a header cell, so the name
	// is masked (fail closed)
	for _, name := range []string{"杨柳", "高兴", "江湖", "石头"} {
		out, _ := e.Redact([]byte("姓名\t" + name + "\t电话\t" + synth.CNMobile(r) + "\n"))
		if bytes.Contains(out, []byte(name)) {
			t.Errorf("a record's name that is a common word is left raw: %q", out)
		}
	}
}

// TestFix54OpenQuoteThenTable: the lines an unclosed quote leaves open
// are passed over only while they are no header: a table of another
// shape after them (a TSV after a CSV whose remark never closes) is read
// under its own header, its nicknames masked.
func TestFix54OpenQuoteThenTable(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("fix54")})
	r := rand.New(rand.NewPCG(54, 5))
	text := "联系人,备注,手机\n阿星,\"" + strings.Repeat("已签收\n", 3000) +
		"说明\n\n序号\t联系人\t手机\n"
	for i := range 5 {
		text += fmt.Sprintf("%d\t%s\t%s\n", i, attack53aNicks[i%3], synth.CNMobile(r))
	}
	out, _ := e.Redact([]byte(text))
	for _, k := range attack53aNicks {
		if bytes.Contains(out, []byte("\t"+k+"\t")) || bytes.Contains(out, []byte(k+",")) {
			t.Errorf("%q left raw", k)
		}
	}
	if !bytes.Contains(out, []byte(strings.Repeat("已签收\n", 3000)+"说明\n\n序号\t联系人\t手机\n")) {
		t.Errorf("the open cell's lines or the second header changed")
	}
}
