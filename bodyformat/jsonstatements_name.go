package bodyformat

import "github.com/piifilter/caddy-pii-filter/detect"

// A statement's document may be named by what it is assigned to: var
// mobile = [138, 1234, 5678];, window.user.idCard = {…};. The name says
// what the value holds as a key would ({"mobile": [138, 1234, 5678]}), so
// a script's numbers join under it as under such a key; a name that says
// nothing (var data = [180, 1024, 2048];) leaves them apart.

// maxAssignedName bounds the name looked at before a statement's "=".
const maxAssignedName = 64

// assignedName returns the last part of the name before, b's end being
// where a statement's document starts, assigns it to: the identifier before
// "=" (white space around it), past its last "." (window.user.tel: tel), or
// the quoted name of a member (obj['tel']: tel); or, for a literal nested
// in another (jsValueLen's inner ones), the key before ":" (bare or quoted:
// data: {…}, 'tel': […]); nil when no assignment or key stands there (a
// call, "==", "=>").
func assignedName(before []byte) []byte {
	before = trimCommentEnd(before)
	i := len(before)
	for i > 0 && isJSSpace(before[i-1]) {
		i--
	}
	if i > 0 && before[i-1] == ':' {
		return keyBefore(before[:i-1])
	}
	if i == 0 || before[i-1] != '=' || i >= 2 && assignOp(before[i-2]) {
		return nil
	}
	i--
	for i > 0 && isJSSpace(before[i-1]) {
		i--
	}
	if i >= 2 && before[i-1] == ']' && (before[i-2] == '"' || before[i-2] == '\'') {
		// obj['mobile'] = […]: the quoted name of a member
		return keyBefore(before[:i-1])
	}
	end, lo := i, max(0, i-maxAssignedName)
	for i > lo && (jsNameByte(before[i-1]) || before[i-1] >= '0' && before[i-1] <= '9') {
		i--
	}
	countReadingSteps(len(before) - i)
	return before[i:end]
}

// keyBefore returns the key before's end holds (white space after it):
// a bare name, or a quoted one's content, of at most maxAssignedName
// bytes; nil when none.
func keyBefore(before []byte) []byte {
	i := len(before)
	for i > 0 && isJSSpace(before[i-1]) {
		i--
	}
	lo := max(0, i-maxAssignedName)
	countReadingSteps(len(before) - lo)
	if i > 0 && (before[i-1] == '"' || before[i-1] == '\'') {
		q := before[i-1]
		for k := i - 2; k >= lo; k-- {
			if before[k] == q {
				return before[k+1 : i-1]
			}
		}
		return nil
	}
	end := i
	for i > lo && (jsNameByte(before[i-1]) || isDigit(before[i-1])) {
		i--
	}
	return before[i:end]
}

// assignOp reports whether c before "=" makes it an operator, no
// assignment ("==", "!=", "<=", ">=", "+=" …).
func assignOp(c byte) bool {
	switch c {
	case '=', '!', '<', '>', '+', '-', '*', '/', '%', '&', '|', '^':
		return true
	}
	return false
}

// nameHint returns what the name a statement's document is assigned to
// says it holds (keyHint of assignedName), or 0.
func nameHint(before []byte) detect.CategorySet {
	if name := assignedName(before); len(name) > 0 {
		return keyHint(name)
	}
	return 0
}
