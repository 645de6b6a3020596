package bodyformat

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestDeepJSONMaskedStaysJSON: a document nested past MaxDepth is read
// as text; its masks stay valid JSON (attack pass 30, F2: masked bare
// numbers gave {"tel":[138****5678]}), and what a client shows, every
// scalar unescaped and joined, holds no mobile.
func TestDeepJSONMaskedStaysJSON(t *testing.T) {
	eng := testEngine(t)
	r := rng("deep json text")
	mobile := synth.CNMobile(r)
	var esc strings.Builder
	for _, c := range mobile {
		fmt.Fprintf(&esc, `\u%04x`, c)
	}
	deep := func(inner string) []byte {
		return []byte(strings.Repeat(`{"a":`, 300) + inner + strings.Repeat(`}`, 300))
	}
	for name, inner := range map[string]string{
		"escaped":         `{"x":"` + esc.String() + `"}`,
		"split tel":       `{"tel":["` + mobile[:3] + `","` + mobile[3:7] + `","` + mobile[7:] + `"]}`,
		"split num":       `{"tel":[` + mobile[:3] + `,` + mobile[3:7] + `,` + mobile[7:] + `]}`,
		"number":          `{"tel":` + mobile + `}`,
		"number in array": `[1,` + mobile + `,2]`,
		"num then string": `{"tel":[` + mobile[:3] + `,"` + mobile[3:7] + `","` + mobile[7:] + `"]}`,
		"string then num": `{"tel":["` + mobile[:3] + `","` + mobile[3:7] + `",` + mobile[7:] + `]}`,
	} {
		t.Run(name, func(t *testing.T) {
			res := mustInspect(t, eng, deep(inner), "application/json", "", Redact)
			if !res.Changed {
				t.Fatal("nothing masked")
			}
			var v any
			if err := json.Unmarshal(res.Body, &v); err != nil {
				t.Fatalf("redacted body is no JSON: %v (%q)", err, res.Body[1400:len(res.Body)-300])
			}
			if shown := strings.Join(scalarsShown(v), ""); strings.Contains(shown, mobile) {
				t.Errorf("client reassembles %s from %q", mobile, res.Body[1400:])
			}
		})
	}
}

// scalarsShown returns every key and scalar of v as a JS client prints it.
func scalarsShown(v any) []string {
	switch x := v.(type) {
	case map[string]any:
		var out []string
		for k, e := range x {
			out = append(append(out, k), scalarsShown(e)...)
		}
		return out
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, scalarsShown(e)...)
		}
		return out
	case float64:
		return []string{strconv.FormatFloat(x, 'f', -1, 64)}
	case string:
		return []string{x}
	}
	return nil
}
