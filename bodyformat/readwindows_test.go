package bodyformat

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestReadingWindowsBoundWork checks that a reading is read only around
// what it decoded: a long body with a few percent-escaped and markup-split
// mobiles far apart is inspected within 1.5 times its length of work
// (Limits.MaxWork counts every byte the engine reads), where reading each
// decoded reading whole costs several times its length, and every mobile
// is still masked.
func TestReadingWindowsBoundWork(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(3, 3))
	var b bytes.Buffer
	var mobiles []string
	for k := range 40 {
		b.Write(synth.PlainProse(r, 24<<10))
		m := synth.CNMobile(r)
		mobiles = append(mobiles, m)
		if k%2 == 0 {
			for _, c := range []byte(m) {
				fmt.Fprintf(&b, "%%%02X", c) // %31%33…
			}
		} else {
			b.WriteString(m[:3] + "<b></b>" + m[3:]) // 138<b></b>12345678
		}
		b.WriteString(" ok.\n")
	}
	body := b.Bytes()
	for _, ct := range []string{"text/plain; charset=utf-8", "text/html; charset=utf-8"} {
		res, err := Inspect(eng, body, ct, "", Redact, Limits{MaxWork: int64(len(body)) * 3 / 2})
		if err != nil {
			t.Fatalf("%s: %v (body of %d bytes)", ct, err, len(body))
		}
		out := string(res.Body)
		for _, m := range mobiles {
			if strings.Contains(out, m) || strings.Contains(out, m[:3]+"<b></b>"+m[3:]) {
				t.Errorf("%s: a mobile got through", ct)
			}
		}
		if got := res.Summary.Counts["cn_mobile"]; got < len(mobiles) {
			t.Errorf("%s: %d mobiles found, want %d", ct, got, len(mobiles))
		}
	}
}

// TestChangedWindows checks the windows of a reading: none when nothing
// changed, one around a change with its edges at line breaks, one for
// changes close together, the whole reading (ok false) when an edge finds
// no break, and edges never inside a word or a group of digits.
func TestChangedWindows(t *testing.T) {
	line := strings.Repeat("word ", 20) + "\n" // 101 bytes
	long := strings.Repeat(line, 40)           // 4040 bytes
	identity := func(s string) ([]byte, []int32) {
		offs := make([]int32, len(s)+1)
		for k := range offs {
			offs[k] = int32(k)
		}
		return []byte(s), offs
	}
	t.Run("unchanged", func(t *testing.T) {
		dec, offs := identity(long)
		if ws, ok := changedWindows([]byte(long), dec, offs, false, nil); !ok || len(ws) != 0 {
			t.Errorf("windows %v ok %v, want none", ws, ok)
		}
	})
	t.Run("one change", func(t *testing.T) {
		text := []byte(long)
		dec, offs := identity(long)
		dec[2000] = 'X' // a byte decoded to another
		ws, ok := changedWindows(text, dec, offs, false, nil)
		if !ok || len(ws) != 1 {
			t.Fatalf("windows %v ok %v, want one", ws, ok)
		}
		w := ws[0]
		if w.from > 2000-readingMargin || w.to < 2001+readingMargin || w.to-w.from > 2*readingMargin+2*len(line)+1 {
			t.Errorf("window %v around 2000", w)
		}
		if w.from < 2000-readingMargin-readingReach || w.to > 2001+readingMargin+readingReach {
			t.Errorf("window %v reaches too far", w)
		}
	})
	t.Run("changes close together", func(t *testing.T) {
		text := []byte(long)
		dec, offs := identity(long)
		dec[1000], dec[1300] = 'X', 'Y'
		if ws, ok := changedWindows(text, dec, offs, false, nil); !ok || len(ws) != 1 {
			t.Errorf("windows %v ok %v, want one", ws, ok)
		}
	})
	t.Run("changes far apart", func(t *testing.T) {
		text := []byte(long)
		dec, offs := identity(long)
		dec[500], dec[3500] = 'X', 'Y'
		if ws, ok := changedWindows(text, dec, offs, false, nil); !ok || len(ws) != 2 {
			t.Errorf("windows %v ok %v, want two", ws, ok)
		}
	})
	t.Run("dropped bytes", func(t *testing.T) {
		// text with 3 bytes at 2000 that the reading drops
		text := []byte(long[:2000] + "%%%" + long[2000:])
		dec, offs := identity(long)
		for k := 2000; k < len(offs); k++ {
			offs[k] += 3
		}
		if ws, ok := changedWindows(text, dec, offs, false, nil); !ok || len(ws) != 1 || ws[0].from > 2000 || ws[0].to <= 2000 {
			t.Errorf("windows %v ok %v, want one around 2000", ws, ok)
		}
	})
	t.Run("rendered white space", func(t *testing.T) {
		// a view that shows line breaks as spaces changes nothing but
		// between digits (138\n1234 shown as 138 1234)
		s := long[:1000] + "138\n1234" + long[1000:]
		text := []byte(s)
		dec, offs := identity(strings.ReplaceAll(s, "\n", " "))
		ws, ok := changedWindows(text, dec, offs, true, nil)
		if !ok || len(ws) != 1 || ws[0].from > 1003 || ws[0].to <= 1003 {
			t.Errorf("rendered: windows %v ok %v, want one around the digits", ws, ok)
		}
		if ws, _ := changedWindows(text, dec, offs, false, nil); len(ws) != 1 || ws[0].from != 0 || ws[0].to != len(dec) {
			t.Errorf("decoded: windows %v, want every line break changed: one window, the whole", ws)
		}
	})
	t.Run("no break", func(t *testing.T) {
		digits := strings.Repeat("1234567890", 600)
		text := []byte(digits)
		dec, offs := identity(digits)
		dec[3000] = '7' + 1
		if ws, ok := changedWindows(text, dec, offs, false, nil); ok {
			t.Errorf("windows %v in a run of digits with no break", ws)
		}
	})
	t.Run("digits everywhere", func(t *testing.T) {
		// digit groups every few bytes and no quiet stretch: the whole
		// reading, never an edge between two groups
		s := strings.Repeat("abc 138 1234 5678 def, ", 300)
		text := []byte(s)
		dec, offs := identity(s)
		dec[3000] = '#'
		if ws, ok := changedWindows(text, dec, offs, false, nil); ok {
			t.Errorf("windows %v among digit groups", ws)
		}
	})
	t.Run("quiet edges", func(t *testing.T) {
		// edges stand quietMargin bytes from any digit or reference
		s := strings.Repeat("word 1&#45;2 ", 20) + strings.Repeat("quiet text ", 100)
		s = s + s + s
		text := []byte(s)
		dec, offs := identity(s)
		dec[len(s)/2] = '#'
		ws, ok := changedWindows(text, dec, offs, false, nil)
		if !ok || len(ws) != 1 {
			t.Fatalf("windows %v ok %v", ws, ok)
		}
		for _, p := range []int{ws[0].from, ws[0].to} {
			for i := max(p-quietMargin, 0); i < min(p+quietMargin, len(dec)); i++ {
				if p > 0 && p < len(dec) && mayBeDigit(dec, i) {
					t.Fatalf("edge %d has a digit or a reference at %d", p, i)
				}
			}
		}
	})
}
