package detect

import "strings"

// Evidence records what confirmed a finding. Several kinds usually combine.
type Evidence uint16

// The kinds of evidence a finding can carry.
const (
	EvChecksum   Evidence = 1 << iota // a check digit, Luhn or mod-97 verified
	EvStructure                       // shape, allocated prefix, real date or known IIN
	EvLabel                           // a label word (姓名, 身份证, phone, …) precedes it
	EvKey                             // the caller's context hint (a JSON or form key) names it
	EvProximity                       // other personal data sits in the same record
	EvObfuscated                      // it was spelled to evade detection (full-width, numerals, separators, …)
	EvProtected                       // its value is in the engine's protected set (Policy.Protected)
)

var evidenceNames = []string{"checksum", "structure", "label", "key", "proximity", "obfuscated", "protected"}

// Strings returns the names of the evidence kinds present.
func (e Evidence) Strings() []string {
	var out []string
	for i, n := range evidenceNames {
		step()
		if e&(1<<uint(i)) != 0 {
			out = append(out, n)
		}
	}
	return out
}

// String joins the evidence names with '+'.
func (e Evidence) String() string { return strings.Join(e.Strings(), "+") }

// Finding is one piece of personal information in a text. It never holds
// the value itself: only where it is, what it is, its masked form and a
// keyed fingerprint.
type Finding struct {
	Category    Category // what was found
	Start, End  int      // byte range in the original text
	Confidence  float64  // 0..1; checksum-validated identifiers score highest
	Evidence    Evidence // what confirmed it
	Masked      string   // the replacement under the engine's mask style
	Fingerprint string   // keyed HMAC of the normalised value (hex), stable across spellings
}

// Summary is the dossier evidence of a set of findings: which categories are
// present and how often.
type Summary struct {
	Categories CategorySet      // distinct categories present
	Counts     map[Category]int // findings per category
}

// Summarize counts the findings by category.
func Summarize(findings []Finding) Summary {
	s := Summary{Counts: make(map[Category]int)}
	for _, f := range findings {
		step()
		s.Categories = s.Categories.With(f.Category)
		s.Counts[f.Category]++
	}
	return s
}

// Distinct returns the number of distinct categories, the measure behind
// the dossier (开盒) rule.
func (s Summary) Distinct() int { return s.Categories.Len() }
