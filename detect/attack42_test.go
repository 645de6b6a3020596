package detect_test

import (
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestAttack42LandlineDotted: a mainland landline after +86 (and a
// trunk "(0)", fix41misc) is found with spaces, hyphens or slashes
// between its groups (control: "+86 (0)10-8888-6666", "+86 (0)10/8888/6666")
// but not with full stops, a common European spelling of the same
// number ("+86 (0)10.8888.6666", "+86 10.8888.6666", "+86 (0)21.6123.4567"):
// nothing found, sent as it is. Expected to fail.
func TestAttack42LandlineDotted(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("cn")})
	for _, ok := range []string{"+86 (0)10-8888-6666", "+86 (0)10/8888/6666"} {
		if len(e.Find([]byte("call "+ok+" now"))) == 0 {
			t.Fatalf("control %q: nothing found", ok)
		}
	}
	for _, s := range []string{"+86 (0)10.8888.6666", "+86 (0) 10.8888.6666", "+86 10.8888.6666", "+86 (0)21.6123.4567", "+86 (0)755.2612.3456"} {
		t.Run(s, func(t *testing.T) {
			if len(e.Find([]byte("call "+s+" now"))) == 0 {
				t.Errorf("%q: nothing found", s)
			}
		})
	}
}
