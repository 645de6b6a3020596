//go:build detectsteps

package detect_test

import (
	"bytes"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestStepsGroupsApartFromToken: the hex identifier check (inHexID) reads
// a bounded stretch around each run glued to a token, so runs of digit
// groups between hex words, UUIDs back to back and one long stretch of
// hex and '-' cost a bounded number of steps a byte, and 8n bytes cost
// about 8 times n.
func TestStepsGroupsApartFromToken(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("complexity")})
	const maxPerByte = 80
	for _, unit := range []string{
		"ab1-12345678-",
		"4a4cd359-0755-4123-8123-123456789012-",
		"a-1866806-",
		"abc-12345678-ab1.87654321/",
		// decimal UUIDs (pastDecimalUUID asks each 8-digit group, then
		// cuts the run at the UUID), and 8-digit groups that start none
		"40414359-0369-4187-8000-012345678901 ",
		"40414359-0369-4187-8000-013812345678-",
		"12345678-",
		"1 12345678-1234-",
		"手机 40414359-0369-4187-8000-013812345678 ",
		"电话：40026973-acaa-ec92-5fc4-6194a4852306 ",
	} {
		small := bytes.Repeat([]byte(unit), (32<<10)/len(unit))
		large := bytes.Repeat([]byte(unit), 8*(32<<10)/len(unit))
		s, l := stepsFor(e, small), stepsFor(e, large)
		if per := float64(l) / float64(len(large)); per > maxPerByte || float64(l) > 8.8*float64(s) {
			t.Errorf("%q: %d steps for %d B, %d for %d B (%.1f a byte)", unit, s, len(small), l, len(large), per)
		}
	}
}
