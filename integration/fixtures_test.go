package integration

import (
	"math/rand/v2"
	"strings"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// person is a synthetic record: every value has valid check digits and
// belongs to no one.
type person struct {
	Name, ID, Mobile, Email, Address, Card string
}

// newPerson generates a person from r.
func newPerson(r *rand.Rand) person {
	return person{
		Name:    synth.CNName(r),
		ID:      synth.CNID18(r),
		Mobile:  synth.CNMobile(r),
		Email:   synth.Email(r),
		Address: synth.CNAddress(r),
		Card:    synth.UnionPayCard(r),
	}
}

// raw returns the values of p.
func (p person) raw() []string {
	return []string{p.Name, p.ID, p.Mobile, p.Email, p.Address, p.Card}
}

// The fixtures, from a fixed seed so that every run sends the same bytes.
var (
	fixRand = rand.New(rand.NewPCG(20251122, 9080))
	alice   = newPerson(fixRand)
	bob     = newPerson(fixRand)

	// Look-alikes: numbers of the shapes of personal identifiers that are
	// not personal information. The filter must leave them alone. Their
	// keys carry no hint: under a key such as "card" even a number failing
	// Luhn is taken for a (UnionPay) card, by design.
	lookAlikes = map[string]string{
		"orderNo":     synth.OrderNumber(fixRand),
		"orderNo2":    synth.OrderNumber(fixRand),
		"snowflakeId": synth.SnowflakeID(fixRand),
		"createdAt":   synth.TimestampMillis(fixRand),
		"updatedAt":   synth.TimestampSeconds(fixRand),
		"requestId":   synth.UUID(fixRand),
		"traceId":     synth.TraceID(fixRand),
		"isbn":        synth.ISBN13(fixRand),
		"hotline":     synth.ServiceNumber400(fixRand),
		"iotSim":      synth.IoTNumber(fixRand),
		"couponCode":  synth.UnionPayBadLuhn(fixRand),   // fails Luhn
		"serialNo":    synth.CNIDBadCheck(fixRand),      // fails the ID check character
		"batchNo":     synth.CNIDBadDate(fixRand),       // no such birth date
		"extNo":       synth.CNMobileBadPrefix(fixRand), // no such mobile prefix
		"price":       synth.Price(fixRand),
	}
)

// allRaw lists every raw personal value of the fixtures: none may appear
// in a redacted body, a refusal or the incident log.
func allRaw() []string {
	return append(alice.raw(), bob.raw()...)
}

// The partial masks of the default mask style, as the Chinese display
// conventions have them.
func maskMobile(m string) string { return m[:3] + "****" + m[len(m)-4:] }
func maskID(id string) string {
	return id[:4] + strings.Repeat("*", len(id)-8) + id[len(id)-4:]
}
func maskCard(c string) string {
	// every digit between the first and last four starred, in groups of
	// four: the mask keeps the number's places (16 to 19 for UnionPay)
	m := c[:4]
	for hidden := len(c) - 8; hidden > 0; hidden -= 4 {
		m += " " + strings.Repeat("*", min(4, hidden))
	}
	return m + " " + c[len(c)-4:]
}
func maskEmail(e string) string {
	return e[:1] + "***" + e[strings.LastIndexByte(e, '@'):]
}
