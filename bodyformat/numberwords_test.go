package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// spell writes each digit of v as a word of words (ten of them, 0 to 9),
// joined by sep.
func spell(v string, words []string, sep string) string {
	var out []string
	for _, c := range v {
		out = append(out, words[c-'0'])
	}
	return strings.Join(out, sep)
}

// TestNumberWordsRead: a mobile spelled in English or pinyin words, some
// digits left as digits, is redacted in text and in JSON; prose with a few
// number words is left alone.
func TestNumberWordsRead(t *testing.T) {
	english := strings.Fields("zero one two three four five six seven eight nine")
	pinyin := strings.Fields("ling yao er san si wu liu qi ba jiu")
	r := rng(t.Name())
	for range 10 {
		m := synth.CNMobile(r)
		for _, spelled := range []string{
			spell(m, english, " "),
			spell(m, pinyin, " "),
			strings.ToUpper(spell(m, english, "-")),
			spell(m[:3], english, " ") + " " + m[3:7] + " " + spell(m[7:], english, ", "),
			spell(m, strings.Fields("líng yāo èr sān sì wǔ liù qī bā jiǔ"), " "),
			doubled(m, english),
		} {
			for _, c := range []struct{ body, ct string }{
				{"phone: " + spelled + ".", "text/plain"},
				{`{"msg":"手机 ` + spelled + `"}`, "application/json"},
			} {
				res := mustInspect(t, testEngine(t), []byte(c.body), c.ct, "", Redact)
				if len(res.Findings) == 0 || strings.Contains(string(res.Body), spelled) {
					t.Errorf("%s %q: out %q", c.ct, c.body, res.Body)
				}
			}
		}
	}
	for _, clean := range []string{
		"one or two things, three at most", "Chapter one, two, three, four, five and six",
		"wu yi san ba si er", "I have one two three four five six seven apples", "someone threefold eighty",
		"wǔ yī sān bā sì", "a double room for one, two or three nights", "triple A, double B",
	} {
		res := mustInspect(t, testEngine(t), []byte(clean), "text/plain", "", Redact)
		if string(res.Body) != clean || len(res.Findings) != 0 {
			t.Errorf("%q changed: %q", clean, res.Body)
		}
	}
}

// TestDecodeNumberWords: a run of seven or more spelled digits is written
// in digits, every byte mapped back to the word or character it comes
// from; words inside other words and codes are not read.
func TestDecodeNumberWords(t *testing.T) {
	for in, want := range map[string]string{
		"tel one three eight 1234 five six seven eight ok": "tel 13812345678 ok",
		"yao san ba, yao er san si, wu liu qi ba":          "13812345678",
		"one two three":                                            "",
		"someone threefold eighty nine":                            "",
		"a1 b2 one two three four five six":                        "",
		"call one three eight double one two triple four five six": "call 13811244456",
		"one three double":                                         "",
	} {
		dec, offs, ok := decodeNumberWords([]byte(in))
		if ok != (want != "") || ok && string(dec) != want {
			t.Errorf("decodeNumberWords(%q) = %q %v, want %q", in, dec, ok, want)
			continue
		}
		if ok && (len(offs) != len(dec)+1 || offs[len(dec)] != int32(len(in))) {
			t.Errorf("%q: %d offsets for %d bytes", in, len(offs), len(dec))
		}
	}
}

// TestNumberWordsLaidOut: a number spelled a word a line, with tabs, with
// its words written together, or with "and" between two groups, is read
// as the number it spells; words that only contain number words
// ("someone", "often", "bayonet") and "and" on its own are not.
func TestNumberWordsLaidOut(t *testing.T) {
	english := strings.Fields("zero one two three four five six seven eight nine")
	pinyin := strings.Fields("ling yao er san si wu liu qi ba jiu")
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		m := synth.CNMobile(r)
		for _, spelled := range []string{
			spell(m, english, "\n"),
			spell(m, english, "\r\n"),
			spell(m, english, "\t"),
			spell(m, english, ""),
			spell(m, pinyin, ""),
			spell(m[:3], english, " ") + " and " + spell(m[3:], english, " "),
			strings.ToUpper(spell(m, english, "")),
		} {
			body := "call me:\n" + spelled + "\nthanks"
			res := mustInspect(t, eng, []byte(body), "text/plain", "", Redact)
			if !res.Changed || strings.Contains(string(res.Body), spelled) {
				t.Errorf("%q -> %q", body, res.Body)
			}
		}
	}
	for _, clean := range []string{
		"someone often said: and, and, and — bayonet one two",
		"one and two and three and four and five",
		"Wuyi and Sanya, then eight nights in Bali",
	} {
		if res := mustInspect(t, eng, []byte(clean), "text/plain", "", Redact); res.Changed {
			t.Errorf("%q -> %q", clean, res.Body)
		}
	}
}

// doubled spells digits in words, each run of two or three equal digits
// as "double" or "triple" and the word (138 1155 5678: one three eight
// double one triple five six seven eight).
func doubled(digits string, words []string) string {
	var out []string
	for i := 0; i < len(digits); {
		j := i
		for j < len(digits) && digits[j] == digits[i] && j-i < 3 {
			j++
		}
		w := words[digits[i]-'0']
		switch j - i {
		case 3:
			out = append(out, "triple", w)
		case 2:
			out = append(out, "double", w)
		default:
			out = append(out, w)
		}
		i = j
	}
	return strings.Join(out, " ")
}
