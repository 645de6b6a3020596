//go:build detectsteps

package bodyformat

import (
	"bytes"
	"testing"
)

// TestStepsPDFViewerShapes: shapes of the new dictionary scan, decoders and
// shown-only reading, repeated.
func TestStepsPDFViewerShapes(t *testing.T) {
	eng := testEngine(t)
	units := map[string]string{
		"dp dicts":        "<<>>",
		"dp arrays":       "[<< /Predictor 12 /Columns 3 >> null 1 0 R ",
		"deep opens":      "[[<<[<<",
		"deep closes":     ">>]]>>",
		"image drops":     "(1) (2) x ",
		"image kept":      "(1) Tj [(2)] TJ ",
		"a85 z":           "z",
		"a85 spaces":      " \n\t",
		"lzw bytes":       "\x80\x40\x20\x10\x08",
		"dict strings":    "(a\\)b(c)d) <41> %x\n",
		"length objs":     "1 0 obj 5 endobj ",
		"names escaped":   "/F#69lter#2",
		"rl literal":      "\x7f",
		"f before filter": "/F (x) /F /Fl /Filter /AHx ",
	}
	prefix := map[string]string{
		"dp dicts":        "%PDF-1.4\n1 0 obj << /Filter [/Fl] /DP [",
		"dp arrays":       "%PDF-1.4\n1 0 obj << /Filter [/Fl] /DP [",
		"deep opens":      "%PDF-1.4\n1 0 obj << /DecodeParms ",
		"deep closes":     "%PDF-1.4\n1 0 obj << /DecodeParms ",
		"image drops":     "%PDF-1.4\n1 0 obj << /Subtype /Image >> stream\n",
		"image kept":      "%PDF-1.4\n1 0 obj << /Subtype /Image >> stream\n",
		"a85 z":           "%PDF-1.4\n1 0 obj << /Filter /A85 >> stream\n",
		"a85 spaces":      "%PDF-1.4\n1 0 obj << /Filter /A85 >> stream\n",
		"lzw bytes":       "%PDF-1.4\n1 0 obj << /Filter /LZW >> stream\n",
		"dict strings":    "%PDF-1.4\n1 0 obj << /Filter /Fl /X ",
		"length objs":     "%PDF-1.4\n1 0 obj << /Length 1 0 R >> stream\nx\nendstream endobj ",
		"names escaped":   "%PDF-1.4\n1 0 obj << ",
		"rl literal":      "%PDF-1.4\n1 0 obj << /Filter /RL >> stream\n",
		"f before filter": "%PDF-1.4\n1 0 obj << ",
	}
	for name, unit := range units {
		stepsGrowLinearly(t, name, func(n int) int64 {
			b := append([]byte(prefix[name]), bytes.Repeat([]byte(unit), n/len(unit)+1)...)
			b = append(b, " >> stream\n(1) Tj\nendstream endobj"...)
			in := &inspector{eng: eng, mode: Redact, lim: Limits{}.withDefaults(), meter: newMeter(Limits{}.withDefaults())}
			resetReadingSteps()
			in.pdf(b, 0, 0)
			return readingSteps.Load()
		})
	}
}
