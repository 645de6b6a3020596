// Package scancmd adds the "caddy pii-scan" subcommand, which redacts
// personal information in files or standard input and reports what it
// found, and "caddy pii-keygen", which writes a new fingerprint key file.
// Both print their errors as one line of plain text on standard error.
//
// Importing the package (usually as a blank import in the caddy main
// package) registers the commands. The work is done by Run, which takes its
// options and standard streams as arguments so that it can be driven
// without a process or a terminal.
package scancmd
