package bodyformat

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
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

// TestDeepJSONJoinsRefused (attack pass 31, F6): a document nested past
// MaxDepth is read as text only, which does not join what the walker
// joins: sibling members under a phone key, an array's string and the
// number after it. The same value the walker masks at depth 1 passed
// when wrapped 300 objects deep (1.5 KiB). Such a document, holding
// digits in runs the text reading does not mask, is refused, buffered or
// streamed; one whose digits are too few to make an identifier, or all
// masked by the text reading, is read as text as before.
func TestDeepJSONJoinsRefused(t *testing.T) {
	eng := testEngine(t)
	m := synth.CNMobile(rng(t.Name()))
	deep := func(inner string) []byte {
		return []byte(strings.Repeat(`{"a":`, 300) + inner + strings.Repeat(`}`, 300))
	}
	for name, inner := range map[string]string{
		"members under a phone key": `{"phone":{"a":"` + m[:3] + `","b":"` + m[3:] + `"}}`,
		"string then number":        `["` + m[:3] + ` ` + m[3:7] + `", ` + m[7:] + `]`,
	} {
		shallow := mustInspect(t, eng, []byte(inner), "application/json", "", Redact)
		if !shallow.Changed {
			t.Fatalf("%s: the walker does not mask it at depth 1 either", name)
		}
		for _, mode := range []Mode{Redact, Scan} {
			res, err := Inspect(eng, deep(inner), "application/json", "", mode, Limits{})
			if !errors.Is(err, ErrMalformed) {
				t.Errorf("%s (mode %v): not refused (err %v, changed %v)", name, mode, err, res.Changed)
			}
		}
		var out bytes.Buffer
		s := NewStream(eng, &out, StreamLines, StreamOptions{Mode: Redact})
		_, werr := s.Write(append(deep(inner), '\n'))
		if cerr := s.Close(); !errors.Is(werr, ErrMalformed) && !errors.Is(cerr, ErrMalformed) {
			t.Errorf("%s: a stream's line not refused (%v, %v)", name, werr, cerr)
		}
		if bytes.Contains(out.Bytes(), []byte(m[3:])) {
			t.Errorf("%s: the stream wrote the mobile's second half", name)
		}
	}
	for name, inner := range map[string]string{
		"no digits":         `{"phone":{"a":"x","b":"y"}}`,
		"six digits":        `{"phone":{"a":"123","b":"456"}}`,
		"one run":           `{"id":12345678901234}`,
		"masked by reading": `{"phone":"` + m + `","note":"ok"}`,
	} {
		res, err := Inspect(eng, deep(inner), "application/json", "", Redact, Limits{})
		if err != nil || res.Format != FormatText {
			t.Errorf("%s: refused or not read as text (%v, %q)", name, err, res.Format)
		}
	}
}

// TestDeepJoinable: the digits a deep document's text reading leaves
// unmasked, counted in one pass: two runs and seven digits at least.
func TestDeepJoinable(t *testing.T) {
	for _, c := range []struct {
		doc  string
		fs   []detect.Finding
		want bool
	}{
		{`["138","123"]`, nil, false},
		{`["138","1234"]`, nil, true},
		{`["138","1234","5"]`, nil, true},
		{`["１３８","１２３４"]`, nil, true},
		{`["一三八","一二三四"]`, nil, true},
		{`["1381234"]`, nil, false},
		{`["138","1234","5"]`, []detect.Finding{{Start: 8, End: 12}}, false},
	} {
		if got := deepJoinable([]byte(c.doc), c.fs); got != c.want {
			t.Errorf("%s %v: %v, want %v", c.doc, c.fs, got, c.want)
		}
	}
}
