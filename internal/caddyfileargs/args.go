// Package caddyfileargs holds the small Caddyfile parsing helpers the
// project's modules share.
package caddyfileargs

import (
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
	"github.com/dustin/go-humanize"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// One returns the single argument of the current subdirective, or the
// dispenser's argument error when there is none or more than one.
func One(d *caddyfile.Dispenser) (string, error) {
	if !d.NextArg() {
		return "", d.ArgErr()
	}
	v := d.Val()
	if d.NextArg() {
		return "", d.ArgErr()
	}
	return v, nil
}

// Categories reads the remaining arguments of the current subdirective as
// category names; there must be at least one. Errors are prefixed with
// name, such as "pii_filter detect".
func Categories(d *caddyfile.Dispenser, name string) ([]detect.Category, error) {
	args := d.RemainingArgs()
	if len(args) == 0 {
		return nil, d.ArgErr()
	}
	cats := make([]detect.Category, 0, len(args))
	for _, a := range args {
		c, err := detect.ParseCategory(a)
		if err != nil {
			return nil, d.Errf("%s: %v", name, err)
		}
		cats = append(cats, c)
	}
	return cats, nil
}

// Size reads the single argument of the current subdirective as a positive
// size such as 8MiB or 512KB; the error names the subdirective (name) and
// gives example as a valid spelling.
func Size(d *caddyfile.Dispenser, name, example string) (int64, error) {
	v, err := One(d)
	if err != nil {
		return 0, err
	}
	size, err := humanize.ParseBytes(v)
	if err != nil || size == 0 || size > 1<<62 {
		return 0, d.Errf("%s: %q is not a size such as %s or 512KB", name, v, example)
	}
	return int64(size), nil
}
