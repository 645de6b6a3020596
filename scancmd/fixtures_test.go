package scancmd

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testMobile is a synthetic mainland mobile number: "139" and eight digits.
var testMobile = "139" + fmt.Sprintf("%08d", 41726358)

// testID is a synthetic 18-digit resident ID with a correct check digit.
var testID = withCheckDigit("110101" + "19900307" + "123")

// withCheckDigit appends the ISO 7064 MOD 11-2 check character to the 17
// digits of a resident ID.
func withCheckDigit(body string) string {
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(body[i]-'0') * w
	}
	return body + string("10X98765432"[sum%11])
}

func TestWithCheckDigit(t *testing.T) {
	// The example from GB 11643-1999.
	if got := withCheckDigit("11010519491231002"); got != "11010519491231002X" {
		t.Fatalf("withCheckDigit = %s", got)
	}
	if len(testID) != 18 || len(testMobile) != 11 {
		t.Fatalf("bad fixtures %q %q", testID, testMobile)
	}
}

// record is a line of text with both synthetic values and label words.
func record() string {
	return "客户登记：手机 " + testMobile + "，身份证号 " + testID + "。\n"
}

// filler returns n bytes of text that holds no personal data and ends in
// a line break.
func filler(n int) string {
	const line = "the quick brown fox jumps over the lazy dog.\n"
	s := strings.Repeat(line, n/len(line)+1)[:n]
	if n > 0 {
		s = s[:n-1] + "\n"
	}
	return s
}

// result is what one run of Run produced.
type result struct {
	code           int
	err            error
	stdout, stderr string
}

// run calls Run with in-memory streams.
func run(t *testing.T, opts Options, files []string, stdin string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code, err := Run(opts, files, strings.NewReader(stdin), &out, &errOut)
	if code != ExitPanic && (code == ExitError) != (err != nil) {
		t.Fatalf("Run returned status %d with error %v", code, err)
	}
	return result{code, err, out.String(), errOut.String()}
}

// runReader is run with an arbitrary standard input and output.
func runReader(t *testing.T, opts Options, stdin io.Reader, stdout io.Writer) (code int, stderr string, err error) {
	t.Helper()
	var errOut bytes.Buffer
	code, err = Run(opts, nil, stdin, stdout, &errOut)
	return code, errOut.String(), err
}

// writeFile creates a file in a test directory and returns its name.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// assertRedacted fails if out still holds any of the raw values.
func assertRedacted(t *testing.T, out string, values ...string) {
	t.Helper()
	for _, v := range values {
		if strings.Contains(out, v) {
			t.Errorf("output still contains %q:\n%s", v, out)
		}
	}
}
