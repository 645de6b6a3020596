package bodyformat

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestEmbeddedDocumentAtTheDepthLimit (attack pass 33, F2/F5 — F5): a
// document serialised in a string is walked as one only when the string
// stands less than Limits.MaxDepth deep; a string at the limit, or a
// document in a string that nests past it, was read as the string's text
// only, and the refusal of a document nested past the limit (jsonAsText,
// deepJoinable) never saw it: the outer document is within the limit.
// {"phone":{"a":"138","b":"12345678"}} (attack pass 31 F6's record, which
// the walker joins under its phone key) as a string MaxDepth-1 or
// MaxDepth objects deep passed whole. Now both are read as a document
// past the limit is: refused (errDeepJSON) when the text reading leaves
// digits in two runs; 200 deep the record is walked and masked (the
// control).
func TestEmbeddedDocumentAtTheDepthLimit(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 3 {
		m := synth.CNMobile(r)
		inner, _ := json.Marshal(`{"phone":{"a":"` + m[:3] + `","b":"` + m[3:] + `"}}`)
		for _, d := range []int{200, DefaultMaxDepth - 1, DefaultMaxDepth} {
			body := strings.Repeat(`{"a":`, d) + string(inner) + strings.Repeat(`}`, d)
			res, err := Inspect(eng, []byte(body), "application/json", "", Redact, Limits{})
			if err != nil {
				if !errors.Is(err, errDeepJSON) || d == 200 {
					t.Errorf("%d deep: %v", d, err)
				}
				continue // refused: nothing passes
			}
			if strings.Contains(string(res.Body), m[3:]) {
				t.Errorf("%d deep: the mobile split over a phone record in a string passes", d)
			}
		}
	}
}
