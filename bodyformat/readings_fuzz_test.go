package bodyformat

import "testing"

// FuzzReadings checks every reading of textReadings (and its flat
// variant) on any input: no
// panic, one offset a byte and one more, every offset inside the text,
// the last one its length.
func FuzzReadings(f *testing.F) {
	for _, s := range []string{"", `"138" + String.fromCharCode(49, 0x32)`, "a\x1b[0mb", `\u0031%32&#51;`, "1**3**8", "\u202e123", "xx0\r12\b3\x1b[2D4\x1b[9G5\x1b[1K",
		`x = ["138",'1234',[5678]].join('')`, "187|6772|0441", "150824～19900629～7318", "3133383132333435363738",
		`{\rtf1 \u49?\'31{\b 2}\par}`, "one\nthree\neight", "&#x202E;8765"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		var decoders []func([]byte) ([]byte, []int32, bool)
		for _, r := range textReadings {
			decoders = append(decoders, r.decode)
			if r.flat != nil {
				decoders = append(decoders, r.flat)
			}
		}
		for k, decode := range decoders {
			dec, offs, ok := decode(text)
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
