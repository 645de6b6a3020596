package bodyformat

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// editedTexts are pieces with numbers and percent escapes the edit
// readings change, set apart by clean text at distances around the
// groups' reach (2 × editReach), near the ends, in runs where the windows
// join, and dense enough that no edge finds a quiet stretch.
func editedTexts() map[string][]byte {
	r := rand.New(rand.NewPCG(8, 8))
	mobile := synth.CNMobile(r)
	num := " 0." + mobile + "e11 "             // 13812345678 as a parser shows it
	pct := "%3" + string(mobile[0]) + "%2B+"   // a percent escape, a '+'
	num += mobile[:3] + "l" + mobile[4:] + " " // and a look-alike letter
	prose := strings.Repeat("随着城市更新工作的深入推进，老旧小区改造逐步从面子走向里子。", 40)
	en := strings.Repeat("The new library branch opened its doors to the public this weekend. ", 40)
	bulk := strings.Repeat(prose, 30)
	ts := map[string][]byte{}
	for _, gap := range []int{0, 1, 200, 600, 2*editReach - 3, 2 * editReach, 2*editReach + 1, 2*editReach + 7, 3 * editReach, 9000} {
		for fname, filler := range map[string]string{"zh": prose, "en": en} {
			fill := []byte(synth.Fit([]byte(strings.Repeat(filler, gap/len(filler)+1)), gap))
			var b bytes.Buffer
			for k := range 6 {
				if k%2 == 0 {
					b.WriteString(num)
				} else {
					b.WriteString(pct)
				}
				b.Write(fill)
			}
			b.WriteString(bulk) // most of the piece clean: the groups are read on their own
			ts[fmt.Sprintf("gap%d/%s", gap, fname)] = b.Bytes()
			ts[fmt.Sprintf("gap%d/%s/edge", gap, fname)] = append(append(append(append([]byte(num+pct), fill...), bulk...), fill...), pct+num...)
		}
	}
	dense := strings.Repeat(num+" 12 "+pct+" 34 ", 400)
	ts["dense"] = []byte(dense)
	ts["dense-in-bulk"] = []byte(bulk + strings.Repeat(num+" 12 "+pct+" 34 ", 100) + bulk)
	// digits every few bytes: no edge finds a quiet stretch (edgeless)
	noQuiet := strings.Repeat("第1季度增长", 800)
	ts["no-quiet"] = []byte(noQuiet + num + noQuiet + pct + noQuiet)
	ts["dense-middle"] = []byte(prose + prose + prose + dense + prose + prose + prose)
	return ts
}

// TestFindEditedSameAsWhole: a reading read through its edits (findEdited)
// finds what the reading built whole finds (findChanged), in the same
// windows.
func TestFindEditedSameAsWhole(t *testing.T) {
	eng := testEngine(t)
	for name, text := range editedTexts() {
		for _, ed := range []struct {
			name string
			edit func([]byte, *edits) bool
		}{{"numbers", numberEdits}, {"percent", percentEdits}, {"lookalikes", lookalikeEdits}} {
			var e edits
			if !ed.edit(text, &e) {
				t.Errorf("%s %s: no edits", name, ed.name)
				continue
			}
			dec, offs := e.materialize(text)
			in := &inspector{eng: eng, mode: Redact, lim: Limits{}.withDefaults()}
			wantWs, wantOK := changedWindows(text, dec, offs, false, nil)
			g := getReadingBuf()
			gotWs, gotOK, edgeless := in.editedWindows(text, &e, g, &readingCharge{})
			if edgeless && (gotOK || wantOK) {
				t.Fatalf("%s %s: edgeless, yet the whole reading's windows are ok %v", name, ed.name, wantOK)
			}
			t.Logf("%s %s: %d edits, %d windows, ok %v (whole: %d, %v), %d findings", name, ed.name, len(e.spans), len(gotWs), gotOK, len(wantWs), wantOK, len(in.findChanged(text, dec, offs, 0, allSamples)))
			if gotOK {
				if !wantOK || len(gotWs) != len(wantWs) {
					t.Fatalf("%s %s: %d windows (ok), want %d (ok %v)", name, ed.name, len(gotWs), len(wantWs), wantOK)
				}
				for k, w := range gotWs {
					v := wantWs[k]
					if !bytes.Equal(g.dec[w.d0:w.d1], dec[v.from:v.to]) || !reflect.DeepEqual(g.offs[w.o0:w.o0+w.d1-w.d0+1], offs[v.from:v.to+1]) {
						t.Fatalf("%s %s: window %d differs from the whole reading's", name, ed.name, k)
					}
				}
			}
			want := in.findChanged(text, dec, offs, 0, allSamples)
			got := in.findEdited(text, &e, 0, allSamples)
			if !reflect.DeepEqual(spans(got), spans(want)) {
				t.Errorf("%s %s: findEdited %v, findChanged %v", name, ed.name, spans(got), spans(want))
			}
		}
	}
}

// TestDecodeNumbersEdits: decodeNumbers builds, from its edits, the
// reading mapped built of the same copies and digits.
func TestDecodeNumbersEdits(t *testing.T) {
	text := []byte("a 0.13812345678e11 b 0x337A53EE0, 1.5e3 and 5.")
	dec, offs, ok := decodeNumbers(text)
	if !ok || string(dec) != "a 13812345678 b 13818478304, 1.5e3 and 5." {
		t.Fatalf("decodeNumbers: %q %v", dec, ok)
	}
	if len(offs) != len(dec)+1 || offs[2] != 2 || offs[12] != 2 || offs[13] != 18 || offs[len(dec)] != int32(len(text)) {
		t.Errorf("offsets %v", offs)
	}
}

// spans lists the spans and categories of findings, for comparing them.
func spans(fs []detect.Finding) []string {
	var s []string
	for _, f := range fs {
		s = append(s, fmt.Sprintf("%d-%d:%v", f.Start, f.End, f.Category))
	}
	return s
}
