package bodyformat

import (
	"bytes"
	"encoding/binary"
	"errors"
	"maps"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestBinaryScreenReadsRuns: the screen reads a binary body's runs of
// text as Inspect does (binaryRuns, one reader), as the body streams: an
// ID after a binary head ("\x00\x01\x02\x00<ID>", matched by the pii
// matcher and once streamed on raw by the proxy), a mobile in text after
// a 4-byte head, each behind a first window of binary noise so that only
// the streaming readings see them. Scan passes every byte and counts what
// Inspect counts, however the source splits the body; Redact ends the
// stream before the identifier's bytes go on.
func TestBinaryScreenReadsRuns(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(42, 1))
	id, m := synth.CNID18(r), synth.CNMobile(r)
	noise := make([]byte, 40<<10) // random bytes, '&' among them
	for i := range noise {
		noise[i] = byte(r.UintN(256))
	}
	noise[0] = 0
	for _, tc := range []struct {
		name, tail string
		cat        detect.Category
	}{
		{"id after a head", "\x00\x01\x02\x00" + id + "\x00", detect.CNID},
		{"mobile in text after a head", "\x00\x01\x02\x03 mobile " + m + " \x00", detect.CNMobile},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := append(append([]byte{}, noise...), tc.tail...)
			want, err := Inspect(eng, body, "", "", Scan, Limits{})
			if err != nil || want.Summary.Counts[tc.cat] != 1 {
				t.Fatalf("Inspect counted %v (%v)", want.Summary.Counts, err)
			}
			for _, chunk := range []int{1, 7, 4096} {
				out, s, err := screenAll(t, eng, body, Scan, chunk)
				if err != nil || !bytes.Equal(out, body) || s.Result().Summary.Counts[tc.cat] != 1 {
					t.Errorf("by %d: scan passed %d of %d bytes, counted %v (%v)", chunk, len(out), len(body), s.Result().Summary.Counts, err)
				}
				out, _, err = screenAll(t, eng, body, Redact, chunk)
				if !errors.Is(err, ErrMalformed) || len(out) > len(noise) {
					t.Errorf("by %d: redact passed %d bytes (noise %d), ended %v", chunk, len(out), len(noise), err)
				}
			}
		})
	}
}

// TestBinaryScreenWideRuns: UTF-16 text after a 4-byte length, longer
// than the screen holds, is read as it streams in UTF-16 (the head sniffed
// as UTF-16 after a short head: textAfterHead), in runs cut at the
// screen's bound: an e-mail address far into it (no digits: the fields'
// reading of the digit identifiers across NULs does not read it) ends the
// stream in Redact mode before it goes on, held within BinaryScreenHold;
// Inspect reads it too. The same body with no address passes whole.
func TestBinaryScreenWideRuns(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(42, 2))
	email := synth.Email(r)
	filler := strings.Repeat("客户备注，请按时回访。 ", 2000)
	for _, withEmail := range []bool{true, false} {
		text := filler + "联系邮箱 "
		if withEmail {
			text += email
		}
		text += " 谢谢。" + filler[:600]
		u := utf16LE(text)
		body := append(binary.LittleEndian.AppendUint32(nil, uint32(len(u))), u...)
		if IsText("", body) {
			t.Fatal("the body sniffs as text: the case proves nothing")
		}
		res, err := Inspect(eng, body, "", "", Scan, Limits{})
		if err != nil || (res.Summary.Counts[detect.Email] > 0) != withEmail {
			t.Errorf("email %v: Inspect counted %v (%v)", withEmail, res.Summary.Counts, err)
		}
		for _, chunk := range []int{1000, 4096} {
			out, s, err := screenAll(t, eng, body, Redact, chunk)
			if withEmail && (!errors.Is(err, ErrMalformed) || bytes.Contains(out, utf16LE(email))) {
				t.Errorf("by %d: passed %d of %d bytes, ended %v", chunk, len(out), len(body), err)
			}
			if !withEmail && (err != nil || !bytes.Equal(out, body)) {
				t.Errorf("clean by %d: passed %d of %d bytes, ended %v, found %v", chunk, len(out), len(body), err, s.Result().Summary.Counts)
			}
			if s.Held() > BinaryScreenHold {
				t.Errorf("by %d: held %d bytes, bound %d", chunk, s.Held(), BinaryScreenHold)
			}
		}
	}
}

// TestBinaryScreenRunOverCountedField: a run of text open over a field
// that held a mobile ("…&tel=<mobile>&more text\x01": '&' and '=' are
// text to a run), its field read in one read and the run ended in a later
// one whose fields hold nothing, counts the mobile once, as Inspect does
// (its fields held something: no run is read), however the source splits
// the body: one reading decides whether bytes are a field's or a run's.
// Before, the run was read in the later read and the mobile counted
// twice. A body held whole till its end (its run never ends, a NUL
// between digits going on across it: "1…0\x000&…", found by fuzzing) is
// read once, whole, not in reads and then whole again; such a run longer
// than the screen holds is read in pieces, its fields counted once.
func TestBinaryScreenRunOverCountedField(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(42, 3))
	m := synth.CNMobile(r)
	head := bytes.Repeat([]byte{0, 0xff, 1, 0xfe}, binaryScreenPiece/4) // no text, no run: past the first window
	across := append(append([]byte{}, head...), "\x01abcdefghijk&tel="+m+"&more text of the run"+strings.Repeat(" and more", 20)+"\x01\x02tail"...)
	run := []byte("0000 " + m + "\x000&00") // one run, NULs between digits
	past := binaryScreenPiece/len(run) + 1  // read before its end, held whole till it
	held, heldPast, long := bytes.Repeat(run, 30), bytes.Repeat(run, past), bytes.Repeat(run, 2*binaryScreenPiece/len(run))
	for _, tc := range []struct {
		name string
		body []byte
		want int
	}{{"run over a counted field", across, 1}, {"held whole", held, 30}, {"held whole past the first window", heldPast, past}, {"run cut", long, 2 * binaryScreenPiece / len(run)}} {
		t.Run(tc.name, func(t *testing.T) {
			if IsText("", tc.body) {
				t.Fatal("the body sniffs as text: the case proves nothing")
			}
			whole, err := Inspect(eng, tc.body, "", "", Scan, Limits{})
			if err != nil || whole.Summary.Counts[detect.CNMobile] != tc.want {
				t.Fatalf("Inspect counted %v (%v)", whole.Summary.Counts, err)
			}
			for _, chunk := range []int{1, 2, 7, 64, sniffLen, binaryScreenPiece, len(tc.body)} {
				out, s, err := screenAll(t, eng, tc.body, Scan, chunk)
				if err != nil || !bytes.Equal(out, tc.body) || !maps.Equal(s.Result().Summary.Counts, whole.Summary.Counts) {
					t.Errorf("by %d: scan passed %d of %d bytes, counted %v, Inspect %v (%v)", chunk, len(out), len(tc.body), s.Result().Summary.Counts, whole.Summary.Counts, err)
				}
			}
		})
	}
}
