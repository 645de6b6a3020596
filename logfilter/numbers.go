package logfilter

import (
	"math"
	"strconv"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// A number may be an identifier: 13812345678 is a mobile, a card or a
// resident ID (its 15 digits) fits an int64, and a key such as "phone"
// or "qq" says which. A number is read as the text a log shows (its
// decimal digits, a float as zap writes it) with its key's hint; one
// with a finding becomes a string holding its mask. A number with fewer
// digits than any category needs (a status, a size, a port) is not read.

// A number is worth reading when it has as many digits as the fewest a
// value of a category written alone has behind its key
// (detect.KeyDigits, the registry's one definition), counting every
// category but QQ whatever the number's key: a log's keys are its
// program's own names (phone_no, contact, fax), which the key hints may
// not know, so a landline's local number (seven digits) is read under any
// key, while QQ's five and six digits, which every status, port and size
// has too, are read only under a key naming QQ (its hint). The engine
// finds nothing in fewer digits, whatever the hint (TestNumberGateExact
// reads every shorter number). A fraction under a key naming a category
// is read whatever its digits, as the format layer reads one in a JSON
// body ("lat": 39.9042).

// anyKeyHint is the categories a number is read for whatever its key.
var anyKeyHint = detect.NewCategorySet(detect.AllCategories...) &^ detect.NewCategorySet(detect.QQ)

// anyKeyDigits is the fewest digits a number needs under any key: 7.
var anyKeyDigits = detect.KeyDigits(anyKeyHint)

// numberDigits is the fewest digits a number needs to be worth reading
// under hint: detect.KeyDigits(hint | anyKeyHint), the hint's categories
// alone looked up for each number.
func numberDigits(hint detect.CategorySet) int {
	if k := detect.KeyDigits(hint); k > 0 {
		return min(k, anyKeyDigits)
	}
	return anyKeyDigits
}

// numberWorthReading reports whether a number written as text may hold
// personal data under hint: whether it has enough digits, or is a
// fraction under a hint.
func numberWorthReading(text string, hint detect.CategorySet) bool {
	digits, fraction := 0, false
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case '0' <= c && c <= '9':
			digits++
		case c == '.':
			fraction = true
		}
	}
	return digits >= numberDigits(hint) || fraction && hint != 0
}

// redactNumber returns the text of a number redacted under hint and
// whether anything in it was masked.
func (f *Filter) redactNumber(text string, hint detect.CategorySet) (string, bool) {
	if !numberWorthReading(text, hint) {
		return text, false
	}
	out := f.redact(text, hint)
	return out, out != text
}

// longNumberText returns the text zap's JSON encoder writes for a
// numeric field, and false for a field that is no number or one too
// short to be worth reading (shortInt).
func longNumberText(in zapcore.Field) (string, bool) {
	switch in.Type {
	case zapcore.Int64Type, zapcore.Int32Type, zapcore.Int16Type, zapcore.Int8Type:
		if !shortInt(in.Integer) {
			return intText(in.Integer), true
		}
	case zapcore.Uint64Type, zapcore.Uint32Type, zapcore.Uint16Type, zapcore.Uint8Type, zapcore.UintptrType:
		if v := uint64(in.Integer); !shortUint(v) {
			return uintText(v), true
		}
	case zapcore.Float64Type:
		if v := math.Float64frombits(uint64(in.Integer)); !shortFloat(v) {
			return floatText(v, 64), true
		}
	case zapcore.Float32Type:
		if v := float64(math.Float32frombits(uint32(in.Integer))); !shortFloat(v) {
			return floatText(v, 32), true
		}
	}
	return "", false
}

// floatText writes a float as zap's JSON encoder does: NaN and the
// infinities as words, anything else in decimal without an exponent.
func floatText(v float64, bits int) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	}
	return strconv.FormatFloat(v, 'f', -1, bits)
}

// filterNumber returns a numeric field as it is, or, when its number
// holds personal data, as a string field holding the mask.
func (f *Filter) filterNumber(in zapcore.Field, text string, hint detect.CategorySet) zapcore.Field {
	if out, changed := f.redactNumber(text, hint); changed {
		return zap.String(in.Key, out)
	}
	return in
}

// numberMember is redactNumber for a number added to an object or an
// array while the entry is encoded, hinted by key (an array's by its
// field's): it returns the text to write in place of the number, or
// text itself to keep the number. After a panic it returns
// redactedMarker.
func (f *Filter) numberMember(key, text string, hint detect.CategorySet) (out string) {
	defer containValue(key, &out)
	out, _ = f.redactNumber(text, hint)
	return out
}

// intText is the decimal text of an integer.
func intText(v int64) string { return strconv.FormatInt(v, 10) }

// uintText is the decimal text of an unsigned integer.
func uintText(v uint64) string { return strconv.FormatUint(v, 10) }
