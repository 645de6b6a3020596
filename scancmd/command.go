package scancmd

import (
	"fmt"
	"os"
	"strings"

	caddycmd "github.com/caddyserver/caddy/v2/cmd"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/piifilter/caddy-pii-filter/detect"
)

func init() {
	caddycmd.RegisterCommand(caddycmd.Command{
		Name:  "pii-scan",
		Usage: "[--detect <categories>] [--ignore <categories>] [--mask partial|full|label|hash] [--key-file <file>] [--report <file>] [--format auto|text|markdown|json|ndjson|form|html|xml|multipart [--boundary <b>]] [--check] [--quiet] [<file>...]",
		Short: "Redacts personal information in files or standard input",
		Long: `Reads the given files in order, or standard input when there are none (a file
named "-" also means standard input), and writes the text to standard output
with every piece of personal information replaced by its mask.

Each input is read as its format (--format, or sniffed from its first bytes:
JSON or JSON lines, HTML, XML, otherwise text), the way pii_filter reads a body
of that type: JSON strings with their escapes decoded and keys read too, a
number holding an identifier turned into a string so the output stays valid
JSON; forms, HTML and XML markup, multipart bodies (--format multipart
--boundary B). gzip and zstd files are decompressed, and written out
decompressed. Text (CSS, JavaScript, logs, --format text) is read as a
text/plain body is, escapes, data: URLs, joined arrays, split digits, hex
and base64 decoded, the indented lines of a scalar a YAML key line opens
folded as YAML folds them, and streamed: memory use does not depend on its
size (UTF-16 and UTF-32 text is read whole in its charset). YAML (a file
named .yaml or .yml) is streamed as text, every scalar's indented lines
folded. Markdown (a file named .md or .markdown, --format markdown)
is streamed as text, its soft line breaks read as the spaces a renderer
shows. The other formats are read whole, up to 256 MiB. An input that is
none of these (an image, an archive) is streamed as pii_filter streams an
untyped binary request body, for the name=value fields a form parser
reads in it: fields with personal data are reported (exit 1 with
--check; without it the input is an error, binary is not rewritten), and
one without them is an error, not "nothing found".

--detect and --ignore take comma-separated lists of categories and may be
repeated; by default every category is detected. The categories:

` + categoryHelp() + `

--report writes one JSON line per finding to a file ("-" means standard
error): {"file", "category", "start", "end", "confidence", "evidence",
"masked", "fingerprint"}, where start and end are byte offsets within the
file for text, HTML and XML, and within the decoded piece of text (a JSON
string, a form value) for the other formats. The report never contains the value itself. The fingerprint is a keyed
hash of the normalised value, the same for every spelling of it; the key
comes from --key-file, and without one a random key is used, so fingerprints
then only correlate findings within one run.

--check scans without writing the redacted text, for use in CI. Unless
--quiet is given, a progress line is shown on a terminal for large inputs,
and a one-line summary of the findings is printed to standard error (except
when the report itself goes there).

Exit status:
  0  no personal data found
  1  personal data found (the output is redacted)
  2  usage error or I/O error: a bad flag, an unknown category or mask style,
     an unreadable file or key file, an input of no format pii-scan reads
     (or corrupt compressed data), or a failed write
  3  internal error: scanning an input failed with a panic (a bug); a line on
     standard error names the input, whose output stops where the scan failed;
     the other inputs are still scanned
`,
		CobraFunc: func(cmd *cobra.Command) {
			setUp(cmd)
			fs := cmd.Flags()
			fs.StringSlice("detect", nil, "Categories to detect, comma-separated or repeated (default all)")
			fs.StringSlice("ignore", nil, "Categories not to detect, comma-separated or repeated")
			fs.String("mask", "partial", "Mask style: partial, full, label or hash")
			fs.String("key-file", "", "File holding the fingerprint key (default: a random key, so fingerprints only correlate within one run)")
			fs.String("report", "", `Write one JSON line per finding to this file ("-" for standard error)`)
			fs.Bool("check", false, "Only scan: do not write the redacted text")
			fs.BoolP("quiet", "q", false, "No progress line and no summary")
			fs.String("format", "auto", "How to read inputs: "+formatNames)
			fs.String("boundary", "", "The multipart boundary, with --format multipart")
			cmd.RunE = func(cmd *cobra.Command, _ []string) error {
				code, err := cmdPIIScan(caddycmd.Flags{FlagSet: cmd.Flags()})
				return exitStatus(cmd, code, err)
			}
		},
	})
}

// categoryHelp lists every category the engine knows with what it is, one
// a line, from the engine's registry.
func categoryHelp() string {
	var b strings.Builder
	for _, c := range detect.Categories() {
		// the descriptions are also the README's, in Markdown
		fmt.Fprintf(&b, "  %-12s %s\n", c.Category, strings.ReplaceAll(c.What, "`", ""))
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// cmdPIIScan is the command's function in caddycmd's form: it returns the
// exit status and any error.
func cmdPIIScan(fl caddycmd.Flags) (int, error) {
	opts, err := optionsFromFlags(fl)
	if err != nil {
		return ExitError, err
	}
	// A progress line only makes sense on a terminal, and not when the
	// redacted text is scrolling past on the same one.
	opts.Progress = term.IsTerminal(int(os.Stderr.Fd())) &&
		(opts.Check || !term.IsTerminal(int(os.Stdout.Fd())))
	return Run(opts, fl.Args(), os.Stdin, os.Stdout, os.Stderr)
}

// optionsFromFlags reads the parsed command-line flags.
func optionsFromFlags(fl caddycmd.Flags) (Options, error) {
	detectCats, err := fl.GetStringSlice("detect")
	if err != nil {
		return Options{}, err
	}
	ignoreCats, err := fl.GetStringSlice("ignore")
	if err != nil {
		return Options{}, err
	}
	return Options{
		Detect:   detectCats,
		Ignore:   ignoreCats,
		Mask:     fl.String("mask"),
		KeyFile:  fl.String("key-file"),
		Report:   fl.String("report"),
		Check:    fl.Bool("check"),
		Quiet:    fl.Bool("quiet"),
		Format:   fl.String("format"),
		Boundary: fl.String("boundary"),
	}, nil
}
