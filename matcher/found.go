package matcher

import (
	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
)

// found is what the places searched so far hold: the categories of their
// findings, and whether one is an identifier of the pii app's protected
// list.
type found struct {
	cats      detect.CategorySet
	protected bool
}

// add adds what another place holds.
func (f *found) add(o found) {
	f.cats |= o.cats
	f.protected = f.protected || o.protected
}

// decides reports whether f makes a match: a protected identifier always
// does (pii_filter refuses it whatever its options say), else at least
// min distinct categories.
func (f found) decides(min int) bool { return f.protected || f.cats.Len() >= min }

// resultFound returns what an inspection found: its summary's categories,
// and whether a finding kept in it is protected (bodyformat keeps those
// even when it keeps only samples).
func resultFound(res bodyformat.Result) found {
	f := found{cats: res.Summary.Categories}
	for _, fd := range res.Findings {
		if fd.Evidence&detect.EvProtected != 0 {
			f.protected = true
			break
		}
	}
	return f
}
