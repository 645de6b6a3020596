//go:build !race

package bodyformat

import (
	"bytes"
	"encoding/base64"
	"errors"
	"runtime"
	"strings"
	"testing"
	"unsafe"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// clientShapes are ~4 MiB bodies that build readings of many short
// pieces (under minChargedPiece, uncharged) or many findings, in the
// content types a client sends.
func clientShapes(t *testing.T) map[string]struct {
	ct   string
	body []byte
} {
	const size = 4 << 20
	r := rng(t.Name())
	m := synth.CNMobile(r)
	rep := func(unit string) []byte { return bytes.Repeat([]byte(unit), size/len(unit)) }
	jsonOf := func(unit string) []byte {
		n := size / (len(unit) + 1)
		return []byte("[" + strings.TrimSuffix(strings.Repeat(unit+",", n), ",") + "]")
	}
	b64 := base64.StdEncoding.EncodeToString(bytes.Repeat([]byte("the fox a+b%31 "), 700)) // ~14 KiB decoded pieces
	return map[string]struct {
		ct   string
		body []byte
	}{
		"json escaped short strings": {"application/json", jsonOf(`"a\u0031b%31+c&#49;"`)},
		"json many mobiles":          {"application/json", jsonOf(`"` + m + `"`)},
		"text many mobiles":          {"text/plain", rep(m + " ")},
		"form many escapes":          {"application/x-www-form-urlencoded", rep("a=%31%32+b&")},
		"html many charrefs":         {"text/html", rep(`<a title="&#49;&#50;">x</a>`)},
		"json base64 pieces":         {"application/json", jsonOf(`"` + b64 + `"`)},
		"xml many escapes":           {"application/xml", append(append([]byte("<r>"), rep("<a>&#49;%32</a>")...), "</r>"...)},
	}
}

// TestClientShapesAllocateWhatIsCharged: what the runtime allocates beyond what
// is charged stays within two bytes a byte of the body and 1 MiB (the
// bound TestReadingsAllocateWhatIsCharged sets for text/plain), in every
// content type and with many findings.
func TestClientShapesAllocateWhatIsCharged(t *testing.T) {
	eng := testEngine(t)
	for name, s := range clientShapes(t) {
		for _, mode := range []Mode{Scan, Redact} {
			r := &reservations{}
			var m0, m1 runtime.MemStats
			runtime.GC()
			runtime.GC()
			runtime.ReadMemStats(&m0)
			_, err := Inspect(eng, s.body, s.ct, "", mode, Limits{Memory: r})
			runtime.ReadMemStats(&m1)
			if err != nil && !errors.Is(err, ErrWork) && !errors.Is(err, ErrMemory) && !errors.Is(err, ErrMalformed) {
				t.Logf("%s: %v", name, err)
			}
			alloc := int64(m1.TotalAlloc - m0.TotalAlloc)
			t.Logf("%s mode %v: allocated %.2f B/B, charged %.2f B/B, peak %.2f B/B (err %v)", name, mode,
				float64(alloc)/float64(len(s.body)), float64(r.total)/float64(len(s.body)), float64(r.peak)/float64(len(s.body)), err)
			if alloc-r.total > 2*int64(len(s.body))+1<<20 {
				t.Errorf("%s mode %v: allocated %d bytes, charged %d (body %d)", name, mode, alloc, r.total, len(s.body))
			}
		}
	}
}

// TestFindingsHeldAreCharged: the findings a body yields are held
// (returned in Result.Findings) after the inspection; a body of nothing
// but mobiles must not make them hold more than the budget charged at
// its peak.
func TestFindingsHeldAreCharged(t *testing.T) {
	eng := testEngine(t)
	s := clientShapes(t)["json many mobiles"]
	r := &reservations{}
	res, err := Inspect(eng, s.body, s.ct, "", Scan, Limits{Memory: r})
	if err != nil {
		return // refused: secure
	}
	var held int64
	for _, f := range res.Findings {
		held += int64(unsafe.Sizeof(f)) + int64(len(f.Category)+len(f.Masked)+len(f.Fingerprint))
	}
	t.Logf("%d findings, %d bytes held (%.2f B/B), peak charged %d, held at the end %d", len(res.Findings), held, float64(held)/float64(len(s.body)), r.peak, r.held)
	if held > r.held+1<<20 {
		t.Errorf("findings hold %d bytes after the inspection, %d still charged", held, r.held)
	}
}
