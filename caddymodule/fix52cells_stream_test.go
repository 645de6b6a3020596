package caddymodule

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestFix52StreamedExportKeepsHeader: a response stream whose one event
// carries a CSV export of 200 KiB (its data lines: a header 序号,姓名,
// 手机,城市 and rows of nicknames a name's shape does not give) is longer
// than an event the stream holds, and is read by the text redactor in 64
// KiB chunks (bodyformat.NewTextStream's). Each chunk after the first was
// read without the header, and the nicknames under 姓名 went out raw;
// the redactor carries the header from chunk to chunk now. No nickname
// goes out, and every row's number and city, and the clean table after
// it, go out byte for byte.
func TestFix52StreamedExportKeepsHeader(t *testing.T) {
	r := rand.New(rand.NewPCG(52, 3))
	var ev strings.Builder
	ev.WriteString("data: 序号,姓名,手机,城市\n")
	mids := []rune("叶萱雪星月琪瑶莉")
	var nicks []string
	for i := 0; ev.Len() < 200<<10; i++ {
		n := "小" + string(mids[r.IntN(len(mids))]) + "子呀"
		if i%3 == 0 {
			n = []string{"Kitty", "Sandy", "Momo"}[r.IntN(3)]
		}
		nicks = append(nicks, n)
		fmt.Fprintf(&ev, "data: %d,%s,%s,北京\n", i+1, n, synth.CNMobile(r))
	}
	const clean = "data: \ndata: 商品,数量\ndata: 苹果,3\n"
	ev.WriteString(clean + "\n")
	var writes []string
	for p := ev.String(); len(p) > 0; {
		n := min(32<<10, len(p))
		writes = append(writes, p[:n])
		p = p[n:]
	}
	out := streamThrough(t, "text/event-stream", writes)
	data := eventData(out)
	if len(data) != 1 {
		t.Fatalf("%d events out, want 1: %.200q", len(data), out)
	}
	lines := strings.Split(data[0], "\n")
	if len(lines) != len(nicks)+4 {
		t.Fatalf("%d lines out, want %d", len(lines), len(nicks)+4)
	}
	raw := 0
	for k, n := range nicks {
		l := lines[k+1]
		if strings.Contains(l, ","+n+",") {
			raw++
		}
		if !strings.HasPrefix(l, fmt.Sprintf("%d,", k+1)) || !strings.HasSuffix(l, ",北京") {
			t.Errorf("row %d changed outside its name and mobile: %q", k+1, l)
		}
	}
	if raw != 0 {
		t.Errorf("%d of %d nicknames under 姓名 went out raw", raw, len(nicks))
	}
	if !strings.HasSuffix(out, clean+"\n") {
		t.Errorf("the clean table after the export changed: %q", out[max(0, len(out)-80):])
	}
}
