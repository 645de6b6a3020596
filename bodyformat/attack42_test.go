package bodyformat

import (
	"encoding/json"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestAttack42StreamInvisibleSeparators: an LLM's reply streamed as
// delta.content events, a mobile's pieces with 300 characters a renderer
// shows as nothing between them. The shown-nothing bound fails closed
// for soft hyphens (e5f2ee4, TestAttack39StreamLongSeparators), but not
// for the other invisible characters: a word joiner U+2060, U+FEFF, the
// Mongolian vowel separator U+180E, a variation selector, a combining
// mark, bidi embeddings and isolates. Unpaused, the client shows the
// first two groups (7 digits, the middle group whole); the same text in
// one event is masked (control). Expected to fail.
func TestAttack42StreamInvisibleSeparators(t *testing.T) {
	m := synth.CNMobile(rand.New(rand.NewPCG(42, 1)))
	a, b, c := m[:3], m[3:7], m[7:]
	for _, tc := range []struct{ name, sep string }{
		{"199 soft hyphens and 50 word joiners", strings.Repeat("\u00ad", 199) + strings.Repeat("\u2060", 50)},
		{"300 word joiners U+2060", strings.Repeat("\u2060", 300)},
		{"300 U+FEFF", strings.Repeat("\ufeff", 300)},
		{"300 U+180E", strings.Repeat("\u180e", 300)},
		{"300 variation selectors", strings.Repeat("\ufe0f", 300)},
		{"300 combining acute", strings.Repeat("\u0301", 300)},
		{"150 bidi embed/pop pairs", strings.Repeat("\u202a\u202c", 150)},
	} {
		pieces := []string{"手机 ", a, tc.sep, b, tc.sep, c, " 好"}
		if one := sendDeltas(t, []string{strings.Join(pieces, "")}, false); strings.Contains(one, b) {
			t.Fatalf("%s: control, one event, shows %q", tc.name, one)
		}
		t.Run(tc.name, func(t *testing.T) {
			if shown := sendDeltas(t, pieces, false); strings.Contains(shown, b) {
				t.Errorf("client shows the middle group %s of %s: digits %s", b, m, engineDigitsShown(shown))
			}
		})
	}
}

// TestAttack42StreamFailClosedCleanDigits: the fail-closed stream joiner
// (e5f2ee4) masks the digits around a long separator "however few": a
// clean reply with an HTML comment of 300 bytes before a count ("a
// <!--…-->123 and 4567 items") goes out with its count starred ("***
// and 4567 items"), though no identifier is there. Measured on the 436
// clean corpus lines with a digit (realtext-dev/clean.txt), streamed 1–6
// bytes an event unpaused: 1 altered as they are, 14 after a 300-byte
// comment ("19：50的飞机" as "**：50的飞机", "一个男人" as "*个男人"), 2
// after a 300-byte link. And a clean line cut after "哈尔" (Harbin) has
// its 尔 starred ("哈*滨"), the same text in one event is not. A false
// mask on clean text. Expected to fail.
func TestAttack42StreamFailClosedCleanDigits(t *testing.T) {
	for _, tc := range []struct {
		name   string
		pieces []string
	}{
		{"count after long comment", []string{"a <!--" + strings.Repeat("y", 300) + "-->", "123", " and ", "4567", " items"}},
		{"time after long comment", []string{"<!--" + strings.Repeat("c", 300) + "-->", "19：", "50的飞机", "熬到现在"}},
		{"numeral word after long comment", []string{"<!--" + strings.Repeat("c", 300) + "-->", "一个", "男人说"}},
		{"Harbin cut after 尔", []string{"我的家长", "哈尔", "滨不知道是咋回事"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := jsonString(strings.Join(tc.pieces, ""))
			want = want[1 : len(want)-1]
			if shown := sendDeltas(t, tc.pieces, false); shown != want {
				t.Errorf("clean reply altered: %q", shown)
			}
		})
	}
}

// TestAttack42HintedValueNestedKey: a value is read as a label's value
// (decodeDelimitedLabelled, its groups joined across tabs) only when its
// own key names a category. A phone under an object the key names
// ({"phone":{"value":…}}, {"phones":[{"n":…}]}), or an XML element a
// name attribute labels (<field name="phone">), passes with its tabs.
// The same value under "phone" directly is masked (control). Expected
// to fail.
func TestAttack42HintedValueNestedKey(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rand.New(rand.NewPCG(42, 2)))
	tel := m[:3] + "\t" + m[3:7] + "\t" + m[7:]
	j := jsonEscape(tel)
	if res, err := Inspect(eng, []byte(`{"phone": "`+j+`"}`), "application/json", "", Redact, Limits{}); err != nil || strings.Contains(string(res.Body), m[3:7]) {
		t.Fatalf("control: %q %v", res.Body, err)
	}
	for _, tc := range []struct{ name, body, ct string }{
		{"object under phone", `{"phone":{"value": "` + j + `"}}`, "application/json"},
		{"array of objects under phones", `{"phones":[{"n": "` + j + `"}]}`, "application/json"},
		{"xml field named phone", `<field name="phone">` + tel + `</field>`, "application/xml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Inspect(eng, []byte(tc.body), tc.ct, "", Redact, Limits{})
			if err == nil && (!res.Changed || strings.Contains(string(res.Body), m[3:7])) {
				t.Errorf("%q sent as %q", tc.body, res.Body)
			}
		})
	}
}

// TestAttack42BinaryTextNULSplit: binaryText reads runs of 11 bytes or
// more between NULs; a mobile cut by NULs into runs of 3, 4 and 4 bytes
// ("tel 138\x001234\x005678") is read in none, while a receiver that
// decodes the message as text shows NUL as nothing. The same mobile
// whole between NULs is refused (control). Expected to fail.
func TestAttack42BinaryTextNULSplit(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rand.New(rand.NewPCG(42, 3)))
	if _, err := Inspect(eng, []byte("\x01\x02tel\x00"+m+"\x00\x03"), "application/octet-stream", "", Redact, Limits{}); err == nil {
		t.Fatal("control: whole mobile between NULs not refused")
	}
	for _, tc := range []struct{ name, body string }{
		{"groups between NULs", "\x01\x02tel " + m[:3] + "\x00" + m[3:7] + "\x00" + m[7:] + "\x00\x03"},
		{"a NUL after each digit pair", "\x01\x02tel " + m[:2] + "\x00" + m[2:4] + "\x00" + m[4:6] + "\x00" + m[6:8] + "\x00" + m[8:] + "\x00\x03"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Inspect(eng, []byte(tc.body), "application/octet-stream", "", Redact, Limits{})
			if err == nil && !res.Changed {
				t.Errorf("%q sent as it is", tc.body)
			}
		})
	}
}

// TestAttack42CharCodeWhiteSpace: a char code string is converted by
// ToNumber, which trims every StrWhiteSpaceChar: "\v49", "49\u00a0",
// "\ufeff49", "\u300049" are 49 to the engine. The reader takes "\t49"
// and "\r\n49" (control) but not these; an array of one ([49], [[49]])
// as an argument is ToNumber'd to 49 too and passes in a page's
// <script> as in a script. Expected to fail.
func TestAttack42CharCodeWhiteSpace(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rand.New(rand.NewPCG(42, 4)))
	codes := func(f func(s string) string) string {
		var p []string
		for _, c := range m {
			p = append(p, f(strconv.Itoa(int(c))))
		}
		return strings.Join(p, ",")
	}
	read := func(js string) bool {
		body := []byte(`<p>x</p><script>var t = "tel " + ` + js + `;</script>`)
		res, err := Inspect(eng, body, "text/html", "", Redact, Limits{})
		return err != nil || res.Changed
	}
	if !read(`String.fromCharCode(` + codes(func(s string) string { return `"\t` + s + `"` }) + `)`) {
		t.Fatal("control: tab-led strings not read")
	}
	for _, tc := range []struct{ name, ws string }{
		{"vertical tab escape", `\v`}, {"no-break space after", ""}, {"BOM escape", `\ufeff`}, {"ideographic space escape", `\u3000`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			js := `String.fromCharCode(` + codes(func(s string) string {
				if tc.ws == "" {
					return `"` + s + `\u00a0"`
				}
				return `"` + tc.ws + s + `"`
			}) + `)`
			if !read(js) {
				t.Errorf("%s sent as it is", js)
			}
		})
	}
	for _, tc := range []struct{ name, l, r string }{{"array of one", "[", "]"}, {"array of one nested", "[[", "]]"}} {
		t.Run(tc.name, func(t *testing.T) {
			js := `String.fromCharCode(` + codes(func(s string) string { return tc.l + s + tc.r }) + `)`
			if !read(js) {
				t.Errorf("%s sent as it is", js)
			}
		})
	}
}

// TestAttack42LabelledShortGroupsLandline: the labelled delimited reading
// (decodeDelimitedLabelled, and labelBefore in text) reports a landline
// in groups that hold no landline's digits: six digits ("424|733": no
// area code and a local number of three), a date ("3|8|2024"). The
// engine finds nothing in the same text with its groups set apart by
// spaces or run together (control: "424733", "3 8 2024" under the same
// key stay as they are), and a landline's local number alone has seven
// digits at least. Measured: 3000 random values of 2–4 groups of 3–4
// digits split by a tab, a bar or a line break are altered 237 times
// under "tel" and 6 under "qty" (a share of the 237 join into a valid
// mobile's shape, the designed cost; the rest are landlines of too few
// digits, as here). A false mask on clean data. Expected to fail.
func TestAttack42LabelledShortGroupsLandline(t *testing.T) {
	eng := testEngine(t)
	for _, v := range []string{"424733", "3 8 2024"} {
		b := `{"tel":"` + v + `"}`
		if res, err := Inspect(eng, []byte(b), "application/json", "", Redact, Limits{}); err != nil || res.Changed {
			t.Fatalf("control %s: %q %v", b, res.Body, err)
		}
	}
	for _, tc := range []struct{ name, body, ct string }{
		{"six digits under tel", `{"tel":"424|733"}`, "application/json"},
		{"date under tel", `{"tel":"3|8|2024"}`, "application/json"},
		{"six digits in a tel field", "tel=424%7C733", "application/x-www-form-urlencoded"},
		{"date after a tel label", "tel: 3|8|2024", "text/plain"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if res, err := Inspect(eng, []byte(tc.body), tc.ct, "", Redact, Limits{}); err != nil || res.Changed {
				t.Errorf("%q altered: %q %v", tc.body, res.Body, err)
			}
		})
	}
}

// TestAttack42ToolCallArgumentsJSON: a model's tool call streams its
// arguments as pieces of one JSON document (Anthropic's
// content_block_delta input_json_delta.partial_json, OpenAI's
// tool_calls[].function.arguments); the client joins the pieces and
// parses them. The stream joiner reads the joined pieces as text only,
// never as the JSON they are: a phone key's delimited value
// ({"phone":"153\t4826\t3823"}), sibling members under tel keys
// ({"tel1":"153","tel2":"4826","tel3":"3823"}) and a tel key's numbers
// ({"tel":[153, 4826, 3823]}) pass whole, 3 to 7 bytes an event,
// unpaused. The same document as a JSON body is masked (control).
// Expected to fail.
func TestAttack42ToolCallArgumentsJSON(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rand.New(rand.NewPCG(42, 5)))
	a, b, c := m[:3], m[3:7], m[7:]
	events := map[string]func(p string) string{
		"anthropic input_json_delta": func(p string) string {
			return "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":" + jsonString(p) + "}}\n\n"
		},
		"openai tool_calls arguments": func(p string) string {
			return `data: {"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":` + jsonString(p) + "}}]}}]}\n\n"
		},
	}
	for _, doc := range []struct{ name, json string }{
		{"phone key tabs", `{"phone": "` + a + `\t` + b + `\t` + c + `"}`},
		{"tel siblings", `{"tel1": "` + a + `", "tel2": "` + b + `", "tel3": "` + c + `"}`},
		{"tel numbers", `{"tel": [` + a + `, ` + b + `, ` + c + `]}`},
	} {
		if res, err := Inspect(eng, []byte(doc.json), "application/json", "", Redact, Limits{}); err != nil || strings.Contains(string(res.Body), b) {
			t.Fatalf("control %s: %q %v", doc.json, res.Body, err)
		}
		for ename, ev := range events {
			t.Run(doc.name+"/"+ename, func(t *testing.T) {
				var out strings.Builder
				s := NewStream(eng, &out, StreamEvents, StreamOptions{Mode: Redact})
				for i := 0; i < len(doc.json); i += 5 {
					if _, err := s.Write([]byte(ev(doc.json[i:min(len(doc.json), i+5)]))); err != nil {
						return // refused: held
					}
				}
				if err := s.Close(); err != nil {
					return
				}
				if shown := toolInputShown(t, out.String()); strings.Contains(engineDigitsShown(shown), b) {
					t.Errorf("the client's tool input shows %s: %q", m, shown)
				}
			})
		}
	}
}

// toolInputShown joins the tool call's argument pieces of an event
// stream (partial_json or function.arguments) as a client does.
func toolInputShown(t *testing.T, out string) string {
	var b strings.Builder
	for line := range strings.SplitSeq(out, "\n") {
		data, ok := strings.CutPrefix(line, "data: ")
		if !ok {
			continue
		}
		var ev struct {
			Delta struct {
				PartialJSON string `json:"partial_json"`
			} `json:"delta"`
			Choices []struct {
				Delta struct {
					ToolCalls []struct {
						Function struct {
							Arguments string `json:"arguments"`
						} `json:"function"`
					} `json:"tool_calls"`
				} `json:"delta"`
			} `json:"choices"`
		}
		if err := json.Unmarshal([]byte(data), &ev); err != nil {
			t.Fatalf("%q: %v", data, err)
		}
		b.WriteString(ev.Delta.PartialJSON)
		for _, c := range ev.Choices {
			for _, tc := range c.Delta.ToolCalls {
				b.WriteString(tc.Function.Arguments)
			}
		}
	}
	return b.String()
}
