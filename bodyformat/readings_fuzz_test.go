package bodyformat

import "testing"

// FuzzReadings checks every reading of textReadings on any input: no
// panic, one offset a byte and one more, every offset inside the text,
// the last one its length.
func FuzzReadings(f *testing.F) {
	for _, s := range []string{"", `"138" + String.fromCharCode(49, 0x32)`, "a\x1b[0mb", `\u0031%32&#51;`, "1**3**8", "\u202e123"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		for k, r := range textReadings {
			dec, offs, ok := r.decode(text)
			if !ok {
				continue
			}
			if len(offs) != len(dec)+1 || offs[len(dec)] != int32(len(text)) {
				t.Fatalf("reading %d of %q: %d offsets for %d bytes", k, text, len(offs), len(dec))
			}
			for _, o := range offs {
				if o < 0 || o > int32(len(text)) {
					t.Fatalf("reading %d of %q: offset %d outside", k, text, o)
				}
			}
		}
	})
}
