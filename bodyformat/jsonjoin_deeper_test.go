package bodyformat

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestNestedTextPartsJoined: text one object deeper than an array's
// objects' members is joined as a client shows it: the OpenAI Responses
// API's output items, whose SDKs' response.output_text is "".join of
// every output_text part of every message item
// (output[i].content[j].text), the Assistants API's message content
// parts, {"type":"text","text":{"value":…}}, shown one after another, and
// a list of such messages. A mobile cut across two items is masked as one
// cut across two parts of one flat content array is (the control).
func TestNestedTextPartsJoined(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 5 {
		m := synth.CNMobile(r)
		a, b := m[:3], m[3:]
		for _, body := range []string{
			`{"object":"response","output":[{"type":"message","role":"assistant","content":[{"type":"output_text","text":"call ` + a + `"}]},{"type":"message","role":"assistant","content":[{"type":"output_text","text":"` + b + ` now"}]}]}`,
			`{"object":"thread.message","content":[{"type":"text","text":{"value":"call ` + a + `","annotations":[]}},{"type":"text","text":{"value":"` + b + ` now","annotations":[]}}]}`,
			`{"object":"list","data":[{"content":[{"type":"text","text":{"value":"call ` + a + `"}}]},{"content":[{"type":"text","text":{"value":"` + b + ` now"}}]}]}`,
			`{"content":[{"type":"text","text":"call ` + a + `"},{"type":"text","text":"` + b + ` now"}]}`, // the control
		} {
			res := mustInspect(t, eng, []byte(body), "application/json", "", Redact)
			if !res.Changed || strings.Contains(string(res.Body), `"`+b) {
				t.Errorf("a mobile across text parts passes: %s -> %s", body, res.Body)
			}
		}
	}
}

// TestNestedRecordsNotJoined: an object below an array's object under a
// key no client appends (a record's meta, its ids) is a value of its own:
// its members are not joined across the array's objects.
func TestNestedRecordsNotJoined(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	for _, body := range []string{
		`[{"meta":{"value":"` + m[:3] + `"}},{"meta":{"value":"` + m[3:] + `"}}]`,
		`[{"text":{"id":"` + m[:3] + `"}},{"text":{"id":"` + m[3:] + `"}}]`,
		`[{"items":[{"text":"` + m[:3] + `"}]},{"items":[{"text":"` + m[3:] + `"}]}]`,
	} {
		if res := mustInspect(t, testEngine(t), []byte(body), ctJSON, "", Redact); res.Changed {
			t.Errorf("%s -> %s", body, res.Body)
		}
	}
}

// TestNestedJoinsBound (attack pass 33, F2/F5): an array's objects' text
// objects with many members a client appends (x0_text, x1_text, …) take
// at most maxDeeperJoins joins; the first pairs are joined, the strings of
// later ones spill (deeperSpill): a body whose spilled strings hold digits
// in two of them, seven at least, is refused, and one whose spilled
// strings hold none is read with the first pairs joined.
func TestNestedJoinsBound(t *testing.T) {
	r := rng(t.Name())
	m, late := synth.CNMobile(r), synth.CNMobile(r)
	obj := func(first, last string) string {
		var b strings.Builder
		fmt.Fprintf(&b, `{"text":{"value":%q`, first)
		for k := range 2 * maxDeeperJoins {
			fmt.Fprintf(&b, `,"x%d_text":"y"`, k)
		}
		fmt.Fprintf(&b, `,"late_text":%q}}`, last)
		return b.String()
	}
	body := `[` + obj(m[:3], "late") + `,` + obj(m[3:], "text") + `]`
	res := mustInspect(t, testEngine(t), []byte(body), ctJSON, "", Redact)
	if strings.Contains(joined(t, res.Body), m) {
		t.Errorf("the first pair is not joined: %s", res.Body)
	}
	body = `[` + obj(m[:3], late[:3]) + `,` + obj(m[3:], late[3:]) + `]`
	if _, err := Inspect(testEngine(t), []byte(body), ctJSON, "", Redact, Limits{}); !errors.Is(err, errDeeperJoins) {
		t.Errorf("a mobile split over a pair past maxDeeperJoins: %v, want errDeeperJoins", err)
	}
	var a arrayJoins
	for k := range 40 {
		if j := a.deeperJoin([]byte("text"), []byte(fmt.Sprintf("x%d_text", k)), 0); j == nil {
			a.spill.add([]byte(fmt.Sprint(k)), nil)
		}
	}
	if a.deepers != maxDeeperJoins || a.spill.strings != 40-maxDeeperJoins || a.spill.digits != 66 || !a.spill.joinable() {
		t.Errorf("40 pairs: %d joins, %d strings spilled, %d digits", a.deepers, a.spill.strings, a.spill.digits)
	}
}
