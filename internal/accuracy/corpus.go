package accuracy

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Corpora is what the scorer reads from a corpora directory.
type Corpora struct {
	Clean     []CleanLine
	Names     []NameRecord
	Addresses []AddressRecord
	Peers     []PeerCase
}

// Span is a stretch of a record's text, in characters (runes) as the
// corpora count them.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// CleanLine is a line of real text that holds no identifier; a name the
// annotators marked may be redacted, nothing else.
type CleanLine struct {
	Text    string
	Persons []Span
}

// NameRecord is a text with the real names in it marked (names.jsonl).
type NameRecord struct {
	ID      string `json:"id"`
	Variant string `json:"variant"` // prose, prose+phone, label, label+phone, phone-adjacent, phone-adjacent-space
	Text    string `json:"text"`
	Names   []Span `json:"names"`
}

// AddressRecord is a text holding one real delivery address (addresses.jsonl).
type AddressRecord struct {
	ID        string `json:"id"`
	Variant   string `json:"variant"`
	Text      string `json:"text"`
	Address   Span   `json:"address"`
	HasNumber bool   `json:"has_number"` // the address reaches a house or room number
	Context   string `json:"context"`    // none, label, label+phone, phone
	GoldName  string `json:"gold_name"`  // the consignee's name, in records that carry one
}

// PeerCase is one value from another project's test suite
// (peer-vectors/vectors.jsonl).
type PeerCase struct {
	Source   string `json:"source"`
	Category string `json:"category"`
	Value    string `json:"value"`
	Expect   string `json:"expect"` // pii or not_pii
	Context  string `json:"context"`
	FPRule   string `json:"fp_rule"`
	OnlyCat  string `json:"only_category"`
}

// The files of a corpora directory.
const (
	cleanFile     = "realtext-dev/clean.txt"
	cleanMetaFile = "realtext-dev/clean.meta.jsonl"
	namesFile     = "realtext-dev/names.jsonl"
	addressesFile = "realtext-dev/addresses.jsonl"
	peersFile     = "peer-vectors/vectors.jsonl"
)

// Present reports whether dir holds the corpora.
func Present(dir string) bool {
	for _, f := range []string{cleanFile, cleanMetaFile, namesFile, addressesFile, peersFile} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			return false
		}
	}
	return true
}

// Load reads the corpora in dir.
func Load(dir string) (*Corpora, error) {
	c := &Corpora{}
	lines, err := readLines(filepath.Join(dir, cleanFile))
	if err != nil {
		return nil, err
	}
	var metas []struct {
		Line int    `json:"line"`
		Per  []Span `json:"per"`
	}
	if err := readJSONL(filepath.Join(dir, cleanMetaFile), &metas); err != nil {
		return nil, err
	}
	if len(metas) != len(lines) {
		return nil, fmt.Errorf("accuracy: %s has %d lines, %s %d", cleanFile, len(lines), cleanMetaFile, len(metas))
	}
	for i, l := range lines {
		c.Clean = append(c.Clean, CleanLine{Text: l, Persons: metas[i].Per})
	}
	if err := readJSONL(filepath.Join(dir, namesFile), &c.Names); err != nil {
		return nil, err
	}
	if err := readJSONL(filepath.Join(dir, addressesFile), &c.Addresses); err != nil {
		return nil, err
	}
	if err := readJSONL(filepath.Join(dir, peersFile), &c.Peers); err != nil {
		return nil, err
	}
	return c, nil
}

func readLines(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n"), nil
}

// readJSONL decodes every non-empty line of path into a new element of *out.
func readJSONL[T any](path string, out *[]T) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 4<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return fmt.Errorf("accuracy: %s:%d: %v", path, n, err)
		}
		*out = append(*out, v)
	}
	return sc.Err()
}
