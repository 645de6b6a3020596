package bodyformat

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestRepeatedCleanKeysReadOnce checks that a clean key an array of
// records repeats is read by the engine once, that it is charged as work
// on every record all the same (the least MaxWork that inspects the body
// is every key's length, one byte less is ErrWork), and that the body
// comes back unchanged.
func TestRepeatedCleanKeysReadOnce(t *testing.T) {
	const records, key = 200, "customerRemark"
	var b strings.Builder
	b.WriteString("[")
	for i := range records {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{%q:"ok","id":%d}`, key, i)
	}
	b.WriteString("]")
	body := []byte(b.String())
	eng := testEngine(t)
	f := &countingFinder{eng: eng}
	res, err := inspect(f, body, ctJSON, "", Redact, Limits{}.withDefaults())
	if err != nil || res.Changed || len(res.Findings) != 0 {
		t.Fatalf("err %v, changed %v, %d findings: want a clean body unchanged", err, res.Changed, len(res.Findings))
	}
	if f.calls != 1 {
		t.Fatalf("the engine read %d pieces, want the key once", f.calls)
	}
	work := int64(records * len(key))
	if _, err := Inspect(eng, body, ctJSON, "", Redact, Limits{MaxWork: work}); err != nil {
		t.Fatalf("every key's work: %v", err)
	}
	if _, err := Inspect(eng, body, ctJSON, "", Redact, Limits{MaxWork: work - 1}); !errors.Is(err, ErrWork) {
		t.Fatalf("one byte short of every key's work: err = %v, want ErrWork", err)
	}
}

// TestRepeatedPersonalKeysMasked checks that a key holding personal data
// is found and masked wherever it repeats: only a key found clean is not
// read again.
func TestRepeatedPersonalKeysMasked(t *testing.T) {
	r := rng(t.Name())
	mobile, id := synth.CNMobile(r), synth.CNID18(r)
	body := []byte(fmt.Sprintf(`[{%q:1,"note":"x"},{%q:2,"note":"x"},{%q:3,"note":"x"},{"ref":%q}]`, mobile, mobile, mobile, id))
	res, err := Inspect(testEngine(t), body, ctJSON, "", Redact, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(res.Body, []byte(mobile)) || bytes.Contains(res.Body, []byte(id)) {
		t.Fatalf("a repeated key left unmasked")
	}
	if n := res.Summary.Counts[detect.CNMobile]; n != 3 {
		t.Fatalf("%d mobiles counted, want one per key", n)
	}
}
