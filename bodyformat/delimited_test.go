package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestDelimitedGroupsRead: a mobile, a resident ID or a card after a label
// whose groups
// (or every digit) stand apart with what the engine reads as the end of a
// value, a bar, a wave dash, a list comma, a colon, an underscore, tabs, a
// line break (after a hyphen too), a full stop and a space, is one number
// to a reader, in any spelling of its digits: found, and no group goes
// out raw.
func TestDelimitedGroupsRead(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	seps := []string{"～", "〜", "~", "\t", "\t\t", "\n", "\r\n", "\n\n", "-\n", "，", ",", "、", "|", " | ", "｜", "丨", ":", "：",
		"_", "__", ". ", "。", ";", "；", "#", "…", "→", "\\"}
	for range 3 {
		mob, id, card := synth.CNMobile(r), synth.CNID18(r), synth.UnionPayCard(r)
		for _, sep := range seps {
			for _, v := range []string{
				mob[:3] + sep + mob[3:7] + sep + mob[7:],
				id[:6] + sep + id[6:14] + sep + id[14:],
				strings.Join(strings.Split(mob, ""), sep),
				strings.Join(chunks(card, 4), sep),
				synth.FullWidth(mob[:3]) + sep + synth.FullWidth(mob[3:7]) + sep + synth.FullWidth(mob[7:]),
				synth.ChineseNumerals(mob[:3]) + sep + synth.ChineseNumerals(mob[3:7]) + sep + synth.ChineseNumerals(mob[7:]),
			} {
				body := "手机号码 " + v + " 谢谢"
				res := mustInspect(t, eng, []byte(body), "text/plain", "", Redact)
				if len(res.Findings) == 0 || strings.Contains(string(res.Body), v) {
					t.Errorf("%q -> %q", body, res.Body)
				}
				assertStable(t, eng, res, "text/plain")
			}
		}
	}
}

// TestDelimitedVariantsRead: any punctuation or symbol outside ASCII
// delimits (the small, half-width and presentation forms, ∣ ∶ ∙ ‥ ← ⇒ »
// 〰; those lists are written with behind a label), spaces of any width and invisible characters stand around a
// delimiter, gaps run to maxDelimitedGap units, delimiters come spelled
// as references in a page, a Markdown emphasis next to the run is no
// mask, a run padded with other groups (+86, a row number, a second
// number) holds an identifier the engine finds among its groups, and the
// elements of a page (paragraphs, list items, cells) hold one group each
// behind a label.
func TestDelimitedVariantsRead(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 3 {
		m := mobileNoZeroAt(r, 3, 7)
		a, b, c := m[:3], m[3:7], m[7:]
		m2 := synth.CNMobile(r)
		sep := func(pre, d, post string) string { return pre + a + d + b + d + c + post }
		cases := []struct{ ct, body string }{
			{"text/plain", sep("手机 ", "､", " 谢谢")},
			{"text/plain", sep("手机 ", "﹐", " 谢谢")},
			{"text/plain", sep("手机 ", "﹔", " 谢谢")},
			{"text/plain", sep("联系 ", "∣", " 谢谢")},
			{"text/plain", sep("手机 ", "∶", " 谢谢")},
			{"text/plain", sep("联系 ", "︱", " 谢谢")},
			{"text/plain", sep("联系 ", "ǀ", " 谢谢")},
			{"text/plain", sep("联系 ", "〰", " 谢谢")},
			{"text/plain", sep("手机 ", "∙", " 谢谢")},
			{"text/plain", sep("联系 ", "⇒", " 谢谢")},
			{"text/plain", sep("联系 ", "»", " 谢谢")},
			{"text/plain", sep("联系 ", "＿", " 谢谢")},
			{"text/plain", sep("联系 ", ">", " 谢谢")},
			{"text/plain", sep("手机：", "\u200b|\u200b", "")},
			{"text/plain", sep("手机：", "\u00ad|", "")},
			{"text/plain", sep("手机：", "\u00a0|\u00a0", "")},
			{"text/plain", sep("手机：", "\u2009|\u2009", "")},
			{"text/plain", sep("手机：", "  |  ", "")},
			{"text/plain", sep("手机：", "|||||", "")},
			{"text/plain", sep("手机：", "\r\n\r\n\r\n", "")},
			{"text/html", sep("<p>手机：", "&nbsp;|&nbsp;", "</p>")},
			{"text/html", sep("<p>手机：", "&#124;", "</p>")},
			{"text/html", sep("<p>手机：", "&vert;", "</p>")},
			{"text/plain", sep("**手机** ", "|", "")},
			{"text/plain", sep("手机：", "|", " *重要*")},
			{"text/plain", "手机 +86|" + a + "|" + b + "|" + c + " 谢谢"},
			{"text/plain", "手机 1|" + a + "|" + b + "|" + c + "|2"},
			{"text/plain", "手机 " + a + "|" + b + "|" + c + "|" + m2[:3] + "|" + m2[3:7] + "|" + m2[7:]},
			// quoted values one a line (a YAML list) or in a row
			{"application/yaml", "tel:\n  - \"" + a + "\"\n  - \"" + b + "\"\n  - \"" + c + "\"\n"},
			{"text/plain", "手机: '" + a + "', '" + b + "', '" + c + "'"},
			// a label or delimiters spelled as escapes; Markdown bold
			{"application/javascript", `var s = "\u624b\u673a ` + a + "|" + b + "|" + c + `";`},
			{"text/plain", "tel=" + a + "%E3%80%81" + b + "%E3%80%81" + c},
			{"text/markdown", "手机：**" + a + "|" + b + "|" + c + "**"},
			// one group an element, behind a label
			{"text/html", "<p>手机：</p><p>" + a + "</p><p>" + b + "</p><p>" + c + "</p>"},
			{"text/html", "<ul><li>手机</li><li>" + a + "</li><li>" + b + "</li><li>" + c + "</li></ul>"},
			{"text/html", "<table><tr><td>手机</td><td>" + a + "</td><td>" + b + "</td><td>" + c + "</td></tr></table>"},
		}
		for _, c := range cases {
			res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
			if strings.Contains(string(res.Body), b) {
				t.Errorf("%s %q -> %q", c.ct, c.body, res.Body)
			}
			if c.ct == "text/plain" {
				assertStable(t, eng, res, c.ct)
			}
		}
	}
}

// TestDelimitedNotOverread: runs whose digits add up to no identifier's
// length, or that run into a longer token, are not read joined: times,
// dates, scores, version strings, a list of small numbers, a masked
// number, sums.
func TestDelimitedNotOverread(t *testing.T) {
	eng := testEngine(t)
	for _, body := range []string{
		"会议 13:45:20 开始", "2026:12:05", "比分 3:1，2:2，1:0", "版本 1.2.3_4",
		"列表 1, 2, 3, 4, 5, 6, 7, 8, 9, 10", "电话 138****5678 已隐藏",
		"合计 1380+1234+5678", "| 15 | 2024 | 12 |", "a|b|c 1|2|3",
		"订单 12345678901234567890123|4567", "1700000#6226 **** **** 1502", "138****5678|1234",
		// data written with commas, tabs, bars, lines, colons, no label before it
		"id,qty,price\n138,1200,5999\n", "req|150|2024|1231|ok", "count\n158\n1024\n2048\n", "138\t1200\t5999",
		"connect 160.211.158.86:1135 timeout", "| 138 | 1200 | 5999 |",
		// a padded run of data delimiters with no label; currencies, sums
		"| 1 | 138 | 1200 | 5999 |", "1|138|1200|5999|2", "价格 ¥138¥1200¥5999", "1380＋1234＋5678",
		"2019年→2020年→2021年",
		// lists written with Chinese punctuation, no label
		"单周上课：1、3、5、7、9、11、13、15周", "第1、4、7、10、13、16、19条", "共166、1249、6955人次",
		"参考文献第177，4511，5600页",
	} {
		res := mustInspect(t, eng, []byte(body), "text/plain", "", Redact)
		if res.Changed || len(res.Findings) != 0 {
			t.Errorf("%q -> %q %v", body, res.Body, res.Findings)
		}
	}
	// tables and lists of numbers with no label right before them
	for _, page := range []string{
		"<table><tr><th>手机</th><th>数量</th><th>价格</th></tr><tr><td>138</td><td>1200</td><td>5999</td></tr></table>",
		"<ul><li>138</li><li>1200</li><li>5999</li></ul>", "<p>138</p><p>1234</p><p>5678</p>",
	} {
		if res := mustInspect(t, eng, []byte(page), "text/html", "", Redact); res.Changed {
			t.Errorf("%q -> %q", page, res.Body)
		}
	}
}

// TestDelimitedRunsFarApart: the reading holds each run with its context
// only; runs far apart are each found and masked where they stand, and a
// label before a run is read with it.
func TestDelimitedRunsFarApart(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	mob, id := synth.CNMobile(r), synth.CNID18(r)
	a, b := mob[:3]+"|"+mob[3:7]+"|"+mob[7:], id[:6]+"～"+id[6:14]+"～"+id[14:]
	filler := strings.Repeat("今天天气很好，我们去公园散步。", 20)
	body := filler + "手机号码：" + a + filler + "身份证号：" + b + filler
	res := mustInspect(t, eng, []byte(body), "text/plain", "", Redact)
	out := string(res.Body)
	if strings.Contains(out, a) || strings.Contains(out, b) || !strings.HasPrefix(out, filler) || !strings.HasSuffix(out, filler) {
		t.Errorf("%q -> %q", body, out)
	}
	assertStable(t, eng, res, "text/plain")
}

// TestMayDelimitCoversRuns checks that the delimited reading's one-pass
// check (mayDelimit) never skips a text the reading decodes: over random
// texts of digits in every spelling, delimiters, labels, gaps of every
// length up to past a run's, check X's and what ends a run, whenever the
// runs reading decodes something, mayDelimit says so; and it says no
// to most texts without (a date with a colon, a note with numbers).
func TestMayDelimitCoversRuns(t *testing.T) {
	r := rng(t.Name())
	atoms := []string{"1", "38", "1234", "5678", "１８７", "一八七", "&#49;", "&#x31;", "|", "｜", "，", "、", ":", "\n", " ", "-", ".", ". ",
		"手机", "身份证 ", "tel:", "X", "x", "\u200b", "～", "号", "a", "\xff", "&", "#", "**",
		"丨", "Ｘ", "&#88;", "        ", "         ", "/", "\u3000", "\u00ad", "é", "\"", "'", "…", "\xe3\x80", "年", "&nbsp;", "\x00"}
	// (groups and delimiters again: most texts hold a run or come close)
	atoms = append(atoms, "138", "1234", "5678", "1234", "|", "｜", "手机", "身份证 ", "、", "~")
	runs, skipped := 0, 0
	for range 100000 {
		var b strings.Builder
		for range 1 + r.IntN(24) {
			b.WriteString(atoms[r.IntN(len(atoms))])
		}
		text := []byte(b.String())
		_, _, ok := delimitedRuns(text)
		may := mayDelimit(text)
		if ok && !may {
			t.Fatalf("the delimited reading decodes %q, mayDelimit says it cannot", text)
		}
		if ok {
			runs++
		} else if !may {
			skipped++
		}
	}
	if runs < 1000 || skipped < 10000 {
		t.Errorf("%d texts read joined, %d skipped: the texts do not test the check", runs, skipped)
	}
	t.Logf("%d texts read joined, %d skipped", runs, skipped)
	// digits enough and a delimiter, never in one stretch a run may span
	for _, s := range []string{"Invoice 2024021116551008001 is due on 2012/10/11; late fees are 25.2% per month.",
		"2027年9月27日 10:46:33", "如遇银行卡挂失等问题，可拨打95261人工服务。", "2014/05/10 10:47:34", "138 1234 567          :89"} {
		if mayDelimit([]byte(s)) {
			t.Errorf("%q: mayDelimit finds what a run needs, where no stretch a run may span holds both", s)
		}
	}
}

// TestGapSpaceTable checks gapSpace's table against gapSpaceRune for
// every character the table answers, and beyond it.
func TestGapSpaceTable(t *testing.T) {
	for r := rune(-1); r <= 0x10FFFF+1; r++ {
		if got, want := gapSpace(r), gapSpaceRune(r); got != want {
			t.Fatalf("%U: %v, want %v", r, got, want)
		}
	}
}

// TestDelimiterTable checks delimiter's table against delimiterRune for
// every character the table answers, and beyond it.
func TestDelimiterTable(t *testing.T) {
	for r := rune(-1); r <= 0x10FFFF+1; r++ {
		if got, want := delimiter(r), delimiterRune(r); got != want {
			t.Fatalf("%U: %v, want %v", r, got, want)
		}
	}
}
