package bodyformat

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// joined returns what a client that concatenates the strings of body's
// arrays shows: the strings of body (a JSON document) in order, joined.
func joined(t *testing.T, body []byte) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("invalid JSON out: %v\n%s", err, body)
	}
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			b.WriteString(v)
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			walk(v["text"])
		}
	}
	walk(v)
	return b.String()
}

// TestArrayStringsJoined: an identifier split across the strings of an
// array, or across the same key of an array's objects (an LLM message's
// text parts), is found and masked in each piece, so a client that joins
// them shows the mask; the body stays valid JSON, the finding is counted
// once, and a second redaction changes nothing.
func TestArrayStringsJoined(t *testing.T) {
	r := rng(t.Name())
	for range 10 {
		m, id := synth.CNMobile(r), synth.CNID18(r)
		for _, c := range []struct {
			body string
			cat  detect.Category
			raw  []string
		}{
			{`["` + m[:3] + `","` + m[3:7] + `","` + m[7:] + `"]`, detect.CNMobile, []string{m[3:7]}},
			{`{"content":[{"type":"text","text":"身份证 ` + id[:6] + `"},{"type":"text","text":"` + id[6:] + `"}]}`, detect.CNID, []string{id[6:14]}},
			{`{"content":[{"type":"text","text":"tel ` + m[:5] + `"},{"type":"image","url":"x"},{"type":"text","text":"` + m[5:] + ` ok"}]}`, detect.CNMobile, []string{m[5:7]}},
			{`["\u0031` + m[1:4] + `","` + m[4:] + `"]`, detect.CNMobile, []string{m[4:7]}},
			{`{"parts":[{"Text":"` + m[:4] + `"},{"Text":"` + m[4:] + `"}]}`, detect.CNMobile, []string{m[4:7]}},
			{`["` + strings.Repeat("x ", 300) + m[:4] + `","` + m[4:] + strings.Repeat(" y", 300) + `"]`, detect.CNMobile, []string{m[4:7]}},
		} {
			res := mustInspect(t, testEngine(t), []byte(c.body), "application/json", "", Redact)
			n := 0
			for _, f := range res.Findings {
				if f.Category == c.cat {
					n++
				}
			}
			shown := joined(t, res.Body)
			if n != 1 || strings.Contains(shown, m) || strings.Contains(shown, id) {
				t.Errorf("%s: %d findings of %s %+v -> %s (shown %q)", c.body, n, c.cat, res.Findings, res.Body, shown)
			}
			for _, raw := range c.raw {
				if strings.Contains(string(res.Body), raw) {
					t.Errorf("%s -> %s shows %q", c.body, res.Body, raw)
				}
			}
			assertStable(t, testEngine(t), res, "application/json")
			scan := mustInspect(t, testEngine(t), []byte(c.body), "application/json", "", Scan)
			if !hasCategory(scan.Findings, c.cat) || scan.Changed {
				t.Errorf("scan %s: %+v changed %v", c.body, scan.Findings, scan.Changed)
			}
		}
	}
	// a partial mask lands piece by piece: the client shows 138****5678
	m := synth.CNMobile(r)
	res := mustInspect(t, testEngine(t), []byte(`["`+m[:3]+`","`+m[3:7]+`","`+m[7:]+`"]`), "application/json", "", Redact)
	if want := `["` + m[:3] + `","****","` + m[7:] + `"]`; string(res.Body) != want {
		t.Errorf("got %s, want %s", res.Body, want)
	}
}

// TestArrayJoinWindows: an identifier split anywhere in a long array (the
// join is read in windows) is found once; values inside one string are
// not counted again by the join.
func TestArrayJoinWindows(t *testing.T) {
	r := rng(t.Name())
	fillers := []int{0, 1, 100, 2000, 20000}
	for k := range 24 {
		// the split at every offset around the first window's end (the
		// window is read when it holds more than arrayJoinWindow bytes,
		// two a filler string)
		fillers = append(fillers, arrayJoinWindow/2-12+k)
	}
	for _, filler := range fillers {
		m := synth.CNMobile(r)
		var b strings.Builder
		b.WriteString(`[`)
		for k := range filler {
			fmt.Fprintf(&b, `"%c ",`, 'a'+k%26)
		}
		whole := synth.CNMobile(r)
		b.WriteString(`"` + m[:6] + `","` + m[6:] + `"," x ","` + whole + `"," y"]`)
		res := mustInspect(t, testEngine(t), []byte(b.String()), "application/json", "", Redact)
		n := 0
		for _, f := range res.Findings {
			if f.Category == detect.CNMobile {
				n++
			}
		}
		shown := joined(t, res.Body)
		if n != 2 || strings.Contains(shown, m) || strings.Contains(shown, whole) {
			t.Errorf("filler %d: %d mobiles %+v, shown tail %q", filler, n, res.Findings, shown[max(0, len(shown)-40):])
		}
	}
}

// TestArrayJoinNoFalseJoin: strings of different keys, strings of
// sibling arrays inside objects, and members of one object are not
// joined. (Numbers of an array and arrays of arrays are:
// TestArrayNumbersJoined.)
func TestArrayJoinNoFalseJoin(t *testing.T) {
	r := rng(t.Name())
	m := synth.CNMobile(r)
	for _, body := range []string{
		`[{"a":"` + m[:5] + `","b":"` + m[5:] + `"}]`,
		`[{"orderNo":"` + m[:5] + `"},{"orderNo":"` + m[5:] + `"}]`, // a list of records' values
		`[{"a":["` + m[:5] + `"]},{"a":["` + m[5:] + `"]}]`,
		`{"a":["` + m[:5] + `"],"b":["` + m[5:] + `"]}`,
		`{"a":"` + m[:5] + `","b":"` + m[5:] + `"}`,
	} {
		res := mustInspect(t, testEngine(t), []byte(body), "application/json", "", Redact)
		if hasCategory(res.Findings, detect.CNMobile) || res.Changed {
			t.Errorf("%s: %+v -> %s", body, res.Findings, res.Body)
		}
	}
}

// TestArrayJoinRecordsCountedOnce: the values of a list of records, each
// found in its own string, are not found again across strings by the
// join (two addresses read as one, a name and the next): the counts are
// those of the strings.
func TestArrayJoinRecordsCountedOnce(t *testing.T) {
	r := rng(t.Name())
	for range 20 {
		var b strings.Builder
		b.WriteString(`[`)
		const records = 5
		for k := range records {
			if k > 0 {
				b.WriteString(`,`)
			}
			fmt.Fprintf(&b, `{"name":"%s","address":"%s","mobile":"%s","id":"%s"}`, synth.CNName(r), synth.CNAddress(r), synth.CNMobile(r), synth.CNID18(r))
		}
		b.WriteString(`]`)
		res := mustInspect(t, testEngine(t), []byte(b.String()), "application/json", "", Redact)
		for _, c := range []detect.Category{detect.CNName, detect.CNAddress, detect.CNMobile, detect.CNID} {
			if n := res.Summary.Counts[c]; n != records {
				t.Errorf("%s: %d findings, want %d: %s -> %s", c, n, records, b.String(), res.Body)
			}
		}
	}
}

// TestArrayJoinEmbeddedGivenAgain: the second walk of a document whose
// array holds an identifier across strings gives a JSON document inside
// one of its strings as the first walk made it: masked, its findings
// counted once.
func TestArrayJoinEmbeddedGivenAgain(t *testing.T) {
	r := rng(t.Name())
	m, inner, id := synth.CNMobile(r), synth.CNMobile(r), synth.CNID18(r)
	body := `["` + m[:3] + `","` + m[3:] + `",` + jsonString(`{"mobile":"`+inner+`","list":["`+id[:9]+`","`+id[9:]+`"]}`) + `," x"]`
	res := mustInspect(t, testEngine(t), []byte(body), ctJSON, "", Redact)
	if n := res.Summary.Counts[detect.CNMobile]; n != 2 || len(res.Findings) != 3 || res.Summary.Counts[detect.CNID] != 1 {
		t.Errorf("%s: %v %+v", body, res.Summary.Counts, res.Findings)
	}
	for _, raw := range []string{m[3:7], inner[3:7], id[6:9]} {
		if strings.Contains(joined(t, res.Body), raw) {
			t.Errorf("%s -> %s shows %q", body, res.Body, raw)
		}
	}
	assertStable(t, testEngine(t), res, ctJSON)
}

// TestArrayJoinReadOnCountedOnce: an identifier a string's own reading
// found, which the join reads on into the next string (an address then
// "Regards": a***@qq.comRegards), is one identifier: counted once, and
// no part of it shows.
func TestArrayJoinReadOnCountedOnce(t *testing.T) {
	r := rng(t.Name())
	for range 10 {
		e := synth.Email(r)
		for _, body := range []string{
			`["Write to ` + e + `","Regards"]`,
			`[{"type":"text","text":"` + e + `"},{"type":"text","text":"b"}]`,
		} {
			res := mustInspect(t, testEngine(t), []byte(body), ctJSON, "", Redact)
			if n := res.Summary.Counts[detect.Email]; n != 1 || len(res.Findings) != 1 {
				t.Errorf("%s: %d e-mail addresses %+v -> %s", body, n, res.Findings, res.Body)
			}
			if strings.Contains(joined(t, res.Body), e[1:strings.IndexByte(e, '@')]) {
				t.Errorf("%s -> %s shows the local part", body, res.Body)
			}
			assertStable(t, testEngine(t), res, ctJSON)
		}
	}
}

// TestJoinedKeysAllFit: every key that is joined has its place in an
// array's joins, so filler keys before it cannot use the places up.
func TestJoinedKeysAllFit(t *testing.T) {
	if len(joinedKeys)+len(appendedWords) != maxJoinWords || len(joinWords) != maxJoinWords {
		t.Fatalf("%d joined keys and %d appended words, %d places", len(joinedKeys), len(appendedWords), maxJoinWords)
	}
	m := synth.CNMobile(rng(t.Name()))
	var b strings.Builder
	b.WriteString(`[{`)
	for k := range joinedKeys {
		if k != "text" {
			fmt.Fprintf(&b, `"%s":"",`, k)
		}
	}
	b.WriteString(`"text":"` + m[:4] + `"},{"text":"` + m[4:] + `"}]`)
	res := mustInspect(t, testEngine(t), []byte(b.String()), "application/json", "", Redact)
	if !hasCategory(res.Findings, detect.CNMobile) || strings.Contains(joined(t, res.Body), m) {
		t.Errorf("%s: %+v -> %s", b.String(), res.Findings, res.Body)
	}
}

// TestJoinedKeyFilter checks joinedKey, its look-up by first letter and
// length before the map's, against the map alone: every joined key in
// mixed case, and random keys of their letters and others.
func TestJoinedKeyFilter(t *testing.T) {
	want := func(key []byte) bool {
		return len(key) <= 16 && joinedKeys[strings.ToLower(string(key))] && !bytes.ContainsFunc(key, func(r rune) bool { return r >= utf8.RuneSelf })
	}
	r := rng(t.Name())
	letters := "textcondlaumprsgwTEXCONDLAUMPRSGW_-@`[{0\xc4\xb0"
	for k := range joinedKeys {
		for range 20 {
			key := []byte(k)
			for i := range key {
				if r.IntN(2) == 0 {
					key[i] -= 'a' - 'A'
				}
			}
			if !joinedKey(key) {
				t.Fatalf("%q not joined", key)
			}
		}
	}
	for range 200000 {
		key := make([]byte, r.IntN(10))
		for i := range key {
			key[i] = letters[r.IntN(len(letters))]
		}
		if got := joinedKey(key); got != want(key) {
			t.Fatalf("%q: %v", key, got)
		}
	}
}
