package detect

import "testing"

// Attack pass 46 (b): the readings merge46 added for addresses across
// gaps (addressgaps.go), English rooms (roomWordBefore) and stars between
// a label and its value (emphasis.go, skipLabelGlue) leave shapes out
// that an LLM reply or an HTML page writes every day. These tests fail on
// merge46; each asserts the raw value is gone and a finding is made.

// TestAttack46bSpacesBeforeMarkerNotRead: markerAfterNumber reads only ' '
// and U+3000 as a space (isAddressSpace); a no-break space (what &nbsp;
// decodes to in every HTML page), a thin or en space, a tab, or a third
// space between the number and 号/幢/室 hides the address, labelled or not.
func TestAttack46bSpacesBeforeMarkerNotRead(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	for _, sp := range []string{"\u00a0", "\u2009", "\u2002", "\u202f", "\t", "   "} {
		s := "河南省郑州市金水区建设路917" + sp + "号3" + sp + "幢2501" + sp + "室"
		attack46bRedacted(t, e, s, CNAddress, "917", "2501")
		attack46bRedacted(t, e, "地址："+s, CNAddress, "917", "2501")
	}
}

// TestAttack46bEnglishRoomVariants: roomWordBefore reads Rm./Apt. only
// with a digit right after the dot or one ASCII space; an invisible
// character or a U+3000 after the dot, two spaces, a space before the
// dot, a colon, No. or Apt #, or a space or comma between the building
// and the room word (3幢 Room 2501, as English writes it) leave the room number raw after the masked
// address (the mask stops before the room word).
func TestAttack46bEnglishRoomVariants(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	for _, room := range []string{"Rm.\u200b2501", "Rm.\u30002501", "Rm.  2501", "Rm . 2501", "Rm:2501", "No.2501", "Apt #2501", "R\u200bm.2501", " Rm. 2501", " Room 2501", ", Room 2501"} {
		attack46bRedacted(t, e, "河南省郑州市金水区建设路917号3幢"+room, CNAddress, "2501")
	}
}

// TestAttack46bBoldNumbersInAddress: emphasis on the numbers of an
// address (建设路**917**号, Markdown an LLM writes to stress them) hides
// the whole address: the stars are no gap markerAfterNumber reads.
func TestAttack46bBoldNumbersInAddress(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	for _, s := range []string{
		"地址：河南省郑州市金水区建设路**917**号",
		"河南省郑州市金水区建设路*917*号3幢2501室",
		"地址：河南省郑州市金水区建设路917号**3**幢**2501**室",
	} {
		attack46bRedacted(t, e, s, CNAddress, "917")
	}
}
