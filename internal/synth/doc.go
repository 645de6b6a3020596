// Package synth generates deterministic synthetic test data for the
// detection engine: valid personal identifiers with computed check digits,
// invalid variants and look-alikes that must not be flagged, obfuscated
// spellings, and whole prose corpora.
//
// Every generator takes a caller-provided *rand.Rand (math/rand/v2), so a
// fixed seed gives a fixed fixture. No value is copied from any published
// example: every check digit is computed here, and e-mail addresses use
// reserved domains only.
package synth
