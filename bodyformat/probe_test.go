package bodyformat

import (
	"testing"
)

func TestProbe(t *testing.T) {
	eng := testEngine(t)
	for _, s := range []string{
		"00000000@0000.AA三路00号",
		"user@mail.AA三路00号",
		"x@example.com三路00号",
		"+2000000000000",
		"tel +2000000000000",
		"Call me at +4400000000000",
		"X13812345678",
		"编号A13812345678",
		"mobile:a13812345678",
		"Bob@Example.COM",
	} {
		once, fs := eng.Redact([]byte(s))
		twice, _ := eng.Redact(once)
		t.Logf("%q → %q → %q", s, once, twice)
		for _, f := range fs {
			t.Logf("    %s %q %s", f.Category, s[f.Start:f.End], f.Evidence)
		}
	}
}
