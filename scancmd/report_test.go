package scancmd

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readReport parses a report file, failing on any line that is not a JSON
// object with exactly the documented fields or that leaks a raw value.
func readReport(t *testing.T, name string) []reportLine {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return parseReport(t, string(data))
}

func parseReport(t *testing.T, data string) []reportLine {
	t.Helper()
	want := []string{"category", "confidence", "end", "evidence", "file", "fingerprint", "masked", "start"}
	var lines []reportLine
	for _, line := range strings.Split(strings.TrimSuffix(data, "\n"), "\n") {
		if line == "" {
			continue
		}
		for _, v := range []string{testMobile, testID} {
			if strings.Contains(line, v) {
				t.Errorf("report line contains the raw value %s: %s", v, line)
			}
		}
		var fields map[string]json.RawMessage
		if err := json.Unmarshal([]byte(line), &fields); err != nil {
			t.Fatalf("report line is not JSON: %v: %s", err, line)
		}
		for _, k := range want {
			if _, ok := fields[k]; !ok {
				t.Errorf("report line lacks %q: %s", k, line)
			}
		}
		if len(fields) != len(want) {
			t.Errorf("report line has %d fields, want %d: %s", len(fields), len(want), line)
		}
		var l reportLine
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&l); err != nil {
			t.Fatalf("report line: %v: %s", err, line)
		}
		if l.Evidence == nil {
			t.Errorf("evidence is null, want a list: %s", line)
		}
		lines = append(lines, l)
	}
	return lines
}

func TestReportFile(t *testing.T) {
	in := filler(300) + record() + filler(200)
	src := writeFile(t, "input.txt", in)
	report := filepath.Join(t.TempDir(), "report.jsonl")
	r := run(t, Options{Report: report}, []string{src}, "")
	if r.code != ExitFound {
		t.Fatalf("status %d (%v)", r.code, r.err)
	}
	lines := readReport(t, report)
	got := map[string]reportLine{}
	for _, l := range lines {
		got[l.Category] = l
		if l.File != src {
			t.Errorf("file = %q, want %q", l.File, src)
		}
		if l.Confidence <= 0 || l.Confidence > 1 {
			t.Errorf("confidence %v out of range", l.Confidence)
		}
		if l.Masked == "" || l.Fingerprint == "" {
			t.Errorf("empty masked or fingerprint: %+v", l)
		}
	}
	for cat, value := range map[string]string{"cn_mobile": testMobile, "cn_id": testID} {
		l, ok := got[cat]
		if !ok {
			t.Errorf("no %s finding in %+v", cat, lines)
			continue
		}
		if l.Start < 0 || l.End > len(in) || in[l.Start:l.End] != value {
			t.Errorf("%s offsets [%d,%d) do not locate %s", cat, l.Start, l.End, value)
		}
	}
}

func TestReportToStderr(t *testing.T) {
	r := run(t, Options{Report: "-"}, nil, record())
	if r.code != ExitFound {
		t.Fatalf("status %d (%v)", r.code, r.err)
	}
	lines := parseReport(t, r.stderr) // also proves no summary line is mixed in
	if len(lines) < 2 {
		t.Fatalf("%d report lines on stderr, want at least 2: %q", len(lines), r.stderr)
	}
	for _, l := range lines {
		if l.File != "-" {
			t.Errorf("file = %q, want \"-\" for standard input", l.File)
		}
	}
}

func TestReportNoFindings(t *testing.T) {
	report := filepath.Join(t.TempDir(), "report.jsonl")
	if err := os.WriteFile(report, []byte("stale\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := run(t, Options{Report: report}, nil, "nothing personal\n")
	if r.code != ExitClean {
		t.Fatalf("status %d (%v)", r.code, r.err)
	}
	if data, _ := os.ReadFile(report); len(data) != 0 {
		t.Errorf("report = %q, want it truncated and empty", data)
	}
}

func TestReporterEscaping(t *testing.T) {
	var buf bytes.Buffer
	rep := newReporter(&buf, nil)
	rep.add(`a "quoted" <file>`, findingForTest())
	if rep.Err() != nil {
		t.Fatal(rep.Err())
	}
	var l reportLine
	if err := json.Unmarshal(buf.Bytes(), &l); err != nil {
		t.Fatalf("%v: %s", err, buf.Bytes())
	}
	if l.File != `a "quoted" <file>` || !strings.Contains(buf.String(), "<file>") {
		t.Errorf("file name not round-tripped readably: %s", buf.Bytes())
	}
	if l.Evidence == nil || strings.Count(buf.String(), "\n") != 1 {
		t.Errorf("want one line with an evidence list: %s", buf.Bytes())
	}
}
