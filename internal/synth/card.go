package synth

import (
	"math/rand/v2"
	"strconv"
)

// CardWith returns a Luhn-valid number of the given length that starts with
// prefix. When the length is 18 it also makes sure the number is not a
// valid resident identity number, so the fixture is unambiguous.
func CardWith(r *rand.Rand, prefix string, length int) string {
	for {
		p := prefix + digits(r, length-1-len(prefix))
		s := p + string(LuhnCheckDigit(p))
		if !ValidCNID18(s) {
			return s
		}
	}
}

// UnionPayCard returns a Luhn-valid UnionPay card number: IIN 62, 16 to 19
// digits.
func UnionPayCard(r *rand.Rand) string {
	return CardWith(r, "62"+digitFrom(r, "12345678"), between(r, 16, 19))
}

// Visa returns a Luhn-valid 16-digit Visa card number.
func Visa(r *rand.Rand) string { return CardWith(r, "4", 16) }

// Mastercard returns a Luhn-valid 16-digit Mastercard number with an IIN in
// 51-55 or 2221-2720.
func Mastercard(r *rand.Rand) string {
	if r.IntN(2) == 0 {
		return CardWith(r, strconv.Itoa(between(r, 51, 55)), 16)
	}
	return CardWith(r, strconv.Itoa(between(r, 2221, 2720)), 16)
}

// Amex returns a Luhn-valid 15-digit American Express number (34 or 37).
func Amex(r *rand.Rand) string { return CardWith(r, pick(r, []string{"34", "37"}), 15) }

// JCB returns a Luhn-valid 16-digit JCB number with an IIN in 3528-3589.
func JCB(r *rand.Rand) string { return CardWith(r, strconv.Itoa(between(r, 3528, 3589)), 16) }

// Discover returns a Luhn-valid 16-digit Discover number starting 6011.
func Discover(r *rand.Rand) string { return CardWith(r, "6011", 16) }

// AnyCard returns a valid number from one of the card generators above.
func AnyCard(r *rand.Rand) string {
	return pick(r, []func(*rand.Rand) string{UnionPayCard, Visa, Mastercard, Amex, JCB, Discover})(r)
}

// HasCardIIN reports whether the digits of s start with the IIN of a card
// scheme, whatever the length: UnionPay 62, Visa 4, Mastercard 51-55 and
// 2221-2720, Amex 34/37, JCB 3528-3589, Discover 6011, 644-649 and 65,
// Diners 30/36/38, Maestro 50, 56-58, 63 and 67, Mir 2200-2204. It is
// deliberately wide: look-alike generators use it to stay clear of cards.
func HasCardIIN(s string) bool {
	d := onlyDigits(s)
	if d == "" {
		return false
	}
	p := func(n int) int {
		if len(d) < n {
			return -1
		}
		v, _ := strconv.Atoi(d[:n])
		return v
	}
	two, three, four := p(2), p(3), p(4)
	switch {
	case d[0] == '4':
		return true
	case two == 62, two == 65, two == 34, two == 37, two == 30, two == 36, two == 38:
		return true
	case two == 50, two >= 56 && two <= 58, two == 63, two == 67:
		return true
	case two >= 51 && two <= 55:
		return true
	case three >= 644 && three <= 649:
		return true
	case four >= 2200 && four <= 2204, four >= 2221 && four <= 2720:
		return true
	case four >= 3528 && four <= 3589:
		return true
	case four == 6011:
		return true
	}
	return false
}

// LooksLikeCard reports whether the digits of s carry a card IIN and pass
// Luhn: the combination a detector treats as a payment card.
func LooksLikeCard(s string) bool { return HasCardIIN(s) && LuhnValid(s) }

// UnionPayBadLuhn returns a 62-prefixed number of 16 to 19 digits that
// fails the Luhn check (and, at 18 digits, the identity-number check).
func UnionPayBadLuhn(r *rand.Rand) string {
	for {
		good := UnionPayCard(r)
		last := good[len(good)-1]
		bad := last
		for bad == last {
			bad = byte('0' + r.IntN(10))
		}
		s := good[:len(good)-1] + string(bad)
		if !LuhnValid(s) && !ValidCNID18(s) {
			return s
		}
	}
}

// Maestro returns a Luhn-valid Maestro card number: IIN 5018, 5020, 5038,
// 5893, 6304, 6759 or 6761-6763, 16 to 19 digits.
func Maestro(r *rand.Rand) string {
	return CardWith(r, pick(r, []string{"5018", "5020", "5038", "5893", "6304", "6759", "6761", "6762", "6763"}), between(r, 16, 19))
}

// Dankort returns a Luhn-valid Dankort card number: IIN 5019, 16 digits.
func Dankort(r *rand.Rand) string { return CardWith(r, "5019", 16) }

// UnionPay81 returns a Luhn-valid UnionPay card number of the 81 range
// (8100-8171), 16 to 19 digits.
func UnionPay81(r *rand.Rand) string {
	return CardWith(r, strconv.Itoa(between(r, 8100, 8171)), between(r, 16, 19))
}

// UATP returns a Luhn-valid UATP airline card number: 1 and 14 digits,
// never one that is also an old 15-digit resident ID (11 and a real date),
// which a detector reads as the ID.
func UATP(r *rand.Rand) string {
	for {
		if s := CardWith(r, "1", 15); !ValidCNID15(s) {
			return s
		}
	}
}

// CardBadLuhn returns an international card number (Visa, Mastercard,
// Amex, JCB, Discover) whose last digit is wrong, so Luhn fails: a typo,
// or a number in a document's example. Sometimes grouped in fours.
func CardBadLuhn(r *rand.Rand) string {
	good := pick(r, []func(*rand.Rand) string{Visa, Mastercard, Amex, JCB, Discover})(r)
	last := good[len(good)-1]
	bad := byte('0' + (int(last-'0')+between(r, 1, 9))%10)
	s := good[:len(good)-1] + string(bad)
	if r.IntN(3) == 0 {
		return Grouped(s, " ", 4)
	}
	return s
}

// CardUnknownIIN returns a Luhn-valid number of 16 to 19 digits that starts
// with 7 or 9, where no card network has an IIN: a loyalty, fleet or stored
// value account that a check digit alone does not make a payment card. At
// 18 digits it never carries the identity-number check character.
func CardUnknownIIN(r *rand.Rand) string {
	for {
		s := CardWith(r, digitFrom(r, "79"), between(r, 16, 19))
		if len(s) != 18 || s[17] != CNIDCheckChar(s[:17]) {
			return s
		}
	}
}
