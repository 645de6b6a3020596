// Command genbody writes a synthetic legacy-API JSON document, for load
// tests and demos: genbody -size 16384 [-clean] > body.json.
package main

import (
	"flag"
	"math/rand/v2"
	"os"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

func main() {
	size := flag.Int("size", 16<<10, "approximate size in bytes")
	clean := flag.Bool("clean", false, "leave out the personal data")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	doc := synth.CustomersJSON(rand.New(rand.NewPCG(*seed, *seed)), *size, !*clean)
	if _, err := os.Stdout.Write(doc); err != nil {
		os.Exit(1)
	}
}
