//go:build bodydiff

package bodyformat

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestDifferentialDump writes what Inspect returns on a fixed set of bodies
// to $BODY_DIFF_OUT: the format, whether the body changed, a hash of the
// redacted body and every finding (category, span, mask, fingerprint), for
// every synth.Shapes shape at several sizes and seeds sent as plain text,
// HTML and JSON (where it is JSON), for the shapes' pieces spliced into one
// another (so that readings' triggers stand far apart), and for every text
// of the corpora under $BODY_DIFF_CORPORA (../shared/corpora by default).
// Two dumps made by two builds are compared with cmp: a speed-up must leave
// them identical.
//
//	BODY_DIFF_OUT=/tmp/old.txt go test -tags bodydiff -run Differential ./bodyformat/
//
// The dump holds masks and fingerprints only, never a value.
func TestDifferentialDump(t *testing.T) {
	outPath := os.Getenv("BODY_DIFF_OUT")
	if outPath == "" {
		t.Skip("BODY_DIFF_OUT not set")
	}
	corpora := os.Getenv("BODY_DIFF_CORPORA")
	if corpora == "" {
		corpora = "../../shared/corpora"
	}
	f, err := os.Create(outPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	defer w.Flush()
	eng := testEngine(t)

	dump := func(name string, body []byte, ctypes ...string) {
		for _, ct := range ctypes {
			res, err := Inspect(eng, body, ct, "", Redact, Limits{})
			fmt.Fprintf(w, "## %s ct=%s len=%d err=%v\n", name, ct, len(body), err)
			fmt.Fprintf(w, "R %s %v %x\n", res.Format, res.Changed, sha256.Sum256(res.Body))
			for _, x := range res.Findings {
				fmt.Fprintf(w, "F %s %d %d %d %q %s\n", x.Category, x.Start, x.End, x.Evidence, x.Masked, x.Fingerprint)
			}
		}
	}

	const text, html, js = "text/plain; charset=utf-8", "text/html; charset=utf-8", "application/json"
	var pieces [][]byte
	for _, s := range synth.Shapes {
		for _, n := range []int{16, 200, 1 << 10, 32 << 10, 256 << 10} {
			for _, seed := range []uint64{1, 2} {
				body := s.Gen(rand.New(rand.NewPCG(seed, uint64(n))), n)
				name := fmt.Sprintf("shape %s/%d/%d", s.Name, n, seed)
				if json.Valid(body) {
					dump(name, body, js, text)
				} else {
					dump(name, body, text, html)
				}
				if n == 1<<10 {
					pieces = append(pieces, body)
				}
			}
		}
	}
	// pieces of every shape spliced into long clean prose, far apart
	r := rand.New(rand.NewPCG(9, 9))
	for k := range 24 {
		var b bytes.Buffer
		for range 8 {
			b.Write(synth.PlainProse(r, 2000+r.IntN(6000)))
			p := pieces[r.IntN(len(pieces))]
			from := r.IntN(len(p))
			b.Write(p[from:min(len(p), from+50+r.IntN(400))])
		}
		dump(fmt.Sprintf("spliced %d", k), bytes.ToValidUTF8(b.Bytes(), nil), text, html)
	}

	files, _ := filepath.Glob(filepath.Join(corpora, "*", "*"))
	if len(files) == 0 {
		t.Fatalf("no corpora under %s", corpora)
	}
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		base := filepath.Base(filepath.Dir(path)) + "/" + filepath.Base(path)
		dump("file "+base, data, text)
		for i, line := range bytes.Split(data, []byte("\n")) {
			if len(line) == 0 {
				continue
			}
			var rec map[string]any
			if json.Unmarshal(line, &rec) == nil {
				for _, k := range []string{"text", "value"} {
					if v, ok := rec[k].(string); ok {
						dump(fmt.Sprintf("%s:%d:%s", base, i+1, k), []byte(v), text)
					}
				}
			} else {
				dump(fmt.Sprintf("%s:%d", base, i+1), line, text)
			}
		}
	}
}
