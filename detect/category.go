package detect

import (
	"fmt"
	"slices"
	"strings"
)

// Category names a kind of personal information. The names are the
// product's vocabulary: the same words appear in Caddyfiles, logs and
// metrics.
type Category string

// The categories the engine detects. Everything else the engine knows of
// a category (its description, how it is validated, its partial mask)
// stands in its entry of the registry below.
const (
	CNID       Category = "cn_id"       // Chinese resident identity number (18 or 15 digits)
	CNMobile   Category = "cn_mobile"   // mainland mobile number
	CNLandline Category = "cn_landline" // mainland fixed-line number with area code
	BankCard   Category = "bank_card"   // payment card number (UnionPay and international)
	Email      Category = "email"       // e-mail address
	CNPassport Category = "cn_passport" // PRC, HK SAR or Macau SAR passport number
	CNPermit   Category = "cn_permit"   // travel permits (回乡证, 往来港澳通行证, 台胞证)
	CNPlate    Category = "cn_plate"    // vehicle registration plate
	CNAddress  Category = "cn_address"  // residential address down to a street number or room
	CNName     Category = "cn_name"     // person's name, reported only with evidence
	USSSN      Category = "us_ssn"      // US social security number
	Phone      Category = "phone"       // international phone number in E.164 or labelled national form
	IBAN       Category = "iban"        // international bank account number
	HKID       Category = "hk_id"       // Hong Kong identity card number
	MOID       Category = "mo_id"       // Macau resident identity card number
	TWID       Category = "tw_id"       // Taiwan national identification number
	QQ         Category = "qq"          // QQ number, behind its label
	WeChat     Category = "wechat"      // WeChat ID, behind its label
	Geo        Category = "geo"         // precise coordinates (latitude and longitude)
)

// CategoryInfo describes a category: the one-line description and
// validation rule shown by the pii-scan help and the README table, and the
// words that name it in text and in keys.
type CategoryInfo struct {
	Category    Category
	What        string // what it is, with the spellings it covers
	ValidatedBy string // how a candidate is validated
	// Labels are label words naming the category in text (Chinese as
	// written, English in lower case), added to the shared ones of
	// data/labels.txt.
	Labels []string
	// Keys are key words (JSON keys, form fields) naming the category, in
	// lower case, added to the shared ones of bodyformat's data/keys.txt.
	Keys []string
}

// categoryDef is one category in the registry: its description, its
// partial mask, which appends the masked form of a normalised value, and,
// for a category read after its labels, the reader of its values.
type categoryDef struct {
	CategoryInfo
	partial func(dst, norm []byte) []byte
	// value reads a value of the category at text[pos], right after one of
	// its labels, and returns it as a candidate (ok false when there is
	// none). It looks at a bounded number of bytes and reports nothing
	// itself: the scanner emits what it returns.
	value func(text []byte, pos int, scratch []byte) cand
	// lettered reads a value of the category made of letters then digits
	// (A123456(7)) whose letters start at text[start], at the start of a
	// token; the scanner asks it when it meets digits glued to letters.
	lettered func(text []byte, start int, scratch []byte) cand
	// numeric reads a value of the category that starts with the digit at
	// text[pos] (31.2304, 121.4737), before the digit detectors do.
	numeric func(text []byte, pos int, scratch []byte) cand
}

// registry holds every category, in the stable order of AllCategories. A
// category's place in it is its bit in a CategorySet.
var registry = [...]categoryDef{
	{CategoryInfo: CategoryInfo{Category: CNID, What: "resident ID (居民身份证号), 18 chars or the old 15 digits; foreigners' permanent residence ID (2023, starts with 9)",
		ValidatedBy: "province code, a real birth date, GB 11643 check character; 15-digit form needs a label"}, partial: maskCNID},
	{CategoryInfo: CategoryInfo{Category: CNMobile, What: "mainland mobile, with or without +86/0086",
		ValidatedBy: "allocated 13x–19x prefixes; usual groupings (3-4-4, 3-8 …); with the trunk 0 before it (015…) only after a label"}, partial: maskMobile, value: mobileTrunkAt},
	{CategoryInfo: CategoryInfo{Category: CNLandline, What: "fixed line with area code: 010-, 02x-, 0xxx-, (0755), +86-755-",
		ValidatedBy: "area-code structure, 7–8 digit local number starting 2–9; unseparated numbers, and a local number without its area code, need a label"}, partial: maskLandline, value: landlineAt},
	{CategoryInfo: CategoryInfo{Category: BankCard, What: "UnionPay and international payment cards",
		ValidatedBy: "IIN ranges and length per network (UnionPay 62 and 81, Visa, Mastercard, Amex, JCB, Discover, Diners, Maestro, Dankort, UATP), Luhn; a UnionPay number failing Luhn, a 14–15-digit UnionPay or a UATP number only with a label"}, partial: maskCard},
	{CategoryInfo: CategoryInfo{Category: Email, What: "e-mail addresses, also `＠`, `[at]`, `(at)`, `艾特`, `at … dot …`",
		ValidatedBy: "local part, at least two domain labels, alphabetic TLD; local parts and domains in any script, punycode (`xn--`) domains"}, partial: maskEmail},
	{CategoryInfo: CategoryInfo{Category: CNPassport, What: "E/G/D/S/P passports, HK `K`/`KJ`/`H`, Macau `MA`/`MB`, the all-digit 14 and 15 series",
		ValidatedBy: "letter-digit structure, with a label or other personal data nearby; all-digit ones only after a label"}, partial: maskDocument, value: passportDigitsAt},
	{CategoryInfo: CategoryInfo{Category: CNPermit, What: "回乡证 `H`/`M`, 往来港澳通行证 `C`, 台胞证",
		ValidatedBy: "structure, with a label (or personal data nearby)"}, partial: maskDocument},
	{CategoryInfo: CategoryInfo{Category: CNPlate, What: "vehicle plates, including new-energy plates",
		ValidatedBy: "province character, authority letter, 5–6 characters"}, partial: maskPlate},
	{CategoryInfo: CategoryInfo{Category: CNAddress, What: "an address down to a street number or a room",
		ValidatedBy: "省/市/区 → 路/街 → 号 → 栋/单元/室 structure, with a label, a key or personal data nearby"}, partial: maskAddress},
	{CategoryInfo: CategoryInfo{Category: CNName, What: "a person's name",
		ValidatedBy: "surname lists, never common words (高兴, 方法, 黄金 …); only with a label, a key or personal data nearby"}, partial: maskName},
	{CategoryInfo: CategoryInfo{Category: USSSN, What: "US social security number, and the individual taxpayer number (ITIN) written like it",
		ValidatedBy: "area, group and serial rules, never the numbers known to be no one's (078-05-1120 …); 123-45-6789 form or a label; an ITIN (9xx, IRS group ranges) or a dotted form only after a label",
		Labels:      []string{"itin", "individual taxpayer number", "taxpayer id"}}, partial: maskSSN, value: ssnAt},
	{CategoryInfo: CategoryInfo{Category: Phone, What: "international numbers (+44 20 …, +1 415 …)",
		ValidatedBy: "E.164 calling codes and lengths; toll-free numbers are businesses and are left alone"}, partial: maskPhone},
	{CategoryInfo: CategoryInfo{Category: IBAN, What: "international bank account numbers",
		ValidatedBy: "country length table and mod-97"}, partial: maskIBAN},
	hkIDDef,
	moIDDef,
	twIDDef,
	qqDef,
	weChatDef,
	geoDef,
}

// AllCategories lists every category in a stable order.
var AllCategories = func() []Category {
	if len(registry) > 32 {
		panic("detect: more categories than a CategorySet holds")
	}
	out := make([]Category, len(registry))
	for i, d := range registry {
		step()
		out[i] = d.Category
	}
	return out
}()

// Categories describes every category, in the order of AllCategories. The
// descriptions are copies: changing them changes nothing in the engine.
func Categories() []CategoryInfo {
	out := make([]CategoryInfo, len(registry))
	for i, d := range registry {
		step()
		out[i] = d.CategoryInfo
		out[i].Labels, out[i].Keys = slices.Clone(d.Labels), slices.Clone(d.Keys)
	}
	return out
}

// catIndex is a category's place in the registry.
type catIndex uint8

var categoryIndex = func() map[Category]catIndex {
	m := make(map[Category]catIndex, len(registry))
	for i, d := range registry {
		step()
		m[d.Category] = catIndex(i)
	}
	return m
}()

// categorySlots finds a category's place without hashing its whole name:
// the scanner asks for one on every candidate. A name's slot is a function
// of its length and its first and last bytes; a slot two names share, or
// none has, falls back to the map.
var categorySlots = slotsOf(AllCategories)

// slotsOf returns the slot table of the names, each slot holding the place
// in names of the one name it belongs to.
func slotsOf(names []Category) (t [256]int8) {
	for i := range t {
		t[i] = slotEmpty
	}
	for i, c := range names {
		step()
		k := categorySlot(c)
		if t[k] == slotEmpty {
			t[k] = int8(i)
		} else {
			t[k] = slotShared
		}
	}
	return t
}

// The categorySlots entries that are not a place.
const (
	slotEmpty  = -1 // no category's slot: an unknown name
	slotShared = -2 // two categories' slot: ask the map
)

// categorySlot is a name's slot in categorySlots.
func categorySlot(c Category) uint8 {
	if c == "" {
		return 0
	}
	return uint8(len(c)*37) ^ c[0] ^ c[len(c)-1]<<3
}

// index gives each category its bit position in a CategorySet, or -1.
func (c Category) index() int {
	switch i := categorySlots[categorySlot(c)]; {
	case i >= 0 && registry[i].Category == c:
		return int(i)
	case i != slotShared:
		return -1
	}
	if i, ok := categoryIndex[c]; ok {
		return int(i)
	}
	return -1
}

// ParseCategory returns the category with the given name (case-insensitive)
// or an error listing the valid names.
func ParseCategory(name string) (Category, error) {
	c := Category(strings.ToLower(strings.TrimSpace(name)))
	if c.index() < 0 {
		return "", fmt.Errorf("unknown category %q (valid: %s)", name, categoryNames())
	}
	return c, nil
}

func categoryNames() string {
	names := make([]string, len(AllCategories))
	for i, c := range AllCategories {
		step()
		names[i] = string(c)
	}
	return strings.Join(names, ", ")
}

// Label returns the category's redaction label, such as "[CN_ID]".
func (c Category) Label() string { return "[" + strings.ToUpper(string(c)) + "]" }

// CategorySet is a set of categories stored as a bit mask.
type CategorySet uint32

// NewCategorySet returns the set holding the given categories.
func NewCategorySet(cats ...Category) CategorySet {
	var s CategorySet
	for _, c := range cats {
		step()
		s = s.With(c)
	}
	return s
}

// With returns the set with c added.
func (s CategorySet) With(c Category) CategorySet {
	if i := c.index(); i >= 0 {
		s |= 1 << uint(i)
	}
	return s
}

// Has reports whether c is in the set.
func (s CategorySet) Has(c Category) bool {
	i := c.index()
	return i >= 0 && s&(1<<uint(i)) != 0
}

// has reports whether the category at registry index i is in the set.
func (s CategorySet) has(i catIndex) bool { return s&(1<<i) != 0 }

// Len returns the number of categories in the set.
func (s CategorySet) Len() int {
	n := 0
	for ; s != 0; s &= s - 1 {
		step()
		n++
	}
	return n
}

// Categories returns the members in the order of AllCategories.
func (s CategorySet) Categories() []Category {
	var out []Category
	for i, c := range AllCategories {
		step()
		if s&(1<<uint(i)) != 0 {
			out = append(out, c)
		}
	}
	return out
}
