// Package caddyfileargs holds the small Caddyfile parsing helpers the
// project's modules share.
package caddyfileargs

import "github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"

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
