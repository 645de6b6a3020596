package detect_test

import (
	"encoding/json"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// BenchmarkEngineStrings scans the string values of a JSON API response
// (synth.CustomersJSON: name, resident ID, mobile, e-mail, address, bank
// card, note, order number and time in every record) one at a time, as
// the handler does: each with the hint of its key, the findings carved
// from one Arena, and fingerprints asked for until an incident's samples
// are taken. This is the engine's fixed cost per call on short inputs.
//
//	go test -run '^$' -bench 'EngineStrings' -cpu 1 ./detect/
func BenchmarkEngineStrings(b *testing.B) {
	for _, pii := range []bool{true, false} {
		name := "clean"
		if pii {
			name = "pii"
		}
		b.Run(name+"/16KiB", func(b *testing.B) {
			vals, hints, total := jsonStrings(b, synth.CustomersJSON(rand.New(rand.NewPCG(1, 1)), 16<<10, pii))
			e := newBenchEngine()
			b.SetBytes(int64(total))
			b.ReportAllocs()
			findings := 0
			loop(b, func() {
				var arena detect.Arena
				findings = 0
				for k, v := range vals {
					// the handler's samples: what is left of an incident's
					findings += len(e.FindIn(v, hints[k], max(0, handlerSamples-findings), nil, &arena))
				}
			})
			if pii && findings == 0 {
				b.Fatal("no findings in records full of personal data")
			}
			reportFindings(b, findings)
		})
	}
}

// keyHints are the hints the customer records' keys give, as the
// handler's key table gives them.
var keyHints = map[string]detect.CategorySet{
	"name":     detect.NewCategorySet(detect.CNName),
	"idCard":   detect.NewCategorySet(detect.CNID),
	"mobile":   detect.NewCategorySet(detect.CNMobile),
	"email":    detect.NewCategorySet(detect.Email),
	"address":  detect.NewCategorySet(detect.CNAddress),
	"bankCard": detect.NewCategorySet(detect.BankCard),
}

// jsonStrings returns the non-empty string values of a CustomersJSON
// document, the hint of each one's key, and their total length.
func jsonStrings(b *testing.B, doc []byte) (vals [][]byte, hints []detect.CategorySet, total int) {
	var body struct {
		Data []map[string]any `json:"data"`
	}
	if err := json.Unmarshal(doc, &body); err != nil {
		b.Fatal(err)
	}
	for _, rec := range body.Data {
		for _, k := range slices.Sorted(maps.Keys(rec)) {
			if s, ok := rec[k].(string); ok && s != "" {
				vals = append(vals, []byte(s))
				hints = append(hints, keyHints[k])
				total += len(s)
			}
		}
	}
	if len(vals) == 0 {
		b.Fatal("no string values")
	}
	return vals, hints, total
}
