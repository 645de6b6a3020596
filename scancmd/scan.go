package scancmd

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// The exit statuses of pii-scan.
const (
	ExitClean = 0 // no personal data found
	ExitFound = 1 // personal data found; the output is redacted
	ExitError = 2 // usage error or I/O error
	ExitPanic = 3 // internal error: scanning an input panicked (a bug); its output is incomplete
)

// defaultChunkSize is how much is read from an input at a time.
const defaultChunkSize = 64 << 10

// sniffLen is how much of an input's head decides its format.
const sniffLen = 512

// magicLen is the fewest bytes that tell a compressed input (zstd's magic
// number is the longest).
const magicLen = 4

// peekHead returns the head of an input that decides its format: up to
// sniffLen bytes, but no more than the first read delivers (and at least
// magicLen), so that a slow stream (tail -f) is not held until 512 bytes
// have come.
func peekHead(br *bufio.Reader) []byte {
	_, _ = br.Peek(1) // one read, whatever it delivers
	n := max(magicLen, min(br.Buffered(), sniffLen))
	head, _ := br.Peek(n) // fewer bytes at the end of a short input
	return head
}

// stdinName is the file name that stands for the standard input, on the
// command line and in the report.
const stdinName = "-"

// Run redacts the named files in order, or stdin when files is empty or a
// name is "-", writing the redacted text to stdout (unless opts.Check) and
// the report and progress to the destinations opts names. Memory use does
// not depend on the size of the inputs.
//
// It returns ExitClean, ExitFound or ExitError and, with ExitError, the
// error. An unreadable input does not stop the run: the other inputs are
// still scanned and every failure is in the returned error.
//
// An input whose scan panics does not stop the run either: a plain line
// naming it (never its content) goes to stderr, its output stops where the
// scan failed, and Run returns ExitPanic, whatever else happened, with the
// errors of the other inputs if there were any (nil otherwise).
func Run(opts Options, files []string, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	policy, err := opts.policy()
	if err != nil {
		return ExitError, err
	}
	if _, err := contentType(opts.Format, opts.Boundary, nil); err != nil && opts.Format != "" && opts.Format != "auto" {
		return ExitError, err // a usage error, said once, not once an input
	}
	eng, err := detect.Compile(policy)
	if err != nil {
		return ExitError, err
	}
	if len(files) == 0 {
		files = []string{stdinName}
	}
	chunk := opts.ChunkSize
	if chunk <= 0 {
		chunk = defaultChunkSize
	}

	s := &scanner{eng: eng, buf: make([]byte, chunk), counts: make(map[detect.Category]int),
		check: opts.Check, format: opts.Format, boundary: opts.Boundary}
	if opts.Progress && !opts.Quiet {
		s.prog = newProgress(stderr, nil)
	}

	var reportFile *os.File
	var reportBuf *bufio.Writer
	switch opts.Report {
	case "":
	case "-":
		s.rep = newReporter(stderr, s.prog.clear)
	default:
		if reportFile, err = os.OpenFile(opts.Report, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600); err != nil {
			return ExitError, fmt.Errorf("--report: %w", err)
		}
		reportBuf = bufio.NewWriter(reportFile)
		s.rep = newReporter(reportBuf, nil)
	}

	s.out = io.Discard
	if !opts.Check {
		s.outBuf = bufio.NewWriterSize(stdout, defaultChunkSize)
		s.out = s.outBuf
	}

	var errs []error
	outputFailed, panicked := false, false
	for _, name := range files {
		err := s.scanContained(name, stdin)
		if err == nil {
			continue
		}
		if _, ok := errors.AsType[scanPanic](err); ok {
			panicked = true
			s.prog.clear()
			fmt.Fprintln(stderr, err)
			continue
		}
		errs = append(errs, err)
		var oe outputError
		if errors.As(err, &oe) {
			outputFailed = true
			break // the output is broken; further inputs cannot be written
		}
	}

	if s.outBuf != nil && !outputFailed {
		if err := s.outBuf.Flush(); err != nil {
			errs = append(errs, fmt.Errorf("writing output: %w", err))
		}
	}
	if reportFile != nil {
		if err := reportBuf.Flush(); err != nil {
			errs = append(errs, fmt.Errorf("writing report %s: %w", opts.Report, err))
		}
		if err := reportFile.Close(); err != nil {
			errs = append(errs, fmt.Errorf("writing report %s: %w", opts.Report, err))
		}
	}
	s.prog.clear()
	if s.findings > 0 && !opts.Quiet && opts.Report != "-" {
		fmt.Fprintln(stderr, s.summary())
	}

	switch {
	case panicked:
		return ExitPanic, errors.Join(errs...)
	case len(errs) > 0:
		return ExitError, errors.Join(errs...)
	case s.findings > 0:
		return ExitFound, nil
	}
	return ExitClean, nil
}

// outputError is a failure to write the redacted text or the report, as
// opposed to a failure to read an input.
type outputError struct{ err error }

func (e outputError) Error() string { return e.err.Error() }
func (e outputError) Unwrap() error { return e.err }

// scanner holds the state shared by the inputs of one run.
type scanner struct {
	eng      *detect.Engine
	out      io.Writer     // where the redactor writes
	outBuf   *bufio.Writer // buffers out (when not io.Discard), flushed once per chunk
	rep      *reporter
	prog     *progress
	buf      []byte // the read buffer, reused for every input
	check    bool   // Scan mode: no output
	format   string // --format
	boundary string // --boundary

	bytes    int64
	findings int
	counts   map[detect.Category]int
}

// scanFile streams one input through a fresh redactor, so offsets in the
// report count from the start of that input.
func (s *scanner) scanFile(name string, stdin io.Reader) error {
	r := stdin
	if name != stdinName {
		f, err := os.Open(name)
		if err != nil {
			return err // *PathError names the file
		}
		defer f.Close()
		r = f
	}

	found := func(f detect.Finding) {
		s.findings++
		s.counts[f.Category]++
		s.rep.add(name, f)
	}
	br := bufio.NewReaderSize(r, defaultChunkSize)
	head := peekHead(br)
	code := coding(head)
	var whole []byte
	if code != "" {
		var err error
		if whole, err = readWhole(name, br, code, "a "+code+" file"); err != nil {
			return err
		}
		head = whole[:min(len(whole), sniffLen)]
	}
	ct, err := contentType(s.format, s.boundary, head)
	if errors.Is(err, errBinary) {
		var src io.Reader = br
		if whole != nil {
			src = bytes.NewReader(whole)
		}
		return s.scanBinary(name, src, found)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", displayName(name), err)
	}
	if ct == "" && (s.format == "" || s.format == "auto") && markdownName(name) {
		ct = markdownType // README.md: its soft breaks are spaces on the screen
	}
	if ct == "" && (s.format == "" || s.format == "auto") && yamlName(name) {
		ct = yamlType // config.yaml: its scalars' indented lines fold
	}
	wide := streamed(ct) && whole == nil && wideText(head)
	if wide {
		ct = wideTextType // read whole in its charset, as the handler reads such a body
	}
	if !streamed(ct) || whole != nil {
		if ct == "" {
			ct = "text/plain"
		}
		if whole == nil {
			what := ct
			if wide {
				what = wideTextName
			}
			if whole, err = readWhole(name, br, "", what); err != nil {
				return err
			}
		}
		return s.scanStructured(name, whole, ct, found)
	}
	r = br

	if ct == "" {
		ct = "text/plain"
	}
	sr := newStreamRedactor(s.eng, s.out, ct, found)
	for {
		n, rerr := r.Read(s.buf)
		if n > 0 {
			if _, err := sr.Write(s.buf[:n]); err != nil {
				return outputError{fmt.Errorf("writing output: %w", err)}
			}
			// Flushing per chunk keeps a slow stream (tail -f) moving: the
			// buffer only merges the redactor's small writes.
			if s.outBuf != nil {
				if err := s.outBuf.Flush(); err != nil {
					return outputError{fmt.Errorf("writing output: %w", err)}
				}
			}
			if err := s.rep.Err(); err != nil {
				return outputError{fmt.Errorf("writing report: %w", err)}
			}
			s.bytes += int64(n)
			s.prog.update(s.bytes, s.findings)
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			// Emit what was read so far, then give up on this input.
			if err := sr.Close(); err != nil {
				return outputError{fmt.Errorf("writing output: %w", err)}
			}
			if name == stdinName {
				return fmt.Errorf("reading standard input: %w", rerr)
			}
			return rerr // *PathError names the file
		}
	}
	if err := sr.Close(); err != nil {
		return outputError{fmt.Errorf("writing output: %w", err)}
	}
	if err := s.rep.Err(); err != nil {
		return outputError{fmt.Errorf("writing report: %w", err)}
	}
	return nil
}

// summary is the closing line: how many findings of each category.
func (s *scanner) summary() string {
	var parts []string
	for _, c := range detect.AllCategories {
		if n := s.counts[c]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", c, n))
		}
	}
	word := "findings"
	if s.findings == 1 {
		word = "finding"
	}
	return fmt.Sprintf("pii-scan: %d %s (%s)", s.findings, word, strings.Join(parts, ", "))
}
