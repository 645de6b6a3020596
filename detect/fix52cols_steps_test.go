//go:build detectsteps

package detect_test

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestStepsFix52TableShapes is TestComplexityLinear and TestComplexityPerByte
// for the table shapes tableNames reads since fix pass 52 (attack 50 F6,
// F8): bare-CR and CRLF lines, ';' cells, a BOM, qualified header labels
// (客户姓名, 姓名（必填）, 联系人：), full-width names, headers aligned with
// spaces; each piece repeated back to back and glued to the next.
func TestStepsFix52TableShapes(t *testing.T) {
	checkRepeatedPieces(t, map[string]string{
		"bare CR table":       "联系人;手机\r小叶;13912345678\r",
		"bare CR rows":        "小叶,13912345678\r",
		"bare CRs":            "\r",
		"CR before LF":        "\r\r\n13912345678",
		"CRLF table":          "客户姓名,手机\r\n小叶,13912345678\r\n",
		"BOMs":                "\ufeff联系人,手机\n",
		"qualified headers":   "紧急联系人,姓名（必填）,联系人：,手机(选填)\nＫｉｔｔｙ,小叶,可乐,13912345678\n",
		"qualifier runs":      "我们的紧急联系人,客户客户客户客户姓名,手机\n",
		"open parens":         "姓名（（（（（（（（必填）,手机(((((,13912345678\n",
		"colons":              "联系人：：：：,手机::::\n",
		"spaced headers":      "联系人 \u3000\u00a0手机\n张伟 13912345678\n",
		"semicolon prose":     "今天;明天;后天 13912345678;",
		"one long header row": "联系人;",
	})
}

// TestStepsFix52TableRows is TestStepsFix50TableRows for the rows of one
// table under one header in the new shapes (bare CR, ';', a BOM, a
// qualified label): the same steps per byte at 16 KiB, 128 KiB and 1 MiB.
func TestStepsFix52TableRows(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("complexity")})
	for _, shape := range []struct {
		name, head, row string
		perByte         float64
	}{
		// the rest of the engine reads lines to '\n' only: a text of
		// bare-CR lines is one line to it, and its reads back to a line's
		// start (contactsegment.go) go to their bound, a constant (23.9
		// a byte before fix pass 52, 21.1 since)
		{"bare CR", "联系人,手机\r", "小叶,13912345678\r", 2 * maxTableStepsPerByte},
		{"semicolons", "\ufeff联系人;手机\n", "Ｋｉｔｔｙ;13912345678\n", maxTableStepsPerByte},
		{"qualified", "序号,客户姓名,手机(选填)\r\n", "1,小叶子呀,13912345678\r\n", maxTableStepsPerByte},
	} {
		t.Run(shape.name, func(t *testing.T) {
			var prev int64
			for _, size := range []int{16 << 10, 128 << 10, 1 << 20} {
				text := shape.head + strings.Repeat(shape.row, (size-len(shape.head))/len(shape.row)+1)
				steps := stepsFor(e, []byte(text))
				per := float64(steps) / float64(len(text))
				t.Logf("%8d B: %9d steps (%.1f/B)", len(text), steps, per)
				if prev > 0 && float64(steps) > float64(prev)*complexityFactor*complexitySlack {
					t.Errorf("%d steps after %d for 8 times the bytes: want at most ×%.1f", steps, prev, complexityFactor*complexitySlack)
				}
				if per > shape.perByte {
					t.Errorf("%.1f steps a byte, want at most %.0f", per, shape.perByte)
				}
				prev = steps
			}
		})
	}
}
