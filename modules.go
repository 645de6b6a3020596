// Package piifilter pulls in every Caddy module of caddy-pii-filter: the
// pii_filter handler, the pii request matcher, the pii log filter and the
// pii-scan, pii-keygen and pii-protect commands, the pii app of the global
// options and its admin API (admin.api.pii). Import it (or build with
// xcaddy, see the README's Building section) to get them all.
package piifilter

import (
	// the modules register themselves with Caddy when imported
	_ "github.com/piifilter/caddy-pii-filter/caddymodule"
	_ "github.com/piifilter/caddy-pii-filter/logfilter"
	_ "github.com/piifilter/caddy-pii-filter/matcher"
	_ "github.com/piifilter/caddy-pii-filter/piiapp"
	_ "github.com/piifilter/caddy-pii-filter/protectcmd"
	_ "github.com/piifilter/caddy-pii-filter/scancmd"
)
