package detect

import (
	"crypto/rand"
	"fmt"
	"strings"
)

// MaskStyle selects how a finding is replaced.
type MaskStyle string

// The mask styles.
const (
	MaskPartial MaskStyle = "partial" // Chinese display conventions: 138****5678, 张*, …
	MaskFull    MaskStyle = "full"    // every character becomes '*'
	MaskLabel   MaskStyle = "label"   // the category label, e.g. [CN_ID]
	MaskHash    MaskStyle = "hash"    // a stable keyed pseudonym, e.g. [CN_ID_3f2a9c1b70de]
)

// ParseMaskStyle returns the mask style with the given name.
func ParseMaskStyle(name string) (MaskStyle, error) {
	switch m := MaskStyle(strings.ToLower(strings.TrimSpace(name))); m {
	case MaskPartial, MaskFull, MaskLabel, MaskHash:
		return m, nil
	case "":
		return MaskPartial, nil
	}
	return "", fmt.Errorf("unknown mask style %q (valid: partial, full, label, hash)", name)
}

// Policy is what a caller asks of the engine. The zero value enables every
// category with partial masks and a random fingerprint key.
type Policy struct {
	// Categories to detect; empty means all.
	Categories []Category
	// Ignore removes categories from the enabled set.
	Ignore []Category
	// Mask is the redaction style; empty means partial.
	Mask MaskStyle
	// FingerprintKey keys the HMAC behind fingerprints and hash masks. Empty
	// means a random per-engine key: fingerprints then correlate only within
	// one process.
	FingerprintKey []byte
	// ContextWindow is how many bytes before a candidate are searched for a
	// label word; 0 means 48.
	ContextWindow int
	// ProximityWindow is how many bytes apart two findings may be to support
	// each other as one record; 0 means 160.
	ProximityWindow int
	// Protected, if not nil, is the set of protected identifiers: a
	// candidate whose value it holds becomes a finding with EvProtected,
	// whatever Categories, Ignore and the context say (see ProtectedSet).
	Protected *ProtectedSet
}

// Engine is a compiled policy. It is safe for concurrent use.
type Engine struct {
	enabled   CategorySet
	mask      MaskStyle
	key       []byte
	ctxWindow int
	proxWin   int
	protected *ProtectedSet
}

// Compile checks a policy and prepares an engine for it.
func Compile(p Policy) (*Engine, error) {
	e := &Engine{ctxWindow: p.ContextWindow, proxWin: p.ProximityWindow, protected: p.Protected}
	if e.ctxWindow <= 0 {
		e.ctxWindow = 48
	}
	if e.proxWin <= 0 {
		e.proxWin = 160
	}
	for _, c := range p.Categories {
		step()
		if c.index() < 0 {
			return nil, fmt.Errorf("detect: unknown category %q (valid: %s)", c, CategoryNames())
		}
		e.enabled = e.enabled.With(c)
	}
	if len(p.Categories) == 0 {
		e.enabled = NewCategorySet(AllCategories...)
	}
	for _, c := range p.Ignore {
		step()
		if c.index() < 0 {
			return nil, fmt.Errorf("detect: unknown category %q (valid: %s)", c, CategoryNames())
		}
		e.enabled &^= NewCategorySet(c)
	}
	m, err := ParseMaskStyle(string(p.Mask))
	if err != nil {
		return nil, fmt.Errorf("detect: %w", err)
	}
	e.mask = m
	e.key = append([]byte(nil), p.FingerprintKey...)
	if len(e.key) == 0 {
		e.key = make([]byte, 32)
		if _, err := rand.Read(e.key); err != nil {
			return nil, fmt.Errorf("detect: fingerprint key: %w", err)
		}
	}
	return e, nil
}

// MustCompile is Compile that panics on error, for tests and fixed policies.
func MustCompile(p Policy) *Engine {
	e, err := Compile(p)
	if err != nil {
		panic(err)
	}
	return e
}

// Enabled returns the set of categories the engine reports.
func (e *Engine) Enabled() CategorySet { return e.enabled }

// MaskStyle returns the engine's mask style.
func (e *Engine) MaskStyle() MaskStyle { return e.mask }
