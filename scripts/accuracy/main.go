// Command accuracy scores the detection engine on the held-out synthetic
// corpus, and on the corpora of real text and peer test vectors kept
// outside the repository when they are there, and prints the figures of
// the README's "Accuracy" section:
//
//	go run ./scripts/accuracy -corpora ../shared/corpora [-failures 20]
//
// The directory may also be given as $PII_CORPORA; without it only the
// synthetic figures are printed. See package internal/accuracy for what
// each figure counts.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/accuracy"
)

func main() {
	dir := flag.String("corpora", os.Getenv("PII_CORPORA"), "the corpora directory (holding realtext-dev/ and peer-vectors/)")
	failures := flag.Int("failures", 0, "print up to this many failed cases of each figure")
	flag.Parse()
	if *dir == "" {
		*dir = "../shared/corpora"
	}
	eng, err := detect.Compile(detect.Policy{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	syn := accuracy.ScoreSynthetic(eng, accuracy.SynthCorpus())
	syn.Print(os.Stdout)
	if !accuracy.Present(*dir) {
		fmt.Fprintf(os.Stderr, "accuracy: no corpora in %s (give -corpora or $PII_CORPORA): synthetic figures only\n", *dir)
	} else {
		c, err := accuracy.Load(*dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		r := accuracy.Score(eng, c)
		r.Print(os.Stdout)
		if *failures > 0 {
			r.PrintFailures(os.Stdout, *failures)
		}
	}
	if *failures > 0 {
		syn.PrintFailures(os.Stdout, *failures)
	}
}
