package synth

import (
	"fmt"
	"math/rand/v2"
)

// IPv4 returns an address from the documentation ranges (192.0.2.0/24,
// 198.51.100.0/24, 203.0.113.0/24), as seen in access logs. Dotted digits
// such as 198.51.100.178 spell eleven digits with a mobile-like prefix.
func IPv4(r *rand.Rand) string {
	return fmt.Sprintf("%s.%d", pick(r, []string{"192.0.2", "198.51.100", "203.0.113"}), between(r, 1, 254))
}
