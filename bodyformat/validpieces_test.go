package bodyformat

import (
	"slices"
	"testing"
	"unicode/utf8"
)

// TestInvalidOnlyReadings: invalidOnlyReadings is the replacement
// reading alone, and it decodes nothing in any valid UTF-8 text of the
// corpora and random strings, where it does decode invalid bytes.
func TestInvalidOnlyReadings(t *testing.T) {
	if n := bitsIn(invalidOnlyReadings); n != 1 {
		t.Fatalf("invalidOnlyReadings holds %d readings, want the replacement reading", n)
	}
	pieces := []string{"1", "3", "8", "手机", "１", "一", "\xff", "\xe4\xbd", "\u00e9", "\U0001F600", " ", "|"}
	valid, invalid := 0, 0
	for _, text := range gateCorpus(t, pieces, 20000) {
		for k, r := range textReadings {
			if invalidOnlyReadings&(1<<k) == 0 {
				continue
			}
			_, _, ok := r.decode(text)
			if utf8.Valid(text) {
				valid++
				if ok {
					t.Fatalf("reading %d decoded valid UTF-8 %q", k, text)
				}
			} else if ok {
				invalid++
			}
		}
	}
	if valid < 1000 || invalid < 1000 {
		t.Fatalf("%d valid texts, %d invalid ones decoded: the strings do not test both", valid, invalid)
	}
}

// bitsIn counts the readings of s.
func bitsIn(s readingSet) int {
	n := 0
	for ; s != 0; s &= s - 1 {
		n++
	}
	return n
}

// TestValidPieceReadAsUnmarked: a piece read as a string of a body known
// valid UTF-8 (validPiece) has the findings it has unmarked, over the
// valid texts of the corpora and random strings; and the mark is the
// piece's alone, gone once read.
func TestValidPieceReadAsUnmarked(t *testing.T) {
	eng := testEngine(t)
	pieces := []string{"1", "3", "8", "13812345678", " ", "|", "，", "手机", "１３８", "一三八", "\uFFFD", "位", "前三位", "后四位"}
	compared, found := 0, 0
	for _, text := range gateCorpus(t, pieces, 5000) {
		if !utf8.Valid(text) {
			continue
		}
		plain := &inspector{eng: eng, mode: Redact, lim: Limits{}.withDefaults()}
		marked := &inspector{eng: eng, mode: Redact, lim: Limits{}.withDefaults()}
		marked.validPiece = true
		want, got := plain.read(text, 0), marked.read(text, 0)
		if marked.validPiece {
			t.Fatalf("the mark outlived the piece %q", text)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%q: %v marked valid, %v not", text, got, want)
		}
		compared++
		if len(want) > 0 {
			found++
		}
	}
	if compared < 1000 || found < 100 {
		t.Fatalf("%d texts compared, %d with findings: too few", compared, found)
	}
}

// TestKnownValidBody: a JSON walk reads its strings as valid only when
// its document is the very body the charset checks found valid UTF-8;
// not a copy, a part, a body not looked at or found invalid, nor once
// that body is read.
func TestKnownValidBody(t *testing.T) {
	b := []byte(`[{"a":"x"}]`)
	walk := func(in *inspector, doc []byte) bool {
		w, err := in.walkDoc(doc, 0, 0, false, false, false)
		if err != nil {
			t.Fatal(err)
		}
		return w.srcValid
	}
	for _, tc := range []struct {
		name  string
		valid *bodyUTF8
		doc   []byte
		want  bool
	}{
		{"found valid", &bodyUTF8{b: b, looked: true, valid: true}, b, true},
		{"a copy", &bodyUTF8{b: b, looked: true, valid: true}, slices.Clone(b), false},
		{"a part", &bodyUTF8{b: b, looked: true, valid: true}, b[1 : len(b)-1], false},
		{"not looked at", &bodyUTF8{b: b}, b, false},
		{"found invalid", &bodyUTF8{b: b, looked: true}, b, false},
		{"no check", nil, b, false},
	} {
		in := &inspector{eng: testEngine(t), mode: Redact, lim: Limits{}.withDefaults()}
		restore := in.bodyValid(b, tc.valid)
		if got := walk(in, tc.doc); got != tc.want {
			t.Errorf("%s: srcValid %v, want %v", tc.name, got, tc.want)
		}
		restore()
		if walk(in, b) {
			t.Errorf("%s: the body is still marked once read", tc.name)
		}
	}
}
