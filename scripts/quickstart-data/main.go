// Command quickstart-data prints the synthetic personal data pasted into
// caddyfile-examples/quickstart.Caddyfile. Every value comes from the
// internal/synth generators with a fixed seed, so the check digits are
// computed here and the output never changes:
//
//	go run ./scripts/quickstart-data
//
// The integration tests check that the values in the example still pass
// their checksums (integration/examples_test.go).
package main

import (
	"fmt"
	"math/rand/v2"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

func main() {
	r := rand.New(rand.NewPCG(2025, 8081))
	for i := 1; i <= 3; i++ {
		fmt.Printf("customer %d\n", i)
		fmt.Printf("  name     %s\n", synth.CNName(r))
		fmt.Printf("  idCard   %s\n", synth.CNID18(r))
		fmt.Printf("  mobile   %s\n", synth.CNMobile(r))
		fmt.Printf("  email    %s\n", synth.Email(r))
		fmt.Printf("  address  %s\n", synth.CNAddress(r))
		fmt.Printf("  bankCard %s\n", synth.UnionPayCard(r))
		fmt.Printf("  orderNo  %s\n", synth.OrderNumber(r))
		fmt.Printf("  created  %s\n", synth.TimestampMillis(r))
		fmt.Printf("  uuid     %s\n", synth.UUID(r))
	}
}
