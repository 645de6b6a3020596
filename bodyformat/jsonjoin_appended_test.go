package bodyformat

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestAppendedKeysJoinedInArrays: the members of an array's objects are
// joined under the keys JSON lines are (appendedKey, one predicate): a
// model's reasoning in a buffered transcript ([{"thinking":"138"},
// {"thinking":"1234"},…]) is read as a client appending it shows it, in
// any casing of its words.
func TestAppendedKeysJoinedInArrays(t *testing.T) {
	r := rng(t.Name())
	for _, key := range []string{"thinking", "reasoning", "reasoning_content", "reasoningContent", "output_text", "text_delta", "Thinking"} {
		m := synth.CNMobile(r)
		body := fmt.Sprintf(`[{%q:%q,"n":1},{%q:%q,"n":2},{%q:%q,"n":3}]`, key, m[:3], key, m[3:7], key, m[7:])
		res := mustInspect(t, testEngine(t), []byte(body), ctJSON, "", Redact)
		if !hasCategory(res.Findings, detect.CNMobile) || strings.Contains(joined(t, res.Body), m) {
			t.Errorf("%s -> %s (%v)", body, res.Body, res.Findings)
		}
	}
}

// TestAppendedKeysBound: a run of distinct keys a client appends
// (x0_text, x1_text, … in every object) takes at most maxAppendedJoins
// places of an array's joins; the words themselves (text, thinking, …)
// each have their own, so that a value split under them is still read
// after any such run.
func TestAppendedKeysBound(t *testing.T) {
	r := rng(t.Name())
	for _, key := range []string{"thinking", "text", "content", "reasoning"} {
		m := synth.CNMobile(r)
		var b strings.Builder
		b.WriteString("[")
		for i, part := range []string{m[:3], m[3:7], m[7:]} {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString("{")
			for k := range 40 {
				fmt.Fprintf(&b, `"x%d_text":"a",`, k)
			}
			fmt.Fprintf(&b, `%q:%q}`, key, part)
		}
		b.WriteString("]")
		res := mustInspect(t, testEngine(t), []byte(b.String()), ctJSON, "", Redact)
		if !hasCategory(res.Findings, detect.CNMobile) || strings.Contains(joined(t, res.Body), m) {
			t.Errorf("%s after 40 appended keys: %v", key, res.Findings)
		}
	}
	var a arrayJoins
	for k := range 40 {
		a.keyedJoin([]byte(fmt.Sprintf("x%d_text", k)), 0)
	}
	if a.keys != maxAppendedJoins {
		t.Errorf("40 appended keys took %d places, want %d", a.keys, maxAppendedJoins)
	}
}

// TestAppendedKeysSpill (attack pass 33, F2/F5): keys a client appends
// that are none of joinWords (a_text … d_text) ahead of output_text take
// every place past the words; output_text's strings spill (deeperSpill),
// so a mobile cut over them is refused, no longer passed; with no digits
// in them the body passes unchanged.
func TestAppendedKeysSpill(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	decoys := `"a_text":"x","b_text":"x","c_text":"x","d_text":"x",`
	for range 3 {
		m := synth.CNMobile(r)
		body := func(a, b string) []byte {
			return []byte(`{"output":[{` + decoys + `"output_text":"call ` + a + `"},{"output_text":"` + b + ` now"}]}`)
		}
		res, err := Inspect(eng, body(m[:3], m[3:]), ctJSON, "", Redact, Limits{})
		if !errors.Is(err, errDeeperJoins) {
			t.Errorf("a mobile under a key past maxAppendedJoins: %v %s", err, res.Body)
		}
		if res := mustInspect(t, eng, body("hi", "there"), ctJSON, "", Redact); res.Changed {
			t.Errorf("changed: %s", res.Body)
		}
	}
}
