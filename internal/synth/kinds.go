package synth

import "math/rand/v2"

// Kind is a named generator.
type Kind struct {
	Name string                  // short identifier, used in test names
	Gen  func(*rand.Rand) string // the generator
}

// LookAlikes are generators of values that resemble personal data but are
// not: invalid identifiers and ordinary machine or business numbers. A
// detector must report none of them.
var LookAlikes = []Kind{
	{"cnid_bad_check", CNIDBadCheck},
	{"cnid_bad_date", CNIDBadDate},
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
	{"service_400", ServiceNumber400},
	{"service_short", ServiceNumberShort},
	{"ssn_invalid", USSSNInvalid},
	{"iban_bad_check", IBANBadCheck},
	{"uscc", USCC},
	{"mobile_bad_prefix", CNMobileBadPrefix},
	{"iot_number", IoTNumber},
	{"ipv4", IPv4},
	{"nanp_toll_free", NANPTollFree},
}
