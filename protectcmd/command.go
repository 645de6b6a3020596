package protectcmd

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	caddycmd "github.com/caddyserver/caddy/v2/cmd"
	"github.com/spf13/cobra"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/clicmd"
)

func init() {
	caddycmd.RegisterCommand(caddycmd.Command{
		Name:  "pii-protect",
		Usage: "add|remove|check [--category <category>] [--address <interface>] [--config <path> [--adapter <name>]]",
		Short: "Protects identifiers (read from standard input) on a running Caddy",
		Long: `Reads identifiers from standard input, one a line, and sends them to the
admin API of a running Caddy (the pii app's /pii/protected endpoints):

  add     protect them: every pii_filter refuses a body holding one, in any
          spelling, whatever its action; with a shared store (Redis) on every
          instance of the fleet within a second
  remove  protect them no more
  check   say, value by value (numbered from 1, blank lines not counted),
          whether each is protected

Values are never taken from arguments, which land in shell history. Only a
keyed fingerprint of each value is sent on by Caddy to its store, and
nothing of the value is printed. --category names the category of every
value (cn_mobile, cn_id, bank_card, email, …); without it the category of
each is detected. Blank lines are skipped.

The admin API is found as for caddy reload: --address, or the admin
address of the config given by --config and --adapter, or the default.

Exit status: 0 on success (check: every value protected), 1 when check
finds a value not protected, 2 on an error.
`,
		CobraFunc: func(cmd *cobra.Command) {
			cmd.Args = cobra.ExactArgs(1)
			defer clicmd.SetUp(cmd)
			fs := cmd.Flags()
			fs.String("category", "", "Category of every value (default: detected for each)")
			fs.String("address", "", "The address of Caddy's admin API")
			fs.StringP("config", "c", "", "Configuration file naming the admin address")
			fs.StringP("adapter", "a", "", "Name of the config adapter to use")
			cmd.RunE = func(cmd *cobra.Command, _ []string) error {
				code, err := run(caddycmd.Flags{FlagSet: cmd.Flags()}, os.Stdin, os.Stdout)
				return clicmd.Exit(cmd, code, err) // check's lines said which value is not protected
			}
		},
	})
}

// The exit statuses.
const (
	exitOK           = 0
	exitUnprotected  = 1
	exitError        = 2
	maxValuesPerCall = 10_000 // the admin API's limit
)

// run is the command: it reads the values, calls the admin API and
// prints the answer.
func run(fl caddycmd.Flags, stdin io.Reader, stdout io.Writer) (int, error) {
	verb := fl.Arg(0)
	if verb != "add" && verb != "remove" && verb != "check" {
		// not quoted back: a value typed where the action goes must not
		// reach the terminal's scrollback or a wrapper's log
		return exitError, errors.New("unknown action (valid: add, remove, check)")
	}
	category := fl.String("category")
	if category != "" {
		c, err := detect.ParseCategory(category)
		if err != nil {
			return exitError, fmt.Errorf("--category: unknown (valid: %s)", detect.CategoryNames())
		}
		category = string(c)
	}
	values, err := readValues(stdin)
	if err != nil {
		return exitError, err
	}
	addr, err := adminAddress(fl)
	if err != nil {
		return exitError, err
	}
	return call(addr, verb, category, values, stdout)
}

// readValues reads one value a line, skipping blank lines.
func readValues(r io.Reader) ([]string, error) {
	var values []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 4096), 64<<10)
	for sc.Scan() {
		if v := strings.TrimSpace(sc.Text()); v != "" {
			values = append(values, v)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading standard input: %w", err)
	}
	if len(values) == 0 {
		return nil, errors.New("no values on standard input (one a line)")
	}
	if len(values) > maxValuesPerCall {
		return nil, fmt.Errorf("%d values: at most %d a call", len(values), maxValuesPerCall)
	}
	return values, nil
}

// adminAddress finds the admin API as caddy reload does.
func adminAddress(fl caddycmd.Flags) (string, error) {
	var cfg []byte
	var file string
	if configFlag := fl.String("config"); configFlag != "" {
		var err error
		if cfg, file, _, err = caddycmd.LoadConfig(configFlag, fl.String("adapter")); err != nil {
			return "", fmt.Errorf("%w", err)
		}
	}
	addr, err := caddycmd.DetermineAdminAPIAddress(fl.String("address"), cfg, file, fl.String("adapter"))
	if err != nil {
		return "", fmt.Errorf("admin API address: %w", err)
	}
	return addr, nil
}

// call sends the values to the admin API and prints its answer.
func call(addr, verb, category string, values []string, stdout io.Writer) (int, error) {
	body, err := json.Marshal(map[string]any{"values": values, "category": category})
	if err != nil {
		return exitError, err
	}
	method, uri := http.MethodPost, "/pii/protected"
	switch verb {
	case "remove":
		method = http.MethodDelete
	case "check":
		uri = "/pii/protected/check"
	}
	resp, err := caddycmd.AdminAPIRequest(addr, method, uri, nil, bytes.NewReader(body))
	if err != nil {
		return exitError, fmt.Errorf("%w", err)
	}
	defer resp.Body.Close()
	var answer struct {
		Added     *int   `json:"added"`
		Removed   *int   `json:"removed"`
		Protected []bool `json:"protected"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&answer); err != nil {
		return exitError, fmt.Errorf("reading the admin API's answer: %w", err)
	}
	switch {
	case answer.Added != nil:
		fmt.Fprintf(stdout, "%d of %d values added to the protected list\n", *answer.Added, len(values))
	case answer.Removed != nil:
		fmt.Fprintf(stdout, "%d of %d values removed from the protected list\n", *answer.Removed, len(values))
	case len(answer.Protected) == len(values):
		code := exitOK
		for i, p := range answer.Protected {
			state := "protected"
			if !p {
				state, code = "not protected", exitUnprotected
			}
			fmt.Fprintf(stdout, "value %d: %s\n", i+1, state)
		}
		return code, nil
	default:
		return exitError, errors.New("unexpected answer from the admin API")
	}
	return exitOK, nil
}
