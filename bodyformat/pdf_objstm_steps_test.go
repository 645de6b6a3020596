//go:build detectsteps

package bodyformat

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

// TestStepsPDFObjectStreams checks that the page reading of a file whose
// page dictionaries are in object streams takes steps linear in the
// file: one object stream of many pages (each naming its content stream
// and a form, the form drawn), many small object streams, the same
// numbers defined in many object streams, and headers that do not hold.
func TestStepsPDFObjectStreams(t *testing.T) {
	eng := testEngine(t)
	// pages is a file of n bytes or more: plain content streams and a
	// form, their page dictionaries in object streams of per objects
	// each (numbered from 100000, or all alike when same)
	pages := func(n, per int, same bool, flate bool) []byte {
		objs := []string{
			pdfStreamObj("/Type /XObject /Subtype /Form", "BT /F1 12 Tf 72 700 Td (form) Tj ET"),
			pdfStreamObj("", "BT /F1 12 Tf 72 700 Td (page) Tj ET /Fm1 Do"),
		}
		size, num := 0, 100000
		for size < n {
			var nums []int
			var dicts []string
			for range per {
				if !same {
					num++
				}
				nums = append(nums, num)
				dicts = append(dicts, "<< /Type /Page /Resources << /XObject << /Fm1 1 0 R >> >> /Contents [2 0 R] >>")
			}
			o := pdfObjStm(nums, dicts, flate)
			size += len(o) + 16
			objs = append(objs, o)
		}
		return pdfObjects(objs)
	}
	broken := func(n int) []byte {
		return pdfObjects([]string{pdfStreamObj("/Type /ObjStm /N 99999 /First "+strconv.Itoa(n), strings.Repeat("7 0 ", n/4))})
	}
	files := map[string]func(n int) []byte{
		"one object stream":   func(n int) []byte { return pages(n, n/90, false, true) },
		"many object streams": func(n int) []byte { return pages(n, 1, false, false) },
		"numbers redefined":   func(n int) []byte { return pages(n, 2, true, false) },
		"headers broken":      broken,
		// object streams with no end: each one's data runs to the file's
		"open object streams": func(n int) []byte {
			return []byte("%PDF-1.5\n" + strings.Repeat("1 0 obj << /Type /ObjStm /N 0 /First 0 >> stream\n", n/48+1))
		},
	}
	for name, file := range files {
		stepsGrowLinearly(t, name, func(n int) int64 {
			b := file(n)
			in := &inspector{eng: eng, mode: Redact, lim: Limits{}.withDefaults(), meter: newMeter(Limits{}.withDefaults())}
			resetReadingSteps()
			if _, err := in.pdf(b, 0, 0); err != nil && !errors.Is(err, ErrMalformed) {
				t.Fatalf("%s: %v", name, err)
			}
			return readingSteps.Load()
		})
	}
}
