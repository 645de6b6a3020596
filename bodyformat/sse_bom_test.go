package bodyformat

import (
	"bytes"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestEventStreamOpeningWithBOMIsMasked: an event stream whose first
// event opens with a UTF-8 byte-order mark (which EventSource ignores) has
// its data masked, buffered and streamed, with the mark kept in front; a
// clean stream so opened goes out byte for byte.
func TestEventStreamOpeningWithBOMIsMasked(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	const bom = "\xef\xbb\xbf"
	id, mob := synth.CNID18(r), synth.CNMobile(r)
	for _, tc := range []struct{ name, body, raw string }{
		{"text", bom + "data: 身份证 " + id + "\n\ndata: bye\n\n", id},
		{"bare", bom + "data: " + id + "\n\ndata: bye\n\n", id},
		{"json", bom + `data: {"mobile":"` + mob + `"}` + "\n\ndata: bye\n\n", mob},
		{"two data lines", bom + "data: 手机\ndata: " + mob + "\r\n\r\n", mob},
		{"after an id line", "id: 1\n" + bom + "data: " + id + "\n\n", id},
	} {
		res := mustInspect(t, eng, []byte(tc.body), "text/event-stream", "", Redact)
		streamed, _ := streamThrough(t, StreamEvents, Redact, tc.body)
		for way, out := range map[string]string{"buffered": string(res.Body), "streamed": streamed} {
			if strings.Contains(out, tc.raw) {
				t.Errorf("%s, %s: the value went out raw: %q", tc.name, way, out)
			}
			if strings.Count(out, "data:") != strings.Count(tc.body, "data:") {
				t.Errorf("%s, %s: data lines added or lost: %q", tc.name, way, out)
			}
			if strings.HasPrefix(tc.body, bom) && !strings.HasPrefix(out, bom+"data: ") {
				t.Errorf("%s, %s: the mark and data line are not kept in front: %q", tc.name, way, out)
			}
		}
	}
	for _, clean := range []string{
		bom + "data: hello 2024-06-01 order 12345\n\n",
		bom + `data: {"n":"12345","t":"ok"}` + "\r\n\r\n",
		bom + ": comment\ndata: x\n\n",
	} {
		res := mustInspect(t, eng, []byte(clean), "text/event-stream", "", Redact)
		streamed, _ := streamThrough(t, StreamEvents, Redact, clean)
		if !bytes.Equal(res.Body, []byte(clean)) || streamed != clean {
			t.Errorf("clean stream altered: %q → %q / %q", clean, res.Body, streamed)
		}
	}
}
