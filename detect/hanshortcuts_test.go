package detect

import (
	"math/bits"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// The walks over names and addresses answer a Han character read inline
// (cjkRune) without the unit decoders' tests; these hold the facts they
// rely on.

// TestNoHanIsInvisible: no Han character is an invisible one (uIgnore), so
// tokenBefore skips the test of invisibility for it, and numberGluedAt
// stops at one before its end as its walk back over invisible characters
// would.
func TestNoHanIsInvisible(t *testing.T) {
	n := 0
	for r := rune(0x3400); r <= 0x9FFF; r++ {
		if !isHan(r) {
			continue
		}
		n++
		if classifyRune(r).kind == uIgnore {
			t.Fatalf("%U is Han and invisible", r)
		}
		u, at, ok := unitBefore([]byte(string(r)), 3)
		if !ok || at != 0 || u.kind == uIgnore {
			t.Fatalf("%U read back as %+v at %d", r, u, at)
		}
	}
	if n < 20000 {
		t.Fatalf("only %d Han characters tested", n)
	}
}

// TestNumberGluedAtAfterHan: an address that ends with a Han character
// (…号, …室) has no number glued on, whatever follows it; one that ends
// with a digit has, when digits or a mask run on.
func TestNumberGluedAtAfterHan(t *testing.T) {
	for _, tail := range []string{"13812345678", "B4", "*", "[", "\u200b3", "-12", " 1707", ""} {
		text := []byte("建国路88号" + tail)
		if (&scanner{text: text}).numberGluedAt(len("建国路88号")) {
			t.Errorf("%q: a number glued on after 号", text)
		}
	}
	for _, tail := range []string{"13812345678", "*", "-12"} {
		text := []byte("建国路88" + tail)
		if !(&scanner{text: text}).numberGluedAt(len("建国路88")) {
			t.Errorf("%q: no number glued on after 88", text)
		}
	}
}

// TestNumberStartStopsAtHan: numberStart reads back over digits and 十,
// 百 and stops at any other Han character.
func TestNumberStartStopsAtHan(t *testing.T) {
	for _, c := range []struct {
		text  string
		start int
	}{
		{"桃源村958", len("桃源村")},
		{"二十一", 0},
		{"路十1", len("路")},
		{"共102", len("共")},
		{"x五8", len("x")},
	} {
		s := &scanner{text: []byte(c.text)}
		if got := s.numberStart(len(c.text)); got != c.start {
			t.Errorf("numberStart(%q) = %d, want %d", c.text, got, c.start)
		}
	}
}

// TestNoteDistrictFollowsDistrictMarks: noteDistrict raises the lengths of
// districtMarks' kinds, in its order, as a walk over the list would.
func TestNoteDistrictFollowsDistrictMarks(t *testing.T) {
	for kinds := markers(0); kinds < 1<<7; kinds++ {
		for _, n := range []int{3, 6, 9} {
			var got, want [3]int
			got, want = [3]int{3, 0, 6}, [3]int{3, 0, 6}
			noteDistrict(&got, kinds, n)
			for k, marks := range districtMarks {
				if kinds&marks != 0 {
					want[k] = max(want[k], n)
				}
			}
			if got != want {
				t.Fatalf("kinds %b, n %d: %v, want %v", kinds, n, got, want)
			}
		}
	}
}

// TestLensEndingAtEveryLabel: the lengths by last rune (endLens, by rank)
// name every label of the index at its end, and no rune that ends none.
func TestLensEndingAtEveryLabel(t *testing.T) {
	n := 0
	check := func(lw labelWord) {
		n++
		if labels.lensEndingAt(lw.word, len(lw.word))&lenBit(len(lw.word)) == 0 {
			t.Errorf("%q: its length is not among the lengths ending with its last rune", lw.word)
		}
	}
	for _, bucket := range labels.ascii {
		for _, lw := range bucket {
			check(lw)
		}
	}
	for _, bucket := range labels.han {
		for _, lw := range bucket {
			check(lw)
		}
	}
	if n < 100 {
		t.Fatalf("only %d labels", n)
	}
	total := 0
	for _, w := range labels.ends {
		total += bits.OnesCount64(w)
	}
	if total != len(labels.endLens) {
		t.Errorf("%d runes end labels, %d slots of lengths", total, len(labels.endLens))
	}
	for _, text := range []string{"丁", "q", "。"} {
		if r := []rune(text)[0]; !labels.ends.has(r) && labels.lensEndingAt([]byte(text), len(text)) != 0 {
			t.Errorf("%q ends no label and has lengths", text)
		}
	}
}

// TestCoveredAtImpliesCovered: where namesNearFindings skips a token
// because the hit next to the finding holds one of its ends (coveredAt),
// covered answers true for every token holding that place, so nothing
// that would have been emitted is skipped. Checked on the hits of dense
// customer records, CSV and JSON.
func TestCoveredAtImpliesCovered(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	for _, gen := range []func(*rand.Rand, int) []byte{synth.CustomersCSV, synth.CustomersArray} {
		text := gen(rand.New(rand.NewPCG(8, 8)), 16<<10)
		s := e.newScanner(text, 0)
		s.pass()
		s.sortHits()
		s.confirmByProximity()
		s.newSweep()
		count := len(s.hits)
		s.namesNearFindings() // fills maxEnds for the first count hits
		checked := 0
		for k := 0; k < count; k++ {
			h := s.hits[k]
			for p := max(0, h.Start-4); p < min(len(text), h.End+4); p++ {
				if !s.coveredAt(k, p, count) {
					if p >= h.Start && p < h.End {
						t.Fatalf("hit %d [%d,%d) does not hold %d", k, h.Start, h.End, p)
					}
					continue
				}
				for start := max(0, p-12); start <= p; start++ {
					for end := p + 1; end <= min(len(text), p+12); end++ {
						checked++
						if !s.covered(start, end, count) {
							t.Fatalf("[%d,%d) holds %d of hit %d [%d,%d) and is not covered", start, end, p, k, h.Start, h.End)
						}
					}
				}
			}
		}
		if checked < 1000 {
			t.Fatalf("only %d spans checked", checked)
		}
		s.release()
	}
}
