package bodyformat

import "testing"

// FuzzReadings checks every reading of textReadings (and its flat
// variant) on any input: no
// panic, one offset a byte and one more, every offset inside the text,
// the last one its length; its windows (changedWindows) in order, apart
// and inside it.
func FuzzReadings(f *testing.F) {
	for _, s := range []string{"", `"138" + String.fromCharCode(49, 0x32)`, "a\x1b[0mb", `\u0031%32&#51;`, "1**3**8", "\u202e123", "xx0\r12\b3\x1b[2D4\x1b[9G5\x1b[1K",
		`x = ["138",'1234',[5678]].join('')`, "187|6772|0441", "150824～19900629～7318", "3133383132333435363738",
		`{\rtf1 \u49?\'31{\b 2}\par}`, "one\nthree\neight", "&#x202E;8765"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		for k, r := range textReadings {
			for _, flat := range []bool{false, true} {
				var firsts firstReadings
				dec, offs, ok, _ := firsts.read(&inspector{flatBinary: flat}, text, r)
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
				ws, _ := changedWindows(text, dec, offs, false, nil)
				for i, w := range ws {
					if w.from < 0 || w.to > len(dec) || w.from >= w.to || i > 0 && w.from < ws[i-1].to {
						t.Fatalf("reading %d of %q: windows %v", k, text, ws)
					}
				}
			}
		}
	})
}
