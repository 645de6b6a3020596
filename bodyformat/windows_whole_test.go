package bodyformat

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// hanDigits spells the digits 0–9 in Chinese numerals, and hanDigitsAlt as
// they are read out on the phone (幺 for 1, 两 for 2, 拐 for 7, 勾 for 9,
// 洞 for 0).
var (
	hanDigits    = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	hanDigitsAlt = []string{"洞", "幺", "两", "三", "四", "五", "六", "拐", "八", "勾"}
)

// windowMix returns a piece of about n bytes that mixes, at random, what
// the readings' windows stand around and what their edges must stay clear
// of: Chinese prose whose words hold numerals (第一季度, 一号, 两天), long
// stretches of prose with no digit in any spelling (where edges form),
// mobiles and IDs in ASCII, in Chinese numerals and with numerals and
// digits mixed, numbers the number reading decodes, percent escapes,
// character references, look-alike letters, markup, line breaks.
func windowMix(r *rand.Rand, n int) string {
	quiet := []string{
		"随着城市更新工作的深入推进，老旧小区改造逐步从面子走向里子。",
		"大家听到这个消息都很高兴，这个方法值得在全省推广。",
		"The new library branch opened its doors to the public this weekend. ",
	}
	numeralWords := []string{
		"本市今年第一季度新增城镇就业，", "味道一如既往，性价比高。", "买大一号，", "比预计早了两天，",
		"统一社会信用代码为", "充电能用一天。", "超过三成。", "第三次回购了，", "住在二七区五一路一号，", "两个包裹",
	}
	spell := func(digits string, alt bool) string {
		var b strings.Builder
		for _, c := range digits {
			if c < '0' || c > '9' {
				b.WriteRune(c)
			} else if alt {
				b.WriteString(hanDigitsAlt[c-'0'])
			} else {
				b.WriteString(hanDigits[c-'0'])
			}
		}
		return b.String()
	}
	refs := func(digits string) string {
		var b strings.Builder
		for _, c := range digits {
			b.WriteString("&#" + string(rune('0'+c/10)) + string(rune('0'+c%10)) + ";")
		}
		return b.String()
	}
	pct := func(digits string) string {
		var b strings.Builder
		for _, c := range digits {
			b.WriteString("%3" + string(c))
		}
		return b.String()
	}
	var b strings.Builder
	for b.Len() < n {
		mobile, id := synth.CNMobile(r), synth.CNID18(r)
		switch r.IntN(16) {
		case 0, 1:
			q := quiet[r.IntN(len(quiet))]
			b.WriteString(strings.Repeat(q, 1+r.IntN(40)))
		case 2, 3:
			b.WriteString(numeralWords[r.IntN(len(numeralWords))])
		case 4:
			b.WriteString("电话号码是" + spell(mobile, r.IntN(2) == 0) + "，")
		case 5:
			b.WriteString("手机" + mobile[:3] + spell(mobile[3:7], false) + mobile[7:] + "。")
		case 6:
			b.WriteString("身份证号：" + id + "\n")
		case 7:
			b.WriteString(" 0." + mobile + "e11 ")
		case 8:
			b.WriteString(pct(mobile))
		case 9:
			b.WriteString("<p>" + refs(mobile) + "</p>\n")
		case 10:
			b.WriteString(mobile[:3] + "l" + mobile[4:6] + "O" + mobile[7:] + " ")
		case 11:
			b.WriteString([]string{"<p>", "</p>", "<b>", "</b>", "<br>", "&nbsp;", "\n", " ", "\n\n"}[r.IntN(9)])
		case 12:
			b.WriteString("第" + spell(string(rune('1'+r.IntN(9))), false) + "季度同比增长" + string(rune('1'+r.IntN(9))) + "%。\n")
		case 13:
			b.WriteString(spell(mobile[:3], false) + " " + mobile[3:7] + " " + spell(mobile[7:], true))
		case 14:
			b.WriteString("订单" + mobile[:5] + "号，第" + spell(mobile[5:6], false) + "批\n")
		default:
			b.WriteString(numeralWords[r.IntN(len(numeralWords))] + strings.Repeat(quiet[0], r.IntN(8)))
		}
	}
	return b.String()
}

// windowMixDivergent names the mixes of TestWindowsSameAsWhole whose
// findings differ in windows and whole for a cause outside the windows'
// edges, an open finding each (mix 43, a runs reading's span ending at its
// next run, is closed: TestRunsReadingSpanEndsAtLastDigit).
var windowMixDivergent = map[int]string{}

// TestWindowsSameAsWhole: Inspect finds and redacts the same whether each
// reading is read in the windows around what it changed or whole
// (readingsWhole), on random mixes of Chinese numeral prose, digits,
// escapes, references and markup, windows standing at every distance
// from the numerals, as text, HTML and JSON.
func TestWindowsSameAsWhole(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	windowed := 0
	mixes := 60
	if raceEnabled {
		mixes = 24
	}
	for k := range mixes {
		text := windowMix(r, 2000+r.IntN(24000))
		// the edits of the percent reading: read in windows when its edges
		// find quiet stretches
		var e edits
		if percentEdits([]byte(text), &e) {
			dec, offs := e.materialize([]byte(text))
			if ws, ok := changedWindows([]byte(text), dec, offs, false, nil); ok && len(ws) > 0 && ws[0].to-ws[0].from < len(dec) {
				windowed++
			}
		}
		for _, ct := range []string{"text/plain; charset=utf-8", "text/html; charset=utf-8", ctJSON} {
			body := []byte(text)
			if ct == ctJSON {
				body = []byte(`{"note":` + jsonQuote(text) + `}`)
			}
			readingsWhole = false
			got, gerr := Inspect(eng, body, ct, "", Redact, Limits{})
			readingsWhole = true
			want, werr := Inspect(eng, body, ct, "", Redact, Limits{})
			readingsWhole = false
			if (gerr == nil) != (werr == nil) || !reflect.DeepEqual(got, want) {
				if why, ok := windowMixDivergent[k]; ok {
					t.Logf("mix %d as %s: known divergence (%s)", k, ct, why)
					continue
				}
				t.Errorf("mix %d as %s (%d bytes): in windows %d findings %v (err %v), whole %d findings %v (err %v)",
					k, ct, len(body), len(got.Findings), spans(got.Findings), gerr, len(want.Findings), spans(want.Findings), werr)
			}
		}
	}
	if windowed*6 < mixes {
		t.Errorf("only %d of %d mixes read the percent reading in windows: the mixes do not reach the windows", windowed, mixes)
	}
}

// jsonQuote returns s as a JSON string.
func jsonQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range s {
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteRune(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c < 0x20:
			b.WriteString(`\u00`)
			b.WriteByte("0123456789abcdef"[c>>4])
			b.WriteByte("0123456789abcdef"[c&15])
		default:
			b.WriteRune(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
