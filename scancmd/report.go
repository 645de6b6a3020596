package scancmd

import (
	"bytes"
	"encoding/json"
	"io"
	"math"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// reportLine is the JSON form of one finding. It carries where the value
// is, what it is and its masked form, never the value itself.
type reportLine struct {
	File        string   `json:"file"`
	Category    string   `json:"category"`
	Start       int      `json:"start"`
	End         int      `json:"end"`
	Confidence  float64  `json:"confidence"`
	Evidence    []string `json:"evidence"`
	Masked      string   `json:"masked"`
	Fingerprint string   `json:"fingerprint"`
}

// reporter writes one JSON line per finding. Write errors are kept rather
// than returned, because findings arrive through a callback; Err reports
// the first one.
type reporter struct {
	w      io.Writer
	before func() // called before each line, e.g. to clear a progress line
	buf    bytes.Buffer
	enc    *json.Encoder
	err    error
}

// newReporter returns a reporter writing to w, or nil when w is nil.
func newReporter(w io.Writer, before func()) *reporter {
	if w == nil {
		return nil
	}
	r := &reporter{w: w, before: before}
	r.enc = json.NewEncoder(&r.buf)
	r.enc.SetEscapeHTML(false)
	return r
}

// add writes the line for f, found in file. Each line goes out in a single
// Write so that lines never interleave with other output.
func (r *reporter) add(file string, f detect.Finding) {
	if r == nil || r.err != nil {
		return
	}
	ev := f.Evidence.Strings()
	if ev == nil {
		ev = []string{}
	}
	r.buf.Reset()
	if err := r.enc.Encode(reportLine{
		File:        file,
		Category:    string(f.Category),
		Start:       f.Start,
		End:         f.End,
		Confidence:  math.Round(f.Confidence*1000) / 1000, // no float noise such as 0.9500000000000001
		Evidence:    ev,
		Masked:      f.Masked,
		Fingerprint: f.Fingerprint,
	}); err != nil {
		r.err = err
		return
	}
	if r.before != nil {
		r.before()
	}
	_, r.err = r.w.Write(r.buf.Bytes())
}

// Err returns the first error met while writing the report.
func (r *reporter) Err() error {
	if r == nil {
		return nil
	}
	return r.err
}
