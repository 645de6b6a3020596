package detect_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// evasionPerCase is how many values each (value kind, obfuscator) pair tries.
const evasionPerCase = 40

// obfuscator is a named rewrite of a value's spelling.
type obfuscator struct {
	name string
	f    func(string) string
}

// sepEvery returns an obfuscator inserting sep between every character.
func sepEvery(name, sep string) obfuscator {
	return obfuscator{name, func(s string) string { return synth.SeparatorEvery(s, sep) }}
}

// zeroWidth returns an obfuscator inserting the invisible character zw.
func zeroWidth(name string, zw rune) obfuscator {
	return obfuscator{name, func(s string) string { return synth.ZeroWidth(s, zw) }}
}

// commonObfuscators apply to any number: mobiles, identity numbers, cards.
var commonObfuscators = []obfuscator{
	{"fullwidth", synth.FullWidth},
	{"chinese_numerals", synth.ChineseNumerals},
	{"chinese_numerals_circle_zero", synth.ChineseNumeralsCircle},
	{"radio_reading", synth.RadioReading},
	{"circled_digits", synth.CircledDigits},
	{"traditional_financial", func(s string) string {
		var b strings.Builder
		for _, c := range s {
			if c >= '0' && c <= '9' {
				b.WriteRune([]rune("零壹貳參肆伍陸柒捌玖")[c-'0'])
			} else {
				b.WriteRune(c)
			}
		}
		return b.String()
	}},
	digitFamily("parenthesised_ideographs", '〇', '㈠'),
	digitFamily("circled_ideographs", '〇', '㊀'),
	digitFamily("digit_comma", '\U0001F101', '\U0001F102'),
	digitFamily("dingbat_negative_circled", '⓿', '❶'),
	digitFamily("double_circled", '⓪', '⓵'),
	digitFamily("parenthesised", '0', '⑴'),
	digitFamily("full_stop", '\U0001F100', '⒈'),
	digitFamily("math_monospace", '𝟶', '𝟷'),
	digitFamily("suzhou", '〇', '〡'),
	digitFamily("roman", '〇', 'Ⅰ'),
	digitFamily("small_roman", '〇', 'ⅰ'),
	sepEvery("sep_space", " "),
	sepEvery("sep_dash", "-"),
	sepEvery("sep_dot", "."),
	sepEvery("sep_slash", "/"),
	sepEvery("sep_newline", "\n"),
	sepEvery("sep_emoji", "🙂"),
	zeroWidth("zwsp", '\u200B'),
	zeroWidth("zwnj", '\u200C'),
	zeroWidth("zwj", '\u200D'),
	zeroWidth("word_joiner", '\u2060'),
	zeroWidth("bom", '\uFEFF'),
	{"soft_hyphen", synth.SoftHyphen},
	{"html_decimal", synth.HTMLDecimal},
	{"html_hex", synth.HTMLHex},
	{"html_zero_padded", func(s string) string {
		var b strings.Builder
		for i, c := range s {
			fmt.Fprintf(&b, "&#%s%d;", strings.Repeat("0", 5+i*7), c) // more zeros than any limit of 8 digits
		}
		return b.String()
	}},
	{"fullwidth_zwsp", func(s string) string { return synth.ZeroWidth(synth.FullWidth(s), '\u200B') }},
}

// digitFamily returns an obfuscator writing each digit in one family of
// Unicode's digit look-alikes: zero for 0, one to one+8 for 1 to 9.
func digitFamily(name string, zero, one rune) obfuscator {
	return obfuscator{name, func(s string) string {
		var b strings.Builder
		for _, c := range s {
			switch {
			case c == '0':
				b.WriteRune(zero)
			case c >= '1' && c <= '9':
				b.WriteRune(one + c - '1')
			default:
				b.WriteRune(c)
			}
		}
		return b.String()
	}}
}

// grouping returns an obfuscator splitting a value into groups.
func grouping(name, sep string, sizes ...int) obfuscator {
	return obfuscator{name, func(s string) string { return synth.Grouped(s, sep, sizes...) }}
}

// evasionValue is a kind of value the evasion tests disguise.
type evasionValue struct {
	name string
	cat  detect.Category
	gen  func(*rand.Rand) string
	// groupings are the display groupings usual for this kind of number.
	groupings []obfuscator
}

var evasionValues = []evasionValue{
	{"mobile", detect.CNMobile, synth.CNMobile, []obfuscator{
		grouping("grouped_344_space", " ", 3, 4, 4),
		grouping("grouped_344_dash", "-", 3, 4, 4),
		grouping("grouped_344_dot", ".", 3, 4, 4),
	}},
	{"cn_id", detect.CNID, synth.CNID18, []obfuscator{
		grouping("grouped_684_space", " ", 6, 8, 4),
		grouping("grouped_684_dash", "-", 6, 8, 4),
	}},
	{"cn_id_X", detect.CNID, synth.CNID18X, []obfuscator{
		grouping("grouped_684_space", " ", 6, 8, 4),
	}},
	{"unionpay", detect.BankCard, synth.UnionPayCard, []obfuscator{
		grouping("grouped_4_space", " ", 4),
		grouping("grouped_4_dash", "-", 4),
	}},
	{"card", detect.BankCard, synth.AnyCard, []obfuscator{
		grouping("grouped_4_space", " ", 4),
	}},
}

// evasionTemplates carry no label: a disguised number must be caught on its
// own, as doxxers rarely label what they hide.
var evasionTemplates = []string{
	"懂的来，{V}，私聊",
	"扒出来了 {V} 大家随意",
	"contact: {V} (dm me)",
	"<li>{V}</li>",
}

// checkSpanOnly verifies that Redact changed text only inside [start, end)
// and did change it there.
func checkSpanOnly(e *detect.Engine, s sample) string {
	in := []byte(s.text)
	out, _ := e.Redact(in)
	tail := len(in) - s.end
	switch {
	case !utf8.Valid(out):
		return "output is not valid UTF-8"
	case len(out) < s.start+tail:
		return "output shorter than the text around the value"
	case !bytes.Equal(out[:s.start], in[:s.start]):
		return "bytes before the value changed: " + string(out[:s.start])
	case !bytes.Equal(out[len(out)-tail:], in[s.end:]):
		return "bytes after the value changed: " + string(out[len(out)-tail:])
	case bytes.Equal(out[s.start:len(out)-tail], in[s.start:s.end]):
		return "value unchanged"
	}
	return ""
}

// TestEvasion applies every obfuscator to mobiles, identity numbers and
// cards; each disguised value must be found with its exact span, and Redact
// must change only that span.
func TestEvasion(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	for _, v := range evasionValues {
		for _, o := range append(append([]obfuscator(nil), commonObfuscators...), v.groupings...) {
			name := v.name + "/" + o.name
			t.Run(name, func(t *testing.T) {
				r := seeded(seedOf(name))
				var miss, span failures
				for range evasionPerCase {
					raw := v.gen(r)
					s := fillTemplate(pickOf(r, evasionTemplates), "", o.f(raw))
					fs := e.Find([]byte(s.text))
					if _, ok := exactly(fs, v.cat, s.start, s.end); !ok {
						miss.add("%q (%s): want %s at [%d:%d], got %s", s.text, raw, v.cat, s.start, s.end, describe(s.text, fs))
						continue
					}
					if msg := checkSpanOnly(e, s); msg != "" {
						span.add("%q: %s", s.text, msg)
					}
				}
				miss.report(t, "disguised value not found with exact span", evasionPerCase)
				span.report(t, "Redact changed more or less than the span", evasionPerCase)
			})
		}
	}
}

// TestEvasionEmail checks the '@' spellings: ＠, [at], (at), 艾特 and
// "at … dot".
func TestEvasionEmail(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	for _, form := range synth.AtForms {
		t.Run(form.String(), func(t *testing.T) {
			r := seeded(seedOf("email" + form.String()))
			var miss, span failures
			for range evasionPerCase {
				v := synth.EmailAt(synth.Email(r), form)
				s := fillTemplate(pickOf(r, []string{"发邮件到 {V} 就行", "mail me: {V} thanks", "邮箱：{V}，谢谢", "{V}"}), "", v)
				fs := e.Find([]byte(s.text))
				if _, ok := exactly(fs, detect.Email, s.start, s.end); !ok {
					miss.add("%q: want email at [%d:%d], got %s", s.text, s.start, s.end, describe(s.text, fs))
					continue
				}
				if msg := checkSpanOnly(e, s); msg != "" {
					span.add("%q: %s", s.text, msg)
				}
			}
			miss.report(t, "disguised e-mail not found with exact span", evasionPerCase)
			span.report(t, "Redact changed more or less than the span", evasionPerCase)
		})
	}
}

// TestCountryPrefix checks mobiles written with +86, 0086 or 86: the
// finding must cover the 11 digits and may include the prefix, and
// Redact must leave everything outside prefix+number alone.
func TestCountryPrefix(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	r := seeded(seedOf("country-prefix"))
	var miss, span failures
	prefixes := []string{"+86 ", "+86-", "+86", "0086 ", "0086-", "86-", "(+86) "}
	for range perCase {
		p := pickOf(r, prefixes)
		m := synth.CNMobile(r)
		if r.IntN(2) == 0 {
			m = synth.Grouped(m, " ", 3, 4, 4)
		}
		s := fillTemplate("电话 {V} 找我", "", p+m)
		digitsStart := s.start + len(p)
		fs := e.Find([]byte(s.text))
		_, withPrefix := exactly(fs, detect.CNMobile, s.start, s.end)
		_, digitsOnly := exactly(fs, detect.CNMobile, digitsStart, s.end)
		if !withPrefix && !digitsOnly {
			miss.add("%q: want cn_mobile at [%d:%d] or [%d:%d], got %s", s.text, s.start, s.end, digitsStart, s.end, describe(s.text, fs))
			continue
		}
		if msg := checkSpanOnly(e, s); msg != "" && !strings.HasPrefix(msg, "value unchanged") {
			span.add("%q: %s", s.text, msg)
		}
	}
	miss.report(t, "mobile with country prefix not found", perCase)
	span.report(t, "Redact changed bytes outside prefix+number", perCase)
}
