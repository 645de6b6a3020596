// Package protectcmd is the `caddy pii-protect` command: it adds
// identifiers to the protected list of a running Caddy, removes them, or
// checks them, through the admin API's /pii/protected endpoints (the
// admin.api.pii module). Values are read from standard input, one a line,
// never from arguments, which land in shell history and process lists.
package protectcmd
