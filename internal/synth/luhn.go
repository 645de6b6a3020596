package synth

// LuhnValid reports whether the digits of s (other bytes are skipped) pass
// the Luhn check. A string with no digits is not valid.
func LuhnValid(s string) bool {
	d := onlyDigits(s)
	if d == "" {
		return false
	}
	return luhnSum(d, false)%10 == 0
}

// LuhnCheckDigit returns the digit that completes payload (digits only) to a
// Luhn-valid number.
func LuhnCheckDigit(payload string) byte {
	return byte('0' + (10-luhnSum(payload, true)%10)%10)
}

// luhnSum returns the Luhn sum of d. If doubleLast is true the right-most
// digit of d is doubled (d is a payload still missing its check digit).
func luhnSum(d string, doubleLast bool) int {
	sum := 0
	double := doubleLast
	for i := len(d) - 1; i >= 0; i-- {
		v := int(d[i] - '0')
		if double {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
		double = !double
	}
	return sum
}
