package scancmd

import (
	"github.com/spf13/cobra"

	"github.com/piifilter/caddy-pii-filter/internal/clicmd"
)

// setUp gives a command of this package its help and plain usage errors
// (clicmd.SetUp).
func setUp(cmd *cobra.Command) { clicmd.SetUp(cmd) }

// exitStatus maps an exit status and error to what caddycmd.Main expects,
// printing the error as one plain line (clicmd.Exit).
func exitStatus(cmd *cobra.Command, code int, err error) error { return clicmd.Exit(cmd, code, err) }
