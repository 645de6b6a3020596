// Package piiapp is the pii app of Caddy's global options (JSON: apps.pii):
// the state of caddy-pii-filter that belongs to the whole process rather
// than to one handler — the fingerprint key shared by every pii_filter
// handler and pii matcher, and the memory budget that bounds what all of
// them hold for inspection together.
//
// Handlers and matchers reach it with Get, which instantiates an empty app
// (all defaults) when the configuration has none.
package piiapp
