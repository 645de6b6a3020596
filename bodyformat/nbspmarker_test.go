package bodyformat

import (
	"bytes"
	"testing"
)

// TestNbspBeforeAddressMarkerInPages: an HTML page writing the space
// between a number of an address and its marker as &nbsp; or &#160; (the
// view decodes it to U+00A0) passed the house number and the room raw
// (attack pass 46, F5: detect's markerAfterNumber read only ' ' and
// U+3000 there). Each is masked now, and the clean paragraph kept.
func TestNbspBeforeAddressMarkerInPages(t *testing.T) {
	const clean = "今天天气很好。"
	for _, body := range []string{
		"<p>河南省郑州市金水区建设路917&nbsp;号3幢2501室</p><p>" + clean + "</p>",
		"<p>地址：河南省郑州市金水区建设路917&#160;号3&#160;幢2501&#160;室</p><p>" + clean + "</p>",
	} {
		res, err := Inspect(testEngine(t), []byte(body), "text/html", "", Redact, Limits{})
		if err != nil {
			t.Fatalf("inspect %q: %v", body, err)
		}
		for _, raw := range []string{"917", "2501"} {
			if bytes.Contains(res.Body, []byte(raw)) {
				t.Errorf("%q passes raw in %q", raw, res.Body)
			}
		}
		if !bytes.Contains(res.Body, []byte("<p>"+clean+"</p>")) {
			t.Errorf("clean text not kept in %q", res.Body)
		}
	}
}
