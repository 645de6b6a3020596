package bodyformat

import "testing"

func TestSplicer(t *testing.T) {
	type rep struct {
		from, to int
		with     string
	}
	for _, c := range []struct {
		name string
		src  string
		reps []rep
		want string // "" with no reps: result is nil
	}{
		{"none", "abcdef", nil, ""},
		{"one", "abcdef", []rep{{1, 3, "XY"}}, "aXYdef"},
		{"grow and shrink", "abcdef", []rep{{0, 1, "123"}, {4, 6, ""}}, "123bcd"},
		{"insert", "abc", []rep{{1, 1, "-"}}, "a-bc"},
		{"whole", "abc", []rep{{0, 3, "z"}}, "z"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := splicer{src: []byte(c.src)}
			for _, r := range c.reps {
				s.replace(r.from, r.to, []byte(r.with))
			}
			got := s.result()
			if c.reps == nil {
				if got != nil {
					t.Fatalf("result = %q, want nil", got)
				}
				return
			}
			if string(got) != c.want {
				t.Errorf("result = %q, want %q", got, c.want)
			}
		})
	}
}
