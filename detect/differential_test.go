//go:build detectdiff

package detect_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestDifferentialDump writes everything the engine reports on a fixed set
// of inputs to $DETECT_DIFF_OUT: the findings of FindSampled and of
// RedactSampled (every field), RedactSampled's summary and a hash of its
// output, and Categories, for every synth.Shapes shape at several sizes and
// seeds and for every text of the corpora under $DETECT_DIFF_CORPORA
// (../shared/corpora by default), under each mask style. Two dumps made by
// two builds are compared with cmp: a speed-up must leave them identical.
//
//	DETECT_DIFF_OUT=/tmp/old.txt go test -tags detectdiff -run Differential ./detect/
//
// The dump holds masks and fingerprints only, never a value.
func TestDifferentialDump(t *testing.T) {
	outPath := os.Getenv("DETECT_DIFF_OUT")
	if outPath == "" {
		t.Skip("DETECT_DIFF_OUT not set")
	}
	corpora := os.Getenv("DETECT_DIFF_CORPORA")
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

	engines := map[string]*detect.Engine{}
	for _, m := range []detect.MaskStyle{detect.MaskPartial, detect.MaskFull, detect.MaskLabel, detect.MaskHash} {
		engines[string(m)] = detect.MustCompile(detect.Policy{Mask: m, FingerprintKey: []byte("diff")})
	}
	all := detect.NewCategorySet(detect.AllCategories...)

	dump := func(name string, text []byte, masks []string, hints bool) {
		for _, m := range masks {
			e := engines[m]
			hs := []detect.CategorySet{0}
			if hints {
				hs = append(hs, all)
			}
			for _, h := range hs {
				fmt.Fprintf(w, "## %s mask=%s hint=%x len=%d\n", name, m, h, len(text))
				for _, x := range e.FindSampled(text, h, 10) {
					fmt.Fprintf(w, "F %s %d %d %g %d %q %s\n", x.Category, x.Start, x.End, x.Confidence, x.Evidence, x.Masked, x.Fingerprint)
				}
				out, sum, found := e.RedactSampled(text, h, 10)
				for _, x := range found {
					fmt.Fprintf(w, "S %s %d %d %g %d %q %s\n", x.Category, x.Start, x.End, x.Confidence, x.Evidence, x.Masked, x.Fingerprint)
				}
				cats := make([]string, 0, len(sum.Counts))
				for c, n := range sum.Counts {
					cats = append(cats, fmt.Sprintf("%s=%d", c, n))
				}
				sort.Strings(cats)
				fmt.Fprintf(w, "R %x %x %v\n", sha256.Sum256(out), uint32(sum.Categories), cats)
				if h == 0 {
					fmt.Fprintf(w, "C %x\n", uint32(e.Categories(text, 0)))
				}
			}
		}
	}

	allMasks := []string{"partial", "full", "label", "hash"}
	for _, s := range synth.Shapes {
		for _, n := range []int{16, 200, 1 << 10, 32 << 10, 1 << 20} {
			seeds := []uint64{1, 2, 3}
			if n == 1<<20 {
				seeds = seeds[:1]
			}
			for _, seed := range seeds {
				text := s.Gen(rand.New(rand.NewPCG(seed, uint64(n))), n)
				masks := allMasks
				if n == 1<<20 {
					masks = allMasks[:1]
				}
				dump(fmt.Sprintf("shape %s/%d/%d", s.Name, n, seed), text, masks, n <= 32<<10)
			}
		}
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
		dump("file "+base, data, []string{"partial"}, false)
		for i, line := range bytes.Split(data, []byte("\n")) {
			if len(line) == 0 {
				continue
			}
			var rec map[string]any
			if json.Unmarshal(line, &rec) == nil {
				for _, k := range []string{"text", "value"} {
					if v, ok := rec[k].(string); ok {
						dump(fmt.Sprintf("%s:%d:%s", base, i+1, k), []byte(v), allMasks, true)
					}
				}
			} else {
				dump(fmt.Sprintf("%s:%d", base, i+1), line, allMasks, true)
			}
		}
	}
}
