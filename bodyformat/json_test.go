package bodyformat

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

const ctJSON = "application/json; charset=utf-8"

// TestJSONRedactsEveryCategory puts each kind of personal data, plain and
// obfuscated, between two clean fields and checks that it is redacted,
// that the document stays valid and that nothing else moved.
func TestJSONRedactsEveryCategory(t *testing.T) {
	eng := testEngine(t)
	for _, c := range piiCases {
		t.Run(c.name, func(t *testing.T) {
			value := c.value(rng(c.name))
			head, tail := `{"id":12345,"status":"paid",`, `,"note":"ok","tags":["a","b"]}`
			body := []byte(head + jsonString(c.key) + ":" + jsonString(value) + tail)
			res := mustInspect(t, eng, body, ctJSON, "", Redact)
			if res.Format != FormatJSON || !res.Changed || res.Encoding != "" {
				t.Fatalf("Format %q Changed %v Encoding %q, want json, true, \"\"", res.Format, res.Changed, res.Encoding)
			}
			if !hasCategory(res.Findings, c.cat) {
				t.Errorf("no %s finding in %s", c.cat, body)
			}
			if !json.Valid(res.Body) {
				t.Fatalf("output is not valid JSON: %s", res.Body)
			}
			out := string(res.Body)
			if !strings.HasPrefix(out, head) || !strings.HasSuffix(out, tail) {
				t.Errorf("fields around the value changed: %s", out)
			}
			var m map[string]any
			if err := json.Unmarshal(res.Body, &m); err != nil {
				t.Fatal(err)
			}
			if got := m[c.key]; got == value || !strings.Contains(fmt.Sprint(got), "*") {
				t.Errorf("%s = %q, want it masked", c.key, got)
			}
			assertStable(t, eng, res, ctJSON)
		})
	}
}

// TestJSONKeyHints checks that the nearest enclosing key is the hint: a
// bare name is personal under realName and in an array under contacts, not
// under userName or a key that says nothing.
func TestJSONKeyHints(t *testing.T) {
	eng := testEngine(t)
	r := rng("hints")
	name, name2 := synth.CNName(r), synth.CNName(r)
	for _, c := range []struct {
		name  string
		body  string
		names int // cn_name findings wanted
	}{
		{"realName", `{"realName":"` + name + `"}`, 1},
		{"姓名", `{"姓名":"` + name + `"}`, 1},
		{"nested", `{"order":{"receiver":{"name":"` + name + `"}}}`, 1},
		{"array", `{"contacts":["` + name + `","` + name2 + `"]}`, 2},
		{"array of objects", `{"list":[{"name":"` + name + `"},{"nickName":"` + name2 + `"}]}`, 1},
		{"escaped key", `{"\u59d3\u540d":"` + name + `"}`, 1},
		{"userName", `{"userName":"` + name + `"}`, 0},
		{"title", `{"title":"` + name + `"}`, 0},
		{"key is not data", `{"` + name + `":"x"}`, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := mustInspect(t, eng, []byte(c.body), ctJSON, "", Redact)
			if got := res.Summary.Counts[detect.CNName]; got != c.names {
				t.Errorf("%d names found in %s, want %d (output %s)", got, c.body, c.names, res.Body)
			}
			if !json.Valid(res.Body) {
				t.Errorf("output is not valid JSON: %s", res.Body)
			}
		})
	}
}

// TestJSONEscapes checks strings spelled with escapes: the value is found
// in the decoded text, only its own escapes are replaced, and quotes and
// backslashes around it survive.
func TestJSONEscapes(t *testing.T) {
	eng := testEngine(t)
	r := rng("escapes")
	mobile := synth.CNMobile(r)
	masked := mobile[:3] + "****" + mobile[7:]
	var uEsc strings.Builder
	for _, c := range mobile {
		fmt.Fprintf(&uEsc, `\u%04x`, c)
	}
	name := synth.CNName(r)
	var nameEsc strings.Builder
	for _, c := range name {
		fmt.Fprintf(&nameEsc, `\u%04X`, c)
	}
	for _, c := range []struct {
		name, body string
		want       string // the value after redaction, decoded
	}{
		{"unicode escapes", `{"mobile":"` + uEsc.String() + `"}`, masked},
		{"quotes and backslashes", `{"msg":"call \"` + mobile + `\" \\ now"}`, `call "` + masked + `" \ now`},
		{"escaped quotes inside the number", `{"msg":"tel: \"` + mobile[:3] + `\u002d` + mobile[3:7] + `-` + mobile[7:] + `\""}`,
			`tel: "` + masked + `"`},
		{"surrogate pair before", `{"msg":"\ud83d\ude00 ` + mobile + ` \ud83d\ude00"}`, "\U0001F600 " + masked + " \U0001F600"},
		{"escaped name", `{"realName":"` + nameEsc.String() + `"}`, ""},
		{"newline escapes", `{"msg":"line\n` + mobile + `\nline"}`, "line\n" + masked + "\nline"},
		{"solidus", `{"msg":"a\/b ` + mobile + `"}`, "a/b " + masked},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := mustInspect(t, eng, []byte(c.body), ctJSON, "", Redact)
			if !res.Changed || !json.Valid(res.Body) {
				t.Fatalf("Changed %v, output %s", res.Changed, res.Body)
			}
			var m map[string]string
			if err := json.Unmarshal(res.Body, &m); err != nil {
				t.Fatal(err)
			}
			for _, v := range m {
				if c.want != "" && v != c.want {
					t.Errorf("value = %q, want %q", v, c.want)
				}
				if strings.Contains(v, mobile) || strings.Contains(v, name) {
					t.Errorf("value %q still holds the personal data", v)
				}
			}
		})
	}
}

// TestJSONKeepsUntouchedEscapes checks that escapes outside a finding keep
// their spelling: only the finding's bytes are rewritten.
func TestJSONKeepsUntouchedEscapes(t *testing.T) {
	eng := testEngine(t)
	mobile := synth.CNMobile(rng("keep"))
	body := `{"msg":"\u003cb\u003e ` + mobile + ` \u00e9\/"}`
	res := mustInspect(t, eng, []byte(body), ctJSON, "", Redact)
	want := `{"msg":"\u003cb\u003e ` + mobile[:3] + "****" + mobile[7:] + ` \u00e9\/"}`
	if string(res.Body) != want {
		t.Errorf("got  %s\nwant %s", res.Body, want)
	}
}

// TestJSONNumbers checks numbers: long ones are scanned and, when
// redacted, become strings holding their mask; other numbers keep their
// spelling.
func TestJSONNumbers(t *testing.T) {
	eng := testEngine(t)
	r := rng("numbers")
	mobile, card := synth.CNMobile(r), synth.UnionPayCard(r)
	masked := mobile[:3] + "****" + mobile[7:]
	for _, c := range []struct {
		name, body, want string
	}{
		{"mobile", `{"mobile":` + mobile + `}`, `{"mobile":"` + masked + `"}`},
		{"mobile in array", `{"phones":[1,` + mobile + `,2]}`, `{"phones":[1,"` + masked + `",2]}`},
		{"exponent", `{"mobile":` + mobile[:1] + "." + mobile[1:] + `e10}`, `{"mobile":"` + masked + `"}`},
		{"fraction", `{"mobile":` + mobile + `.000}`, `{"mobile":"` + masked + `"}`},
		{"card", `{"card":` + card + `}`, ""},
		{"small numbers", `{"a":0,"b":-1.5e-3,"c":12345678,"d":1E+2,"e":-0}`, `{"a":0,"b":-1.5e-3,"c":12345678,"d":1E+2,"e":-0}`},
		{"order number", `{"orderNo":` + synth.OrderNumber(r) + `}`, "="},
		{"timestamp", `{"createdAt":` + synth.TimestampMillis(r) + `}`, "="},
		// a key naming a short number's category has it read as written
		{"coordinates", `{"lat":31.230416,"lng":-121.4737,"price":12.3456}`, `{"lat":"31.******","lng":"-121.****","price":12.3456}`},
		{"coarse coordinates", `{"lat":31.23,"lng":121.47}`, "="},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := mustInspect(t, eng, []byte(c.body), ctJSON, "", Redact)
			if !json.Valid(res.Body) {
				t.Fatalf("output is not valid JSON: %s", res.Body)
			}
			switch c.want {
			case "":
				if !res.Changed || bytes.Contains(res.Body, []byte(card)) {
					t.Errorf("not redacted: %s", res.Body)
				}
			case "=":
				if res.Changed {
					t.Errorf("look-alike redacted: %s → %s", c.body, res.Body)
				}
			default:
				if string(res.Body) != c.want {
					t.Errorf("got  %s\nwant %s", res.Body, c.want)
				}
			}
		})
	}
}

// TestJSONUnchanged checks that a body without personal data comes back as
// the very same slice in both modes, and that Scan mode never rewrites.
func TestJSONUnchanged(t *testing.T) {
	eng := testEngine(t)
	clean := jsonBody(rng("clean"), 4<<10, false)
	dirty := jsonBody(rng("dirty"), 4<<10, true)
	for _, c := range []struct {
		name     string
		body     []byte
		mode     Mode
		findings bool
	}{
		{"clean scan", clean, Scan, false},
		{"clean redact", clean, Redact, false},
		{"dirty scan", dirty, Scan, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := mustInspect(t, eng, c.body, ctJSON, "", c.mode)
			if res.Changed || !sameSlice(res.Body, c.body) || res.Format != FormatJSON {
				t.Errorf("Changed %v, same slice %v, Format %q", res.Changed, sameSlice(res.Body, c.body), res.Format)
			}
			if got := len(res.Findings) > 0; got != c.findings {
				t.Errorf("findings: %v, want %v: %+v", got, c.findings, res.Findings)
			}
		})
	}
}

// TestJSONSummary checks that the summary counts the findings of the whole
// body, across fields: the record split over keys is one dossier.
func TestJSONSummary(t *testing.T) {
	eng := testEngine(t)
	r := rng("summary")
	rec, mobile2 := newRecord(r), synth.CNMobile(r)
	body := fmt.Sprintf(`{"user":{"name":%q,"idCard":%q},"contact":{"mobile":%q,"backup":{"phone":%q}},"email":%q}`,
		rec.Name, rec.ID, rec.Mobile, mobile2, rec.Email)
	for _, mode := range []Mode{Scan, Redact} {
		res := mustInspect(t, eng, []byte(body), ctJSON, "", mode)
		want := map[detect.Category]int{detect.CNName: 1, detect.CNID: 1, detect.CNMobile: 2, detect.Email: 1}
		for c, n := range want {
			if res.Summary.Counts[c] != n {
				t.Errorf("mode %d: %s counted %d, want %d", mode, c, res.Summary.Counts[c], n)
			}
		}
		if res.Summary.Distinct() != len(want) || len(res.Findings) != 5 {
			t.Errorf("mode %d: %d categories, %d findings; want %d, 5", mode, res.Summary.Distinct(), len(res.Findings), len(want))
		}
	}
}

// TestJSONFindingOffsets checks that findings point into the decoded
// string they were found in.
func TestJSONFindingOffsets(t *testing.T) {
	eng := testEngine(t)
	mobile := synth.CNMobile(rng("offsets"))
	text := "call " + mobile + " now"
	res := mustInspect(t, eng, []byte(`{"a":"x","msg":`+jsonString(text)+`}`), ctJSON, "", Scan)
	if len(res.Findings) != 1 {
		t.Fatalf("findings %+v", res.Findings)
	}
	if f := res.Findings[0]; text[f.Start:f.End] != mobile {
		t.Errorf("finding %d-%d is %q in %q", f.Start, f.End, text[f.Start:f.End], text)
	}
}

// TestJSONFallsBackToText checks malformed and too deep documents: they
// are scanned as text, never passed through unread.
func TestJSONFallsBackToText(t *testing.T) {
	eng := testEngine(t)
	r := rng("fallback")
	mobile, id := synth.CNMobile(r), synth.CNID18(r)
	deep := strings.Repeat(`{"a":`, 300) + `"` + mobile + `"` + strings.Repeat("}", 300)
	for _, c := range []struct {
		name string
		body string
		lim  Limits
	}{
		{"truncated", `{"mobile":"` + mobile + `","idCard":"` + id, Limits{}},
		{"trailing garbage", `{"mobile":"` + mobile + `"} <!-- ` + id + ` -->`, Limits{}},
		{"single quotes", `{'mobile':'` + mobile + `'}`, Limits{}},
		{"bad escape", `{"mobile":"\ ` + mobile + `"}`, Limits{}},
		{"raw newline in string", "{\"mobile\":\"" + mobile + "\n\"}", Limits{}},
		{"too deep (default)", deep, Limits{}},
		{"too deep (set)", `{"a":{"b":{"c":{"d":"` + mobile + `"}}}}`, Limits{MaxDepth: 3}},
		{"deep arrays", strings.Repeat("[", 5) + `"` + mobile + `"` + strings.Repeat("]", 5), Limits{MaxDepth: 4}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := Inspect(eng, []byte(c.body), ctJSON, "", Redact, c.lim)
			if err != nil {
				t.Fatal(err)
			}
			if res.Format != FormatText || !res.Changed || bytes.Contains(res.Body, []byte(mobile)) {
				t.Errorf("Format %q Changed %v body %s", res.Format, res.Changed, res.Body)
			}
		})
	}
}

// TestJSONDepthLimit checks that a document at the limit is still JSON.
func TestJSONDepthLimit(t *testing.T) {
	eng := testEngine(t)
	mobile := synth.CNMobile(rng("depth"))
	body := `{"a":{"b":{"mobile":"` + mobile + `"}}}`
	res, err := Inspect(eng, []byte(body), ctJSON, "", Redact, Limits{MaxDepth: 3})
	if err != nil || res.Format != FormatJSON || !res.Changed {
		t.Errorf("err %v Format %q Changed %v", err, res.Format, res.Changed)
	}
}

// TestJSONEmbedded checks a JSON document serialised into a string field:
// it is walked with its own keys as hints and re-escaped.
func TestJSONEmbedded(t *testing.T) {
	eng := testEngine(t)
	rec := newRecord(rng("embedded"))
	inner := fmt.Sprintf(`{"realName":%q,"idCard":%q,"memo":"<b>&</b>"}`, rec.Name, rec.ID)
	body := `{"code":0,"data":` + jsonString(inner) + `}`
	res := mustInspect(t, eng, []byte(body), ctJSON, "", Redact)
	var outer struct{ Data string }
	if err := json.Unmarshal(res.Body, &outer); err != nil {
		t.Fatalf("%v: %s", err, res.Body)
	}
	var m map[string]string
	if err := json.Unmarshal([]byte(outer.Data), &m); err != nil {
		t.Fatalf("inner document: %v: %s", err, outer.Data)
	}
	if m["realName"] == rec.Name || m["idCard"] == rec.ID || m["memo"] != "<b>&</b>" {
		t.Errorf("inner document %v", m)
	}
	if !hasCategory(res.Findings, detect.CNName) {
		t.Errorf("the name was not found by its inner key: %+v", res.Findings)
	}
	if bytes.ContainsAny(res.Body, "<>&") {
		t.Errorf("re-escaped string lost its HTML-safe escapes: %s", res.Body)
	}
}

// TestJSONStreamAndBOM checks newline-delimited JSON and a byte order mark.
func TestJSONStreamAndBOM(t *testing.T) {
	eng := testEngine(t)
	r := rng("stream")
	m1, m2 := synth.CNMobile(r), synth.CNMobile(r)
	for _, c := range []struct {
		name, ct, body, format string
	}{
		{"ndjson", "application/x-ndjson", `{"mobile":"` + m1 + `"}` + "\n" + `{"mobile":"` + m2 + `"}` + "\n", FormatJSON},
		{"two values in plain JSON", ctJSON, `{"mobile":"` + m1 + `"} {"mobile":"` + m2 + `"}`, FormatText},
		{"bom", ctJSON, "\uFEFF" + `{"mobile":"` + m1 + `","x":"` + m2 + `"}`, FormatJSON},
		{"untyped", "", `  {"mobile":"` + m1 + `","x":["` + m2 + `"]}  `, FormatJSON},
		{"problem+json", "application/problem+json", `{"detail":"` + m1 + ` ` + m2 + `"}`, FormatJSON},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
			if res.Format != c.format || bytes.Contains(res.Body, []byte(m1)) || bytes.Contains(res.Body, []byte(m2)) {
				t.Errorf("Format %q, body %s", res.Format, res.Body)
			}
		})
	}
}

// TestJSONRecords redacts a generated body of many records and checks that
// no value survives and that the clean fields are byte-identical.
func TestJSONRecords(t *testing.T) {
	eng := testEngine(t)
	r := rng("records")
	body := jsonBody(r, 64<<10, true)
	res := mustInspect(t, eng, body, ctJSON, "", Redact)
	if !json.Valid(res.Body) {
		t.Fatal("output is not valid JSON")
	}
	var in, out struct {
		Data []map[string]any
	}
	if err := json.Unmarshal(body, &in); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(res.Body, &out); err != nil {
		t.Fatal(err)
	}
	if len(in.Data) != len(out.Data) {
		t.Fatalf("%d records in, %d out", len(in.Data), len(out.Data))
	}
	for i := range in.Data {
		for k, v := range in.Data[i] {
			if k == "customer" {
				cin, cout := v.(map[string]any), out.Data[i][k].(map[string]any)
				for ck, cv := range cin {
					if cout[ck] == cv {
						t.Errorf("record %d: %s = %q not redacted", i, ck, cv)
					}
				}
				continue
			}
			if fmt.Sprint(out.Data[i][k]) != fmt.Sprint(v) {
				t.Errorf("record %d: clean field %s changed: %v → %v", i, k, v, out.Data[i][k])
			}
		}
	}
	assertStable(t, eng, res, ctJSON)
}

// FuzzInspectJSON checks, on any input labelled JSON: no panic; valid JSON
// in means valid JSON out (unless it nests past the limit and is scanned as
// text); and redacting the output again changes nothing, wherever the
// engine itself redacts the pieces it was given to a fixed point (see
// recordingFinder: an engine that finds new data in its own masks is the
// engine's bug, not this package's, and is reported apart).
func FuzzInspectJSON(f *testing.F) {
	r := rng("fuzz")
	for range 4 {
		f.Add(jsonBody(r, 300, true))
	}
	rec := newRecord(r)
	f.Add([]byte(`{"mobile":` + rec.Mobile + `,"x":1.` + rec.Mobile[1:] + `e10}`))
	f.Add([]byte(`{"msg":"\u0031\u0033 \"` + rec.Mobile + `\" \\","n":[` + jsonString(rec.Name) + `]}`))
	f.Add([]byte(`{"data":` + jsonString(`{"realName":"`+rec.Name+`"}`) + `}`))
	f.Add([]byte(`[{"idCard":"` + synth.FullWidth(rec.ID) + `"}, "` + synth.EmailAt(rec.Email, synth.AtBracket) + `"]`))
	f.Add([]byte(`{"a":"\ud83d\ude00\ud800` + rec.Mobile + `"}`))
	f.Add([]byte(`{"d":[` + rec.Mobile[:3] + `,"` + rec.Mobile[3:7] + `",` + rec.Mobile[7:] + `e0,[[-1.5]]]}`))
	f.Add([]byte(`[[[` + rec.Mobile[:5] + `]],[` + rec.Mobile[5:] + `,{"text":12}]]`))
	f.Add([]byte(`{"a":"` + rec.Mobile[:7] + "0700\xad2000 0000" + `"}`)) // a lone byte read two ways (maskhides.go)
	eng := testEngine(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		rf := &recordingFinder{eng: eng}
		res, err := inspect(rf, body, ctJSON, "", Redact, Limits{}.withDefaults())
		if err != nil {
			t.Fatalf("Inspect: %v", err)
		}
		if json.Valid(body) && jsonDepth(body) <= DefaultMaxDepth {
			if res.Format != FormatJSON {
				t.Fatalf("valid JSON read as %q", res.Format)
			}
			if !json.Valid(res.Body) {
				t.Fatalf("valid JSON in, invalid out:\nin:  %q\nout: %q", body, res.Body)
			}
		}
		if !res.Changed && !sameSlice(res.Body, body) {
			t.Fatalf("unchanged body is not the input")
		}
		again, err := Inspect(eng, res.Body, ctJSON, "", Redact, Limits{})
		if err != nil {
			t.Fatalf("Inspect again: %v", err)
		}
		if again.Changed && again.Format == res.Format && rf.stable() {
			t.Fatalf("redaction is not stable:\nin:    %q\nonce:  %q\ntwice: %q", body, res.Body, again.Body)
		}
	})
}

// recordingFinder passes calls to the engine and keeps what it was asked.
type recordingFinder struct {
	eng    *detect.Engine
	pieces []recordedPiece
}

type recordedPiece struct {
	text []byte
	hint detect.CategorySet
}

func (r *recordingFinder) FindSampled(text []byte, hint detect.CategorySet, samples int) []detect.Finding {
	r.pieces = append(r.pieces, recordedPiece{bytes.Clone(text), hint})
	return r.eng.FindSampled(text, hint, samples)
}

func (r *recordingFinder) FindIn(text []byte, hint detect.CategorySet, samples int, stop func() bool, arena *detect.Arena) []detect.Finding {
	r.pieces = append(r.pieces, recordedPiece{bytes.Clone(text), hint})
	return r.eng.FindIn(text, hint, samples, stop, arena)
}

// stable reports whether the engine, given each recorded piece's redacted
// form with the same hint, finds nothing more in it.
func (r *recordingFinder) stable() bool {
	for _, p := range r.pieces {
		once, fs := r.eng.RedactHinted(p.text, p.hint)
		if len(fs) > 0 && len(r.eng.FindHinted(once, p.hint)) > 0 {
			return false
		}
	}
	return true
}

// TestRecordingFinder checks the fuzz oracle on a piece the engine does
// redact to a fixed point.
func TestRecordingFinder(t *testing.T) {
	rf := &recordingFinder{eng: testEngine(t)}
	mobile := synth.CNMobile(rng("oracle"))
	if _, err := inspect(rf, []byte(`{"mobile":"`+mobile+`"}`), ctJSON, "", Redact, Limits{}.withDefaults()); err != nil {
		t.Fatal(err)
	}
	// the key is a piece of its own
	if len(rf.pieces) != 2 || string(rf.pieces[0].text) != "mobile" || string(rf.pieces[1].text) != mobile || !rf.stable() {
		t.Errorf("pieces %+v, stable %v", rf.pieces, rf.stable())
	}
}

// jsonDepth returns the deepest nesting of a valid JSON document (documents
// serialised into its strings not counted: past the limit they are scanned
// as the string's text, which keeps the outer document valid).
func jsonDepth(b []byte) int {
	d, deepest := 0, 0
	inString := false
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case !inString && (c == '{' || c == '['):
			d++
			deepest = max(deepest, d)
		case !inString && (c == '}' || c == ']'):
			d--
		}
	}
	return deepest
}
