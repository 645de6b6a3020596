package integration

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestSSEResponsesArgumentsThroughCaddy: the OpenAI Responses API streams
// a function call's arguments in the "delta" of
// response.function_call_arguments.delta events, 5 bytes an event, a
// mobile split over three tel members ({"tel1":"138","tel2":"1234",…},
// which the text reading alone does not join), through reverse_proxy over
// h2c. The SDK joins the deltas and parses them: they still parse, and no
// member holds the mobile's middle digits; the text deltas of the same
// stream come out as they were sent.
func TestSSEResponsesArgumentsThroughCaddy(t *testing.T) {
	m := alice.Mobile
	args := `{"tel1": "` + m[:3] + `", "tel2": "` + m[3:7] + `", "tel3": "` + m[7:] + `"}`
	const text = "Looking that up now."
	t.Setenv("UP", upstream(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		w.WriteHeader(200)
		rc := http.NewResponseController(w)
		send := func(typ, rest string) {
			io.WriteString(w, "event: "+typ+"\ndata: {\"type\":\""+typ+"\","+rest+"}\n\n")
			rc.Flush()
		}
		for _, p := range strings.SplitAfter(text, " ") {
			b, _ := json.Marshal(p)
			send("response.output_text.delta", `"item_id":"msg_1","output_index":0,"content_index":0,"delta":`+string(b))
		}
		for i := 0; i < len(args); i += 5 {
			b, _ := json.Marshal(args[i:min(len(args), i+5)])
			send("response.function_call_arguments.delta", `"item_id":"fc_1","output_index":1,"delta":`+string(b))
		}
		send("response.completed", `"response":{"id":"resp_1","status":"completed"}`)
	})))
	startCaddy(t, "handle /r/* {\n\t\tpii_filter\n\t\treverse_proxy {$UP} {\n\t\t\tflush_interval -1\n\t\t}\n\t}")
	resp, err := h2cClient(t).Get(base + "/r/sse")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	var joined, shown strings.Builder
	for _, ev := range strings.Split(string(out), "\n\n") {
		_, d, ok := strings.Cut(ev, "data: ")
		if !ok {
			continue
		}
		var e struct{ Type, Delta string }
		if err := json.Unmarshal([]byte(d), &e); err != nil {
			t.Fatalf("event %q: %v", d, err)
		}
		switch e.Type {
		case "response.function_call_arguments.delta":
			joined.WriteString(e.Delta)
		case "response.output_text.delta":
			shown.WriteString(e.Delta)
		}
	}
	var parsed map[string]string
	if err := json.Unmarshal([]byte(joined.String()), &parsed); err != nil {
		t.Fatalf("arguments %q: %v", joined.String(), err)
	}
	if parsed["tel2"] == m[3:7] || parsed["tel1"]+parsed["tel2"]+parsed["tel3"] == m {
		t.Errorf("the SDK parses the raw mobile from %q", joined.String())
	}
	if shown.String() != text {
		t.Errorf("the text deltas read %q, want %q", shown.String(), text)
	}
}
