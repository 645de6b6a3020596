//go:build !race

package bodyformat

import (
	"bytes"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// costlyShape is a body whose every few bytes open a reading (attack
// pass 37), and how a mobile hidden in it is spelled.
type costlyShape struct {
	name, ct, unit string
	hide           func(m string) string
	// perUnit: the reading allocates for each unit still (an event of a
	// stream, held and walked); else it allocates nothing for each
	perUnit bool
}

var costlyShapes = []costlyShape{
	// an element between digits: read as a decoy in the hiding view.
	// Each one's reader was made the size of the page before it (a
	// square of memory: 1.6 GB for 256 KiB) and charged for it, so a
	// clean page of 1 MiB drained the memory budget (503)
	{name: "html decoy spans", ct: "text/html", unit: "1<span class=x>1</span>",
		hide: func(m string) string { return "手机 " + m[:3] + "<span class=x>9</span>" + m[3:] }},
	{name: "html hidden spans", ct: "text/html", unit: "1<span hidden>1</span>",
		hide: func(m string) string { return "手机 " + m[:3] + "<span hidden>9</span>" + m[3:] }},
	// values back to back, read as a stream of JSON documents: each
	// [a] walked as a script's literal by a walker of its own, 9 KiB of
	// joins each (3.4 KiB a byte of body); then each a stream event
	// (some 17 objects each); now read as the Markdown it is labelled
	{name: "markdown reference links", ct: "text/markdown", unit: "[1][a]",
		hide: func(m string) string {
			return "手机 [" + m[:3] + "][a] [" + m[3:7] + "][b] [" + m[7:] + "][c]\n\n[a]: /x\n[b]: /y\n[c]: /z\n"
		}},
	// calls that do not parse, each of which copied all the text before it
	{name: "char code calls", ct: "application/javascript", unit: "String.fromCharCode(49,",
		hide: func(m string) string { return "var t = " + charCodes(m) + ";" }},
	{name: "byte calls", ct: "application/javascript", unit: "Uint8Array.of(1,",
		hide: func(m string) string { return "var t = " + charCodes(m) + ";" }},
}

// charCodes returns a String.fromCharCode call that spells s.
func charCodes(s string) string {
	var b strings.Builder
	b.WriteString("String.fromCharCode(")
	for i := 0; i < len(s); i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(int(s[i])))
	}
	b.WriteByte(')')
	return b.String()
}

// shapeCost is what inspecting one body cost, counted.
type shapeCost struct {
	bytes, allocs uint64 // allocated
	held          int64  // charged to Limits.Memory
}

// TestCostlyShapesLinear: clean bodies of the shapes pass unchanged, and
// what inspecting one costs (bytes and objects allocated, bytes charged
// to the memory budget) grows linearly with it: 8n bytes cost at most
// 12 times what n bytes do (168 times before, for the HTML ones); the
// HTML shapes
// allocate nothing for each element. A mobile hidden in 8n bytes of
// each is found.
func TestCostlyShapesLinear(t *testing.T) {
	eng := testEngine(t)
	cost := func(t *testing.T, body []byte, ct string) shapeCost {
		t.Helper()
		l := &heldLedger{}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		res, err := Inspect(eng, body, ct, "", Redact, Limits{Memory: l})
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatalf("a clean body of %d bytes: %v", len(body), err)
		}
		if res.Changed || len(res.Findings) > 0 {
			t.Fatalf("a clean body of %d bytes changed: %d findings, the first %+v", len(body), len(res.Findings), res.Findings[0])
		}
		return shapeCost{after.TotalAlloc - before.TotalAlloc, after.Mallocs - before.Mallocs, l.held}
	}
	const n = 32 << 10
	for _, sh := range costlyShapes {
		t.Run(sh.name, func(t *testing.T) {
			cost(t, []byte(repeatTo(n, sh.unit)), sh.ct) // pools warm
			small := cost(t, []byte(repeatTo(n, sh.unit)), sh.ct)
			large := cost(t, []byte(repeatTo(8*n, sh.unit)), sh.ct)
			t.Logf("%d KiB: %d bytes, %d objects allocated, %d held; %d KiB: %d, %d, %d (%.1f bytes a byte)",
				n>>10, small.bytes, small.allocs, small.held, 8*n>>10, large.bytes, large.allocs, large.held, float64(large.bytes)/(8*n))
			// (12: buffers that double land on either side of a size)
			if float64(large.bytes) > 12*float64(small.bytes) || float64(large.held) > 12*float64(small.held) {
				t.Errorf("bytes allocated or held grow faster than the body")
			}
			if large.bytes > 256*8*n {
				t.Errorf("%.1f bytes allocated a byte, want at most 256", float64(large.bytes)/(8*n))
			}
			units := uint64(8 * n / len(sh.unit))
			if !sh.perUnit && large.allocs > units/16 {
				t.Errorf("%d objects allocated for %d elements", large.allocs, units)
			}
			if sh.perUnit && float64(large.allocs) > 8.8*float64(small.allocs)+1000 {
				t.Errorf("objects allocated grow faster than the body")
			}
			m := synth.CNMobile(rng(t.Name()))
			body := append([]byte(repeatTo(8*n, sh.unit)), "\n\n"+sh.hide(m)+"\n"...)
			res, err := Inspect(eng, body, sh.ct, "", Redact, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(res.Body, []byte(m[3:7])) && bytes.Count(res.Body, []byte(m[3:7])) >= bytes.Count(body, []byte(m[3:7])) {
				t.Errorf("the mobile hidden after %d bytes is not masked: %q", 8*n, res.Body[len(res.Body)-200:])
			}
		})
	}
}

// TestMarkdownLinksCostAsMarkdown: a Markdown body of reference links
// back to back ([1][a] repeated) costs about what ordinary Markdown of
// its size does, in bytes and objects allocated and bytes charged
// (issue #8: it was framed as JSON values back to back, an event every
// three bytes, some 17 objects and 170 bytes allocated a byte of body).
func TestMarkdownLinksCostAsMarkdown(t *testing.T) {
	eng := testEngine(t)
	cost := func(body string) shapeCost {
		l := &heldLedger{}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		res, err := Inspect(eng, []byte(body), "text/markdown", "", Redact, Limits{Memory: l})
		runtime.ReadMemStats(&after)
		if err != nil || res.Changed {
			t.Fatalf("a clean body of %d bytes: %v, changed %v", len(body), err, res.Changed)
		}
		return shapeCost{after.TotalAlloc - before.TotalAlloc, after.Mallocs - before.Mallocs, l.held}
	}
	const n = 256 << 10
	ordinary := repeatTo(n, "Release **2.4** fixed [issue 7](/i/7) and `make test`; see [docs][d] and _v3_.\n")
	links := repeatTo(n, "[1][a]")
	cost(ordinary) // pools warm
	cost(links)
	o, l := cost(ordinary), cost(links)
	t.Logf("ordinary: %d bytes, %d objects, %d held; links: %d, %d, %d", o.bytes, o.allocs, o.held, l.bytes, l.allocs, l.held)
	if l.bytes > 5*o.bytes || l.allocs > 5*o.allocs+100 || l.held > 5*o.held {
		t.Errorf("reference links cost more than 5 times ordinary Markdown")
	}
}
