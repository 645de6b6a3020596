//go:build bodydiff

package bodyformat

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestDifferentialInputs runs Inspect and FindText over a fixed set of
// inputs, for the differential hook (diffhook_on.go) to record: every
// synth.Shapes shape at several sizes and seeds, as text, HTML, a form
// value and JSON, at 256 KiB as text and HTML, pieces of each spliced far
// apart into prose (the windows of readwindows.go) (one string, an array of records with keys, lines as an
// array of strings), the handler's benchmark bodies, and every text of the
// corpora under $BODYFORMAT_DIFF_CORPORA (../../shared/corpora by
// default), under several limits (default; samples only; a work bound
// that runs out part way; Scan mode). Run it, with the rest of the
// package's tests, on two builds and compare the sorted dumps:
//
//	BODYFORMAT_DIFF_OUT=/tmp/old.txt go test -tags bodydiff ./bodyformat/
//	sort /tmp/old.txt > /tmp/old.sorted  # likewise new; then cmp
func TestDifferentialInputs(t *testing.T) {
	if os.Getenv("BODYFORMAT_DIFF_OUT") == "" {
		t.Skip("BODYFORMAT_DIFF_OUT not set")
	}
	engines := []*detect.Engine{
		detect.MustCompile(detect.Policy{Mask: detect.MaskPartial, FingerprintKey: []byte("diff")}),
		detect.MustCompile(detect.Policy{Mask: detect.MaskHash, FingerprintKey: []byte("diff")}),
	}
	run := func(body []byte, ct string) {
		for k, eng := range engines {
			lims := []Limits{{}, {Samples: 3, SamplesOnly: true}, {MaxWork: int64(len(body)) / 2}, {MaxWork: int64(len(body))}}
			if k > 0 {
				lims = lims[:1]
			}
			for _, lim := range lims {
				_, _ = Inspect(eng, body, ct, "", Redact, lim)
			}
			_, _ = Inspect(eng, body, ct, "", Scan, Limits{})
		}
	}
	text := func(s []byte) {
		run(s, "text/plain; charset=utf-8")
		run(s, "text/html; charset=utf-8")
		run([]byte("note="+url.QueryEscape(string(s))+"&mobile="+url.QueryEscape(string(s))), ctForm)
		js, _ := json.Marshal(string(s))
		run(js, ctJSON)
		var recs []map[string]string
		var lines []string
		for i, line := range strings.Split(string(s), "\n") {
			keys := []string{"note", "mobile", "idCard", "value", "address", "name"}
			recs = append(recs, map[string]string{keys[i%len(keys)]: line, "remark": line, "k" + line: "x"})
			lines = append(lines, line)
		}
		js, _ = json.Marshal(map[string]any{"data": recs, "lines": lines})
		run(js, ctJSON)
		for _, eng := range engines[:1] {
			_, _ = FindText(eng, s, 0)
			_, _ = FindText(eng, s, detect.NewCategorySet(detect.AllCategories...))
		}
	}
	for _, s := range synth.Shapes {
		for _, n := range []int{16, 200, 1 << 10, 8 << 10} {
			for seed := uint64(1); seed <= 2; seed++ {
				text(s.Gen(rand.New(rand.NewPCG(seed, uint64(n))), n))
			}
		}
	}
	// long bodies, and pieces of every shape spliced far apart into
	// prose: the readings' windows (readwindows.go) and their edges
	var pieces [][]byte
	for _, s := range synth.Shapes {
		b := s.Gen(rand.New(rand.NewPCG(3, 3)), 256<<10)
		run(b, "text/plain; charset=utf-8")
		run(b, "text/html; charset=utf-8")
		pieces = append(pieces, b[:1<<10])
	}
	r := rand.New(rand.NewPCG(9, 9))
	for range 24 {
		var b bytes.Buffer
		for range 8 {
			b.Write(synth.PlainProse(r, 2000+r.IntN(6000)))
			p := pieces[r.IntN(len(pieces))]
			from := r.IntN(len(p))
			b.Write(p[from:min(len(p), from+50+r.IntN(400))])
		}
		run(bytes.ToValidUTF8(b.Bytes(), nil), "text/plain; charset=utf-8")
		run(bytes.ToValidUTF8(b.Bytes(), nil), "text/html; charset=utf-8")
	}
	for seed := uint64(1); seed <= 3; seed++ {
		for _, pii := range []bool{true, false} {
			run(synth.CustomersJSON(rand.New(rand.NewPCG(seed, seed)), 16<<10, pii), "application/json")
			run(jsonBody(rand.New(rand.NewPCG(seed, 7)), 16<<10, pii), ctJSON)
			run(formBody(4<<10, pii), ctForm)
		}
	}
	corpora := os.Getenv("BODYFORMAT_DIFF_CORPORA")
	if corpora == "" {
		corpora = "../../shared/corpora"
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
		run(data, "text/plain")
		for _, line := range bytes.Split(data, []byte("\n")) {
			if len(line) == 0 {
				continue
			}
			var rec map[string]any
			if json.Unmarshal(line, &rec) == nil {
				run(line, ctJSON)
				for _, k := range []string{"text", "value"} {
					if v, ok := rec[k].(string); ok {
						text([]byte(v))
					}
				}
			} else {
				text(line)
			}
		}
	}
	fmt.Fprintln(os.Stderr, "differential inputs done")
}
