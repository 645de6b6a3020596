package matcher

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"net/http"
	"testing"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
)

// TestAttack55cHeaderBlobNotRead: the pii matcher reads the host through
// bodyformat.FindText (every reading, compressed blobs included, and a
// blob past what it may inflate is a 400), but every other header value
// and cookie through the engine alone (scanValue: categories): the
// base64 of a zlib stream holding a mobile, in X-Attachment or a cookie,
// is no match, where pii_filter's handler reads header fields through
// FindText and finds it (and the same blob in the query string matches).
// The matcher should read header values as the handler does.
func TestAttack55cHeaderBlobNotRead(t *testing.T) {
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	w.Write([]byte("联系人手机 " + testMobile + " 谢谢"))
	w.Close()
	blob := base64.StdEncoding.EncodeToString(z.Bytes())
	eng := newMatcher(t, MatchPII{In: []string{SourceHeaders}}).engine
	if fs, err := bodyformat.FindText(eng, []byte(blob), 0); err != nil || len(fs) == 0 {
		t.Fatalf("control: FindText reads the blob: %d findings, %v", len(fs), err)
	}
	for _, h := range []struct{ name, value string }{{"X-Attachment", blob}, {"Cookie", "att=" + blob}} {
		m := newMatcher(t, MatchPII{In: []string{SourceHeaders}})
		r := newRequest(http.MethodGet, "/", "", nil)
		r.Header.Set(h.name, h.value)
		if !mustMatch(t, m, r) {
			t.Errorf("%s: a zlib blob holding a mobile is no match (FindText finds it)", h.name)
		}
	}
}
