package bodyformat

import (
	"fmt"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestRedactTwiceInvalidByteAfterMobile: a mobile whose last four digits
// are an area code, a lone invalid byte (\xad, \xff, E4 BD) and eight
// digits. Read as raw bytes the mobile is masked keeping its last four;
// read as a decoder shows it (U+FFFD between them) the engine masks it
// whole, since the kept four would join the digits after the box into a
// landline. Kept, the partial mask is read again as that landline
// (170****0700\xad2000 0000 → 170****0700-****0000). The merge takes
// the mask that hides more: redacting once masks the mobile whole,
// keeps every other byte, and redacting again changes nothing.
func TestRedactTwiceInvalidByteAfterMobile(t *testing.T) {
	r := rng("redact twice invalid byte")
	eng := testEngine(t)
	for _, sep := range []string{"\xad", "\xff", "\xe4\xbd"} {
		mobile := synth.CNMobile(r)[:7] + "0755"
		tail := fmt.Sprintf("%04d %04d", 2000+r.IntN(7000), r.IntN(10000))
		value := mobile + sep + tail
		for _, c := range []struct{ ct, body, want string }{
			{ctJSON, `{"a":"` + value + `"}`, `{"a":"` + strings.Repeat("*", len(mobile)) + sep + tail + `"}`},
			{"text/plain; charset=utf-8", value, strings.Repeat("*", len(mobile)) + sep + tail},
		} {
			once := mustInspect(t, eng, []byte(c.body), c.ct, "", Redact)
			if string(once.Body) != c.want {
				t.Errorf("%s %q: redacted %q, want %q", c.ct, sep, once.Body, c.want)
			}
			if once.Summary.Counts[detect.CNMobile] != 1 {
				t.Errorf("%s %q: counts %v, want one mobile", c.ct, sep, once.Summary.Counts)
			}
			assertStable(t, eng, once, c.ct)
		}
	}
}

// TestMergeFindingsKeepsMaskThatHidesMore: one span found by two readings
// takes the mask that keeps fewer characters, whichever list it is in
// and whether or not the merge could return the first list as it is; a
// tie keeps the first list's.
func TestMergeFindingsKeepsMaskThatHidesMore(t *testing.T) {
	part := detect.Finding{Category: detect.CNMobile, Start: 3, End: 14, Masked: "138****0755"}
	whole := part
	whole.Masked = "***********"
	other := detect.Finding{Category: detect.Email, Start: 20, End: 30, Masked: "a***@b.com"}
	for _, c := range []struct {
		name string
		a, b []detect.Finding
	}{
		{"within", []detect.Finding{part}, []detect.Finding{whole}},
		{"within, more", []detect.Finding{part, other}, []detect.Finding{whole}},
		{"first", []detect.Finding{whole}, []detect.Finding{part}},
		{"ordered", []detect.Finding{part}, []detect.Finding{{Start: 0, End: 2}, whole, other}},
		{"unordered", []detect.Finding{other, part}, []detect.Finding{whole}},
	} {
		got := mergeFindings(c.a, c.b)
		var m *detect.Finding
		for k := range got {
			if got[k].Start == part.Start {
				m = &got[k]
			}
		}
		if m == nil || m.End != part.End || m.Masked != whole.Masked || m.Category != detect.CNMobile {
			t.Errorf("%s: merged %v, want the mobile masked %q", c.name, got, whole.Masked)
		}
	}
	tie := part
	tie.Masked = "139****0755"
	if got := mergeFindings([]detect.Finding{part}, []detect.Finding{tie}); got[0].Masked != part.Masked {
		t.Errorf("tie: mask %q, want the first list's %q", got[0].Masked, part.Masked)
	}
}
