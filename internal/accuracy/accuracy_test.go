package accuracy

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// corporaDir is where the corpora are: $PII_CORPORA, or ../shared/corpora
// next to the repository (this package sits two levels below its root).
func corporaDir() string {
	if d := os.Getenv("PII_CORPORA"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared", "corpora")
}

// floor is the worst a figure may get: at least min when higher is better,
// at most max when lower is.
type floor struct {
	name     string
	got      Ratio
	min, max float64
}

// TestAccuracyFloors holds the engine to the figures measured on the
// corpora when they were last improved: a change that makes any of them
// worse fails here.
func TestAccuracyFloors(t *testing.T) {
	dir := corporaDir()
	if !Present(dir) {
		t.Skipf("no corpora in %s (set PII_CORPORA to the directory holding realtext-dev/ and peer-vectors/)", dir)
	}
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	eng, err := detect.Compile(detect.Policy{})
	if err != nil {
		t.Fatal(err)
	}
	r := Score(eng, c)
	if r.CleanAltered.Of < 1000 || r.NameRecall["label"].Of < 500 || r.NumbersHidden.Of < 1000 || r.PeerLabelRecall.Of < 500 {
		t.Fatalf("the corpora in %s are smaller than expected: %+v", dir, r)
	}
	for _, f := range []floor{
		{name: "clean lines altered", got: r.CleanAltered, max: 0.0000},
		{name: "clean lines altered with a phone", got: r.CleanPhoneAltered, max: 0.0000},
		{name: "names behind a label", got: r.NameRecall["label"], min: 0.9906},
		{name: "names behind a label, with a phone", got: r.NameRecall["label+phone"], min: 0.9906},
		{name: "names next to a phone", got: r.NameRecall["phone-adjacent"], min: 0.8984},
		{name: "names next to a phone, space", got: r.NameRecall["phone-adjacent-space"], min: 0.8966},
		{name: "names next to a phone: non-names taken for names", got: r.NameWrong["phone-adjacent"], max: 0.0000},
		{name: "names next to a phone, space: non-names taken for names", got: r.NameWrong["phone-adjacent-space"], max: 0.0000},
		{name: "prose with a phone: non-names taken for names", got: r.NameWrong["prose+phone"], max: 0.0000},
		{name: "labelled records: non-names taken for names", got: r.NameWrong["label+phone"], max: 0.0000},
		{name: "consignee names", got: r.ConsigneeRecall, min: 1.0000},
		{name: "numbered addresses found behind a label", got: r.AddressFound, min: 1.0000},
		{name: "numbers hidden behind a label", got: r.NumbersHidden, min: 0.9985},
		{name: "numbers hidden next to a phone", got: r.NumbersHiddenNear, min: 0.9985},
		{name: "peers' values found behind a label", got: r.PeerLabelRecall, min: 0.9610},
		{name: "peers' look-alikes flagged behind a label", got: r.PeerLabelFP, max: 0.0320},
	} {
		v := f.got.Value()
		if f.max == 0 && f.min == 0 && v > 0 || f.max > 0 && v > f.max || f.min > 0 && v < f.min {
			t.Errorf("%s: %.4f (%d/%d), floor min %.4f max %.4f", f.name, v, f.got.Hit, f.got.Of, f.min, f.max)
		}
	}
	if t.Failed() {
		for k, fs := range r.Failures {
			t.Logf("%s: %d failures, first: %q", k, len(fs), fs[0])
		}
	}
}
