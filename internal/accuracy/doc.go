// Package accuracy scores the detection engine on text that nobody on this
// project wrote: the real-text and peer-vector corpora kept outside the
// repository (../shared/corpora). It measures what synthetic generators
// cannot: how many lines of real clean text the engine alters (alone, and
// with a phone number added to each line), how many real names it finds
// behind a label or next to a phone, whether every house and room number
// of a real address is hidden, and how many of other validators' valid
// values it finds behind a label.
//
// It also scores a held-out synthetic corpus (SynthCorpus): values from
// internal/synth's generators, with a seed no test uses, in every spelling
// the README documents, and look-alikes that must not be found. It needs
// no corpora directory.
//
// The corpora are read, never copied: a Report holds counts only. The
// command scripts/accuracy prints a Report; the package test holds the
// figures to floors so that a regression fails.
package accuracy
