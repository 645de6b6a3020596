package fieldtext

import (
	"math/rand/v2"
	"mime"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestRedactParamsCommaList checks that parameters written after a comma
// instead of a ';' (`text/plain, name=…`, `attachment, filename=…`, after
// an unquoted or quoted charset: receivers that split the field's list or
// read the value to the next ';' show them) are read with their name's
// hint and decoding and masked, and that what parsed before still parses
// with its type and charset.
func TestRedactParamsCommaList(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	find := testFinder()
	mob, id := synth.CNMobile(r), synth.CNID18(r)
	for _, in := range []string{
		`text/plain, name=` + mob,
		`text/plain,name=` + mob + `.txt`,
		`attachment, filename=` + mob + `.txt`,
		`attachment,filename="` + id + `.pdf"`,
		`text/plain,name*=utf-8''` + pctAll([]byte(mob)),
		`text/plain , name*=UTF-8''` + pctAll([]byte(id)) + `.csv; charset=utf-8`,
		`text/plain ` + mob,
		`text/plain; charset=utf-8, name=` + mob,
		`text/plain; charset="utf-8", name*=utf-8''` + pctAll([]byte(mob)),
		`multipart/form-data; boundary=xyz,name=` + mob,
		`text/plain; charset=utf-8,` + mob,
	} {
		out, fs := RedactParams(find, in)
		if len(fs) == 0 || strings.Contains(out, mob) || strings.Contains(out, id) {
			t.Errorf("%q became %q (%d findings)", in, out, len(fs))
			continue
		}
		wantMT, wantParams, wantErr := mime.ParseMediaType(in)
		mt, params, err := mime.ParseMediaType(out)
		if wantErr == nil && (err != nil || mt != wantMT || params["charset"] != wantParams["charset"]) {
			t.Errorf("%q became %q: %q %v %v", in, out, mt, params, err)
		}
	}
}

// TestRedactParamsCommaKept checks that commas that are no list (in a
// quoted value, in a ';' parameter's unquoted value, a boundary's quoted
// bchars) leave a clean field as it is and the framing values unread.
func TestRedactParamsCommaKept(t *testing.T) {
	r := rand.New(rand.NewPCG(10, 10))
	find := testFinder()
	mob := synth.CNMobile(r)
	for _, in := range []string{
		`multipart/mixed; boundary="a,` + mob + `"`,
		`attachment; filename="a, b.txt"`,
		`attachment; filename=a,b.txt`,
		`text/plain, text/html`,
		`text/plain, charset=utf-8`,
		`multipart/form-data, boundary=` + mob,
		`multipart/form-data; boundary=` + mob + `, charset=utf-8`,
	} {
		if out, fs := RedactParams(find, in); out != in || len(fs) != 0 {
			t.Errorf("%q became %q (%d findings)", in, out, len(fs))
		}
	}
}
