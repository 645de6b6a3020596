package bodyformat

import (
	"runtime"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// peakLedger is a Memory that records the most bytes held at once.
type peakLedger struct{ held, peak int64 }

func (l *peakLedger) Reserve(n int64) error {
	l.held += n
	l.peak = max(l.peak, l.held)
	return nil
}

func (l *peakLedger) Release(n int64) { l.held -= n }

// TestUnlabelledMemoryCharged: an unlabelled GBK body (clean
// text, 1 MiB) is decoded in up to three fallback charsets (readIn, then
// decodedBody each); what it allocates beyond the body and what it
// charges are compared with the same body labelled gbk.
func TestUnlabelledMemoryCharged(t *testing.T) {
	eng := testEngine(t)
	text := strings.Repeat("今天天气很好，我们去公园散步，看到很多人在锻炼身体。\n", 1<<20/60)
	body, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	measure := func(ct string) (alloc, peak int64) {
		l := &peakLedger{}
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		if _, err := Inspect(eng, body, ct, "", Redact, Limits{Memory: l}); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&m1)
		return int64(m1.TotalAlloc - m0.TotalAlloc), l.peak
	}
	ua, up := measure("text/plain")
	la, lp := measure("text/plain; charset=gbk")
	t.Logf("body %d: unlabelled alloc %d peak charge %d; labelled alloc %d peak charge %d", len(body), ua, up, la, lp)
	if ua-up > la-lp+int64(len(body)) {
		t.Errorf("unlabelled: %d bytes allocated beyond its charge, labelled %d", ua-up, la-lp)
	}
}

// TestUnlabelledDecodeCharged: the text each fallback reading of an
// unlabelled body decodes is charged before it is made (the peak charge
// holds the body's copies and one decoded text), and given back once its
// reading is done: what stays held is no more than the copies
// unlabelledBody keeps and the body written back.
func TestUnlabelledDecodeCharged(t *testing.T) {
	eng := testEngine(t)
	text := strings.Repeat("今天天气很好，我们一起去公园散步，看到很多人在锻炼身体。\n", 2000) // 一: a numeral, which GB18030 shows and UTF-8 does not
	body, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	css := unlabelledLegacy("text/plain", nil, body, utf8Of(body))
	if len(css) == 0 {
		t.Fatal("not read in a fallback charset")
	}
	l := &peakLedger{}
	if _, err := Inspect(eng, body, "text/plain", "", Redact, Limits{Memory: l}); err != nil {
		t.Fatal(err)
	}
	want := int64(len(css)+1)*int64(len(body)) + int64(decodedLen(css[0], body))
	if l.peak < want {
		t.Errorf("peak charge %d, want at least %d (copies and a decoded text)", l.peak, want)
	}
	held := &heldLedger{}
	if _, err := Inspect(eng, body, "text/plain", "", Redact, Limits{Memory: held}); err != nil {
		t.Fatal(err)
	}
	// kept: the copies unlabelledBody charges and the body as written back;
	// a decoded text (half as long again as GBK text) not given back
	// would go beyond
	if kept := int64(len(css)+2) * int64(len(body)); held.held > kept {
		t.Errorf("%d bytes still held after the body, want at most %d (the decoded texts given back)", held.held, kept)
	}
}
