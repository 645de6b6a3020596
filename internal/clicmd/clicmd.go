// Package clicmd gives the project's caddy subcommands (pii-scan,
// pii-keygen, pii-protect) one way to print help and errors: help that
// starts with its text and ends with where it is documented, and errors as
// one plain line on standard error, "caddy <command>: <error>", with the
// command's exit status, rather than as a log entry.
package clicmd

import (
	"errors"
	"fmt"

	"github.com/caddyserver/caddy/v2"
	caddycmd "github.com/caddyserver/caddy/v2/cmd"
	"github.com/spf13/cobra"
)

// The exit statuses the commands share.
const (
	ExitOK    = 0 // success
	ExitFound = 1 // the command's negative answer (pii-scan found data, pii-protect check found a value unprotected)
	ExitError = 2 // usage errors and failures
)

// helpTemplate is cobra's default help (the long description, then the
// usage and flags) followed by where the command is documented, in place
// of the caddy command's link to Caddy's own documentation.
const helpTemplate = `{{with (or .Long .Short)}}{{. | trimTrailingWhitespaces}}

{{end}}{{if or .Runnable .HasSubCommands}}{{.UsageString}}{{end}}
Documented in caddy-pii-filter's README.md, section "{{.CommandPath}}".
`

// SetUp gives a command its help, and makes flag and argument errors plain
// usage errors (exit status 2) that point at the help.
func SetUp(cmd *cobra.Command) {
	cmd.DisableFlagsInUseLine = true
	cmd.SetHelpTemplate(helpTemplate)
	cmd.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return Exit(cmd, ExitError, fmt.Errorf("%w (see %s --help)", err, cmd.CommandPath()))
	})
	if args := cmd.Args; args != nil {
		cmd.Args = func(cmd *cobra.Command, a []string) error {
			if err := args(cmd, a); err != nil {
				return Exit(cmd, ExitError, fmt.Errorf("%w (see %s --help)", err, cmd.CommandPath()))
			}
			return nil
		}
	}
}

// errNegative makes the process exit with status 1 without printing
// anything more.
var errNegative = errors.New("negative answer")

// Exit maps an exit status and error to what caddycmd.Main expects from a
// cobra command, printing the error, if any, as one line of plain text on
// standard error. Statuses above 1 are carried by the error of
// caddycmd.WrapCommandFuncForCobra, called here without the error so that
// it logs nothing; Main exits with 1 for any other error, which is how
// status 1 is reached.
func Exit(cmd *cobra.Command, code int, err error) error {
	cmd.SilenceErrors = true // the error, if any, is printed here
	cmd.SilenceUsage = true
	if err != nil {
		fmt.Fprintf(cmd.ErrOrStderr(), "%s: %v\n", cmd.CommandPath(), err)
	}
	switch {
	case code == caddy.ExitCodeSuccess && err == nil:
		return nil
	case code <= ExitFound: // status 1, or an error reported with status 0
		return errNegative
	}
	return caddycmd.WrapCommandFuncForCobra(func(caddycmd.Flags) (int, error) {
		return code, nil
	})(cmd, nil)
}
