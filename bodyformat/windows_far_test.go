package bodyformat

import (
	"reflect"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// digitDense is about n bytes of text with a digit every few characters
// (第1季度增长…) in blocks of 12 KiB, each followed by a quiet stretch of
// prose with no digit: where a window's edge may stand, but further from
// the middle of a block than readingReach.
func digitDense(n int) string {
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(block)
		b.WriteString(strings.Repeat(quiet, 6))
	}
	return b.String()
}

// The quiet stretches and blocks of digitDense.
const (
	quiet = "季度增长情况良好，客户反馈积极。"
	unit  = "第1季度增长"
)

var block = strings.Repeat(unit, 12<<10/len(unit))

// TestFarWindowsSameAsWhole: in text dense with digits, where a window's
// edges find a quiet stretch only past readingReach, Inspect finds the
// same read in windows as read whole (readingsWhole): a mobile with its
// groups set apart by percent escapes, a resident ID after an escaped label,
// in the middle of a block and near its ends.
func TestFarWindowsSameAsWhole(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	text := digitDense(64 << 10)
	for k := range 12 {
		q := len(text)/3 + strings.Index(text[len(text)/3:], quiet)
		at := q + 6*len(quiet) + len(unit)*(k*len(block)/len(unit)/12)
		m := synth.CNMobile(r)
		values := []string{
			"，手机 " + m[:3] + "%20" + m[3:7] + "%20" + m[7:] + "。",
			"%E8%BA%AB%E4%BB%BD%E8%AF%81 " + synth.CNID18(r),
		}
		body := []byte(text[:at] + values[k%2] + text[at:])
		for _, ct := range []string{"text/plain; charset=utf-8", "text/html; charset=utf-8"} {
			readingsWhole = false
			got, gerr := Inspect(eng, body, ct, "", Redact, Limits{})
			readingsWhole = true
			want, werr := Inspect(eng, body, ct, "", Redact, Limits{})
			readingsWhole = false
			if (gerr == nil) != (werr == nil) || !reflect.DeepEqual(got, want) {
				t.Errorf("value %d as %s: in windows %v (err %v), whole %v (err %v)", k, ct, spans(got.Findings), gerr, spans(want.Findings), werr)
			}
			if len(want.Findings) == 0 {
				t.Errorf("value %d as %s: nothing found", k, ct)
			}
		}
	}
}
