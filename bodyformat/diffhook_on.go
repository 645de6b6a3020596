//go:build bodydiff

package bodyformat

import (
	"crypto/sha256"
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// The differential hook: built with the bodydiff tag, every Inspect,
// FindText and stream write appends one line to $BODYFORMAT_DIFF_OUT
// naming a hash of its input and a hash of all it returned, so that two
// builds run over the same tests can be compared (sort, then cmp): a
// speed-up must leave the lines identical. The lines hold hashes only,
// never a value.

var diffHook struct {
	sync.Mutex
	once sync.Once
	f    *os.File
}

// diffRecord appends the line "kind in out" to the dump, in and out
// hashed.
func diffRecord(kind, in, out string) {
	diffHook.once.Do(func() {
		if p := os.Getenv("BODYFORMAT_DIFF_OUT"); p != "" {
			diffHook.f, _ = os.OpenFile(p, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
		}
	})
	if diffHook.f == nil {
		return
	}
	line := fmt.Sprintf("%s %x %x\n", kind, sha256.Sum256([]byte(in)), sha256.Sum256([]byte(out)))
	diffHook.Lock()
	_, _ = diffHook.f.WriteString(line)
	diffHook.Unlock()
}

// describeFindings writes every field of fs; with
// BODYFORMAT_DIFF_NOFP set, only whether a finding has a fingerprint (a
// caller that keys its engine at random, as a handler does, gives other
// fingerprints on every run).
func describeFindings(b *strings.Builder, fs []detect.Finding) {
	noFP := os.Getenv("BODYFORMAT_DIFF_NOFP") != ""
	for _, f := range fs {
		fp := f.Fingerprint
		if noFP {
			fp = fmt.Sprint(fp != "")
		}
		fmt.Fprintf(b, "F %s %d %d %g %d %q %s\n", f.Category, f.Start, f.End, f.Confidence, f.Evidence, f.Masked, fp)
	}
}

// diffInspect records one inspect call.
func diffInspect(body []byte, contentType, contentEncoding string, mode Mode, lim Limits, res Result, err error) {
	in := fmt.Sprintf("%x|%q|%q|%d|%d|%d|%d|%d|%d|%v|%d|%v|%v", sha256.Sum256(body), contentType, contentEncoding, mode,
		lim.MaxDecoded, lim.MaxRatio, lim.MaxWork, lim.MaxDepth, lim.MaxParts, lim.SamplesOnly, lim.Samples, lim.Memory != nil, lim.Context != nil)
	var b strings.Builder
	fmt.Fprintf(&b, "err=%v format=%s changed=%v enc=%q body=%x\n", err, res.Format, res.Changed, res.Encoding, sha256.Sum256(res.Body))
	describeFindings(&b, res.Findings)
	fmt.Fprintf(&b, "S %x %v\n", uint32(res.Summary.Categories), res.Summary.Counts)
	diffRecord("inspect", in, b.String())
}

// diffFindText records one FindText call.
func diffFindText(text []byte, hint detect.CategorySet, fs []detect.Finding) {
	var b strings.Builder
	describeFindings(&b, fs)
	diffRecord("findtext", fmt.Sprintf("%x|%x", sha256.Sum256(text), uint64(hint)), b.String())
}

// diffStreamWrite records one write of a stream: a hash of what it
// wrote (the writes of all streams are compared as a multiset).
func diffStreamWrite(_ *Stream, b []byte) { diffRecord("streamwrite", string(b), "") }
