package bodyformat

import (
	"bufio"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestTriggersPassOverDelimited checks the triggers the delimited readings
// need (trigDelimiter, trigNoDigit): a text that lacks them, and has the
// others the reading needs, is one the reading decodes nothing of. The texts are random joins of digit groups in
// every spelling, delimiters of every kind, labels and bytes no UTF-8 reads,
// the lines of the clean corpus, and the strings of a synthetic customers
// document; some of each kind are passed over and some decode.
func TestTriggersPassOverDelimited(t *testing.T) {
	r := rng(t.Name())
	atoms := []string{"138", "1234", "5678", "0441", "１８７", "６７７２", "一八七", "六七七二", "零四四一", "&#49;", "&#x31;",
		"|", "｜", "，", "、", ", ", ". ", ".", ":", ";", "\t", "\n", "~", "#", "\xff", "\xe4\xbd", "&#124;", " ", "-", "手机", "tel:",
		"身份证", "a", "x", "\x00", "前三位", "后四位"}
	var texts [][]byte
	for range 30000 {
		var b strings.Builder
		for range 1 + r.IntN(10) {
			b.WriteString(atoms[r.IntN(len(atoms))])
		}
		texts = append(texts, []byte(b.String()))
	}
	// and runs: a label or none, groups of one spelling, one delimiter
	labels := []string{"", "phone ", "mobile", "tel", "手机", "x "}
	groups := [][]string{{"138", "1234", "5678"}, {"１３８", "１２３４", "５６７８"}, {"一三八", "一二三四", "五六七八"}, {"&#49;&#51;8", "1234", "5678"}}
	delims := []string{"|", "｜", "，", ", ", ". ", ":", ";", "\t", "\n", "~", "#", "\xff", "&#124;", " ", "-", "/"}
	for range 5000 {
		g := groups[r.IntN(len(groups))]
		d := delims[r.IntN(len(delims))]
		texts = append(texts, []byte(labels[r.IntN(len(labels))]+g[0]+d+g[1]+d+g[2]))
	}
	if f, err := os.Open("../../shared/corpora/realtext-dev/clean.txt"); err == nil {
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			texts = append(texts, []byte(sc.Text()))
		}
		f.Close()
	}
	doc := synth.CustomersJSON(rand.New(rand.NewPCG(1, 1)), 64<<10, true)
	texts = append(texts, docStrings(doc)...)
	tried := 0
	for k, rd := range textReadings {
		if rd.needs&(trigDelimiter|trigNoDigit) == 0 {
			continue
		}
		tried++
		passed, decoded := 0, 0
		for _, text := range texts {
			var firsts firstReadings
			in := &inspector{lim: Limits{}.withDefaults()}
			_, _, ok, _ := firsts.read(in, text, rd)
			if ok {
				decoded++
			}
			trig, others := triggers(text), rd.needs&^(trigDelimiter|trigNoDigit)
			if trig&others != others || trig&rd.needs == rd.needs {
				continue // passed over by what it needed before, or not at all
			}
			passed++
			if ok {
				t.Fatalf("reading %d decodes %q, which its triggers pass over", k, text)
			}
		}
		if passed == 0 || decoded == 0 {
			t.Errorf("reading %d: %d texts passed over, %d decoded: the texts do not try the triggers", k, passed, decoded)
		}
	}
	if tried < 2 {
		t.Errorf("%d readings need the delimited triggers, want the two delimited ones", tried)
	}
}

// docStrings returns the raw bytes of the strings of a JSON document
// without escapes (synth.CustomersJSON writes none), keys and values.
func docStrings(doc []byte) [][]byte {
	var out [][]byte
	for i := 0; i < len(doc); i++ {
		if doc[i] != '"' {
			continue
		}
		j := i + 1
		for j < len(doc) && doc[j] != '"' {
			j++
		}
		out = append(out, doc[i+1:j])
		i = j
	}
	return out
}
