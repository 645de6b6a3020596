package bodyformat

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// streamThrough writes chunks to a Stream of kind and returns what it
// wrote and what it found.
func streamThrough(t *testing.T, kind StreamKind, mode Mode, chunks ...string) (string, []detect.Finding) {
	t.Helper()
	var out bytes.Buffer
	var found []detect.Finding
	s := NewStream(testEngine(t), &out, kind, StreamOptions{Mode: mode, OnFinding: func(f detect.Finding) { found = append(found, f) }})
	for _, c := range chunks {
		if _, err := s.Write([]byte(c)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return out.String(), found
}

// deltas spells text as OpenAI-style server-sent events, one per piece.
func deltas(pieces ...string) []string {
	var evs []string
	for i, p := range pieces {
		b, _ := json.Marshal(map[string]any{"id": "chatcmpl-1", "model": "gpt-4", "choices": []any{map[string]any{"index": 0, "delta": map[string]string{"content": p}}}})
		evs = append(evs, fmt.Sprintf("id: %d\ndata: %s\n\n", i, b))
	}
	return append(evs, "data: [DONE]\n\n")
}

// contents joins what a client shows of OpenAI-style events.
func contents(t *testing.T, stream string) string {
	var b strings.Builder
	for _, ev := range strings.Split(stream, "\n\n") {
		for _, line := range strings.Split(ev, "\n") {
			data, ok := strings.CutPrefix(line, "data: ")
			if !ok || data == "[DONE]" {
				continue
			}
			var v struct {
				Choices []struct {
					Delta struct{ Content string } `json:"delta"`
				} `json:"choices"`
			}
			if err := json.Unmarshal([]byte(data), &v); err != nil {
				t.Fatalf("event data is not JSON: %q: %v", data, err)
			}
			b.WriteString(v.Choices[0].Delta.Content)
		}
	}
	return b.String()
}

// TestStreamJoinsDeltas checks that identifiers an LLM streams in pieces,
// split anywhere, are masked in what the client joins, and that every
// event still goes out, in order, as valid JSON.
func TestStreamJoinsDeltas(t *testing.T) {
	r := rng(t.Name())
	id, mobile, name := synth.CNID18(r), synth.CNMobile(r), synth.CNName(r)
	for _, c := range []struct {
		name   string
		pieces []string
		raw    []string
	}{
		{"id in two", []string{"他的身份证是", id[:4], id[4:], "。"}, []string{id}},
		{"id in many", []string{"证件 ", id[:2], id[2:7], id[7:12], id[12:17], id[17:], " 好的"}, []string{id}},
		{"mobile digit by digit", append(append([]string{"打"}, strings.Split(mobile, "")...), "吧"), []string{mobile}},
		{"grouped mobile", []string{"电话 ", mobile[:3], " ", mobile[3:7], " ", mobile[7:], "\n"}, []string{mobile[3:7] + " " + mobile[7:]}},
		{"label then name", []string{"姓名：", name, "，电话 ", mobile}, []string{name, mobile}},
		{"e-mail", []string{"mail me: zhang", ".san", "@exam", "ple.com thanks"}, []string{"zhang.san@example.com"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, found := streamThrough(t, StreamEvents, Redact, deltas(c.pieces...)...)
			shown := contents(t, out)
			for _, raw := range c.raw {
				if strings.Contains(shown, raw) {
					t.Errorf("the client shows %q: %q", raw, shown)
				}
			}
			if len(found) == 0 {
				t.Error("no finding reported")
			}
			if got, want := strings.Count(out, "\n\n"), len(c.pieces)+1; got != want {
				t.Errorf("%d events out, want %d", got, want)
			}
			for i := range c.pieces {
				if !strings.Contains(out, fmt.Sprintf("id: %d\n", i)) {
					t.Errorf("event %d lost", i)
				}
			}
		})
	}
}

// TestStreamKeepsCleanStream checks that a stream without personal data
// goes out byte for byte, numbers that are not identifiers included.
func TestStreamKeepsCleanStream(t *testing.T) {
	evs := deltas("The answer is ", "42", ", computed in ", "2024", ".")
	in := strings.Join(evs, "")
	out, _ := streamThrough(t, StreamEvents, Redact, evs...)
	if out != in {
		t.Errorf("clean stream changed:\n in %q\nout %q", in, out)
	}
	lines := "{\"response\":\"hi\"}\n{\"response\":\" there\"}\n"
	if out, _ := streamThrough(t, StreamLines, Redact, lines); out != lines {
		t.Errorf("clean lines changed: %q", out)
	}
}

// TestStreamLinesJoin checks JSON lines (an Ollama-style response field)
// and plain text events split across writes anywhere.
func TestStreamLinesJoin(t *testing.T) {
	r := rng(t.Name())
	id := synth.CNID18(r)
	lines := fmt.Sprintf("{\"response\":\"ID %s\"}\n{\"response\":\"%s\"}\n{\"done\":true}\n", id[:9], id[9:])
	for cut := 1; cut < len(lines); cut += 7 {
		out, _ := streamThrough(t, StreamLines, Redact, lines[:cut], lines[cut:])
		if strings.Contains(strings.ReplaceAll(strings.ReplaceAll(out, "\"}\n{\"response\":\"", ""), "\n", ""), id) || strings.Count(out, "\n") != 3 {
			t.Fatalf("cut %d: %q", cut, out)
		}
	}
	text := "data: 手机 " + id[:5] + "\n\ndata: " + id[5:] + " ok\n\n"
	out, _ := streamThrough(t, StreamEvents, Redact, text)
	if strings.Contains(strings.ReplaceAll(out, "\n\ndata: ", ""), id) {
		t.Errorf("text events: %q", out)
	}
}

// TestStreamScanMode checks that Scan mode writes nothing and finds.
func TestStreamScanMode(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	out, found := streamThrough(t, StreamEvents, Scan, deltas(m[:4], m[4:])...)
	if out != "" || len(found) == 0 {
		t.Errorf("out %q, %d findings", out, len(found))
	}
}

// TestStreamBounded checks that a stream holds a bounded number of bytes:
// an event that never ends, and digits that keep a field open forever.
func TestStreamBounded(t *testing.T) {
	var out bytes.Buffer
	s := NewStream(testEngine(t), &out, StreamEvents, StreamOptions{Mode: Redact})
	chunk := bytes.Repeat([]byte("abcdefghij "), 3000)
	for range 64 {
		if _, err := s.Write(chunk); err != nil {
			t.Fatal(err)
		}
		if s.Held() > DefaultMaxEvent+80<<10 || s.Held() > (StreamOptions{}).HoldBound() {
			t.Fatalf("holds %d bytes", s.Held())
		}
	}
	s.Close()
	if out.Len() != 64*len(chunk) {
		t.Errorf("%d bytes out, want %d", out.Len(), 64*len(chunk))
	}
	out.Reset()
	s = NewStream(testEngine(t), &out, StreamEvents, StreamOptions{Mode: Redact})
	for i := range 5000 {
		ev := deltas(fmt.Sprint(i % 10))[0] // a digit run that never ends
		if _, err := s.Write([]byte(ev)); err != nil {
			t.Fatal(err)
		}
		if s.Held() > DefaultMaxHeld+1<<10 || s.Held() > (StreamOptions{}).HoldBound() {
			t.Fatalf("holds %d bytes after %d events", s.Held(), i)
		}
	}
	s.Close()
	if got := strings.Count(out.String(), "\n\n"); got != 5000 {
		t.Errorf("%d events out, want 5000", got)
	}
}

// FuzzStream checks a Stream on any bytes cut anywhere: no panic, no
// error, bounded holding, and a stream without digits, '@', escapes or
// non-ASCII, in which the engine finds nothing, going out unchanged.
func FuzzStream(f *testing.F) {
	r := rng("fuzz stream")
	f.Add([]byte(strings.Join(deltas("证件 ", synth.CNID18(r)[:5], synth.CNID18(r)[5:]), "")), uint16(7), true)
	f.Add([]byte("{\"response\":\"a\"}\n{\"response\":\"1\"}\n"), uint16(3), false)
	f.Add([]byte("data: x\r\n\r\ndata: y\n\n: comment\n\n"), uint16(12), true)
	id := synth.CNID18(r)
	f.Add([]byte("0:\"号 "+id[:5]+"\"\n0:\""+id[5:]+"\"\ne:{\"x\":1}\n"), uint16(9), false)
	f.Add([]byte("{\"c\":\""+id[:6]+"\"}\n{\"c\":\""+id[6:]+" x\"}\n"), uint16(0x8000|(len(id[:6])+10)), false)
	eng := testEngine(f)
	f.Fuzz(func(t *testing.T, data []byte, cut uint16, events bool) {
		kind := StreamLines
		if events {
			kind = StreamEvents
		}
		var out bytes.Buffer
		s := NewStream(eng, &out, kind, StreamOptions{Mode: Redact})
		c := int(cut) % (len(data) + 1)
		head := data[:min(len(data), 4)]
		wide := bytes.IndexByte(head, 0) >= 0 || bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF})
		for _, part := range [][]byte{data[:c], data[c:]} {
			if _, err := s.Write(part); wide && errors.Is(err, errWideStream) && out.Len() < len(head) {
				return // refused before more than its first bytes went out
			} else if err != nil {
				t.Fatalf("Write: %v", err)
			}
			if s.Held() > (StreamOptions{}).HoldBound() {
				t.Fatalf("holds %d bytes", s.Held())
			}
			if cut&0x8000 != 0 {
				// the stream pauses between the two parts
				if err := s.ReleaseHeld(); err != nil {
					t.Fatalf("ReleaseHeld: %v", err)
				}
			}
		}
		if err := s.Close(); err != nil {
			t.Fatalf("Close: %v", err)
		}
		plain := true
		for _, b := range data {
			plain = plain && b < 0x80 && !(b >= '0' && b <= '9') && b != '@' && b != '\\' && b != '%' && b != '&'
		}
		if plain && len(eng.Find(data)) == 0 && !bytes.Equal(out.Bytes(), data) {
			t.Fatalf("plain stream changed:\n in %q\nout %q", data, out.Bytes())
		}
	})
}

// TestStreamLongEventDecodesEscapes: an event too long to buffer is still
// read as its client reads it, \u escapes and character references
// decoded, not only as plain text.
func TestStreamLongEventDecodesEscapes(t *testing.T) {
	r := rng(t.Name())
	m := synth.CNMobile(r)
	var esc strings.Builder
	for _, c := range m {
		fmt.Fprintf(&esc, `\u%04x`, c)
	}
	pad := strings.Repeat("x", 2*DefaultMaxEvent)
	for _, ev := range []string{
		`data: {"pad":"` + pad + `","tel":"` + esc.String() + `"}` + "\n\n",
		`data: {"tel":"` + esc.String() + `","pad":"` + pad + `"}` + "\n\n",
	} {
		var chunks []string // as a server flushes it: never the whole event in one write
		for i := 0; i < len(ev); i += 4096 {
			chunks = append(chunks, ev[i:min(len(ev), i+4096)])
		}
		out, found := streamThrough(t, StreamEvents, Redact, chunks...)
		if len(found) == 0 || strings.Contains(out, esc.String()) || len(out) < len(pad) {
			t.Errorf("escaped mobile in an over-long event: %d findings, escapes left: %v", len(found), strings.Contains(out, esc.String()))
		}
	}
}

// TestStreamPauseShowsNoIdentifier: a pause (or too much held) releases
// an event whose field ends in the start of a number; that start goes out
// masked, and what completes it later is masked whole, so that the client
// never assembles the value, nor more of it than a partial mask shows.
func TestStreamPauseShowsNoIdentifier(t *testing.T) {
	r := rng(t.Name())
	for range 10 {
		id := synth.CNID18(r)
		m := synth.CNMobile(r)
		for _, c := range []struct{ value, label string }{{id, "身份证 "}, {m, "手机 "}} {
			evs := deltas(c.label+c.value[:len(c.value)-4], c.value[len(c.value)-4:])
			var out bytes.Buffer
			s := NewStream(testEngine(t), &out, StreamEvents, StreamOptions{Mode: Redact})
			if _, err := s.Write([]byte(evs[0])); err != nil {
				t.Fatal(err)
			}
			if err := s.ReleaseHeld(); err != nil { // the stream paused
				t.Fatal(err)
			}
			for _, ev := range evs[1:] {
				if _, err := s.Write([]byte(ev)); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			// no more shows than a partial mask keeps: four digits
			shown := contents(t, out.String())
			if digits := strings.Count(shown, "*"); strings.Contains(shown, c.value[:6]) || digits < len(c.value)-4 {
				t.Errorf("client shows %q of %s", shown, c.value)
			}
		}
	}
}

// TestStreamSteering: events framed with lone CRs, a stream opened by a
// byte-order mark, and a key spelled with an escape are read as the
// client reads them, and a value split across them is still joined.
func TestStreamSteering(t *testing.T) {
	r := rng(t.Name())
	ev := func(key, v, end string) string {
		return `data: {"choices":[{"index":0,"delta":{"` + key + `":"` + v + `"}}]}` + end
	}
	for range 5 {
		m := synth.CNMobile(r)
		for name, chunks := range map[string][]string{
			"lone CR":     {ev("content", m[:4], "\r\r"), ev("content", m[4:], "\r\r")},
			"BOM":         {"\xef\xbb\xbf" + ev("content", m[:4], "\n\n"), ev("content", m[4:], "\n\n")},
			"escaped key": {ev("content", m[:4], "\n\n"), ev(`con\u0074ent`, m[4:], "\n\n")},
			"CR split":    {ev("content", m[:4], "\r"), "\r" + ev("content", m[4:], "\r\r")},
		} {
			out, _ := streamThrough(t, StreamEvents, Redact, chunks...)
			joined := strings.NewReplacer(`"},"index"`, "", `","`, "").Replace(out)
			if strings.Contains(out, m[:4]) && strings.Contains(out, m[4:]) || strings.Contains(joined, m) {
				t.Errorf("%s: %q", name, out)
			}
		}
	}
}

// TestStreamPauseKeepsMasks: a value masked whole in an event that a
// pause releases keeps its ordinary partial mask; only an unfinished
// number is masked further.
func TestStreamPauseKeepsMasks(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	var out bytes.Buffer
	s := NewStream(testEngine(t), &out, StreamEvents, StreamOptions{Mode: Redact})
	if _, err := s.Write([]byte("data: 手机 " + m + "\n\n")); err != nil {
		t.Fatal(err)
	}
	if err := s.ReleaseHeld(); err != nil {
		t.Fatal(err)
	}
	if want := "data: 手机 " + m[:3] + "****" + m[7:] + "\n\n"; out.String() != want {
		t.Errorf("out %q, want %q", out.String(), want)
	}
}

// TestStreamJoinsByIndex: a client accumulates the deltas of a choice by
// its "index" member, not by its place in the array.
func TestStreamJoinsByIndex(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	evs := []string{
		`data: {"choices":[{"index":0,"delta":{"content":"tel ` + m[:4] + `"}}]}` + "\n\n",
		`data: {"choices":[{"index":1,"delta":{"content":"xx"}},{"index":0,"delta":{"content":"` + m[4:] + `"}}]}` + "\n\n",
	}
	out, _ := streamThrough(t, StreamEvents, Redact, evs...)
	if strings.Contains(out, m[4:]) {
		t.Errorf("joined by place, not by index: %q", out)
	}
}

// TestStreamFieldFloodKeepsOpenFields: many other fields between two
// halves of a number do not push the first half's field out of the join;
// and a field that must go takes its open digits with it masked.
func TestStreamFieldFloodKeepsOpenFields(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	evs := []string{`data: {"content":"tel ` + m[:4] + `"}` + "\n\n"}
	for i := range 40 {
		evs = append(evs, fmt.Sprintf(`data: {"k%d":"word"}`+"\n\n", i))
	}
	evs = append(evs, `data: {"content":"`+m[4:]+`"}`+"\n\n")
	out, _ := streamThrough(t, StreamEvents, Redact, evs...)
	if strings.Contains(out, m[:4]) && strings.Contains(out, m[4:]) {
		t.Errorf("both halves of the number went out raw")
	}
	// every field open: the one that must go masks its digits
	evs = nil
	for i := range 40 {
		evs = append(evs, fmt.Sprintf(`data: {"f%d":"%s"}`+"\n\n", i, m[:4]))
	}
	out, _ = streamThrough(t, StreamEvents, Redact, evs...)
	if strings.Count(out, m[:4]) > maxFields {
		t.Errorf("%d forgotten fields went out with their open digits", strings.Count(out, m[:4])-maxFields)
	}
}

// TestStreamWriteEvent: whole events (WebSocket text messages) are read
// as JSON or text, each goes out in one Write, clean ones as they came,
// and a mobile sent a few digits a message is masked in what the
// receiver joins.
func TestStreamWriteEvent(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	var writes []string
	s := NewStream(testEngine(t), writerFunc(func(p []byte) { writes = append(writes, string(p)) }), StreamLines, StreamOptions{Mode: Redact})
	msgs := []string{`{"text":"hello\nthere"}`, "my number ", m[:3], m[3:7], m[7:], " thanks", `{"to":"` + m + `"}`}
	for _, msg := range msgs {
		if err := s.WriteEvent([]byte(msg)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if len(writes) != len(msgs) {
		t.Fatalf("%d writes for %d events: %q", len(writes), len(msgs), writes)
	}
	if writes[0] != msgs[0] || writes[1] != msgs[1] || writes[5] != msgs[5] {
		t.Errorf("clean events changed: %q", writes)
	}
	joined := strings.Join(writes[1:6], "")
	if strings.Contains(joined, m) || strings.Contains(writes[6], m) {
		t.Errorf("the mobile got through: %q", writes)
	}
	if !json.Valid([]byte(writes[6])) {
		t.Errorf("redacted JSON event is not JSON: %q", writes[6])
	}
}

// TestStreamPausedPiecesJoined: a number sent a few digits an event,
// each released by a pause (a chat typing it one message at a time),
// does not go out whole but for its last digits: once its run reaches
// five digits, what follows is masked while the run is open.
func TestStreamPausedPiecesJoined(t *testing.T) {
	r := rng(t.Name())
	m := synth.CNMobile(r)
	var out []string
	s := NewStream(testEngine(t), writerFunc(func(p []byte) { out = append(out, string(p)) }), StreamLines, StreamOptions{Mode: Redact})
	for _, piece := range []string{"我的号码是", m[:3], m[3:7], m[7:]} {
		if err := s.WriteEvent([]byte(piece)); err != nil {
			t.Fatal(err)
		}
		if err := s.ReleaseHeld(); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(out, "")
	if strings.Contains(joined, m[:7]) || strings.Contains(joined, m[3:]) {
		t.Errorf("more of the mobile than a partial mask shows went out: %q", out)
	}
}

// TestStreamJoinsMarkdownDeltas: Markdown delimiters between the digits
// of a value streamed in pieces (a code span or emphasis a chat client
// renders as plain digits) do not hide it.
func TestStreamJoinsMarkdownDeltas(t *testing.T) {
	r := rng(t.Name())
	id, mobile := synth.CNID18(r), synth.CNMobile(r)
	rendered := strings.NewReplacer("`", "", "*", "", "~", "")
	for _, pieces := range [][]string{
		{"电话 ", mobile[:3] + "`", mobile[3:7] + "`" + mobile[7:], "。"},
		{"tel ", mobile[:1] + "**", mobile[1:3], "**" + mobile[3:], " ok"},
		{"证件 ", id[:6], "~~" + id[6:14] + "~", "~" + id[14:]},
	} {
		out, found := streamThrough(t, StreamEvents, Redact, deltas(pieces...)...)
		shown := rendered.Replace(contents(t, out))
		if len(found) == 0 || strings.Contains(shown, mobile) || strings.Contains(shown, id[6:]) {
			t.Errorf("%q: the client renders %q (%d findings)", pieces, shown, len(found))
		}
	}
}

// TestStreamJoinsByBlock: events that name their block (Anthropic's
// content_block_delta "index", the Responses API's "output_index") are
// joined per block, as an SDK accumulates them, and in the order they
// come, as a client printing deltas does: a mobile cut across two events
// of block 0 with an event of block 1 between is masked for both.
func TestStreamJoinsByBlock(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	anthropic := func(i int, text string) string {
		return fmt.Sprintf("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":%d,\"delta\":{\"type\":\"text_delta\",\"text\":%q}}\n\n", i, text)
	}
	responses := func(i int, text string) string {
		return fmt.Sprintf("event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"output_index\":%d,\"content_index\":0,\"delta\":%q}\n\n", i, text)
	}
	for name, ev := range map[string]func(int, string) string{"anthropic": anthropic, "responses": responses} {
		for _, order := range [][]int{{0, 1, 0}, {1, 0, 0}, {0, 0, 1}} {
			texts := map[int]string{}
			var evs []string
			pieces := []string{"tel " + m[:4], m[4:]}
			for _, blk := range order {
				if blk == 1 {
					evs = append(evs, ev(1, "hello"))
					continue
				}
				evs = append(evs, ev(0, pieces[0]))
				pieces = pieces[1:]
			}
			out, _ := streamThrough(t, StreamEvents, Redact, evs...)
			var all strings.Builder
			for _, e := range strings.Split(out, "\n\n") {
				_, data, ok := strings.Cut(e, "data: ")
				if !ok {
					continue
				}
				var v struct {
					Index       int
					OutputIndex int `json:"output_index"`
					Delta       json.RawMessage
				}
				if err := json.Unmarshal([]byte(data), &v); err != nil {
					t.Fatalf("%s: event data is not JSON: %q", name, data)
				}
				var text string
				var d struct{ Text string }
				if json.Unmarshal(v.Delta, &text) != nil && json.Unmarshal(v.Delta, &d) == nil {
					text = d.Text
				}
				texts[v.Index+v.OutputIndex] += text
				all.WriteString(text)
			}
			if strings.Contains(texts[0], m) || strings.Contains(all.String(), m) || strings.Contains(out, m[4:]) {
				t.Errorf("%s %v: the mobile got through: %q", name, order, out)
			}
		}
	}
	// a clean stream of blocks passes as it came
	clean := anthropic(0, "hello ") + anthropic(1, "world") + anthropic(0, "again")
	if out, _ := streamThrough(t, StreamEvents, Redact, clean); out != clean {
		t.Errorf("clean blocks changed: %q", out)
	}
}

// TestStreamJoinsEscapedArguments: a tool call's arguments are JSON text
// the client parses once it has joined them, so escapes in them are read
// in the joined text too: {"phone":"\u0031\u0033\u0038 in one event and
// 12345678"} in the next is a mobile to the function called.
func TestStreamJoinsEscapedArguments(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	tool := func(args string) string {
		b, _ := json.Marshal(map[string]any{"choices": []any{map[string]any{"index": 0, "delta": map[string]any{
			"tool_calls": []any{map[string]any{"index": 0, "function": map[string]any{"arguments": args}}}}}}})
		return "data: " + string(b) + "\n\n"
	}
	for _, split := range []int{3, 6} {
		out, _ := streamThrough(t, StreamEvents, Redact, tool(`{"phone":"`+escapeAll(m[:split])), tool(m[split:]+`"}`))
		var args strings.Builder
		for _, ev := range strings.Split(out, "\n\n") {
			data, ok := strings.CutPrefix(ev, "data: ")
			if !ok {
				continue
			}
			var v struct {
				Choices []struct {
					Delta struct {
						ToolCalls []struct {
							Function struct{ Arguments string }
						} `json:"tool_calls"`
					}
				}
			}
			if err := json.Unmarshal([]byte(data), &v); err != nil {
				t.Fatalf("event data is not JSON: %q", data)
			}
			args.WriteString(v.Choices[0].Delta.ToolCalls[0].Function.Arguments)
		}
		var call struct{ Phone string }
		if err := json.Unmarshal([]byte(args.String()), &call); err != nil {
			t.Fatalf("joined arguments are not JSON: %q", args.String())
		}
		if strings.Contains(call.Phone, m[split:]) {
			t.Errorf("split at %d: the function gets %q", split, call.Phone)
		}
	}
}

// TestStreamWideRefused: a stream whose first bytes show UTF-16 or UTF-32
// (a NUL byte, a mark) is not read as bytes, however it is cut into
// writes: nothing goes out and the write fails with ErrMalformed. A
// stream that opens with a UTF-8 mark is read.
func TestStreamWideRefused(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	wide := string(utf16LE(`{"tel":"` + m + `"}` + "\n"))
	for _, in := range []string{wide, "\xff\xfe" + wide, "\x00" + wide[:len(wide)-1]} {
		for _, step := range []int{1, 3, len(in)} {
			var out bytes.Buffer
			s := NewStream(testEngine(t), &out, StreamLines, StreamOptions{Mode: Redact})
			var err error
			for i := 0; i < len(in) && err == nil; i += step {
				_, err = s.Write([]byte(in[i:min(len(in), i+step)]))
			}
			if err == nil {
				err = s.Close()
			}
			if !errors.Is(err, ErrMalformed) || out.Len() != 0 {
				t.Errorf("%q in writes of %d: err %v, wrote %q", in[:4], step, err, out.String())
			}
		}
	}
	out, _ := streamThrough(t, StreamLines, Redact, "\xef\xbb\xbf{\"tel\":\""+m+"\"}\n")
	if strings.Contains(out, m) {
		t.Errorf("a stream opening with a UTF-8 mark went out raw: %q", out)
	}
}
