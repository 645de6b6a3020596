package accuracy

import (
	"reflect"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// synthFloors are the worst each set of the synthetic corpus may score:
// recall at least min for the sets of valid values, flagged at most max
// for the look-alikes. They are the figures measured when the score was
// last improved.
var synthFloors = map[string]struct{ min, max float64 }{
	SetStructured: {min: 1},
	SetObfuscated: {min: 1},
	SetNames:      {min: 1},
	SetLookAlike:  {max: 0},
}

// synthCategoryFloors are the same for single categories of a set, as
// "set/category", where one scores below the others; a category not
// listed must score perfectly (recall 1, or no look-alike flagged).
var synthCategoryFloors = map[string]struct{ min, max float64 }{}

// TestSyntheticFloors holds the engine to the figures of the held-out
// synthetic corpus: a change that makes a set or a category worse fails.
func TestSyntheticFloors(t *testing.T) {
	eng, err := detect.Compile(detect.Policy{})
	if err != nil {
		t.Fatal(err)
	}
	s := ScoreSynthetic(eng, SynthCorpus())
	check := func(name string, q Ratio, min, max float64, lookAlike bool) {
		v := q.Value()
		switch {
		case lookAlike && v > max, !lookAlike && v < min:
			t.Errorf("%s: %.4f (%d/%d), floor min %.4f max %.4f", name, v, q.Hit, q.Of, min, max)
		}
	}
	for set, f := range synthFloors {
		check(set, s.Total(set), f.min, f.max, set == SetLookAlike)
	}
	for set, cats := range s.ByCategory {
		for cat, q := range cats {
			f, ok := synthCategoryFloors[set+"/"+cat]
			if !ok {
				f.min = 1
			}
			check(set+"/"+cat, q, f.min, f.max, set == SetLookAlike)
		}
	}
	if t.Failed() {
		for _, k := range sortedKeys(s.Failures) {
			t.Logf("%s: %d failures, first: %s", k, len(s.Failures[k]), s.Failures[k][0])
		}
	}
}

// The corpus is the same on every call, places each value where it says,
// and covers every category of the generators' registry with valid values
// and look-alikes.
func TestSynthCorpus(t *testing.T) {
	a, b := SynthCorpus(), SynthCorpus()
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two calls gave different corpora")
	}
	seen := map[string]bool{}
	for _, c := range a {
		seen[c.Set+"/"+c.Category] = true
		if !c.JSON && !strings.HasPrefix(c.Text[c.Start:], c.Value) {
			t.Fatalf("%s/%s/%s: value %q not at %d of %q", c.Set, c.Category, c.Form, c.Value, c.Start, c.Text)
		}
		if c.Value == "" {
			t.Fatalf("%s/%s/%s: empty value in %q", c.Set, c.Category, c.Form, c.Text)
		}
	}
	for cat := range synth.ByCategory {
		set := SetStructured
		if cat == "cn_name" {
			set = SetNames
		}
		if !seen[set+"/"+cat] || !seen[SetLookAlike+"/"+cat] {
			t.Errorf("category %s: valid values %v, look-alikes %v", cat, seen[set+"/"+cat], seen[SetLookAlike+"/"+cat])
		}
	}
}
