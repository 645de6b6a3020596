// Command genbody writes a synthetic body, for load tests and demos:
//
//	genbody -size 16384 [-clean] > body.json    a legacy-API JSON document
//	genbody -shape csv -size 262144 > body.txt  exactly -size bytes of a synth.Shapes shape
//	genbody -list                               the shape names
//
// Without -shape the document is synth.CustomersJSON: an object whose data
// array holds about -size bytes of customer records, each with a name,
// resident ID, mobile, e-mail, address and bank card (none with -clean).
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

func main() {
	size := flag.Int("size", 16<<10, "size in bytes (approximate without -shape)")
	clean := flag.Bool("clean", false, "leave out the personal data (legacy-API document only)")
	shape := flag.String("shape", "", "write this input shape of synth.Shapes instead (see -list)")
	list := flag.Bool("list", false, "list the shape names and exit")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *list {
		for _, s := range synth.Shapes {
			fmt.Println(s.Name)
		}
		return
	}
	r := rand.New(rand.NewPCG(*seed, *seed))
	var doc []byte
	if *shape == "" {
		doc = synth.CustomersJSON(r, *size, !*clean)
	} else {
		found := false
		for _, s := range synth.Shapes {
			if s.Name == *shape {
				doc, found = s.Gen(r, *size), true
			}
		}
		if !found {
			fmt.Fprintf(os.Stderr, "genbody: no shape %q (genbody -list shows them)\n", *shape)
			os.Exit(2)
		}
	}
	if _, err := os.Stdout.Write(doc); err != nil {
		os.Exit(1)
	}
}
