package scancmd

import (
	"fmt"
	"strings"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// Options are the settings of one pii-scan run, as given on the command
// line.
type Options struct {
	// Detect lists the categories to detect; empty means all. Each entry
	// may itself be a comma-separated list.
	Detect []string
	// Ignore lists categories to leave alone, in the same form as Detect.
	Ignore []string
	// Mask is the mask style name (partial, full, label or hash); empty
	// means partial.
	Mask string
	// KeyFile names a file holding the fingerprint key; empty means a
	// random key for this run.
	KeyFile string
	// Report names the file that receives one JSON line per finding; "-"
	// means the standard error stream and empty means no report.
	Report string
	// Check scans without writing the redacted text.
	Check bool
	// Quiet suppresses the progress line and the closing summary.
	Quiet bool
	// Progress allows a progress line on the standard error stream; the
	// command sets it when that stream is a terminal.
	Progress bool
	// ChunkSize is how many bytes are read at a time; 0 means 64 KiB.
	ChunkSize int
	// Format is how inputs are read: auto (or empty: sniffed from each
	// input), text, json, ndjson, form, html, xml or multipart.
	Format string
	// Boundary is the multipart boundary, for Format multipart.
	Boundary string
}

// policy turns the options into an engine policy, reading the key file.
func (o Options) policy() (detect.Policy, error) {
	var p detect.Policy
	var err error
	if p.Categories, err = parseCategories("--detect", o.Detect); err != nil {
		return p, err
	}
	if p.Ignore, err = parseCategories("--ignore", o.Ignore); err != nil {
		return p, err
	}
	if p.Mask, err = detect.ParseMaskStyle(o.Mask); err != nil {
		return p, fmt.Errorf("--mask: %w", err)
	}
	if o.KeyFile != "" {
		if p.FingerprintKey, err = detect.ReadKeyFile(o.KeyFile); err != nil {
			return p, fmt.Errorf("--key-file: %w", err)
		}
	}
	return p, nil
}

// parseCategories parses flag values that may be repeated and may hold
// comma-separated lists. Empty items are skipped.
func parseCategories(flag string, values []string) ([]detect.Category, error) {
	var cats []detect.Category
	for _, v := range values {
		for name := range strings.SplitSeq(v, ",") {
			if strings.TrimSpace(name) == "" {
				continue
			}
			c, err := detect.ParseCategory(name)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", flag, err)
			}
			cats = append(cats, c)
		}
	}
	return cats, nil
}
