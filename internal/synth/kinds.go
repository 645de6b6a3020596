package synth

import (
	"math/rand/v2"
	"slices"
	"strings"
)

// Kind is a named generator.
type Kind struct {
	Name string                  // short identifier, used in test names
	Gen  func(*rand.Rand) string // the generator
}

// LookAlikes are generators of values that resemble personal data but are
// not: every category's look-alikes (ByCategory's Invalid kinds) and
// ordinary machine or business numbers. A detector must report none of
// them.
var LookAlikes = append(categoryLookAlikes(), []Kind{
	{"unionpay_bad_luhn", UnionPayBadLuhn},
	{"order_number", OrderNumber},
	{"snowflake_id", SnowflakeID},
	{"timestamp_ms", TimestampMillis},
	{"timestamp_s", TimestampSeconds},
	{"trace_id", TraceID},
	{"uuid", UUID},
	{"hex_hash", HexHash},
	{"isbn13", ISBN13},
	{"price", Price},
	{"date", Date},
	{"service_short", ServiceNumberShort},
	{"uscc", USCC},
	{"iot_number", IoTNumber},
	{"ipv4", IPv4},
	{"nanp_toll_free", NANPTollFree},
}...)

// categoryLookAlikes returns the Invalid kinds of every category, sorted
// by name so the list keeps one order.
func categoryLookAlikes() []Kind {
	var out []Kind
	for _, ex := range ByCategory {
		out = append(out, ex.Invalid...)
	}
	slices.SortFunc(out, func(a, b Kind) int { return strings.Compare(a.Name, b.Name) })
	return out
}
