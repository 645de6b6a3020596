package synth

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// Each look-alike of the older categories has its shape and breaks the
// one rule it is meant to break.
func TestOlderCategoryLookAlikes(t *testing.T) {
	r := newRand(17)
	for _, c := range []struct {
		name string
		gen  func() string
		ok   func(string) bool
	}{
		{"card_bad_luhn", func() string { return CardBadLuhn(r) }, func(s string) bool {
			d := onlyDigits(s)
			return (len(d) == 15 || len(d) == 16) && HasCardIIN(d) && !LuhnValid(d)
		}},
		{"card_unknown_iin", func() string { return CardUnknownIIN(r) }, func(s string) bool {
			return len(s) >= 16 && len(s) <= 19 && onlyDigits(s) == s && LuhnValid(s) && !HasCardIIN(s) &&
				(len(s) != 18 || s[17] != CNIDCheckChar(s[:17]))
		}},
		{"email_no_domain", func() string { return EmailNoDomain(r) }, func(s string) bool {
			_, domain, ok := strings.Cut(s, "@")
			return ok && domain != "" && !strings.Contains(domain, ".")
		}},
		{"image_at_scale", func() string { return ImageAtScale(r) },
			regexp.MustCompile(`^[a-z_]+@[23]x\.(?:png|jpe?g|gif|webp|svg)$`).MatchString},
		{"mention", func() string { return Mention(r) }, func(s string) bool {
			return strings.HasPrefix(s, "@") && len(s) > 1 && strings.Count(s, "@") == 1 && !strings.Contains(s, ".")
		}},
		{"package_at_version", func() string { return PackageAtVersion(r) },
			regexp.MustCompile(`^@?[a-z/]+@\d+\.\d+\.\d+$`).MatchString},
		{"passport_short", func() string { return CNPassportShort(r) }, regexp.MustCompile(`^[EG]\d{7}$`).MatchString},
		{"permit_short", func() string { return CNPermitShort(r) }, regexp.MustCompile(`^(?:C[IO]\d{7}|[CHM]\d{7})$`).MatchString},
		{"plate_bad_letter", func() string { return CNPlateBadLetter(r) }, func(s string) bool {
			p, size := utf8.DecodeRuneInString(s)
			rest := s[size:]
			if !slices.Contains(PlateProvinces, p) || len(rest) != 6 {
				return false
			}
			return rest[0] == 'I' && onlyDigits(rest[1:]) == rest[1:] ||
				strings.IndexByte(lettersNoIO, rest[0]) >= 0 && strings.IndexAny(rest[1:], "IO") >= 0
		}},
		{"plate_bad_province", func() string { return CNPlateBadProvince(r) }, func(s string) bool {
			p, size := utf8.DecodeRuneInString(s)
			return !slices.Contains(PlateProvinces, p) && len(s[size:]) == 6 && onlyDigits(s[size+1:]) == s[size+1:]
		}},
		{"address_count", func() string { return CNAddressCount(r) },
			regexp.MustCompile(`^\p{Han}+(?:共|总共|高|仅有|共有|约|约有|已达)\d+(?:层|户|栋)$`).MatchString},
		{"address_date", func() string { return CNPlaceDate(r) }, regexp.MustCompile(`^\p{Han}+(?:市|州)\p{Han}+\d{1,2}月\d{1,2}号$`).MatchString},
		{"address_metro_line", func() string { return CNMetroLine(r) }, regexp.MustCompile(`^\p{Han}+(?:地铁|轨道交通)\d{1,2}号线$`).MatchString},
		{"name_filler", func() string { return CNNameFiller(r) }, func(s string) bool {
			return slices.Contains(nameFieldFillers, s) && regexp.MustCompile(`^\p{Han}{1,3}$`).MatchString(s)
		}},
		{"phone_sum", func() string { return PhoneSum(r) }, regexp.MustCompile(`^[1-9]\+[1-9]\d{7,9}$`).MatchString},
		{"phone_hkmo_bad_length", func() string { return PhoneHKMOBadLength(r) },
			regexp.MustCompile(`^\+85[23] ?(?:\d{7}|\d{9})$`).MatchString},
	} {
		for range samples / 4 {
			if s := c.gen(); !c.ok(s) {
				t.Fatalf("%s gave %q", c.name, s)
			}
		}
	}
}
