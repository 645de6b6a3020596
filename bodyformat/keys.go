package bodyformat

import (
	_ "embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

//go:embed data/keys.txt
var keysTxt string

// keyTable is the parsed data/keys.txt.
type keyTable struct {
	words      map[string]detect.CategorySet // key words; "-" words map to 0
	qualifiers map[string]bool               // words that may follow a key word
	// denies maps the key words naming identifiers of other kinds (the
	// engine's CategoryInfo.NotLabels, spaces dropped: orderno, tid) to
	// the categories they deny; each is a word of words too
	denies map[string]detect.CategorySet
}

var keys = mustParseKeys(keysTxt)

// Bounds of the key matcher. Only the tail of a longer key is looked at: in
// both English and Chinese compounds the word that names the value comes
// last (contactPhone, 收件人地址).
const (
	maxKeyBytes = 128 // bytes of a key looked at
	maxKeyUnits = 32  // words of a key looked at
	maxQualRun  = 4   // words in one qualifier
	maxSpan     = 8   // words in one key word (身份证号码 is five, idCardNo three)
)

func mustParseKeys(txt string) *keyTable {
	t, err := parseKeys(txt)
	if err != nil {
		panic("bodyformat: data/keys.txt: " + err.Error())
	}
	if err := t.addRegistryKeys(detect.Categories()); err != nil {
		panic("bodyformat: the engine's key words: " + err.Error())
	}
	return t
}

// addRegistryKeys adds the key words of the engine's categories
// (detect.CategoryInfo.Keys) to those of data/keys.txt, and their words
// for identifiers of other kinds (NotLabels, spaces dropped) as words
// that name no personal data and deny those categories (denies).
func (t *keyTable) addRegistryKeys(cats []detect.CategoryInfo) error {
	t.denies = make(map[string]detect.CategorySet)
	for _, c := range cats {
		for _, w := range c.NotLabels {
			w = strings.ToLower(strings.ReplaceAll(w, " ", ""))
			for _, form := range withPlurals(w) {
				t.denies[form] = t.denies[form].With(c.Category)
				if _, ok := t.words[form]; !ok {
					t.words[form] = 0
				}
			}
		}
		for _, w := range c.Keys {
			if w != strings.ToLower(w) || strings.ContainsAny(w, " \t") {
				return fmt.Errorf("%s: %q is not one lower-case word", c.Category, w)
			}
			for _, form := range withPlurals(w) {
				t.words[form] = t.words[form].With(c.Category)
			}
		}
	}
	return nil
}

// parseKeys reads the key word list (format described in data/keys.txt).
func parseKeys(txt string) (*keyTable, error) {
	t := &keyTable{words: make(map[string]detect.CategorySet), qualifiers: make(map[string]bool)}
	for n, line := range strings.Split(txt, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		head, rest, ok := strings.Cut(line, "\t")
		if !ok {
			return nil, fmt.Errorf("line %d: want categories, a tab, then words", n+1)
		}
		var cats detect.CategorySet
		switch head = strings.TrimSpace(head); head {
		case "-", "~":
		default:
			for _, name := range strings.Split(head, ",") {
				c, err := detect.ParseCategory(name)
				if err != nil {
					return nil, fmt.Errorf("line %d: %w", n+1, err)
				}
				cats = cats.With(c)
			}
		}
		for _, w := range strings.Fields(rest) {
			if w != strings.ToLower(w) {
				return nil, fmt.Errorf("line %d: %q is not lower case", n+1, w)
			}
			for _, form := range withPlurals(w) {
				if head == "~" {
					t.qualifiers[form] = true
				} else {
					t.words[form] |= cats
				}
			}
		}
	}
	return t, nil
}

// withPlurals returns w and, for an English word, its plural.
func withPlurals(w string) []string {
	if w == "" || w[len(w)-1] >= utf8.RuneSelf {
		return []string{w}
	}
	switch {
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "sh"), strings.HasSuffix(w, "ch"):
		return []string{w, w + "es"}
	case strings.HasSuffix(w, "y") && len(w) > 1 && !strings.ContainsRune("aeiou", rune(w[len(w)-2])):
		return []string{w, w[:len(w)-1] + "ies"}
	}
	return []string{w, w + "s"}
}

// hintForKey implements HintForKey.
func hintForKey(key string) detect.CategorySet { return keyHint(key) }

// keyHint returns the categories a key names (keyWords).
func keyHint[K string | []byte](key K) detect.CategorySet {
	hint, _ := keyWords(key)
	return hint
}

// keyWords splits a key into words and returns the categories of the best
// match, and those it denies (keyTable.denies): a card number under an
// order's key (order_no, tid) is the order's. It does not allocate: the
// lower-cased key and its word bounds live on the stack.
func keyWords[K string | []byte](key K) (hint, deny detect.CategorySet) {
	if len(key) > maxKeyBytes {
		key = key[len(key)-maxKeyBytes:]
		for len(key) > 0 && !utf8.RuneStart(key[0]) {
			key = key[1:]
		}
	}
	var (
		low   [maxKeyBytes]byte
		units [maxKeyUnits + 1][2]uint8
		n     int // units in use
		prev  byte
	)
	copy(low[:], key)
	lowKey := low[:len(key)]
	add := func(start, end int) {
		if n == len(units) {
			copy(units[:], units[1:])
			n--
		}
		units[n] = [2]uint8{uint8(start), uint8(end)}
		n++
	}
	start := -1 // start of the ASCII word being read
	const (
		kOther = iota
		kLower
		kUpper
		kDigit
	)
	kindOf := func(c byte) int {
		switch {
		case c >= 'a' && c <= 'z':
			return kLower
		case c >= 'A' && c <= 'Z':
			return kUpper
		case c >= '0' && c <= '9':
			return kDigit
		}
		return kOther
	}
	flush := func(end int) {
		if start >= 0 {
			keys.splitQualifier(lowKey, start, end, add)
			start = -1
		}
	}
	for i := 0; i < len(lowKey); {
		c := lowKey[i]
		if c >= utf8.RuneSelf {
			flush(i)
			r, size := utf8.DecodeRune(lowKey[i:])
			if unicode.IsLetter(r) {
				add(i, i+size)
			}
			i += size
			prev = 0
			continue
		}
		k := kindOf(c)
		if k == kOther {
			flush(i)
			prev = 0
			i++
			continue
		}
		if start >= 0 {
			pk := kindOf(prev)
			split := false
			switch {
			case (k == kDigit) != (pk == kDigit):
				split = true
			case k == kUpper && pk == kLower:
				split = true
			case k == kUpper && pk == kUpper && i+1 < len(lowKey) && kindOf(lowKey[i+1]) == kLower:
				split = true // "IDCard": ID | Card
			}
			if split {
				flush(i)
			}
		}
		if start < 0 {
			start = i
		}
		prev = c
		if k == kUpper {
			lowKey[i] = c + 'a' - 'A'
		}
		i++
	}
	flush(len(lowKey))
	return keys.best(lowKey, units[:n])
}

// splitQualifier adds the ASCII word low[start:end] as one unit, or as two
// when it is a known word run together with a qualifier ("phonenumber",
// "IDNO"), as keys in a single case often are.
func (t *keyTable) splitQualifier(low []byte, start, end int, add func(int, int)) {
	w := low[start:end]
	if len(w) >= 4 {
		if _, known := t.words[string(w)]; !known {
			for cut := end - 2; cut > start+1 && cut >= end-6; cut-- {
				if t.qualifiers[string(low[cut:end])] {
					if _, ok := t.words[string(low[start:cut])]; ok {
						add(start, cut)
						add(cut, end)
						return
					}
				}
			}
		}
	}
	add(start, end)
}

// best returns the categories of the best match among the units of key
// (of the words followed only by qualifiers, the longest, then the one
// ending last) and those the match denies.
func (t *keyTable) best(key []byte, units [][2]uint8) (cats, deny detect.CategorySet) {
	n := len(units)
	if n == 0 {
		return 0, 0
	}
	var quietTail [maxKeyUnits + 2]bool // quietTail[k]: units[k:] are all qualifiers
	quietTail[n] = true
	var buf [maxKeyBytes]byte
	for k := n - 1; k >= 0; k-- {
		if isDigits(key[units[k][0]:units[k][1]]) {
			quietTail[k] = quietTail[k+1]
			continue
		}
		w := buf[:0]
		for m := k; m < n && m < k+maxQualRun; m++ {
			w = append(w, key[units[m][0]:units[m][1]]...)
			if quietTail[m+1] && t.qualifiers[string(w)] {
				quietTail[k] = true
				break
			}
		}
	}
	best, bestLen := detect.CategorySet(0), 0
	for j := n - 1; j >= 0; j-- {
		if !quietTail[j+1] {
			continue
		}
		for i := max(0, j-maxSpan+1); i <= j && j-i+1 > bestLen; i++ {
			w := buf[:0]
			for m := i; m <= j; m++ {
				w = append(w, key[units[m][0]:units[m][1]]...)
			}
			if cats, ok := t.words[string(w)]; ok {
				best, bestLen, deny = cats, j-i+1, t.denies[string(w)]
				break
			}
		}
	}
	return best, deny
}

func isDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}

// hintCache remembers the hints of the last keys seen, so that an array of
// records, whose keys repeat, splits each key into words once. A key may
// sit in either of two slots chosen by a hash of it, so that two keys of
// one record rarely evict each other on every record. It keeps the keys as
// slices of the document: it never allocates. One cache serves the
// documents of an inspection one after another (a stream's events): reset
// forgets every key at once, by generation, so a document's keys are
// never compared with a former document's bytes.
//
// The keys of a record come in the order of the record before them: each
// slot remembers the slot of the key asked after its own last time
// (hintSlot.next), and a key that is the one the slot asked last points
// to is answered from it without hashing the key (a slot is where the
// hash of its key puts it, and a key is in one slot at most, so the slot
// found is the one the hash finds).
type hintCache struct {
	slots [128]hintSlot
	flip  bool      // which of the two slots a miss takes when both are full
	gen   uint32    // the generation of the slots in use
	last  *hintSlot // the slot slot returned last, nil before the first
}

// hintSlot is a key, its hint and the generation it was put in; and,
// once the key has been read as text and found clean (jsonWalker.readKey),
// the work that reading cost.
type hintSlot struct {
	key   []byte
	hint  detect.CategorySet
	deny  detect.CategorySet // what the key denies (keyWords)
	gen   uint32
	clean bool  // read, nothing found, nothing charged but work
	work  int64 // the work the reading spent (meter.spend)
	// appended is appendedKey(key) once a walk asked it (keyAppended):
	// 0 not asked yet, appendedNo or appendedYes
	appended uint8
	// namesOther is keyNamesOther(key) once a walk asked it
	// (jsonWalker.keyNamesOther), kept as appended is
	namesOther uint8
	// next is the slot of the key asked after this slot's key last time
	// (the next key of a record), nil when none was
	next *hintSlot
}

// The answers a hintSlot keeps of appendedKey and of keyNamesOther.
const (
	appendedNo uint8 = 1 + iota
	appendedYes
)

// reset forgets every key.
func (c *hintCache) reset() {
	if c.gen++; c.gen == 0 {
		*c = hintCache{gen: 1} // wrapped round: forget for good
	}
}

// hint returns keyHint(key); key must stay unchanged until reset.
func (c *hintCache) hint(key []byte) detect.CategorySet {
	if len(key) == 0 {
		return 0
	}
	return c.slot(key).hint
}

// slot returns the slot of key, which must not be empty, putting it in
// one when it is not there.
func (c *hintCache) slot(key []byte) *hintSlot {
	if c.last != nil {
		if s := c.last.next; s != nil && s.gen == c.gen && string(s.key) == string(key) {
			c.last = s // the key after the last one, as last time
			return s
		}
	}
	s := c.hashedSlot(key)
	if c.last != nil {
		c.last.next = s
	}
	c.last = s
	return s
}

// hashedSlot is slot, found by the hash of key.
func (c *hintCache) hashedSlot(key []byte) *hintSlot {
	h := uint32(len(key))
	for _, b := range key {
		h = h*31 + uint32(b)
	}
	n := uint32(len(c.slots))
	a, b := &c.slots[(h^h>>11)%n], &c.slots[(h>>7^h>>19)%n]
	for _, s := range [2]*hintSlot{a, b} {
		if s.gen == c.gen && string(s.key) == string(key) {
			return s
		}
	}
	s := a
	if a.gen == c.gen && (b.gen != c.gen || c.flip) {
		s = b
	}
	c.flip = !c.flip
	hint, deny := keyWords(key)
	*s = hintSlot{key: key, hint: hint, deny: deny, gen: c.gen}
	return s
}
