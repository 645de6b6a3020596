package bodyformat

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// The benchmarks run Inspect in Redact mode over synthetic bodies: "clean"
// (look-alikes and prose, no personal data: what a filter sees most) and
// "pii" (a customer record in every order). "engine" is the engine alone
// redacting the same bytes as one text, the floor the format layer adds
// its cost to.
//
//	go test -bench . -benchmem -run '^$' ./bodyformat/

func benchInspect(b *testing.B, body []byte, ct, ce string) {
	eng := testEngine(b)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Inspect(eng, body, ct, ce, Redact, Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}

func benchEngine(b *testing.B, body []byte) {
	eng := testEngine(b)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		eng.Redact(body)
	}
}

func benchJSON(b *testing.B, size int) {
	clean := jsonBody(rng("bench clean"), size, false)
	pii := jsonBody(rng("bench pii"), size, true)
	b.Run("clean", func(b *testing.B) { benchInspect(b, clean, ctJSON, "") })
	b.Run("clean/engine", func(b *testing.B) { benchEngine(b, clean) })
	b.Run("pii", func(b *testing.B) { benchInspect(b, pii, ctJSON, "") })
	b.Run("pii/engine", func(b *testing.B) { benchEngine(b, pii) })
}

func BenchmarkInspectJSON16K(b *testing.B)  { benchJSON(b, 16<<10) }
func BenchmarkInspectJSON256K(b *testing.B) { benchJSON(b, 256<<10) }

// formBody builds a form of about n bytes, with personal data when withPII
// is set.
func formBody(n int, withPII bool) []byte {
	r := rng(fmt.Sprint("bench form ", withPII))
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "item%d=%s&orderNo=%s&note=%s&", i, synth.TimestampMillis(r), synth.OrderNumber(r), url.QueryEscape(cleanValue(r)))
		if withPII {
			rec := newRecord(r)
			fmt.Fprintf(&b, "realName=%s&mobile=%s&idCard=%s&address=%s&", url.QueryEscape(rec.Name), rec.Mobile, rec.ID, url.QueryEscape(rec.Address))
		}
	}
	return []byte(strings.TrimSuffix(b.String(), "&"))
}

func BenchmarkInspectForm(b *testing.B) {
	clean, pii := formBody(16<<10, false), formBody(16<<10, true)
	b.Run("clean", func(b *testing.B) { benchInspect(b, clean, ctForm, "") })
	b.Run("pii", func(b *testing.B) { benchInspect(b, pii, ctForm, "") })
}

func BenchmarkInspectGzipJSON(b *testing.B) {
	clean := compress(b, "gzip", jsonBody(rng("bench gz clean"), 16<<10, false))
	pii := compress(b, "gzip", jsonBody(rng("bench gz pii"), 16<<10, true))
	b.Run("clean", func(b *testing.B) { benchInspect(b, clean, ctJSON, "gzip") })
	b.Run("pii", func(b *testing.B) { benchInspect(b, pii, ctJSON, "gzip") })
}

func BenchmarkInspectMultipart(b *testing.B) {
	r := rng("bench multipart")
	rec := newRecord(r)
	body := multipartBody(b, field("realName", rec.Name), field("mobile", rec.Mobile),
		file("avatar", "a.png", "image/png", binaryImage(rec.Mobile)),
		file("profile", "p.json", "application/json", jsonBody(r, 8<<10, true)))
	benchInspect(b, body, ctMultipart, "")
}
