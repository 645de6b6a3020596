package detect

import (
	"fmt"
	"strings"
)

// Category names a kind of personal information. The names are the
// product's vocabulary: the same words appear in Caddyfiles, logs and
// metrics.
type Category string

// The categories the engine detects.
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
)

// AllCategories lists every category in a stable order.
var AllCategories = []Category{
	CNID, CNMobile, CNLandline, BankCard, Email, CNPassport, CNPermit,
	CNPlate, CNAddress, CNName, USSSN, Phone, IBAN,
}

// index gives each category its bit position in a CategorySet, or -1.
func (c Category) index() int {
	switch c {
	case CNID:
		return 0
	case CNMobile:
		return 1
	case CNLandline:
		return 2
	case BankCard:
		return 3
	case Email:
		return 4
	case CNPassport:
		return 5
	case CNPermit:
		return 6
	case CNPlate:
		return 7
	case CNAddress:
		return 8
	case CNName:
		return 9
	case USSSN:
		return 10
	case Phone:
		return 11
	case IBAN:
		return 12
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

// Len returns the number of categories in the set.
func (s CategorySet) Len() int {
	n := 0
	for ; s != 0; s &= s - 1 {
		n++
	}
	return n
}

// Categories returns the members in the order of AllCategories.
func (s CategorySet) Categories() []Category {
	var out []Category
	for i, c := range AllCategories {
		if s&(1<<uint(i)) != 0 {
			out = append(out, c)
		}
	}
	return out
}
