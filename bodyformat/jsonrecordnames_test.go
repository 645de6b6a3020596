package bodyformat

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestRecordNames: a name-shaped value under a key that names nothing is a
// name when another member of its object holds a resident ID or a mobile,
// before or after it, written plain or escaped.
func TestRecordNames(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for k := 0; k < 200; k++ {
		name, id, m := synth.CNName(r), synth.CNID18(r), synth.CNMobile(r)
		for _, body := range []string{
			`{"a":"` + name + `","b":"` + id + `","c":"` + m + `"}`,
			`{"b":"` + id + `","a":"` + name + `"}`,
			`{"x":{"p":1},"a":"` + name + `","c":` + m + `}`,
			`[{"a":"` + jsonEscapeAll(name) + `","c":"` + m + `"}]`,
		} {
			res := mustInspect(t, eng, []byte(body), "application/json", "", Redact)
			out := string(res.Body)
			if strings.Contains(out, name) || strings.Contains(out, jsonEscapeAll(name)) || strings.Contains(out, id) || strings.Contains(out, m) {
				t.Fatalf("left raw: %s -> %s", body, out)
			}
			assertStable(t, eng, res, "application/json")
			if scan := mustInspect(t, eng, []byte(body), "application/json", "", Scan); !hasCategory(scan.Findings, detect.CNName) {
				t.Fatalf("no name reported in Scan mode: %s", body)
			}
		}
	}
}

// TestRecordNamesNotWords: what is no name stays as it is in a person's
// record: every place and common word of the engine's lists (a city, a
// product) next to an ID, a value under a key that names it, a name in
// an object with no identifier, and one in an object other than the
// identifier's. The count of words masked is logged.
func TestRecordNamesNotWords(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	id, m := synth.CNID18(r), synth.CNMobile(r)
	words := listedNotNames(t)
	masked := 0
	for _, w := range words {
		body := `{"city":"` + w + `","v":"` + w + `","id":"` + id + `"}`
		res := mustInspect(t, eng, []byte(body), "application/json", "", Redact)
		if strings.Count(string(res.Body), w) != 2 {
			masked++
			t.Errorf("masked a word: %s -> %s", body, res.Body)
		}
	}
	t.Logf("%d/%d listed words masked next to an ID", masked, len(words))
	name := synth.CNName(r)
	for _, body := range []string{
		`{"a":"` + name + `","n":12}`,
		`{"a":"` + name + `","b":{"id":"` + id + `"}}`,
		`{"a":{"v":"` + name + `"},"tel":"` + m + `"}`,
		`{"productName":"` + name + `","tel":"` + m + `"}`,
		`{"shop_name":"` + name + `","tel":"` + m + `"}`,
	} {
		res := mustInspect(t, eng, []byte(body), "application/json", "", Redact)
		if !strings.Contains(string(res.Body), name) {
			t.Errorf("a value no record names masked: %s -> %s", body, res.Body)
		}
	}
}

// jsonEscapeAll writes s with every character as a \u escape.
func jsonEscapeAll(s string) string {
	var b strings.Builder
	for _, c := range s {
		b.WriteString(`\u`)
		const hex = "0123456789abcdef"
		b.WriteByte(hex[c>>12&15])
		b.WriteByte(hex[c>>8&15])
		b.WriteByte(hex[c>>4&15])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// listedNotNames are the two-to-four-character words of commonwords.txt
// and notnames.txt (cities, products, common words): no record's name.
func listedNotNames(t *testing.T) []string {
	var words []string
	for _, f := range []string{"../detect/data/commonwords.txt", "../detect/data/notnames.txt"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "#") {
				continue
			}
			for _, w := range strings.Fields(line) {
				if n := utf8.RuneCountInString(w); n >= 2 && n <= 4 && w[0] >= 0x80 {
					words = append(words, w)
				}
			}
		}
	}
	if len(words) < 500 {
		t.Fatalf("only %d words read", len(words))
	}
	return words
}

// TestRawEndKeptAsRead checks recordMember's end of a string, taken from
// stringValue (lastQuote), against the string read to its quote byte by
// byte, over random strings of Han characters, escapes and quotes, short
// and past maxRecordNameRaw.
func TestRawEndKeptAsRead(t *testing.T) {
	r := rng(t.Name())
	atoms := []string{"王", "小", "明", `\"`, `\\`, `\u738b`, "a", " ", "'", "·"}
	for range 20000 {
		var b []byte
		b = append(b, `{"k":"`...)
		for range r.IntN(30) {
			b = append(b, atoms[r.IntN(len(atoms))]...)
		}
		b = append(b, `"}`...)
		end, _, ok := scanJSONString(b, 5)
		if !ok {
			t.Fatalf("%q: no string", b)
		}
		w := &jsonWalker{src: b, lastStr: 6, lastQuote: end}
		fast := w.rawEnd(6)
		w.lastQuote = -1
		slow := w.rawEnd(6)
		if fast != slow && (fast-6 <= maxRecordNameRaw || slow-6 <= maxRecordNameRaw) {
			t.Fatalf("%q: end %d kept, %d read", b, fast, slow)
		}
	}
}
