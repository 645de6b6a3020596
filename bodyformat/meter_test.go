package bodyformat

import (
	"bytes"
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// ledger is a Memory that records what it is charged and refuses to go
// past its limit (0: no limit).
type ledger struct {
	limit, charged int64
	charges        int
}

var errLedgerFull = errors.New("ledger full")

func (l *ledger) Reserve(n int64) error {
	if l.limit > 0 && l.charged+n > l.limit {
		return errLedgerFull
	}
	l.charged += n
	l.charges++
	return nil
}

// countingFinder counts the engine's calls and runs hook before each,
// and counts the calls of the stop functions it passes on.
type countingFinder struct {
	eng   *detect.Engine
	calls int
	stops int
	hook  func(call int)
}

func (c *countingFinder) FindSampled(text []byte, hint detect.CategorySet, samples int) []detect.Finding {
	c.count()
	return c.eng.FindSampled(text, hint, samples)
}

func (c *countingFinder) FindIn(text []byte, hint detect.CategorySet, samples int, stop func() bool, arena *detect.Arena) []detect.Finding {
	c.count()
	counted := stop
	if stop != nil {
		counted = func() bool { c.stops++; return stop() }
	}
	return c.eng.FindIn(text, hint, samples, counted, arena)
}

// count counts a call and runs the hook.
func (c *countingFinder) count() {
	c.calls++
	if c.hook != nil {
		c.hook(c.calls)
	}
}

// manyPieces is a JSON document of n records, each a few strings: many
// pieces of text for the engine, one after another.
func manyPieces(t *testing.T, n int) []byte {
	t.Helper()
	r := rng("pieces")
	var b bytes.Buffer
	b.WriteString(`{"data":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"mobile":"` + synth.CNMobile(r) + `","note":"call me"}`)
	}
	b.WriteString(`]}`)
	return b.Bytes()
}

func TestCanceledContextStopsBetweenPieces(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	f := &countingFinder{eng: testEngine(t), hook: func(call int) {
		if call == 3 {
			cancel() // the client goes away while the third piece is read
		}
	}}
	body := manyPieces(t, 1000)
	lim := Limits{Context: ctx}.withDefaults()
	_, err := inspect(f, body, ctJSON, "", Redact, lim)
	if !errors.Is(err, ErrCanceled) || !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want ErrCanceled wrapping context.Canceled", err)
	}
	if f.calls != 3 {
		t.Fatalf("the engine read %d pieces, want 3: none after the cancellation", f.calls)
	}
}

// TestCanceledContextStopsInsideALongPiece: a plain-text body is one
// piece; when the context ends while the engine reads it, the engine
// stops at its next check (64 KiB on), not at the end of the megabyte.
func TestCanceledContextStopsInsideALongPiece(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	f := &countingFinder{eng: testEngine(t), hook: func(int) { cancel() }}
	body := synth.Mixed(rng("long piece"), 1<<20)
	_, err := inspect(f, body, "text/plain", "", Redact, Limits{Context: ctx}.withDefaults())
	if !errors.Is(err, ErrCanceled) {
		t.Fatalf("err = %v, want ErrCanceled", err)
	}
	if f.calls != 1 || f.stops != 1 {
		t.Fatalf("%d engine calls, %d checks of the context: want the first reading stopped at its first check", f.calls, f.stops)
	}
}

func TestCanceledContextStopsDecompression(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	body := compress(t, "gzip", manyPieces(t, 1000))
	for _, coding := range []string{"gzip", "gzip, identity"} {
		f := &countingFinder{eng: testEngine(t)}
		_, err := inspect(f, body, ctJSON, coding, Scan, Limits{Context: ctx}.withDefaults())
		if !errors.Is(err, ErrCanceled) || f.calls != 0 {
			t.Fatalf("%s: err = %v after %d engine calls, want ErrCanceled before any", coding, err, f.calls)
		}
	}
}

func TestWorkBudgetCountsEveryReading(t *testing.T) {
	body := manyPieces(t, 200)
	eng := testEngine(t)
	// what the body costs, measured with room to spare
	lim := Limits{MaxWork: 1 << 40}.withDefaults()
	m := newMeter(lim)
	in := &inspector{eng: eng, mode: Scan, lim: lim, meter: m}
	mt, params := mediaType(ctJSON)
	if _, _, err := in.charsetBody(body, mt, params, 0, 0); err != nil {
		t.Fatal(err)
	}
	work := 1<<40 - m.work
	if work <= 0 || work > int64(len(body)) {
		t.Fatalf("work %d for a %d-byte body: its strings are read once each", work, len(body))
	}
	if _, err := Inspect(eng, body, ctJSON, "", Scan, Limits{MaxWork: work}); err != nil {
		t.Fatalf("exactly the work needed: %v", err)
	}
	all := &countingFinder{eng: eng}
	if _, err := inspect(all, body, ctJSON, "", Scan, Limits{MaxWork: work}.withDefaults()); err != nil {
		t.Fatal(err)
	}
	f := &countingFinder{eng: eng}
	_, err := inspect(f, body, ctJSON, "", Scan, Limits{MaxWork: work - 1}.withDefaults())
	if !errors.Is(err, ErrWork) {
		t.Fatalf("one byte of work short: err = %v, want ErrWork", err)
	}
	if f.calls != all.calls-1 {
		t.Fatalf("the engine read %d pieces of %d: the last one is over the budget and is not read", f.calls, all.calls)
	}
	// a piece read twice (with its escapes decoded and as written) costs twice
	escaped := []byte(strings.Repeat(`\u0041`, 100)) // 600 bytes as written, 100 decoded
	if _, err := Inspect(eng, escaped, "text/plain", "", Scan, Limits{MaxWork: 699}); !errors.Is(err, ErrWork) {
		t.Fatalf("escaped piece under a budget of both its readings: %v", err)
	}
	if _, err := Inspect(eng, escaped, "text/plain", "", Scan, Limits{MaxWork: 700}); err != nil {
		t.Fatalf("escaped piece within budget: %v", err)
	}
}

// TestDefaultWorkBudgetFitsEveryShape: no realistic or crafted shape of
// body, read as any format, needs more work than the default budget of a
// body of its size allows.
func TestDefaultWorkBudgetFitsEveryShape(t *testing.T) {
	eng := testEngine(t)
	r := rng("shapes")
	const n = 32 << 10
	for _, s := range synth.Shapes {
		b := s.Gen(r, n)
		for _, ct := range []string{"text/plain", ctJSON, "application/x-www-form-urlencoded", "text/html"} {
			if _, err := Inspect(eng, b, ct, "", Redact, Limits{MaxDecoded: n}); err != nil {
				t.Errorf("%s as %s: %v", s.Name, ct, err)
			}
		}
	}
}

func TestMemoryIsChargedBeforeDecoding(t *testing.T) {
	eng := testEngine(t)
	plain := manyPieces(t, 2000)
	body := compress(t, "gzip", plain)
	l := &ledger{}
	res, err := Inspect(eng, body, ctJSON, "gzip", Redact, Limits{Memory: l})
	if err != nil {
		t.Fatal(err)
	}
	// the decoded body, the redacted copy and the findings at least; the
	// output grows by doubling, so at most four times that
	least := 2*int64(len(plain)) + int64(len(res.Findings))*findingCost
	if l.charged < least || l.charged > 4*least+4*decoderTables {
		t.Fatalf("charged %d bytes for %d decoded bytes and %d findings", l.charged, len(plain), len(res.Findings))
	}
	if l.charges > 40 {
		t.Fatalf("%d charges: memory is charged per chunk and piece, not per byte", l.charges)
	}
	// a ledger that cannot hold the decoded body refuses it
	_, err = Inspect(eng, body, ctJSON, "gzip", Redact, Limits{Memory: &ledger{limit: int64(len(plain)) / 2}})
	if !errors.Is(err, ErrMemory) || !errors.Is(err, errLedgerFull) {
		t.Fatalf("err = %v, want ErrMemory wrapping the refusal", err)
	}
}

// TestBombAllocatesOnlyWhatIsCharged decodes bombs under a ledger and
// checks, with the runtime's own count, that what was allocated is about
// what was charged: the decoded output never grows past what the ledger
// agreed to.
func TestBombAllocatesOnlyWhatIsCharged(t *testing.T) {
	for _, coding := range []string{"gzip", "br", "zstd"} {
		t.Run(coding, func(t *testing.T) {
			body := bomb(t, coding, 64<<20)
			l := &ledger{limit: 8 << 20}
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			_, err := Inspect(testEngine(t), body, ctJSON, coding, Scan, Limits{MaxDecoded: 32 << 20, Memory: l})
			runtime.ReadMemStats(&after)
			if !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrMemory) {
				t.Fatalf("err = %v", err)
			}
			if alloc := int64(after.TotalAlloc - before.TotalAlloc); alloc > l.charged+4<<20 {
				t.Fatalf("allocated %d bytes, charged %d", alloc, l.charged)
			}
		})
	}
}

func TestRatioBound(t *testing.T) {
	plain := bytes.Repeat([]byte(`{"a":"b"} `), 400<<10) // 4 MiB that compresses far past 1000:1 with zstd
	body := compress(t, "zstd", plain)
	if ratio := len(plain) / len(body); ratio <= 1000 {
		t.Fatalf("fixture ratio %d", ratio)
	}
	if _, err := Decompress(body, "zstd", 16<<20); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("ratio over 1000: err = %v, want ErrTooLarge", err)
	}
	if _, err := Inspect(testEngine(t), body, ctJSON, "zstd", Scan, Limits{MaxRatio: int64(len(plain)/len(body)) + 1}); err != nil {
		t.Fatalf("ratio allowed: %v", err)
	}
	// a short body may always decode to 64 KiB
	small := compress(t, "zstd", plain[:minRatioBound])
	if _, err := Decompress(small, "zstd", 16<<20); err != nil {
		t.Fatalf("64 KiB from %d bytes: %v", len(small), err)
	}
}
