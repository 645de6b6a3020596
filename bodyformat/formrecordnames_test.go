package bodyformat

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// formType is the type of a form body.
const formType = "application/x-www-form-urlencoded"

// TestFormRecordNames: a name-shaped value under a field that names
// nothing is a name when another field of its form holds a resident ID
// or a mobile, before or after it, percent-encoded or not (the rule of
// TestRecordNames, for a form's fields).
func TestFormRecordNames(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for k := 0; k < 200; k++ {
		name, id, m := synth.CNName(r), synth.CNID18(r), synth.CNMobile(r)
		for _, body := range []string{
			"a=" + url.QueryEscape(name) + "&b=" + id + "&c=" + m,
			"b=" + id + "&a=" + url.QueryEscape(name),
			"x=1&a=" + name + "&c=" + m,
		} {
			res := mustInspect(t, eng, []byte(body), formType, "", Redact)
			out, err := url.QueryUnescape(string(res.Body))
			if err != nil || strings.Contains(out, name) || strings.Contains(out, id) || strings.Contains(out, m) {
				t.Fatalf("left raw: %s -> %s (%v)", body, res.Body, err)
			}
			if scan := mustInspect(t, eng, []byte(body), formType, "", Scan); !hasCategory(scan.Findings, detect.CNName) {
				t.Fatalf("no name reported in Scan mode: %s", body)
			}
		}
	}
}

// TestFormRecordNamesNotWords: the listed words that are no name (cities,
// products, common words) stay as they are in a form's neutral field
// next to an ID, and a name stays when no field holds an ID or a mobile,
// or stands under a field naming something else.
func TestFormRecordNamesNotWords(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	id, m := synth.CNID18(r), synth.CNMobile(r)
	words := listedNotNames(t)
	masked := 0
	for _, w := range words {
		body := "city=" + url.QueryEscape(w) + "&v=" + url.QueryEscape(w) + "&id=" + id
		res := mustInspect(t, eng, []byte(body), formType, "", Redact)
		if strings.Count(string(res.Body), url.QueryEscape(w)) != 2 {
			masked++
			t.Errorf("masked a word: %s -> %s", body, res.Body)
		}
	}
	t.Logf("%d/%d listed words masked next to an ID", masked, len(words))
	name := url.QueryEscape(synth.CNName(r))
	for _, body := range []string{
		"a=" + name + "&n=12",
		"a=" + name + "&b=1234567",
		"productName=" + name + "&tel=" + m,
		"shop_name=" + name + "&tel=" + m,
	} {
		res := mustInspect(t, eng, []byte(body), formType, "", Redact)
		if !strings.Contains(string(res.Body), name) {
			t.Errorf("a value no record names masked: %s -> %s", body, res.Body)
		}
	}
}

// TestFormRecordNamePaddedOrPushed: as in JSON (TestRecordNamePaddingKept,
// TestRecordNameWindow), a form's name padded with white space a receiver
// shows as blank is a name, masked without its padding, and values of no
// name's shape around it push it out of the kept values in no order.
func TestFormRecordNamePaddedOrPushed(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for k := 0; k < 50; k++ {
		name, id := synth.CNName(r), synth.CNID18(r)
		var pad strings.Builder
		for i := 0; i < 20; i++ {
			pad.WriteString("p" + strconv.Itoa(i) + "=" + url.QueryEscape("汉族已婚") + "&")
		}
		for _, body := range []string{
			"a=" + url.QueryEscape(" "+name) + "&b=" + id,
			"a=" + url.QueryEscape("\u3000"+name+"\u00a0") + "&b=" + id,
			"a=+" + url.QueryEscape(name) + "&b=" + id,
			pad.String() + "a=" + url.QueryEscape(name) + "&b=" + id,
			"a=" + url.QueryEscape(name) + "&" + pad.String() + "b=" + id,
		} {
			res := mustInspect(t, eng, []byte(body), formType, "", Redact)
			out, err := url.QueryUnescape(string(res.Body))
			if err != nil || strings.Contains(out, name) || strings.Contains(out, id) {
				t.Fatalf("left raw: %s -> %s (%v)", body, res.Body, err)
			}
			if strings.Count(out, "汉族已婚") != strings.Count(body, url.QueryEscape("汉族已婚")) {
				t.Fatalf("padding masked: %s -> %s", body, res.Body)
			}
		}
	}
}
