package bodyformat

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/piifilter/caddy-pii-filter/internal/membudget"
)

// pdfManyStreams is a clean PDF of n pages, each drawing a short content
// stream, FlateDecode when flate.
func pdfManyStreams(n int, flate bool) []byte {
	var objs []string
	for i := range n {
		c := "BT /F1 12 Tf 72 700 Td (Page " + strconv.Itoa(i+1) + " of the annual report, order 2024-" + strconv.Itoa(i) + ") Tj ET"
		if flate {
			z := zlibOf(c)
			objs = append(objs, "<< /Length "+strconv.Itoa(len(z))+" /Filter /FlateDecode >>\nstream\n"+string(z)+"\nendstream")
		} else {
			objs = append(objs, "<< /Length "+strconv.Itoa(len(c))+" >>\nstream\n"+c+"\nendstream")
		}
	}
	return pdfObjects(append([]string{"<< /Type /Catalog >>"}, objs...))
}

// pdfObjects builds a PDF of the given objects (bodies without "N 0 obj")
// with a cross-reference table.
func pdfObjects(objs []string) []byte {
	var b []byte
	b = append(b, "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"...)
	var offs []int
	for i, o := range objs {
		offs = append(offs, len(b))
		b = append(b, strconv.Itoa(i+1)+" 0 obj\n"+o+"\nendobj\n"...)
	}
	x := len(b)
	b = append(b, "xref\n0 "+strconv.Itoa(len(objs)+1)+"\n0000000000 65535 f \n"...)
	for _, o := range offs {
		s := strconv.Itoa(o)
		for len(s) < 10 {
			s = "0" + s
		}
		b = append(b, s+" 00000 n \n"...)
	}
	return append(b, "trailer\n<< /Size "+strconv.Itoa(len(objs)+1)+" /Root 1 0 R >>\nstartxref\n"+strconv.Itoa(x)+"\n%%EOF\n"...)
}

// TestPDFManyStreamsHoldOneStream: a clean PDF of many small content
// streams passes under the handler's process budget, and what the
// inspection holds once done is bounded by the body and one stream's
// decoder, not by the count of streams: each stream's decoder, inflated
// text and view are given back once read (they were kept, ~52 KB a
// FlateDecode stream: 4000 streams, a 0.7 MB file, exhausted 160 MiB).
func TestPDFManyStreamsHoldOneStream(t *testing.T) {
	eng := testEngine(t)
	for _, n := range []int{2000} {
		for _, flate := range []bool{false, true} {
			pdf := pdfManyStreams(n, flate)
			b := membudget.New(membudget.DefaultLimit)
			lease := b.Lease(context.Background(), time.Millisecond)
			res, err := Inspect(eng, pdf, "application/pdf", "", Redact, Limits{Memory: lease, MaxDecoded: 10 << 20})
			if err != nil || res.Changed {
				t.Errorf("n=%d flate=%v: err %v, changed %v", n, flate, err, res.Changed)
			}
			if held, bound := lease.Held(), int64(2*len(pdf)+256<<10); held > bound {
				t.Errorf("n=%d flate=%v: a %d-byte PDF holds %d bytes (more than %d)", n, flate, len(pdf), held, bound)
			}
			lease.Close()
		}
	}
}

// TestPDFStreamsShareOneDecodeBound: the streams of a PDF, and the
// filters of each chain, decode all together to no more than one
// compressed body of the file's size may (decodedBound, the bound of all
// an inspection's decoders: meter.decodeLeft): a file of many
// small streams, each under the bound alone, is refused as too large
// once their sum is over it (each stream alone may decode to at least
// 64 KiB, so 40 such streams in a 6 KB file decoded 2.5 MB).
func TestPDFStreamsShareOneDecodeBound(t *testing.T) {
	eng := testEngine(t)
	page := strings.Repeat("BT (Order 12) Tj ET\n", 3000) // 60 KB of text
	z := string(zlibOf(page))
	file := func(streams int, chain bool) []byte {
		objs := []string{"<< /Type /Catalog >>"}
		for range streams {
			dict, data := "/Filter /FlateDecode", z
			if chain {
				dict, data = "/Filter [/FlateDecode /FlateDecode]", string(zlibOf(z))
			}
			objs = append(objs, "<< /Length "+strconv.Itoa(len(data))+" "+dict+" >>\nstream\n"+data+"\nendstream")
		}
		return pdfObjects(objs)
	}
	lim := Limits{MaxRatio: 10}
	for _, chain := range []bool{false, true} {
		small := file(1, chain)
		if _, err := Inspect(eng, small, "application/pdf", "", Redact, Limits{}); err != nil {
			t.Errorf("one stream, chain %v: %v", chain, err)
		}
		many := file(40, chain)
		if int64(40*len(page)) <= decodedBound(int64(len(many)), lim.withDefaults()) {
			t.Fatalf("the test's streams fit the bound: %d bytes", len(many))
		}
		if _, err := Inspect(eng, many, "application/pdf", "", Redact, lim); !errors.Is(err, ErrTooLarge) {
			t.Errorf("40 streams of %d bytes in a %d-byte file, chain %v: err %v, want ErrTooLarge", len(page), len(many), chain, err)
		}
	}
}
