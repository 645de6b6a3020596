package bodyformat

import (
	"bytes"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// gbkBytes is s in GBK.
func gbkBytes(t *testing.T, s string) string {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// streamTyped writes body to an unlabelled Stream of kind and media type
// mt in writes of chunk bytes and returns what it wrote, its error, and
// the most the guard held of lines at once.
func streamTyped(t *testing.T, kind StreamKind, mt, body string, chunk int) (string, error, int) {
	t.Helper()
	var out bytes.Buffer
	s := NewStream(testEngine(t), &out, kind, StreamOptions{Mode: Redact, Unlabelled: true, MediaType: mt})
	most := 0
	for i := 0; i < len(body); i += chunk {
		if _, err := s.Write([]byte(body[i:min(i+chunk, len(body))])); err != nil {
			return out.String(), err, most
		}
		most = max(most, len(s.legacy.pending))
	}
	err := s.Close()
	return out.String(), err, most
}

// TestStreamUnlabelledAcrossLines (attack pass 28, F8): an unlabelled
// stream of a type a browser shows with line ends as spaces (text/html,
// text/plain, none) whose GBK bytes show a full-width mobile's groups on
// lines of their own (电话 １３８ / １２３４ / ５６７８, which the page
// shows as one spaced mobile). The guard holds a line's end while a
// reading shows it open (digits the next line may go on with) and reads
// it with the next line: the mobile is starred in place, and the stream
// is not refused. The UTF-8 reading of a stream joins its lines too.
func TestStreamUnlabelledAcrossLines(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	w, g := fullWidth, func(s string) string { return gbkBytes(t, s) }
	for _, row := range []struct {
		name, mt, body string
		leaks          []string
	}{
		{"html label", "text/html", g("<p>电话 "+w(m[:3])) + "\n" + g(w(m[3:7])) + "\n" + g(w(m[7:])+"</p>") + "\n", []string{g(w(m[3:7])), g(w(m[7:]))}},
		{"html no label", "text/html", g("<p>"+w(m[:3])) + "\n" + g(w(m[3:7])) + "\n" + g(w(m[7:])+"</p>") + "\n", []string{g(w(m[3:7])), g(w(m[7:]))}},
		{"plain", "text/plain", g("电话 "+w(m[:3])) + "\n" + g(w(m[3:7])) + "\n" + g(w(m[7:])) + "\n", []string{g(w(m[3:7])), g(w(m[7:]))}},
		{"untyped crlf", "", g("电话 "+w(m[:3])) + "\r\n" + g(w(m[3:7])) + "\r\n" + g(w(m[7:])) + "\r\n", []string{g(w(m[3:7])), g(w(m[7:]))}},
		{"plain ascii rest", "text/plain", g("电话 "+w(m[:3])) + "\n" + m[3:7] + "\n" + m[7:] + "\n", []string{m[3:7] + "\n" + m[7:]}},
		{"plain one line each", "text/plain", g("电话") + "\n" + g(w(m[:3])) + "\n" + g(w(m[3:])) + "\n", []string{g(w(m[3:7]))}},
	} {
		for _, chunk := range []int{1, 3, 64} {
			out, err, _ := streamTyped(t, StreamLines, row.mt, row.body, chunk)
			if err != nil {
				t.Errorf("%s (writes of %d): refused: %v", row.name, chunk, err)
				continue
			}
			for _, l := range row.leaks {
				if bytes.Contains([]byte(out), []byte(l)) {
					t.Errorf("%s (writes of %d): %q went out as %q", row.name, chunk, row.body, out)
				}
			}
			if len(out) != len(row.body) || bytes.Count([]byte(out), []byte("*")) < 2*len(m[3:]) {
				t.Errorf("%s (writes of %d): %q not starred in place: %q", row.name, chunk, row.body, out)
			}
		}
	}
}

// TestStreamUnlabelledAcrossLinesClean: lines that end in digits a
// reading shows (a price, a chapter number) are held only until the next
// line comes, and go out byte for byte; what the guard holds of them stays
// within legacyContext bytes and the line they end, however many lines
// end so.
func TestStreamUnlabelledAcrossLinesClean(t *testing.T) {
	var body bytes.Buffer
	line := gbkBytes(t, "价格 "+fullWidth("12")+" 元，第"+fullWidth("3")) + "\n"
	for range 500 {
		body.WriteString(line)
	}
	for _, mt := range []string{"text/html", "text/plain", ""} {
		out, err, most := streamTyped(t, StreamLines, mt, body.String(), 7)
		if err != nil {
			t.Fatalf("%q: %v", mt, err)
		}
		if out != body.String() {
			reportFirstDiff(t, body.Bytes(), []byte(out))
		}
		if most > legacyContext+len(line)+7 {
			t.Errorf("%q: held %d bytes of lines", mt, most)
		}
	}
}
