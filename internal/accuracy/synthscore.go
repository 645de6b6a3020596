package accuracy

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
)

// SynthReport holds the figures of the synthetic corpus: for the sets of
// valid values, how many were found whole as their category; for the
// look-alikes, how many were flagged as anything.
type SynthReport struct {
	ByCategory map[string]map[string]Ratio // set → category → values found (look-alikes: flagged)
	ByForm     map[string]map[string]Ratio // set → category/form → the same
	Failures   map[string][]string         // set/category/form → cases that failed
}

// Total returns the figure of a whole set.
func (s *SynthReport) Total(set string) Ratio {
	var t Ratio
	for _, q := range s.ByCategory[set] {
		t.Hit += q.Hit
		t.Of += q.Of
	}
	return t
}

// ScoreSynthetic runs eng over the cases: plain text through Find, JSON
// bodies through bodyformat.Inspect, as the filter reads them.
func ScoreSynthetic(eng *detect.Engine, cases []SynthCase) *SynthReport {
	s := &SynthReport{ByCategory: map[string]map[string]Ratio{}, ByForm: map[string]map[string]Ratio{}, Failures: map[string][]string{}}
	for _, c := range cases {
		fs := synthFindings(eng, c)
		end := c.Start + len(c.Value)
		var ok bool
		if c.Set == SetLookAlike {
			flagged := false
			for _, f := range fs {
				flagged = flagged || overlaps(f, c.Start, end)
			}
			ok = flagged
		} else {
			ok = wholeAs(c, fs, detect.Category(c.Category))
		}
		s.add(c, ok)
		if ok == (c.Set == SetLookAlike) {
			key := c.Set + "/" + c.Category + "/" + c.Form
			if len(s.Failures[key]) < maxFailures {
				s.Failures[key] = append(s.Failures[key], fmt.Sprintf("%q %s", c.Text, synthDescribe(c, fs)))
			}
		}
	}
	return s
}

func (s *SynthReport) add(c SynthCase, ok bool) {
	for _, m := range []struct {
		into map[string]map[string]Ratio
		key  string
	}{{s.ByCategory, c.Category}, {s.ByForm, c.Category + "/" + c.Form}} {
		if m.into[c.Set] == nil {
			m.into[c.Set] = map[string]Ratio{}
		}
		q := m.into[c.Set][m.key]
		q.add(ok)
		m.into[c.Set][m.key] = q
	}
}

// synthFindings returns the findings of a case, their offsets in the text
// the value's Start counts in.
func synthFindings(eng *detect.Engine, c SynthCase) []detect.Finding {
	if !c.JSON {
		return eng.Find([]byte(c.Text))
	}
	res, err := bodyformat.Inspect(eng, []byte(c.Text), "application/json", "", bodyformat.Scan, bodyformat.Limits{})
	if err != nil {
		return nil
	}
	return res.Findings
}

// wholeAs reports whether every letter, digit and numeral of the case's
// value lies in a finding of category cat.
func wholeAs(c SynthCase, fs []detect.Finding, cat detect.Category) bool {
	for i, r := range c.Value {
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) && r != '@' && r != '＠' {
			continue
		}
		at, in := c.Start+i, false
		for _, f := range fs {
			if f.Category == cat && f.Start <= at && at < f.End {
				in = true
				break
			}
		}
		if !in {
			return false
		}
	}
	return true
}

// synthDescribe lists the findings of a case for a failure listing.
func synthDescribe(c SynthCase, fs []detect.Finding) string {
	text := c.Text
	if c.JSON {
		text = c.Value
	}
	out := ""
	for _, f := range fs {
		if f.Start >= 0 && f.End <= len(text) && f.Start <= f.End {
			out += describe(text, f)
		}
	}
	if out == "" {
		return "(nothing found)"
	}
	return out
}

// synthSets are the sets in the order they are printed, with what their
// figure counts.
var synthSets = []struct{ set, what string }{
	{SetStructured, "valid values found whole as their category"},
	{SetObfuscated, "valid values found whole as their category"},
	{SetNames, "names found whole as cn_name"},
	{SetLookAlike, "look-alikes flagged as anything (lower is better)"},
}

// Print writes the figures: each set's total and its categories, and the
// forms of the obfuscated and names sets.
func (s *SynthReport) Print(w io.Writer) {
	line := func(what string, q Ratio) {
		fmt.Fprintf(w, "%-58s %7.3f%%  (%d/%d)\n", what, 100*q.Value(), q.Hit, q.Of)
	}
	for _, set := range synthSets {
		fmt.Fprintf(w, "## synthetic, %s: %s\n", set.set, set.what)
		line(set.set+": all", s.Total(set.set))
		for _, k := range sortedKeys(s.ByCategory[set.set]) {
			line("  "+k, s.ByCategory[set.set][k])
		}
		if set.set == SetObfuscated || set.set == SetNames {
			for _, k := range sortedKeys(s.ByForm[set.set]) {
				line("    "+k, s.ByForm[set.set][k])
			}
		}
	}
}

// PrintFailures writes up to n failed cases of each set, category and form.
func (s *SynthReport) PrintFailures(w io.Writer, n int) {
	for _, k := range sortedKeys(s.Failures) {
		fs := s.Failures[k]
		fmt.Fprintf(w, "\n## %s (%d shown)\n", k, min(n, len(fs)))
		for _, f := range fs[:min(n, len(fs))] {
			fmt.Fprintln(w, "  "+strings.ReplaceAll(f, "\n", `\n`))
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
