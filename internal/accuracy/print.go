package accuracy

import (
	"fmt"
	"io"
	"sort"
)

// nameVariants are the variants of names.jsonl in the order they are printed.
var nameVariants = []string{"label", "label+phone", "phone-adjacent", "phone-adjacent-space", "prose+phone", "prose"}

// Print writes the figures of r, one a line.
func (r *Report) Print(w io.Writer) {
	line := func(what string, q Ratio) {
		fmt.Fprintf(w, "%-58s %7.3f%%  (%d/%d)\n", what, 100*q.Value(), q.Hit, q.Of)
	}
	fmt.Fprintln(w, "## clean real text (lower is better)")
	line("lines altered", r.CleanAltered)
	line("lines altered, a mobile number added to each", r.CleanPhoneAltered)
	fmt.Fprintln(w, "## real names (recall: higher is better)")
	for _, v := range nameVariants {
		line("names found: "+v, r.NameRecall[v])
	}
	for _, v := range nameVariants {
		line("records with a non-name taken for a name: "+v, r.NameWrong[v])
	}
	line("consignee names in address records", r.ConsigneeRecall)
	fmt.Fprintln(w, "## real addresses with a house or room number")
	line("found behind a label", r.AddressFound)
	line("every number hidden, behind a label", r.NumbersHidden)
	line("every number hidden, next to a phone", r.NumbersHiddenNear)
	fmt.Fprintln(w, "## other projects' test vectors, behind a label")
	line("valid values found", r.PeerLabelRecall)
	line("invalid values and look-alikes flagged (lower is better)", r.PeerLabelFP)
}

// PrintFailures writes up to n failed cases of each figure.
func (r *Report) PrintFailures(w io.Writer, n int) {
	keys := make([]string, 0, len(r.Failures))
	for k := range r.Failures {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fs := r.Failures[k]
		fmt.Fprintf(w, "\n## %s (%d shown)\n", k, min(n, len(fs)))
		for _, f := range fs[:min(n, len(fs))] {
			fmt.Fprintln(w, "  "+f)
		}
	}
}
