package bodyformat

import (
	"bytes"
	"maps"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestCompressedFilesReadByLabel (attack pass 45, F2): a gzip file or a
// zlib stream labelled as a binary format read by its structure
// (application/msgpack, application/cbor), with no Content-Encoding, is
// read as a body of that type once decompressed: a map's uint64 mobile
// and the name under "name" count as they do in the body uncompressed,
// and in Redact mode the file is compressed again in its format, holding
// exactly what the uncompressed body is redacted to. The clean map
// passes byte for byte.
func TestCompressedFilesReadByLabel(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(46, 4))
	mob, _ := strconv.ParseUint(synth.CNMobile(r), 10, 64)
	name := synth.CNName(r)
	docs := map[string][2][]byte{
		"application/msgpack": {
			mpMap(mpStr("tel"), mpUint64(mob), mpStr("name"), mpStr(name), mpStr("note"), mpStr("fresh")),
			mpMap(mpStr("tel"), mpUint64(7), mpStr("note"), mpStr("fresh")),
		},
		"application/cbor": {
			cbMap(cbText("tel"), cbUint64(mob), cbText("name"), cbText(name), cbText("note"), cbText("fresh")),
			cbMap(cbText("tel"), cbUint64(7), cbText("note"), cbText("fresh")),
		},
	}
	for ct, pair := range docs {
		plain, clean := pair[0], pair[1]
		want := mustInspect(t, eng, plain, ct, "", Scan)
		if want.Summary.Counts[detect.CNMobile] == 0 || want.Summary.Counts[detect.CNName] == 0 {
			t.Fatalf("%s uncompressed: counted %v", ct, want.Summary.Counts)
		}
		wantRed := mustInspect(t, eng, plain, ct, "", Redact)
		for _, c := range []struct {
			format   string
			compress func([]byte) []byte
			open     func([]byte) string
		}{
			{FormatGzip, func(b []byte) []byte { return []byte(gzipOf(string(b))) }, func(b []byte) string { return gunzipOf(t, b) }},
			{FormatZlib, func(b []byte) []byte { return zlibOf(string(b)) }, func(b []byte) string { return inflateOf(t, b, true) }},
		} {
			body := c.compress(plain)
			got := mustInspect(t, eng, body, ct, "", Scan)
			if !maps.Equal(got.Summary.Counts, want.Summary.Counts) {
				t.Errorf("%s as %s: counted %v, uncompressed %v", c.format, ct, got.Summary.Counts, want.Summary.Counts)
			}
			red := mustInspect(t, eng, body, ct, "", Redact)
			if !red.Changed || red.Format != c.format || c.open(red.Body) != string(wantRed.Body) {
				t.Errorf("%s as %s: redacted %v as %q, uncompressed redacted to %q", c.format, ct, red.Changed, red.Format, wantRed.Body)
			}
			cleanBody := c.compress(clean)
			for _, mode := range []Mode{Scan, Redact} {
				res := mustInspect(t, eng, cleanBody, ct, "", mode)
				if res.Changed || !bytes.Equal(res.Body, cleanBody) || len(res.Summary.Counts) != 0 {
					t.Errorf("%s as %s, clean, mode %v: changed %v, counted %v", c.format, ct, mode, res.Changed, res.Summary.Counts)
				}
			}
		}
	}
}
