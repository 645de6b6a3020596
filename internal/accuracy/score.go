package accuracy

import (
	"math/rand/v2"
	"strings"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// Ratio is a count of successes out of a count of cases.
type Ratio struct{ Hit, Of int }

// Value returns Hit/Of, or 1 when there are no cases.
func (r Ratio) Value() float64 {
	if r.Of == 0 {
		return 1
	}
	return float64(r.Hit) / float64(r.Of)
}

func (r *Ratio) add(ok bool) {
	r.Of++
	if ok {
		r.Hit++
	}
}

// Report holds the figures of one scoring run. Each figure names what it
// counts; examples of the cases that failed are kept in Failures.
type Report struct {
	CleanAltered      Ratio            // clean lines with a redaction that is not an annotated name
	CleanPhoneAltered Ratio            // the same with a mobile number added to each line (the number's own redaction excepted)
	NameRecall        map[string]Ratio // names.jsonl: names wholly redacted as cn_name, by variant
	NameWrong         map[string]Ratio // names.jsonl: records where text that is no annotated name was redacted as a name, by variant
	AddressFound      Ratio            // numbered addresses behind a label (label, label+phone) with a cn_address finding on them
	NumbersHidden     Ratio            // numbered addresses behind a label whose every house and room number is redacted
	NumbersHiddenNear Ratio            // numbered addresses next to a phone (no label) whose every house and room number is redacted
	ConsigneeRecall   Ratio            // consignee names of address records wholly redacted as cn_name
	PeerLabelRecall   Ratio            // peers' valid values (no context of their own) found behind a label for their category
	PeerLabelFP       Ratio            // peers' invalid values and look-alikes flagged behind a label
	Failures          map[string][]string
}

// maxFailures bounds the examples kept for each figure.
const maxFailures = 400

func (r *Report) fail(figure, text string) {
	if len(r.Failures[figure]) < maxFailures {
		r.Failures[figure] = append(r.Failures[figure], text)
	}
}

// Score runs eng over the corpora and returns the figures. The mobile
// numbers added to clean lines come from a fixed seed, so two runs on the
// same corpora give the same report.
func Score(eng *detect.Engine, c *Corpora) *Report {
	r := &Report{NameRecall: map[string]Ratio{}, NameWrong: map[string]Ratio{}, Failures: map[string][]string{}}
	r.scoreClean(eng, c.Clean)
	r.scoreNames(eng, c.Names)
	r.scoreAddresses(eng, c.Addresses)
	r.scorePeers(eng, c.Peers)
	return r
}

// byteSpan converts a span counted in characters to byte offsets in text.
func byteSpan(text string, sp Span) (int, int) {
	start, end, n := len(text), len(text), 0
	for i := range text {
		if n == sp.Start {
			start = i
		}
		if n == sp.End {
			end = i
			break
		}
		n++
	}
	return start, end
}

// findings describes every finding in text.
func findings(text string, fs []detect.Finding) string {
	out := ""
	for _, f := range fs {
		out += describe(text, f)
	}
	return out
}

// describe names a finding and the text it covers, for a failure listing.
func describe(text string, f detect.Finding) string {
	return "[" + string(f.Category) + ":" + text[f.Start:f.End] + "]"
}

func overlaps(f detect.Finding, start, end int) bool { return f.Start < end && start < f.End }

// coveredBy reports whether every letter, digit and Han character of
// text[start:end] lies inside findings accepted by keep.
func coveredBy(text string, start, end int, fs []detect.Finding, keep func(detect.Finding) bool) bool {
	for i, r := range text[start:end] {
		if !isContent(r) {
			continue
		}
		at, in := start+i, false
		for _, f := range fs {
			if keep(f) && f.Start <= at && at < f.End {
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

func isContent(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= utf8.RuneSelf && !strings.ContainsRune("，。、；：·（）()【】「」“”！？ \u3000", r)
}

func isCategory(c detect.Category) func(detect.Finding) bool {
	return func(f detect.Finding) bool { return f.Category == c }
}

func anyFinding(detect.Finding) bool { return true }

func (r *Report) scoreClean(eng *detect.Engine, lines []CleanLine) {
	rng := rand.New(rand.NewPCG(11, 4))
	for k, l := range lines {
		var persons [][2]int
		for _, p := range l.Persons {
			s, e := byteSpan(l.Text, p)
			persons = append(persons, [2]int{s, e})
		}
		allowed := func(f detect.Finding) bool {
			if f.Category != detect.CNName {
				return false
			}
			for _, p := range persons {
				if overlaps(f, p[0], p[1]) {
					return true
				}
			}
			return false
		}
		ok, bad := true, ""
		for _, f := range eng.Find([]byte(l.Text)) {
			if !allowed(f) {
				ok, bad = false, bad+describe(l.Text, f)
			}
		}
		r.CleanAltered.add(!ok)
		if !ok {
			r.fail("clean", bad+"\t"+l.Text)
		}
		// a mobile number after the line, as a contact line would carry it
		sep := []string{"，", " ", "\n"}[k%3]
		text := l.Text + sep + synth.CNMobile(rng)
		phoneAt := len(l.Text) + len(sep)
		ok, bad = true, ""
		for _, f := range eng.Find([]byte(text)) {
			if !allowed(f) && !(f.Category == detect.CNMobile && f.Start >= phoneAt) {
				ok, bad = false, bad+describe(text, f)
			}
		}
		r.CleanPhoneAltered.add(!ok)
		if !ok {
			r.fail("clean+phone", bad+"\t"+text)
		}
	}
}

func (r *Report) scoreNames(eng *detect.Engine, recs []NameRecord) {
	for _, rec := range recs {
		fs := eng.Find([]byte(rec.Text))
		recall := r.NameRecall[rec.Variant]
		var spans [][2]int
		for _, n := range rec.Names {
			s, e := byteSpan(rec.Text, n)
			spans = append(spans, [2]int{s, e})
			ok := coveredBy(rec.Text, s, e, fs, isCategory(detect.CNName))
			recall.add(ok)
			if !ok {
				r.fail("names/"+rec.Variant, n.Text+"\t"+rec.Text)
			}
		}
		r.NameRecall[rec.Variant] = recall
		wrong := false
		for _, f := range fs {
			if f.Category != detect.CNName {
				continue
			}
			inName := false
			for _, sp := range spans {
				inName = inName || overlaps(f, sp[0], sp[1])
			}
			if !inName {
				wrong = true
				r.fail("wrong-names/"+rec.Variant, describe(rec.Text, f)+"\t"+rec.Text)
			}
		}
		w := r.NameWrong[rec.Variant]
		w.add(wrong)
		r.NameWrong[rec.Variant] = w
	}
}

func (r *Report) scoreAddresses(eng *detect.Engine, recs []AddressRecord) {
	for _, rec := range recs {
		fs := eng.Find([]byte(rec.Text))
		s, e := byteSpan(rec.Text, rec.Address)
		if rec.GoldName != "" {
			if k := strings.Index(rec.Text, rec.GoldName); k >= 0 {
				ok := coveredBy(rec.Text, k, k+len(rec.GoldName), fs, isCategory(detect.CNName))
				r.ConsigneeRecall.add(ok)
				if !ok {
					r.fail("consignee", rec.GoldName+"\t"+rec.Text)
				}
			}
		}
		if !rec.HasNumber {
			continue
		}
		hidden := numbersHidden(rec.Text, s, e, fs)
		switch rec.Context {
		case "label", "label+phone":
			found := false
			for _, f := range fs {
				found = found || f.Category == detect.CNAddress && overlaps(f, s, e)
			}
			r.AddressFound.add(found)
			if !found {
				r.fail("address-found", findings(rec.Text, fs)+"\t"+rec.Text)
			}
			r.NumbersHidden.add(hidden)
			if !hidden {
				r.fail("numbers-hidden", findings(rec.Text, fs)+"\t"+rec.Text)
			}
		case "phone":
			r.NumbersHiddenNear.add(hidden)
			if !hidden {
				r.fail("numbers-hidden-near-phone", findings(rec.Text, fs)+"\t"+rec.Text)
			}
		}
	}
}

// numbersHidden reports whether every number of the address at
// text[start:end] lies inside a finding: its digits, and Chinese numerals
// right before a building, unit or room marker (十号, 三单元).
func numbersHidden(text string, start, end int, fs []detect.Finding) bool {
	addr := text[start:end]
	for i, r := range addr {
		if !isNumberChar(addr, i, r) {
			continue
		}
		if !coveredBy(text, start+i, start+i+utf8.RuneLen(r), fs, anyFinding) {
			return false
		}
	}
	return true
}

const (
	hanNumerals   = "〇零一二三四五六七八九十百"
	numberMarkers = "号栋幢单元室楼层"
)

func isNumberChar(s string, i int, r rune) bool {
	if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
		return true
	}
	if !strings.ContainsRune(hanNumerals, r) {
		return false
	}
	// a Chinese numeral counts when the run it belongs to ends at a marker
	j := i
	for j < len(s) {
		c, size := utf8.DecodeRuneInString(s[j:])
		if !strings.ContainsRune(hanNumerals, c) {
			return strings.ContainsRune(numberMarkers, c)
		}
		j += size
	}
	return false
}
