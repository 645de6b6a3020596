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

// TestSplicerReplaceEscaped: replaceEscaped writes what replace writes
// given the mask escaped first (appendJSONEscaped), and keeps the same
// edits, on random sources and masks of every byte appendJSONEscaped
// escapes (quotes, backslashes, controls, <, >, &, U+2028, U+2029),
// ideographs, stars and invalid UTF-8.
func TestSplicerReplaceEscaped(t *testing.T) {
	r := rng(t.Name())
	atoms := []string{"*", "1", "x", "\"", "\\", "\n", "\r", "\t", "\x01", "<", ">", "&", "\u2028", "\u2029", "\xe2\x80", "\xff", "张", "號", " ", "@"}
	escapedChanged := 0
	for range 3000 {
		src := make([]byte, 1+r.IntN(60))
		for k := range src {
			src[k] = byte('a' + r.IntN(26))
		}
		keep := r.IntN(2) == 0
		a, b := splicer{src: src, keep: keep}, splicer{src: src, keep: keep}
		for at := r.IntN(4); at < len(src); at += 1 + r.IntN(8) {
			to := min(len(src), at+r.IntN(6))
			var m []byte
			for range r.IntN(8) {
				m = append(m, atoms[r.IntN(len(atoms))]...)
			}
			esc := appendJSONEscaped(nil, m)
			if string(esc) != string(m) {
				escapedChanged++
			}
			a.replace(at, to, esc)
			b.replaceEscaped(at, to, string(m))
			at = to
		}
		if got, want := b.result(), a.result(); string(got) != string(want) || (got == nil) != (want == nil) {
			t.Fatalf("replaceEscaped wrote %q, replace %q", got, want)
		}
		if len(a.edits) != len(b.edits) {
			t.Fatalf("%d edits kept, want %d", len(b.edits), len(a.edits))
		}
		for k := range a.edits {
			if a.edits[k].from != b.edits[k].from || a.edits[k].to != b.edits[k].to || string(a.edits[k].repl) != string(b.edits[k].repl) {
				t.Fatalf("edit %d: %+v, want %+v", k, b.edits[k], a.edits[k])
			}
		}
	}
	if escapedChanged < 1000 {
		t.Fatalf("only %d masks needed escaping: the escapes are not compared", escapedChanged)
	}
}
