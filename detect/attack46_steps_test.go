//go:build detectsteps

package detect_test

import (
	"bytes"
	"testing"
)

// TestStepsAttack46Gaps is TestStepsAttack45Gaps for what attack pass 46
// (F5, F8, F9) added to the gaps of an address: spaces of any kind and
// tabs before markers, runs of spaces, stars around numbers, rooms in
// English after a comma, a space or a word; each piece repeated back to
// back and glued to the next.
func TestStepsAttack46Gaps(t *testing.T) {
	checkRepeatedPieces(t, map[string]string{
		"wide spaces before markers": "建设路917\u00a0号3\u2009幢2501\u202f室\t3\u3000\u2002单元",
		"space runs":                 "路1" + string(bytes.Repeat([]byte(" \t\u00a0"), 20)) + "号",
		"space runs read":            "建设路1" + string(bytes.Repeat([]byte(" \t"), 7)) + " 号3" + string(bytes.Repeat([]byte("\u00a0"), 15)) + "幢",
		"space references":           "路1&nbsp;&#160;&#x2009;号3&nbsp;幢",
		"stars around numbers":       "建设路**917**号**3**幢*2501*室**",
		"star runs":                  "路*1*2**3**4*5*号***6**",
		"rooms":                      "号3幢 Room 1, Rm . 2 Rm:3 Apt #4 No.5 R\u200bm.\u30006 rm rm rm ",
		"room words":                 "号Room Room Room Rm Rm. Apt Apt #No No.",
	})
}
