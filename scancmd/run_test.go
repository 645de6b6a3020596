package scancmd

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
)

func TestRedactsMobileAndID(t *testing.T) {
	in := "header line\n" + record() + "footer line\n"
	r := run(t, Options{}, nil, in)
	if r.code != ExitFound {
		t.Fatalf("status %d (%v), want %d", r.code, r.err, ExitFound)
	}
	assertRedacted(t, r.stdout, testMobile, testID)
	if !strings.HasPrefix(r.stdout, "header line\n") || !strings.HasSuffix(r.stdout, "footer line\n") {
		t.Errorf("text around the findings changed:\n%s", r.stdout)
	}
	if !strings.Contains(r.stderr, "cn_mobile 1") || !strings.Contains(r.stderr, "cn_id 1") {
		t.Errorf("summary = %q", r.stderr)
	}
}

func TestCleanInput(t *testing.T) {
	in := filler(5000)
	r := run(t, Options{}, nil, in)
	if r.code != ExitClean || r.err != nil {
		t.Fatalf("status %d (%v), want %d", r.code, r.err, ExitClean)
	}
	if r.stdout != in {
		t.Errorf("clean input changed")
	}
	if r.stderr != "" {
		t.Errorf("stderr = %q, want nothing", r.stderr)
	}
}

func TestEmptyInput(t *testing.T) {
	r := run(t, Options{}, nil, "")
	if r.code != ExitClean || r.stdout != "" {
		t.Fatalf("status %d, output %q", r.code, r.stdout)
	}
}

func TestCheckWritesNothing(t *testing.T) {
	r := run(t, Options{Check: true}, nil, record())
	if r.code != ExitFound {
		t.Fatalf("status %d (%v), want %d", r.code, r.err, ExitFound)
	}
	if r.stdout != "" {
		t.Errorf("--check wrote %q", r.stdout)
	}
}

func TestQuiet(t *testing.T) {
	r := run(t, Options{Quiet: true}, nil, record())
	if r.code != ExitFound || r.stderr != "" {
		t.Fatalf("status %d, stderr %q", r.code, r.stderr)
	}
}

func TestDetectAndIgnore(t *testing.T) {
	for _, tc := range []struct {
		name       string
		opts       Options
		gone, kept []string
	}{
		{"detect id", Options{Detect: []string{"cn_id"}}, []string{testID}, []string{testMobile}},
		{"detect mobile", Options{Detect: []string{"CN_MOBILE"}}, []string{testMobile}, []string{testID}},
		{"detect list", Options{Detect: []string{"cn_id,cn_mobile"}}, []string{testID, testMobile}, nil},
		{"detect repeated", Options{Detect: []string{"cn_id", "cn_mobile"}}, []string{testID, testMobile}, nil},
		{"ignore mobile", Options{Ignore: []string{"cn_mobile"}}, []string{testID}, []string{testMobile}},
		{"ignore both", Options{Ignore: []string{"cn_mobile", "cn_id"}}, nil, []string{testID, testMobile}},
		{"detect minus ignore", Options{Detect: []string{"cn_id,cn_mobile"}, Ignore: []string{"cn_id"}}, []string{testMobile}, []string{testID}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, tc.opts, nil, record())
			if r.err != nil {
				t.Fatal(r.err)
			}
			assertRedacted(t, r.stdout, tc.gone...)
			for _, v := range tc.kept {
				if !strings.Contains(r.stdout, v) {
					t.Errorf("%s was redacted although not selected:\n%s", v, r.stdout)
				}
			}
			want := ExitFound
			if len(tc.gone) == 0 {
				want = ExitClean
			}
			if r.code != want {
				t.Errorf("status %d, want %d", r.code, want)
			}
		})
	}
}

func TestUsageErrors(t *testing.T) {
	empty := writeFile(t, "empty.key", "\n")
	for _, tc := range []struct {
		name string
		opts Options
		want []string // substrings of the error
	}{
		{"unknown detect", Options{Detect: []string{"cn_id,bogus_cat"}}, []string{"--detect", `"bogus_cat"`}},
		{"unknown ignore", Options{Ignore: []string{"nope"}}, []string{"--ignore", `"nope"`}},
		{"unknown mask", Options{Mask: "blur"}, []string{"--mask", `"blur"`}},
		{"missing key file", Options{KeyFile: filepath.Join(t.TempDir(), "absent.key")}, []string{"--key-file", "absent.key"}},
		{"empty key file", Options{KeyFile: empty}, []string{"--key-file", "empty"}},
		{"report in missing dir", Options{Report: filepath.Join(t.TempDir(), "no", "r.jsonl")}, []string{"--report"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, tc.opts, nil, record())
			if r.code != ExitError {
				t.Fatalf("status %d, want %d", r.code, ExitError)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.err.Error(), w) {
					t.Errorf("error %q does not mention %s", r.err, w)
				}
			}
			if r.stdout != "" {
				t.Errorf("wrote output despite the usage error: %q", r.stdout)
			}
		})
	}
}

func TestMultipleFiles(t *testing.T) {
	a := writeFile(t, "a.txt", "first\n"+record())
	b := writeFile(t, "b.txt", "nothing here\n")
	stdin := "from stdin " + testMobile + "\n"
	c := writeFile(t, "c.txt", "id "+testID+"\n")
	r := run(t, Options{}, []string{a, b, "-", c}, stdin)
	if r.code != ExitFound {
		t.Fatalf("status %d (%v)", r.code, r.err)
	}
	assertRedacted(t, r.stdout, testMobile, testID)
	order := []string{"first\n", "nothing here\n", "from stdin ", "id "}
	pos := 0
	for _, s := range order {
		i := strings.Index(r.stdout[pos:], s)
		if i < 0 {
			t.Fatalf("output lacks %q after offset %d, or is out of order:\n%s", s, pos, r.stdout)
		}
		pos += i + len(s)
	}
}

func TestUnreadableFile(t *testing.T) {
	good := writeFile(t, "good.txt", record())
	missing := filepath.Join(t.TempDir(), "missing.txt")
	r := run(t, Options{}, []string{missing, good}, "")
	if r.code != ExitError {
		t.Fatalf("status %d, want %d", r.code, ExitError)
	}
	if !strings.Contains(r.err.Error(), "missing.txt") {
		t.Errorf("error %q does not name the file", r.err)
	}
	// The readable file is still processed, and redacted.
	if !strings.Contains(r.stdout, "客户登记") {
		t.Errorf("the readable file was skipped: %q", r.stdout)
	}
	assertRedacted(t, r.stdout, testMobile, testID)

	dir := t.TempDir()
	r = run(t, Options{}, []string{dir}, "")
	if r.code != ExitError || !strings.Contains(r.err.Error(), dir) {
		t.Errorf("directory: status %d, error %v", r.code, r.err)
	}
}

func TestKeyFile(t *testing.T) {
	key := writeFile(t, "fp.key", "0123456789abcdef0123456789abcdef\n")
	fingerprints := func(opts Options) []string {
		t.Helper()
		opts.Report = filepath.Join(t.TempDir(), "r.jsonl")
		r := run(t, opts, nil, record())
		if r.code != ExitFound {
			t.Fatalf("status %d (%v)", r.code, r.err)
		}
		var fps []string
		for _, l := range readReport(t, opts.Report) {
			fps = append(fps, l.Fingerprint)
		}
		return fps
	}
	a, b := fingerprints(Options{KeyFile: key}), fingerprints(Options{KeyFile: key})
	if strings.Join(a, ",") != strings.Join(b, ",") || len(a) == 0 {
		t.Errorf("same key, different fingerprints: %v %v", a, b)
	}
	if c := fingerprints(Options{}); strings.Join(a, ",") == strings.Join(c, ",") {
		t.Errorf("random key gave the fixed key's fingerprints %v", c)
	}
	if _, err := os.Stat(key); err != nil {
		t.Fatal(err)
	}
}

func TestReadError(t *testing.T) {
	stdin := io.MultiReader(strings.NewReader(record()), iotest.ErrReader(errors.New("disk on fire")))
	var out bytes.Buffer
	code, _, err := runReader(t, Options{}, stdin, &out)
	if code != ExitError || err == nil || !strings.Contains(err.Error(), "standard input") || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("status %d, error %v", code, err)
	}
	// What was read before the failure is still written, redacted.
	if !strings.Contains(out.String(), "客户登记") {
		t.Errorf("output = %q", out.String())
	}
	assertRedacted(t, out.String(), testMobile, testID)
}

// failingWriter fails every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteError(t *testing.T) {
	a := writeFile(t, "a.txt", filler(200<<10))
	b := writeFile(t, "b.txt", filler(10))
	var errOut bytes.Buffer
	code, err := Run(Options{}, []string{a, b}, strings.NewReader(""), failingWriter{}, &errOut)
	if code != ExitError || err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("status %d, error %v", code, err)
	}
	if strings.Count(err.Error(), "disk full") != 1 {
		t.Errorf("kept going after the output failed: %v", err)
	}
}
