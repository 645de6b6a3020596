package detect

import "testing"

// TestAddressMaskKeepsSpelling checks that the partial mask of an address
// shows its city and district as written, numerals included.
func TestAddressMaskKeepsSpelling(t *testing.T) {
	e := MustCompile(Policy{FingerprintKey: []byte("k")})
	text := "住址：河南省郑州市二七区大学路12号3栋401室"
	out, fs := e.Redact([]byte(text))
	if len(fs) != 1 || fs[0].Category != CNAddress {
		t.Fatalf("findings %+v", fs)
	}
	if want := "住址：河南省郑州市二七区****"; string(out) != want {
		t.Fatalf("got %q, want %q", out, want)
	}
}
