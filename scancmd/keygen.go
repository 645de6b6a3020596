package scancmd

import (
	"errors"
	"fmt"

	"github.com/caddyserver/caddy/v2"
	caddycmd "github.com/caddyserver/caddy/v2/cmd"
	"github.com/spf13/cobra"

	"github.com/piifilter/caddy-pii-filter/detect"
)

func init() {
	caddycmd.RegisterCommand(caddycmd.Command{
		Name:  "pii-keygen",
		Usage: "<file>",
		Short: "Writes a new random fingerprint key for key_file",
		Long: `Writes a new random fingerprint key to the given file: 64 hexadecimal
digits (256 bits) and a line break, readable and writable by its owner only
(mode 0600). An existing file is never replaced: changing the key makes new
fingerprints stop matching the ones already logged.

Point key_file at the file, in the pii global option (every handler and
matcher) or in one pii_filter, or pass it to caddy pii-scan --key-file, so
that the same value gets the same fingerprint across restarts, servers and
tools. The file must be readable by the user Caddy runs as.

Exit status: 0 the key was written, 2 it was not (a bad argument, an
existing file, a directory that does not exist).`,
		CobraFunc: func(cmd *cobra.Command) {
			setUp(cmd)
			cmd.RunE = func(cmd *cobra.Command, args []string) error {
				if len(args) != 1 {
					return exitStatus(cmd, ExitError, errors.New("needs exactly one argument, the file to create"))
				}
				if err := detect.WriteNewKeyFile(args[0]); err != nil {
					return exitStatus(cmd, ExitError, err)
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "%s: wrote a new fingerprint key to %s\n", cmd.CommandPath(), args[0])
				return exitStatus(cmd, caddy.ExitCodeSuccess, nil)
			}
		},
	})
}
