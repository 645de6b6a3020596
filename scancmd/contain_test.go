package scancmd

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// panicEnv, with mainEnv, makes the child caddy's redactors explode on
// panicTrigger (see TestMain).
const panicEnv = "SCANCMD_TEST_PANIC"

// panicTrigger is the text the exploding redactor panics on.
const panicTrigger = "EXPLODE"

// explodingRedactor panics, with a value quoting its input as an engine
// bug might, when it is given trigger.
type explodingRedactor struct {
	streamRedactor
	trigger string
}

func (r explodingRedactor) Write(p []byte) (int, error) {
	if bytes.Contains(p, []byte(r.trigger)) {
		panic("index out of range in " + string(p))
	}
	return r.streamRedactor.Write(p)
}

// explodeOn makes every redactor explode on trigger, and returns what
// undoes it.
func explodeOn(trigger string) (restore func()) {
	old := newStreamRedactor
	newStreamRedactor = func(e *detect.Engine, w io.Writer, mt string, found func(detect.Finding)) streamRedactor {
		return explodingRedactor{old(e, w, mt, found), trigger}
	}
	return func() { newStreamRedactor = old }
}

func TestPanicInOneInput(t *testing.T) {
	t.Cleanup(explodeOn(panicTrigger))
	dir := t.TempDir()
	files := []string{filepath.Join(dir, "a.txt"), filepath.Join(dir, "bad.txt"), filepath.Join(dir, "c.txt")}
	contents := []string{record(), "ok line\n" + panicTrigger + " " + testID + "\n", record()}
	for i, f := range files {
		if err := os.WriteFile(f, []byte(contents[i]), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	r := run(t, Options{ChunkSize: 16}, files, "")
	if r.code != ExitPanic || r.err != nil {
		t.Fatalf("status %d (%v), want %d and no error", r.code, r.err, ExitPanic)
	}
	want := "pii-scan: " + files[1] + ": internal error (panic) while scanning"
	if !strings.HasPrefix(r.stderr, want) {
		t.Errorf("stderr %q\nwant it to start with %q", r.stderr, want)
	}
	if strings.Contains(r.stderr, testID) || strings.Contains(r.stderr, panicTrigger) {
		t.Errorf("stderr quotes the input: %q", r.stderr)
	}
	// The inputs around the failed one are redacted in full; the failed
	// one stops where the scan failed, raw bytes never follow.
	assertRedacted(t, r.stdout, testID, testMobile)
	if strings.Count(r.stdout, "客户登记") != 2 || strings.Contains(r.stdout, panicTrigger) {
		t.Errorf("stdout %q", r.stdout)
	}
	if !strings.Contains(r.stderr, "cn_id 2") {
		t.Errorf("summary of the other inputs missing: %q", r.stderr)
	}

	// With an unreadable input as well, the panic's status wins and the
	// I/O error is still returned.
	r = run(t, Options{Quiet: true}, []string{files[1], filepath.Join(dir, "missing.txt")}, "")
	if r.code != ExitPanic || r.err == nil || !strings.Contains(r.err.Error(), "missing.txt") {
		t.Errorf("status %d, err %v", r.code, r.err)
	}
	if !strings.HasPrefix(r.stderr, want) {
		t.Errorf("--quiet hid the failure: %q", r.stderr)
	}
}

func TestPanicOnStandardInput(t *testing.T) {
	t.Cleanup(explodeOn(panicTrigger))
	r := run(t, Options{Check: true}, nil, panicTrigger+" "+testMobile+"\n")
	if r.code != ExitPanic || !strings.HasPrefix(r.stderr, "pii-scan: standard input: internal error (panic)") {
		t.Errorf("status %d, stderr %q", r.code, r.stderr)
	}
}

func TestCommandPanicExitStatus(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a child process")
	}
	cmd := exec.Command(os.Args[0], "pii-scan")
	cmd.Env = append(os.Environ(), mainEnv+"=1", panicEnv+"=1")
	cmd.Stdin = strings.NewReader(record() + panicTrigger + " " + testID + "\n")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	ee, ok := errors.AsType[*exec.ExitError](err)
	if !ok || ee.ExitCode() != ExitPanic {
		t.Fatalf("exit %v, want status %d\nstderr: %s", err, ExitPanic, errOut.String())
	}
	const want = "pii-scan: standard input: internal error (panic) while scanning; " +
		"the output of this input stops where the scan failed. This is a bug: please report it.\n"
	if !strings.HasPrefix(errOut.String(), want) || strings.Contains(errOut.String(), testID) {
		t.Errorf("stderr %q\nwant it to start with %q", errOut.String(), want)
	}
	assertRedacted(t, out.String(), testID, testMobile)
}
