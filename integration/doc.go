// Package integration runs the project's modules (the pii_filter handler,
// the pii matcher and the pii log filter) inside a real Caddy.
//
// Its tests start Caddy in the test process with caddytest, load Caddyfile
// configurations through the admin API (localhost:2999) and send requests
// through reverse_proxy to upstreams that are httptest servers. They cover
// what only the whole server shows: every body format in both directions,
// compressed bodies, server-sent events, WebSocket messages (with a real
// WebSocket upstream), refusals and handle_errors, the headers of
// rewritten responses, and bodies the filter must not touch (HEAD, 204,
// 304, binary parts).
//
// The package also holds golden adapt tests of the Caddyfile syntax
// (testdata/*.caddyfiletest: a Caddyfile, a line of ten dashes, the JSON it
// adapts to or the error it gives) and tests of every file in
// caddyfile-examples/.
//
// Caddy has one admin endpoint per process, so every caddytest test lives
// in this one package and none runs in parallel. The test data is
// synthetic, from internal/synth.
//
//	go test -race ./integration/
package integration
