package bodyformat

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// argStream streams doc as Anthropic input_json_delta events of cut bytes
// through a Redact stream, calling each (when set) after every event, and
// returns what went out and the error the stream ended with.
func argStream(t *testing.T, doc string, cut int, each func(s *Stream)) (string, error) {
	t.Helper()
	var out strings.Builder
	s := NewStream(testEngine(t), &out, StreamEvents, StreamOptions{Mode: Redact, MaxHeld: 1 << 20})
	for i := 0; i < len(doc); i += cut {
		ev := `data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":` + jsonString(doc[i:min(len(doc), i+cut)]) + "}}\n\n"
		if _, err := s.Write([]byte(ev)); err != nil {
			return out.String(), err
		}
		if each != nil {
			each(s)
		}
	}
	return out.String(), s.Close()
}

// TestStreamToolArgumentsWindows: a tool call's arguments past maxArgDoc
// are read as JSON in windows (joinargs_window.go): a mobile split over
// three tel members after any amount of padding (one member past the
// bound, or many small members, so that a window's cut falls anywhere
// around them, or in a nested object under a phone key whose members
// name nothing) is masked, the arguments the client joins still parse,
// and the padding goes out as it came.
func TestStreamToolArgumentsWindows(t *testing.T) {
	r := rng(t.Name())
	shapes := []struct {
		name string
		doc  func(pad int, m string) string
	}{
		{"one long member", func(pad int, m string) string {
			return `{"pad": "` + strings.Repeat("word ", pad/5) + `", "tel1": "` + m[:3] + `", "tel2": "` + m[3:7] + `", "tel3": "` + m[7:] + `"}`
		}},
		{"many members", func(pad int, m string) string {
			var b strings.Builder
			b.WriteString(`{`)
			for i := 0; b.Len() < pad; i++ {
				fmt.Fprintf(&b, `"k%d": "word %d", `, i, i)
			}
			return b.String() + `"tel1": "` + m[:3] + `", "tel2": "` + m[3:7] + `", "tel3": "` + m[7:] + `", "after": "x"}`
		}},
		{"nested under a phone key", func(pad int, m string) string {
			var b strings.Builder
			b.WriteString(`{"list": [{"a": 1}, {"b": [2, 3]}], "phone": {"note": {"x": [`)
			for i := 0; b.Len() < pad; i++ {
				fmt.Fprintf(&b, `"w%d", `, i)
			}
			return b.String() + `"y"]}, "a": "` + m[:3] + `", "b": "` + m[3:7] + `", "c": "` + m[7:] + `"}}`
		}},
	}
	var pads []int
	step := 11
	if raceEnabled {
		step = 31 // both sides of each window's end, in each cut
	}
	for _, at := range []int{maxArgDoc, argWindowKeep + maxArgDoc} {
		for pad := at - 240; pad < at+40; pad += step {
			pads = append(pads, pad)
		}
	}
	for _, sh := range shapes {
		for i, pad := range pads {
			m := synth.CNMobile(r)
			doc := sh.doc(pad, m)
			out, err := argStream(t, doc, []int{64, 5, 29}[i%3], nil)
			if err != nil {
				t.Fatalf("%s, pad %d: %v", sh.name, pad, err)
			}
			shown := toolInputShown(t, out)
			var v any
			if err := json.Unmarshal([]byte(shown), &v); err != nil {
				t.Fatalf("%s, pad %d: the client's arguments do not parse: %v", sh.name, pad, err)
			}
			if strings.Contains(engineDigitsShown(shown), m[3:7]+m[7:]) || strings.Contains(shown, `"`+m[3:7]+`"`) {
				t.Errorf("%s, pad %d: the client's arguments show the mobile %s: …%s", sh.name, pad, m, shown[max(0, len(shown)-120):])
			}
			if cut := strings.LastIndex(doc, `"`+m[:3]+`"`) - 20; shown[:cut] != doc[:cut] {
				t.Errorf("%s, pad %d: the padding changed", sh.name, pad)
			}
		}
	}
}

// TestStreamToolArgumentsWindowHeld: streaming a 1 MiB document of
// members, the bytes of arguments held for their JSON reading never pass
// maxArgDoc, and the events held with them stay within maxArgDoc and one
// event's pieces (each field's copy: the piece's block twin).
func TestStreamToolArgumentsWindowHeld(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"a": [`)
	for i := 0; b.Len() < 1<<20; i++ {
		fmt.Fprintf(&b, `{"n": %d, "s": "word %d"}, `, i, i)
	}
	doc := b.String() + `"end"]}`
	const cut = 64
	mostRaw, mostHeld, fields := 0, 0, 0
	_, err := argStream(t, doc, cut, func(s *Stream) {
		fields = 0
		for _, f := range s.joins.fields {
			if f.args != nil {
				fields++
				mostRaw = max(mostRaw, len(f.args.raw))
			}
		}
		mostHeld = max(mostHeld, s.heldN)
	})
	if err != nil {
		t.Fatal(err)
	}
	if fields == 0 {
		t.Fatal("no field read as a tool call's arguments")
	}
	if mostRaw > maxArgDoc {
		t.Errorf("%d bytes of arguments held as written, past %d", mostRaw, maxArgDoc)
	}
	// an event wraps its 64 bytes of arguments in about 100 more
	if limit := (maxArgDoc/cut + 2) * 200; mostHeld > limit {
		t.Errorf("%d bytes of events held, past %d", mostHeld, limit)
	}
	if mostRaw < maxArgDoc/2 {
		t.Errorf("at most %d bytes of arguments held: windows shorter than expected", mostRaw)
	}
}

// TestStreamToolArgumentsDeepWindowRefused: arguments past maxArgDoc
// whose window would start deeper than argMaxDepth cannot be read as
// JSON there: the stream is refused (fail closed), where the same
// document within the bound is read whole.
func TestStreamToolArgumentsDeepWindowRefused(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	deep := strings.Repeat(`[`, argMaxDepth+1)
	tail := `{"tel1": "` + m[:3] + `", "tel2": "` + m[3:7] + `", "tel3": "` + m[7:] + `"}` + strings.Repeat(`]`, argMaxDepth+1)
	var pad strings.Builder
	for i := 0; pad.Len() < 2*maxArgDoc; i++ {
		fmt.Fprintf(&pad, `"w%d", `, i)
	}
	if _, err := argStream(t, deep+pad.String()+tail, 64, nil); !errors.Is(err, ErrMalformed) {
		t.Errorf("deep arguments past the bound: %v, want a refusal", err)
	}
	out, err := argStream(t, deep+tail, 64, nil)
	if err != nil {
		t.Fatalf("deep arguments within the bound: %v", err)
	}
	if shown := toolInputShown(t, out); strings.Contains(shown, `"`+m[3:7]+`"`) {
		t.Errorf("deep arguments within the bound show the mobile %s: %s", m, shown)
	}
}

// TestArgKeyPrefix: a key longer than maxKeyBytes is kept as its first
// bytes cut where they still make a JSON string's content: never inside
// an escape or a character.
func TestArgKeyPrefix(t *testing.T) {
	for _, tail := range []string{`\u0031\u0032\u0033`, `\\\\\"\\`, "中文字符串", `ab\ncd\u4e2d`} {
		for lead := maxKeyBytes - 12; lead <= maxKeyBytes; lead++ {
			key := strings.Repeat("k", lead) + tail
			var w argWindow
			w.wantKey = true
			w.keyStart()
			for i := 0; i < len(key); i++ {
				w.keyByte(key[i])
			}
			w.keyEnd()
			if !strings.HasPrefix(key, string(w.key)) || len(w.key) > maxKeyBytes || len(w.key) < maxKeyBytes-12 {
				t.Errorf("%q: kept %q", key, w.key)
			}
			if !json.Valid([]byte(`"` + string(w.key) + `"`)) {
				t.Errorf("%q: kept %q, no JSON string", key, w.key)
			}
		}
	}
}

// TestStreamToolArgumentsWindowLongKeys: past the bound, a window deep
// under long keys (past argKeysMax, which stand as "" in its openers)
// is still read as JSON: a split mobile in it is masked, and the
// arguments parse.
func TestStreamToolArgumentsWindowLongKeys(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	key := `"` + strings.Repeat("k", maxKeyBytes+20) + `": `
	var b strings.Builder
	b.WriteString(`{` + strings.Repeat(key+`{`, 20))
	for i := 0; b.Len() < 3*maxArgDoc; i++ {
		fmt.Fprintf(&b, `"w%d": "x", `, i)
	}
	doc := b.String() + `"tel1": "` + m[:3] + `", "tel2": "` + m[3:7] + `", "tel3": "` + m[7:] + `"` + strings.Repeat(`}`, 21)
	out, err := argStream(t, doc, 64, nil)
	if err != nil {
		t.Fatal(err)
	}
	shown := toolInputShown(t, out)
	if !json.Valid([]byte(shown)) {
		t.Fatalf("the client's arguments do not parse")
	}
	if strings.Contains(shown, `"`+m[3:7]+`"`) {
		t.Errorf("the client's arguments show the mobile %s: …%s", m, shown[max(0, len(shown)-120):])
	}
}
