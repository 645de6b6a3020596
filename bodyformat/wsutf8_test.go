package bodyformat

import "testing"

// TestUTF8CarryTake: the carry follows a streaming UTF-8 decoder over
// binary messages (attack pass 34, F1), holding at most three bytes.
func TestUTF8CarryTake(t *testing.T) {
	for _, c := range []struct {
		name  string
		msgs  []string
		text  []bool
		carry []int
	}{
		{"whole", []string{"手机号 138"}, []bool{true}, []int{0}},
		{"cut after", []string{"手机\xe5", "\x8f\xb7 1"}, []bool{true, true}, []int{1, 0}},
		{"byte by byte", []string{"\xf0", "\x9f", "\x93", "\x9e"}, []bool{true, true, true, true}, []int{1, 2, 3, 0}},
		{"not completed", []string{"手机\xe5", "abc"}, []bool{true, false}, []int{1, 0}},
		{"afresh after", []string{"手机\xe5", "abc", "def"}, []bool{true, false, true}, []int{1, 0, 0}},
		{"lone continuation", []string{"\x8f\xb7 1"}, []bool{false}, []int{0}},
		{"overlong prefix", []string{"ab\xe0\x80"}, []bool{false}, []int{0}},
		{"surrogate prefix", []string{"ab\xed\xa0"}, []bool{false}, []int{0}},
		{"binary", []string{"\x89PNG\r\n\x1a\n\x00\x00"}, []bool{false}, []int{0}},
		{"empty keeps", []string{"a\xe5", "", "\x8f\xb7"}, []bool{true, false, true}, []int{1, 1, 0}},
		{"nul", []string{"a\x00b"}, []bool{false}, []int{0}},
	} {
		var u UTF8Carry
		for i, m := range c.msgs {
			if got := u.Take([]byte(m)); got != c.text[i] || u.Len() != c.carry[i] {
				t.Errorf("%s: message %d %q: text %v carry %d, want %v %d", c.name, i, m, got, u.Len(), c.text[i], c.carry[i])
			}
			if u.Len() > 3 {
				t.Fatalf("%s: carries %d bytes", c.name, u.Len())
			}
		}
	}
}
