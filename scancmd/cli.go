package scancmd

import (
	"errors"
	"fmt"

	"github.com/caddyserver/caddy/v2"
	caddycmd "github.com/caddyserver/caddy/v2/cmd"
	"github.com/spf13/cobra"
)

// helpTemplate is cobra's default help (the long description, then the
// usage and flags) followed by where the command is documented, in place
// of the caddy command's link to Caddy's own documentation.
const helpTemplate = `{{with (or .Long .Short)}}{{. | trimTrailingWhitespaces}}

{{end}}{{if or .Runnable .HasSubCommands}}{{.UsageString}}{{end}}
Documented in caddy-pii-filter's README.md, section "{{.CommandPath}}".
`

// setUp gives a command of this package its help, and makes flag errors
// plain usage errors (exit status 2) that point at the help.
func setUp(cmd *cobra.Command) {
	cmd.DisableFlagsInUseLine = true
	cmd.SetHelpTemplate(helpTemplate)
	cmd.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return exitStatus(cmd, ExitError, fmt.Errorf("%w (see %s --help)", err, cmd.CommandPath()))
	})
}

// errFound makes the process exit with status 1 without printing anything.
var errFound = errors.New("personal data found")

// exitStatus maps an exit status and error to what caddycmd.Main expects
// from a cobra command, and prints the error as one line of plain text on
// standard error, "caddy pii-scan: <error>", rather than as a log entry.
// Statuses above 1 are carried by the error of
// caddycmd.WrapCommandFuncForCobra, called here without the error so that
// it logs nothing; Main exits with 1 for any other error, which is how
// status 1 is reached.
func exitStatus(cmd *cobra.Command, code int, err error) error {
	cmd.SilenceErrors = true // the error, if any, is printed here
	if err != nil {
		fmt.Fprintf(cmd.ErrOrStderr(), "%s: %v\n", cmd.CommandPath(), err)
	}
	switch {
	case code == caddy.ExitCodeSuccess && err == nil:
		return nil
	case code <= ExitFound: // status 1, or an error reported with status 0
		return errFound
	}
	return caddycmd.WrapCommandFuncForCobra(func(caddycmd.Flags) (int, error) {
		return code, nil
	})(cmd, nil)
}
