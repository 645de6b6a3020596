package caddymodule

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestAttack55cHandlerStreamedCSVWithBOM: through the real handler, an
// SSE response streaming a CSV export one row an event whose header line
// opens with a UTF-8 byte-order mark (Excel's "CSV UTF-8"): the header is
// not carried (streamlinetable.go), and the nicknames of the name column
// go out raw in the rows after it, where without the mark they are
// masked. Every nickname should be masked either way.
func TestAttack55cHandlerStreamedCSVWithBOM(t *testing.T) {
	r := rand.New(rand.NewPCG(55, 0xc2))
	nicks := []string{"小叶", "阿星", "小叶子呀", "Kitty"}
	for _, bom := range []string{"", "\ufeff"} {
		events := []string{"data: " + bom + "编号,联系人,手机\n\n"}
		for i := 1; i <= 8; i++ {
			events = append(events, fmt.Sprintf("data: %d,%s,%s\n\n", i, nicks[i%len(nicks)], synth.CNMobile(r)))
		}
		out := streamThrough(t, "text/event-stream", events)
		if out == "" {
			t.Fatalf("bom %q: the stream was cut", bom)
		}
		for _, n := range nicks {
			if strings.Contains(out, ","+n+",") {
				t.Errorf("bom %q: nickname %q went out raw", bom, n)
			}
		}
	}
}
