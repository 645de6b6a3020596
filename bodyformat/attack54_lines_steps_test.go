//go:build detectsteps

package bodyformat

import "testing"

// attack54LineUnits are the lines of the crafted JSON lines bodies
// (attack pass 54): after a first line "{}" that makes the body sniff as
// JSON lines, every line is one or two bytes that open an array or an
// object and never close it. Each line is an event of the framed reading
// whose field the joiner reads again with the text joined before it.
var attack54LineUnits = []string{"[\n", "[[\n", "[\r\n", "{\n"}

// TestAttack54StepsOpenArrayLines: a body of lines "[" (and "[[", "{")
// after a first line "{}" costs 1000 to 3100 engine steps a byte, as
// text/plain, untyped or JSON lines, against about 30 for dense customer
// records one a line: the joiner reads ~96 bytes of joined text for each
// byte of body (joinRead), each "[" read by the engine's bracketAt. It
// is linear (8n costs 8.0 times n) but 100 times the cost a byte of the
// ordinary body; measured on a loaded machine, 0.07 MB/s against 1.69
// MB/s for dense JSON (BenchmarkAttack54Lines): 15 s of CPU for 1 MiB,
// some 2 minutes for a body of the default max_body (8 MiB). A crafted
// shape should cost at most 10 times the dense records a byte. The work
// budget does stop it, but only at 16 times max_body of work (Caddy's
// default work_budget, not 16 times the body): a body of 1 MiB under the
// default max_body needs ~100 MiB of work and is inspected to the end.
func TestAttack54StepsOpenArrayLines(t *testing.T) {
	eng := testEngine(t)
	const n = 64 << 10
	dense, err := inspectSteps(eng, attack54DenseLines(n), "application/x-ndjson")
	if err != nil {
		t.Fatal(err)
	}
	densePerByte := float64(dense) / n
	for _, ct := range []string{"text/plain", "application/x-ndjson", ""} {
		for _, unit := range attack54LineUnits {
			body := attack54Lines(n, unit)
			steps, err := inspectSteps(eng, body, ct)
			if err != nil {
				continue // refused: no cost to bound
			}
			perByte := float64(steps) / float64(len(body))
			t.Logf("%q lines as %q: %.0f steps a byte, dense records %.0f", unit, ct, perByte, densePerByte)
			if perByte > 10*densePerByte {
				t.Errorf("%q lines as %q: %.0f steps a byte, %.0f times dense JSON lines (%.0f)", unit, ct, perByte, perByte/densePerByte, densePerByte)
			}
		}
	}
}

// TestAttack54StepsBracketEvents: the same joined re-reading in the
// shapes a stream takes, each event's text a lone "[": event-stream
// events "data:[" (781 steps a byte, 25 times dense JSON lines, as
// text/event-stream or as text/plain that sniffs as events) and JSON
// lines of an LLM's delta '{"delta":"["}' (441, 14 times). Buffered
// (a request, a response with a length) they are charged to the work
// budget only at 16 times max_body; a response stream (caddymodule's
// streamFilter) has no work budget at all.
func TestAttack54StepsBracketEvents(t *testing.T) {
	eng := testEngine(t)
	const n = 64 << 10
	dense, err := inspectSteps(eng, attack54DenseLines(n), "application/x-ndjson")
	if err != nil {
		t.Fatal(err)
	}
	densePerByte := float64(dense) / n
	for _, c := range []struct{ ct, unit string }{
		{"text/event-stream", "data:[\n\n"},
		{"text/event-stream", "data:[\r\r"},
		{"text/plain", "data:[\n\n"},
		{"application/x-ndjson", "{\"delta\":\"[\"}\n"},
	} {
		body := []byte(repeatTo(n, c.unit))
		steps, err := inspectSteps(eng, body, c.ct)
		if err != nil {
			continue // refused: no cost to bound
		}
		perByte := float64(steps) / float64(len(body))
		t.Logf("%q as %q: %.0f steps a byte, dense records %.0f", c.unit, c.ct, perByte, densePerByte)
		if perByte > 10*densePerByte {
			t.Errorf("%q as %q: %.0f steps a byte, %.0f times dense JSON lines (%.0f)", c.unit, c.ct, perByte, perByte/densePerByte, densePerByte)
		}
	}
}
