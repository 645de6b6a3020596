// Command caddy builds a complete Caddy server with the standard modules and
// every module of caddy-pii-filter.
package main

import (
	caddycmd "github.com/caddyserver/caddy/v2/cmd"

	_ "github.com/caddyserver/caddy/v2/modules/standard"
	_ "github.com/piifilter/caddy-pii-filter"
)

func main() {
	caddycmd.Main()
}
