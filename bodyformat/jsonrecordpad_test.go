package bodyformat

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestRecordNamePaddingKept: a record's name padded with white space or
// invisible characters, raw or escaped, is masked, and the mask covers the
// name only: the padding around it is written back as it came, and the
// value keeps its length in characters.
func TestRecordNamePaddingKept(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for k := 0; k < 50; k++ {
		name, m := synth.CNName(r), synth.CNMobile(r)
		for _, pad := range [][2]string{{" ", ""}, {"\t", ""}, {"\u3000", "\u00a0"}, {"", "\u200b"}, {"  ", " "}} {
			want := pad[0] + name + pad[1]
			raw, _ := json.Marshal(want)
			body := `{"a":` + string(raw) + `,"c":"` + m + `"}`
			res := mustInspect(t, eng, []byte(body), "application/json", "", Redact)
			var got map[string]string
			if err := json.Unmarshal(res.Body, &got); err != nil {
				t.Fatalf("%s -> %s: %v", body, res.Body, err)
			}
			v := got["a"]
			if strings.Contains(v, name) || !strings.HasPrefix(v, pad[0]) || !strings.HasSuffix(v, pad[1]) ||
				utf8.RuneCountInString(v) != utf8.RuneCountInString(want) ||
				strings.TrimSpace(strings.Trim(v, "\u3000\u00a0\u200b")) == "" {
				t.Fatalf("padding not kept around a masked name: %q -> %q", want, v)
			}
		}
	}
}

// TestRecordNameWindow: values of no name's shape take no place among a
// record's names, however many come before the name, and when more
// name-shaped values come than maxRecordNameVals the last ones are read:
// the name read last before the identifier is masked.
func TestRecordNameWindow(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	name, m := synth.CNName(r), synth.CNMobile(r)
	var words, names strings.Builder
	for i := range 4 * maxRecordNameVals {
		fmt.Fprintf(&words, `"w%d":"汉族已婚",`, i)
	}
	others := make([]string, maxRecordNameVals+4)
	for i := range others {
		others[i] = synth.CNName(r)
		fmt.Fprintf(&names, `"n%d":"%s",`, i, others[i])
	}
	for label, body := range map[string]string{
		"words first": `{` + words.String() + `"a":"` + name + `","c":"` + m + `"}`,
		"names first": `{` + names.String() + `"a":"` + name + `","c":"` + m + `"}`,
	} {
		out := string(mustInspect(t, eng, []byte(body), "application/json", "", Redact).Body)
		if strings.Contains(out, name) {
			t.Errorf("%s: the name passes: %s", label, out)
		}
		if label == "words first" && strings.Count(out, "汉族已婚") != 4*maxRecordNameVals {
			t.Errorf("%s: a word masked: %s", label, out)
		}
	}
	// the last maxRecordNameVals-1 names before it are masked with it
	out := string(mustInspect(t, eng, []byte(`{`+names.String()+`"a":"`+name+`","c":"`+m+`"}`), "application/json", "", Redact).Body)
	for _, n := range others[len(others)-(maxRecordNameVals-1):] {
		if strings.Contains(out, `"`+n+`"`) {
			t.Errorf("a name in the window passes: %s in %s", n, out)
		}
	}
}

// TestRecordNameArrayIDs: an identifier in an array of scalars of the
// object ({"ids":[<ID>]}, {"phones":["x",<mobile>]}) makes it a person's
// record; one in an object inside the array is that object's record, not
// this one's, and one in a nested array of arrays is no field of it.
func TestRecordNameArrayIDs(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for k := 0; k < 50; k++ {
		name, id, m := synth.CNName(r), synth.CNID18(r), synth.CNMobile(r)
		for _, body := range []string{
			`{"a":"` + name + `","ids":["` + id + `"]}`,
			`{"ids":["x","` + m + `"],"a":"` + name + `"}`,
			`{"a":"` + name + `","ids":[1,"` + id + `",true]}`,
		} {
			out := string(mustInspect(t, eng, []byte(body), "application/json", "", Redact).Body)
			if strings.Contains(out, name) || strings.Contains(out, id) || strings.Contains(out, m) {
				t.Fatalf("left raw: %s -> %s", body, out)
			}
		}
		for _, body := range []string{
			`{"a":"` + name + `","list":[{"id":"` + id + `"}]}`,
			`{"list":[],"a":"` + name + `","x":[{"p":["` + m + `"]}]}`,
		} {
			out := string(mustInspect(t, eng, []byte(body), "application/json", "", Redact).Body)
			if !strings.Contains(out, name) || strings.Contains(out, id) || strings.Contains(out, m) {
				t.Fatalf("an inner record's identifier spoke for this one: %s -> %s", body, out)
			}
		}
	}
}
