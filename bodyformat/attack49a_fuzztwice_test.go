package bodyformat

import "testing"

// TestAttack49aFuzzWrappedTwice: FuzzWrappedJSON (60 s on merge49) found a
// body redacted in two passes (it fails on 0baca4b too): in an array call's argument, a run of
// grouped digits, an escaped backslash and 00, then %17 and digits. The
// first pass masks the mobile 170…0000 after %; the second then finds an
// 18-digit resident ID over "4;31 0037 0081 0035\\00%170" that the first
// left raw. Want: a second redaction changes nothing.
func TestAttack49aFuzzWrappedTwice(t *testing.T) {
	eng := testEngine(t)
	for _, body := range []string{
		"var mobile = new Array({\"\":\"4;31 0037 0081 0035\\\\00%17000000000 A);",
	} {
		res := mustInspect(t, eng, []byte(body), "application/javascript", "", Redact)
		assertStable(t, eng, res, "application/javascript")
	}
}
