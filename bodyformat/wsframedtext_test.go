package bodyformat

import (
	"encoding/binary"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestSniffFramedText: a binary message that is text but for NULs after
// it or a short binary head is found, its text where it stands, and goes
// out with a masked text in the same framing (a shorter one padded, a
// longer one refused); a message with NULs or undecodable bytes further
// in (an image, a protobuf message with a zero in it) and one with no
// framing around its text are not.
func TestSniffFramedText(t *testing.T) {
	m := synth.CNMobile(rng(t.Name()))
	doc := `{"phone":"` + m + `"}`
	for _, tc := range []struct {
		name, msg, text string
	}{
		{"stomp", "SEND\ndestination:/x\n\n" + doc + "\x00", "SEND\ndestination:/x\n\n" + doc},
		{"padded", doc + "\x00\x00\x00\x00\x00", doc},
		{"length", string(binary.BigEndian.AppendUint32(nil, 3)) + "tel " + m, "tel " + m},
		{"high byte", "\x00\xff\xfetel " + m, "tel " + m},
		{"type and nul", "\x02\x00tel " + m + "\x00", "tel " + m},
	} {
		ft, ok := SniffFramedText([]byte(tc.msg))
		if !ok || string(ft.Text([]byte(tc.msg))) != tc.text {
			t.Errorf("%s: %v %q", tc.name, ok, ft.Text([]byte(tc.msg)))
			continue
		}
		same, ok := ft.Append(nil, []byte(tc.text))
		if !ok || string(same) != tc.msg {
			t.Errorf("%s: its own text goes out as %q", tc.name, same)
		}
		short, ok := ft.Append(nil, []byte(tc.text[1:]))
		if !ok || len(short) != len(tc.msg) || !strings.HasSuffix(strings.TrimRight(string(short), "\x00"), " ") {
			t.Errorf("%s: a shorter text goes out as %q", tc.name, short)
		}
		if _, ok := ft.Append(nil, []byte(tc.text+"x")); ok {
			t.Errorf("%s: a longer text fits", tc.name)
		}
	}
	for name, msg := range map[string]string{
		"png":       "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
		"protobuf":  "\x08\x96\x01\x1a\x0btel " + m[:7] + "\x20\x00\x28\x01",
		"nul far":   "\x01\x02\x03\x04\x05\x06\x07\x08\x00tel " + m,
		"no frame":  "tel " + m,
		"all nul":   "\x00\x00\x00",
		"head only": "\x00\x00\xff",
	} {
		if _, ok := SniffFramedText([]byte(msg)); ok {
			t.Errorf("%s: %q found framed text", name, msg)
		}
	}
}
