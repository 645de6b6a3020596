package bodyformat

import (
	"bufio"
	"bytes"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// legacyEncodings are the fallback charsets a browser shows an unlabelled
// stream in, as encoders of test text.
var legacyEncodings = []struct {
	label string
	enc   encoding.Encoding
}{
	{"gbk", simplifiedchinese.GBK},
	{"big5", traditionalchinese.Big5},
	{"shift_jis", japanese.ShiftJIS},
}

// streamChunked writes body to an unlabelled Stream of kind in writes of
// chunk bytes and returns what it wrote, and its error.
func streamChunked(t *testing.T, kind StreamKind, body []byte, chunk int) ([]byte, error) {
	t.Helper()
	var out bytes.Buffer
	s := NewStream(testEngine(t), &out, kind, StreamOptions{Mode: Redact, Unlabelled: true})
	for p := body; len(p) > 0; {
		k := min(len(p), chunk)
		if _, err := s.Write(p[:k]); err != nil {
			return nil, err
		}
		p = p[k:]
	}
	if err := s.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// TestStreamUnlabelledLegacy: an unlabelled stream (incremental text,
// JSON lines, server-sent events) in GBK, Big5 or Shift_JIS bytes with a
// mobile in full-width digits, written in chunks of 1 to 7 bytes, with
// stray bytes too: the mobile does not show in that charset. A labelled
// one (StreamOptions without Unlabelled) is not read so.
func TestStreamUnlabelledLegacy(t *testing.T) {
	mob := synth.CNMobile(rng(t.Name()))
	for _, e := range legacyEncodings {
		enc := encoding.ReplaceUnsupported(e.enc.NewEncoder())
		for _, tc := range []struct {
			name string
			kind StreamKind
			text string
		}{
			{"text", StreamLines, "電話 " + fullWidth(mob) + "\n謝謝\n"},
			{"json", StreamLines, `{"tel":"` + fullWidth(mob) + `"}` + "\n"},
			{"events", StreamEvents, "data: 電話 " + fullWidth(mob) + "\n\n"},
			{"no line end", StreamLines, "電話 " + fullWidth(mob)},
		} {
			b, err := enc.Bytes([]byte(tc.text))
			if err != nil {
				t.Fatal(err)
			}
			for _, stray := range []string{"", "\xff\xff\xff", "\x1b"} {
				body := append([]byte(stray), b...)
				for chunk := 1; chunk <= 7; chunk++ {
					out, err := streamChunked(t, tc.kind, body, chunk)
					if err != nil {
						continue // refused: fails closed
					}
					if shown, _ := e.enc.NewDecoder().Bytes(out); strings.Contains(asciiDigits(string(shown)), mob) {
						t.Errorf("%s %s stray %q chunk %d: the mobile shows: %q", e.label, tc.name, stray, chunk, out)
					}
				}
			}
		}
	}
}

// TestStreamUnlabelledLongLine: a line longer than the guard holds (its
// start goes out before it ends) with the mobile after it is masked: the
// guard holds back the line's last legacyContext bytes, so no identifier
// runs into what went out.
func TestStreamUnlabelledLongLine(t *testing.T) {
	mob := synth.CNMobile(rng(t.Name()))
	pad := strings.Repeat("今天天气很好，我们一起去公园散步吧。", 200)
	for _, e := range legacyEncodings {
		enc := encoding.ReplaceUnsupported(e.enc.NewEncoder())
		for _, cut := range []int{0, 1, 7, 100} {
			text := pad + "電話 " + fullWidth(mob) + strings.Repeat("好", cut) + "\n"
			body, err := enc.Bytes([]byte(text))
			if err != nil {
				t.Fatal(err)
			}
			out, err := streamChunked(t, StreamLines, body, 5)
			if err != nil {
				t.Errorf("%s cut %d: %v", e.label, cut, err)
				continue
			}
			if shown, _ := e.enc.NewDecoder().Bytes(out); strings.Contains(asciiDigits(string(shown)), mob) {
				t.Errorf("%s cut %d: the mobile shows", e.label, cut)
			}
		}
	}
}

// TestStreamUnlabelledCleanIntact: the realtext-dev lines, written in GBK,
// Big5 and Shift_JIS and streamed unlabelled in chunks of 1 to 7 bytes
// as incremental text and as server-sent events, go out byte for byte
// (lines a buffered UTF-8 body is altered in are left out: not the
// fallback's doing).
func TestStreamUnlabelledCleanIntact(t *testing.T) {
	f, err := os.Open("../../shared/corpora/realtext-dev/clean.txt")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	eng := testEngine(t)
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if res, err := Inspect(eng, sc.Bytes(), "text/plain", "", Redact, Limits{}); err == nil && !res.Changed {
			lines = append(lines, sc.Text())
		}
	}
	if testing.Short() {
		lines = lines[:min(len(lines), 200)]
	} else if raceEnabled {
		lines = lines[:min(len(lines), 300)] // every encoding, kind and chunk still runs
	}
	for _, e := range legacyEncodings {
		enc := encoding.ReplaceUnsupported(e.enc.NewEncoder())
		var text, events []byte
		for _, l := range lines {
			b, err := enc.Bytes([]byte(l))
			if err != nil {
				t.Fatal(err)
			}
			text = append(append(text, b...), '\n')
			events = append(append(append(events, "data: "...), b...), "\n\n"...)
		}
		for chunk := 1; chunk <= 7; chunk++ {
			for _, c := range []struct {
				kind StreamKind
				body []byte
			}{{StreamLines, text}, {StreamEvents, events}} {
				out, err := streamChunked(t, c.kind, c.body, chunk)
				if err != nil || !bytes.Equal(out, c.body) {
					t.Errorf("%s kind %d chunk %d: altered (err %v)", e.label, c.kind, chunk, err)
					reportFirstDiff(t, c.body, out)
				}
			}
		}
	}
}

// reportFirstDiff logs the line where out first differs from in.
func reportFirstDiff(t *testing.T, in, out []byte) {
	t.Helper()
	a, b := bytes.Split(in, []byte("\n")), bytes.Split(out, []byte("\n"))
	for i := range min(len(a), len(b)) {
		if !bytes.Equal(a[i], b[i]) {
			t.Logf("line %d\n in  %q\n out %q", i, a[i], b[i])
			return
		}
	}
}
