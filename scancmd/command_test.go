package scancmd

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	caddycmd "github.com/caddyserver/caddy/v2/cmd"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// mainEnv, when set, makes the test binary act as the caddy command, so the
// tests can check the real exit statuses through caddycmd.Main.
const mainEnv = "SCANCMD_TEST_AS_CADDY"

func TestMain(m *testing.M) {
	if os.Getenv(mainEnv) == "1" {
		if os.Getenv(panicEnv) == "1" {
			explodeOn(panicTrigger)
		}
		caddycmd.Main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// runCaddy runs "caddy args..." in a child process and returns its exit
// status, standard output and standard error.
func runCaddy(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), mainEnv+"=1")
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := errors.AsType[*exec.ExitError](err); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, out.String(), errOut.String()
}

func TestRegistered(t *testing.T) {
	c, ok := caddycmd.Commands()["pii-scan"]
	if !ok {
		t.Fatal("pii-scan is not registered")
	}
	for _, s := range []string{"Exit status", "0  no personal data", "1  personal data found", "2  usage error", "3  internal error", "random key"} {
		if !strings.Contains(c.Long, s) {
			t.Errorf("help does not mention %q", s)
		}
	}
	// the help lists the categories by hand: it must keep up with the engine
	for _, cat := range detect.AllCategories {
		if !strings.Contains(c.Long, string(cat)) {
			t.Errorf("help does not list the category %s", cat)
		}
	}
}

func TestCommandExitStatus(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	missing := filepath.Join(t.TempDir(), "missing.txt")
	for _, tc := range []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stdout string   // substring, or "" for any
		stderr []string // substrings
		absent []string // not in stdout
	}{
		{name: "clean", stdin: "hello\n", code: 0, stdout: "hello\n"},
		{name: "found", stdin: record(), code: 1, absent: []string{testMobile, testID}, stderr: []string{"cn_mobile 1"}},
		{name: "check", stdin: record(), args: []string{"--check"}, code: 1, absent: []string{"客户"}},
		{name: "repeated detect", stdin: record(), args: []string{"--detect", "cn_id", "--detect=cn_mobile"}, code: 1, absent: []string{testMobile, testID}},
		{name: "detect one", stdin: record(), args: []string{"--detect", "cn_id"}, code: 1, stdout: testMobile, absent: []string{testID}},
		{name: "detect list", stdin: record(), args: []string{"--detect", "cn_id,cn_mobile", "--mask", "label"}, code: 1, stdout: "[CN_ID]", absent: []string{testMobile, testID}},
		{name: "ignore", stdin: record(), args: []string{"--ignore", "cn_id", "--ignore", "cn_mobile"}, code: 0, stdout: testID},
		{name: "unknown category", stdin: record(), args: []string{"--detect", "bogus"}, code: 2, stderr: []string{"bogus"}},
		{name: "unknown flag", stdin: record(), args: []string{"--bogus-flag"}, code: 2, stderr: []string{"caddy pii-scan: unknown flag: --bogus-flag", "--help"}},
		{name: "bad mask", stdin: record(), args: []string{"--mask", "smudge"}, code: 2, stderr: []string{"smudge"}},
		{name: "missing file", args: []string{missing}, code: 2, stderr: []string{"caddy pii-scan: open " + missing}},
		{name: "report", stdin: record(), args: []string{"--report", "-", "-q"}, code: 1, stderr: []string{`"category":"cn_id"`}},
		{name: "help", args: []string{"--help"}, code: 0, stdout: "Exit status"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCaddy(t, tc.stdin, append([]string{"pii-scan"}, tc.args...)...)
			if code != tc.code {
				t.Errorf("exit status %d, want %d\nstderr: %s", code, tc.code, stderr)
			}
			if !strings.Contains(stdout, tc.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tc.stdout, stdout)
			}
			for _, s := range tc.stderr {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr)
				}
			}
			if strings.Contains(stderr, `"level"`) {
				t.Errorf("stderr holds a log entry, not plain text:\n%s", stderr)
			}
			for _, s := range tc.absent {
				if strings.Contains(stdout, s) {
					t.Errorf("stdout contains %q:\n%s", s, stdout)
				}
			}
		})
	}
}

// TestHelpListsEveryCategory checks that the command's help names every
// category of the engine's registry.
func TestHelpListsEveryCategory(t *testing.T) {
	help := categoryHelp()
	for _, c := range detect.AllCategories {
		if !strings.Contains(help, "  "+string(c)+" ") {
			t.Errorf("help does not list %s:\n%s", c, help)
		}
	}
}

// TestHelp: the help starts with its first line of text, not a blank one,
// and ends by saying where the command is documented, not with a link to
// Caddy's documentation, which does not describe it.
func TestHelp(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	for _, name := range []string{"pii-scan", "pii-keygen"} {
		code, stdout, stderr := runCaddy(t, "", name, "--help")
		if code != 0 || stderr != "" {
			t.Errorf("%s --help: status %d, stderr %q", name, code, stderr)
		}
		if strings.HasPrefix(stdout, "\n") || strings.HasPrefix(stdout, " ") {
			t.Errorf("%s --help starts with a blank: %q", name, stdout[:min(len(stdout), 40)])
		}
		if !strings.HasSuffix(stdout, "section \"caddy "+name+"\".\n") || strings.Contains(stdout, "caddyserver.com") {
			t.Errorf("%s --help does not end with its documentation:\n%s", name, stdout)
		}
	}
}

func TestKeygenCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	name := filepath.Join(t.TempDir(), "pii.key")
	code, stdout, stderr := runCaddy(t, "", "pii-keygen", name)
	if code != 0 || stdout != "" || !strings.Contains(stderr, name) {
		t.Fatalf("status %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	key, err := detect.ReadKeyFile(name)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{name}, "caddy pii-keygen: open " + name + ": file exists"},
		{nil, "caddy pii-keygen: needs exactly one argument"},
		{[]string{"a.key", "b.key"}, "caddy pii-keygen: needs exactly one argument"},
		{[]string{"--size", "8", "c.key"}, "caddy pii-keygen: unknown flag: --size"},
	} {
		code, _, stderr := runCaddy(t, "", append([]string{"pii-keygen"}, tc.args...)...)
		if code != ExitError || !strings.HasPrefix(stderr, tc.stderr) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%q: status %d, stderr %q", tc.args, code, stderr)
		}
	}
	if again, _ := detect.ReadKeyFile(name); !bytes.Equal(again, key) {
		t.Error("the existing key changed")
	}
}
