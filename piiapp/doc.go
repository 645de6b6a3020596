// Package piiapp is the pii app of Caddy's global options (JSON: apps.pii):
// the state of caddy-pii-filter that belongs to the whole process rather
// than to one handler — the fingerprint key shared by every pii_filter
// handler and pii matcher, the memory budget that bounds what all of them
// hold for inspection together, the protected list (identifiers every
// pii_filter refuses, kept as keyed fingerprints in a store: memory, or
// Redis shared by a fleet, and looked up locally), campaign detection
// (distinct clients posting one identifier within a window), and the
// admin API (admin.api.pii) through which a report intake protects
// someone.
//
// Handlers and matchers reach it with Get, which instantiates an empty app
// (all defaults) when the configuration has none; the admin API reaches
// the running configuration's app with Current.
package piiapp
