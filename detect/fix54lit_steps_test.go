//go:build detectsteps

package detect_test

import (
	"strings"
	"testing"
)

// TestStepsFix54Lit is TestComplexityLinear and TestComplexityPerByte for
// the readings fix54lit added: numeric-literal suffixes after numbers
// (and letters that only start one), quoted local parts and address
// literals (whole, unclosed, past their bounds), the compatibility forms
// of '@' and the dots, circled letters, thousands groups behind a mobile's
// label, each piece repeated back to back.
func TestStepsFix54Lit(t *testing.T) {
	checkRepeatedPieces(t, map[string]string{
		"suffixes":          "x 13812345678n; 13812345678ULL 13812345678u64 13812345678usizex 1n 2i128 3f32_ ",
		"suffix-like words": "13812345678isiz 13812345678llun 13812345678u12 13812345678mm ",
		"quoted locals":     `"zhang.wei"@qq.com "a"@ ""@x.cn "` + strings.Repeat("a", 70) + `"@qq.com `,
		"unclosed quotes":   `"""""""@@@@"@`,
		"ip literals":       "a@[203.0.113.9] b@[IPv6:2001:db8::1] c@[1.2.3.4.5.6.7.8.9] d@[" + strings.Repeat("1", 80) + "] e@[",
		"small forms":       "zhang﹫qq｡com wei@163﹒com ﹫﹫﹒｡ 12﹒50 ",
		"circled":           "ⓩⓗⓐⓝⓖ@ⓠⓠ.ⓒⓞⓜ ⓐⓑⓒ@ ⒶⒷ ",
		"thousands":         "手机号 13,812,345,678 手机：13'812'345'678,123 tel 13.812.345 mobile: 13_812_345_67 ",
	})
}
