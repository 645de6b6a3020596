package synth

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestShapes checks every shape gives exactly n bytes of valid UTF-8, the
// same for the same seed, under a unique name.
func TestShapes(t *testing.T) {
	names := map[string]bool{}
	for _, s := range Shapes {
		if s.Name == "" || strings.ContainsAny(s.Name, "/ ") || names[s.Name] {
			t.Fatalf("bad or repeated shape name %q", s.Name)
		}
		names[s.Name] = true
		for _, n := range []int{0, 1, 2, 3, 5, 16, 100, 1 << 10, 20000} {
			a, b := s.Gen(newRand(uint64(n)), n), s.Gen(newRand(uint64(n)), n)
			if len(a) != n {
				t.Fatalf("%s: %d bytes, want %d", s.Name, len(a), n)
			}
			if !utf8.Valid(a) {
				t.Fatalf("%s/%d: invalid UTF-8", s.Name, n)
			}
			if !bytes.Equal(a, b) {
				t.Fatalf("%s/%d: not deterministic", s.Name, n)
			}
		}
	}
}

func TestFit(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"abc", 5, "abc  "},
		{"abc", 2, "ab"},
		{"姓名", 4, "姓 "}, // 姓 is 3 bytes: the cut keeps it whole
		{"姓名", 2, "  "},
		{"", 0, ""},
	} {
		if got := string(Fit([]byte(c.in), c.n)); got != c.want {
			t.Errorf("Fit(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
}

// TestRecordShapes checks the customer records carry valid synthetic
// identifiers, and the JSON array is valid JSON.
func TestRecordShapes(t *testing.T) {
	csv := string(CustomersCSV(newRand(1), 8<<10))
	lines := strings.Split(csv, "\n")
	if lines[0] != "name,id_card,mobile,email,address,bank_card" {
		t.Fatalf("CSV header %q", lines[0])
	}
	for _, line := range lines[1 : len(lines)-1] {
		f := strings.Split(line, ",")
		if len(f) != 6 || !ValidCNID18(f[1]) || len(f[2]) != 11 || !strings.Contains(f[3], "@") || !LuhnValid(f[5]) {
			t.Fatalf("CSV line %q", line)
		}
	}

	doc := CustomersArray(newRand(2), 8<<10)
	var cs []Customer
	if err := json.Unmarshal(doc, &cs); err != nil {
		t.Fatalf("JSON array: %v", err)
	}
	if len(cs) < 5 {
		t.Fatalf("%d customers in 8 KiB", len(cs))
	}
	for _, c := range cs {
		if !ValidCNID18(c.IDCard) || !LuhnValid(c.BankCard) || c.Name == "" || c.Address == "" {
			t.Fatalf("customer %+v", c)
		}
	}
}

// TestCraftedShapes spot-checks what some crafted shapes look like.
func TestCraftedShapes(t *testing.T) {
	for _, c := range []struct {
		gen    func(n int) []byte
		prefix string
	}{
		{func(n int) []byte { return Ones(nil, n) }, "1 1 1 1 "},
		{func(n int) []byte { return DotWords(nil, n) }, "a dot b dot c at d dot com a dot"},
		{func(n int) []byte { return AtChain(nil, n) }, "a@b@c@d@"},
		{func(n int) []byte { return BracketAtChain(nil, n) }, "x [at] y [at] x"},
		{func(n int) []byte { return NameLabels(nil, n) }, "姓名：姓名："},
		{func(n int) []byte { return PlateChain(nil, n) }, "京A12345京A12345"},
	} {
		if got := string(c.gen(100)); !strings.HasPrefix(got, c.prefix) {
			t.Errorf("got %q, want prefix %q", got, c.prefix)
		}
	}
	if got := string(SpacedFullWidth(newRand(1), 8)); !strings.HasSuffix(got, " ") || utf8.RuneCountInString(got) != 4 {
		t.Errorf("SpacedFullWidth = %q", got)
	}
	runs := strings.Fields(string(LongDigitRuns(newRand(1), 30000)))
	if len(runs) < 2 || len(runs[0]) != 10000 {
		t.Errorf("LongDigitRuns: %d runs, first of %d digits", len(runs), len(runs[0]))
	}
}
