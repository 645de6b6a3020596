package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestStreamMetaNotHeld: an Anthropic-style stream, whose first event
// names a model that ends in digits and a message id, goes out event by
// event as it comes (nothing of it waits for a later event), and a mobile
// its text deltas split is still masked.
func TestStreamMetaNotHeld(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	evs := []string{
		`event: message_start` + "\n" + `data: {"type":"message_start","message":{"id":"msg_013Zva2CMHLNnXjNJJKqJ2EF","type":"message","role":"assistant","model":"claude-3-5-sonnet-20241022","usage":{"input_tokens":25}}}` + "\n\n",
		`event: content_block_start` + "\n" + `data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}` + "\n\n",
		`event: content_block_delta` + "\n" + `data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Sure, "}}` + "\n\n",
	}
	var out []string
	s := NewStream(testEngine(t), writerFunc(func(p []byte) { out = append(out, string(p)) }), StreamEvents, StreamOptions{Mode: Redact})
	for i, ev := range evs {
		if _, err := s.Write([]byte(ev)); err != nil {
			t.Fatal(err)
		}
		if len(out) != i+1 {
			t.Fatalf("after event %d, %d went out: %q", i, len(out), out)
		}
	}
	for _, piece := range []string{m[:5], m[5:] + " ok"} {
		ev := `event: content_block_delta` + "\n" + `data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"` + piece + `"}}` + "\n\n"
		if _, err := s.Write([]byte(ev)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if all := strings.Join(out, ""); strings.Contains(all, m[:5]) || strings.Contains(all, m[5:]) && strings.Contains(all, m[:3]+`"`) {
		t.Errorf("the mobile went out: %q", all)
	}
	for key, want := range map[string]bool{"id": true, "Model": true, "message_id": true, "toolCallId": true, "text": false, "content": false, "Id": true, "valid": false, "paid": false} {
		if metaKey([]byte(key)) != want {
			t.Errorf("metaKey(%q) = %v", key, !want)
		}
	}
}
