package bodyformat

import (
	"bytes"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestFormSiblingsJoined: a number split across the values of a form whose
// field names say what it holds (percent-encoded or not, other fields
// between) is found once and masks
// each of its values whole; a form of ids, years and counts is unchanged,
// and a mobile in a field of its own is masked as before.
func TestFormSiblingsJoined(t *testing.T) {
	r := rng(t.Name())
	eng := testEngine(t)
	for range 5 {
		mob, id := synth.CNMobile(r), synth.CNID18(r)
		for _, c := range []struct{ body, part string }{
			{"tel1=" + mob[:3] + "&tel2=" + mob[3:7] + "&tel3=" + mob[7:], mob[3:7]},
			{"name=x&idcard1=" + id[:6] + "&note=hi&d=" + id[6:14] + "&s=" + id[14:] + "&ok=1", id[6:14]},
			{"mobile=%3" + mob[:1] + "%3" + mob[1:2] + mob[2:3] + "&b=" + mob[3:7] + "&c=" + mob[7:], mob[3:7]},
		} {
			res := mustInspect(t, eng, []byte(c.body), "application/x-www-form-urlencoded", "", Redact)
			if !res.Changed || strings.Contains(string(res.Body), c.part) || len(res.Findings) != 1 {
				t.Errorf("%q -> %q %v", c.body, res.Body, res.Findings)
			}
			assertStable(t, eng, res, "application/x-www-form-urlencoded")
		}
	}
	for _, body := range []string{"id=1&zip=100020&year=2024&count=7", "h=13&m=45&s=20&page=3",
		"page=138&size=1200&offset=5999", "x=159&y=2024&z=1231"} {
		if res := mustInspect(t, eng, []byte(body), "application/x-www-form-urlencoded", "", Redact); res.Changed {
			t.Errorf("%q -> %q", body, res.Body)
		}
	}
}

// TestDigitsOnlyTrim checks trimSigns against the bytes functions it
// stands for, on texts of the bytes they cut and others.
func TestDigitsOnlyTrim(t *testing.T) {
	r := rng(t.Name())
	atoms := []string{" ", "-", "+", "1", "x", "１", "&#49;", "a"}
	for range 50000 {
		var b []byte
		for range r.IntN(9) {
			b = append(b, atoms[r.IntN(len(atoms))]...)
		}
		if got, want := trimSigns(b), bytes.TrimLeft(bytes.Trim(b, " -"), "+"); !bytes.Equal(got, want) {
			t.Fatalf("%q: %q, want %q", b, got, want)
		}
	}
}
