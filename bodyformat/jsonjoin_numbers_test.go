package bodyformat

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// shownFlat returns what a client that flattens body's arrays and joins
// their elements shows: every string and number in order, numbers as
// written (a JavaScript page's [138,1234,5678].join(”) or
// flat().join(”)).
func shownFlat(t *testing.T, body []byte) string {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("invalid JSON out: %v\n%s", err, body)
	}
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			b.WriteString(v)
		case json.Number:
			b.WriteString(string(v))
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			walk(v["d"])
			walk(v["text"])
		}
	}
	walk(v)
	return b.String()
}

// digitCuts returns cut points of s (digits) between 1 and len(s)-1 at
// which no part starts with 0, so every part is a JSON number.
func digitCuts(r *rand.Rand, s string, parts int) []string {
	for {
		var cuts []int
		for range parts - 1 {
			cuts = append(cuts, 1+r.IntN(len(s)-1))
		}
		cuts = append(cuts, 0, len(s))
		slices.Sort(cuts)
		var out []string
		ok := true
		for k := 1; k < len(cuts); k++ {
			p := s[cuts[k-1]:cuts[k]]
			if p == "" || p[0] == '0' {
				ok = false
				break
			}
			out = append(out, p)
		}
		if ok {
			return out
		}
	}
}

// TestArrayNumbersJoined: an identifier cut into the numbers of an array
// ({"d":[138,1234,5678]}), into numbers and strings mixed
// (["138",1234,"5678"]), across nested arrays ([[138],[1234,5678]]), or
// into numbers under a joined key of an array's objects is found, counted
// once and masked: a client that joins the elements shows no identifier,
// the body stays JSON, a second redaction changes nothing, and a scan
// finds it without changing the body.
func TestArrayNumbersJoined(t *testing.T) {
	r := rng(t.Name())
	for range 20 {
		m := synth.CNMobile(r)
		id := synth.CNID18(r)
		p := digitCuts(r, m, 3)
		q := digitCuts(r, id[:17], 2)
		idLast := jsonString(id[17:])
		if id[17] != 'X' && id[17] != '0' {
			idLast = id[17:]
		}
		for _, c := range []struct {
			body   string
			cat    detect.Category
			secret string
		}{
			{`{"d":[` + p[0] + `,` + p[1] + `,` + p[2] + `]}`, detect.CNMobile, m},
			{`["` + p[0] + `",` + p[1] + `,"` + p[2] + `"]`, detect.CNMobile, m},
			{`[` + p[0] + `,"` + p[1] + `",` + p[2] + `]`, detect.CNMobile, m},
			{`[[` + p[0] + `],[` + p[1] + `,` + p[2] + `]]`, detect.CNMobile, m},
			{`[["` + p[0] + `"],["` + p[1] + p[2] + `"]]`, detect.CNMobile, m},
			{`{"d":[[[` + p[0] + `]],[[` + p[1] + `]],[[` + p[2] + `]]]}`, detect.CNMobile, m},
			{`[[[` + p[0] + `,` + p[1] + `,` + p[2] + `]]]`, detect.CNMobile, m}, // three joins read it: counted once
			{`[{"text":` + p[0] + `},{"text":` + p[1] + p[2] + `}]`, detect.CNMobile, m},
			{`{"d":[` + q[0] + `,` + q[1] + `,` + idLast + `]}`, detect.CNID, id},
		} {
			res := mustInspect(t, testEngine(t), []byte(c.body), ctJSON, "", Redact)
			shown := shownFlat(t, res.Body)
			n := 0
			for _, f := range res.Findings {
				if f.Category == c.cat {
					n++
				}
			}
			if n != 1 || strings.Contains(shown, c.secret) {
				t.Errorf("%s: %+v -> %s (shown %q)", c.body, res.Findings, res.Body, shown)
				continue
			}
			assertStable(t, testEngine(t), res, ctJSON)
			scan := mustInspect(t, testEngine(t), []byte(c.body), ctJSON, "", Scan)
			if !hasCategory(scan.Findings, c.cat) || scan.Changed {
				t.Errorf("scan %s: %+v changed %v", c.body, scan.Findings, scan.Changed)
			}
		}
	}
}

// TestTimeSplitNumbersJoined: every mobile's first ten digits, and a
// resident ID's birth date with the two digits after it, read as a time
// since 1970; cut there, the pieces are still read joined under a key
// that names a phone or an ID, behind a wrapper too.
func TestTimeSplitNumbersJoined(t *testing.T) {
	r := rng(t.Name())
	for range 5 {
		m := mobileNoZeroAt(r, 10)
		id := synth.CNID18(r)
		for id[17] == 'X' || id[16] == '0' {
			id = synth.CNID18(r)
		}
		for _, c := range []struct{ body, secret string }{
			{`{"mobile":[` + m[:10] + `,` + m[10:] + `]}`, m[3:7]},
			{`{"tel":[` + m[:10] + `,"` + m[10:] + `"]}`, m[3:7]},
			{")]}'\n" + `{"mobile":[` + m[:10] + `,` + m[10:] + `]}`, m[3:7]},
			{`{"phone":[[` + m[:10] + `,` + m[10:] + `]]}`, m[3:7]},
			{`{"idcard":[` + id[:6] + `,` + id[6:16] + `,` + id[16:] + `]}`, id[6:14]},
		} {
			res := mustInspect(t, testEngine(t), []byte(c.body), ctJSON, "", Redact)
			doc, _ := bytes.CutPrefix(res.Body, []byte(")]}'\n"))
			if strings.Contains(shownFlat(t, doc), c.secret) {
				t.Errorf("%s -> %s", c.body, res.Body)
			}
		}
	}
}

// TestTimeSeriesNotJoined: a time series' points, a time since 1970 in
// seconds or milliseconds and a value, are not read joined
// (each pair would read as a mobile or a card) and go out untouched.
func TestTimeSeriesNotJoined(t *testing.T) {
	r := rng(t.Name())
	for _, unit := range []int64{1, 1000} {
		for _, values := range []func() string{
			func() string { return fmt.Sprint(r.IntN(10)) },
			func() string { return fmt.Sprint(r.IntN(1000)) },
			func() string { return fmt.Sprintf("%d.%02d", r.IntN(100), r.IntN(100)) },
		} {
			var b strings.Builder
			b.WriteString(`{"series":[`)
			t0 := int64(1_700_000_000) + r.Int64N(60_000_000)
			for k := range 500 {
				if k > 0 {
					b.WriteByte(',')
				}
				fmt.Fprintf(&b, "[%d,%s]", (t0+int64(k)*60)*unit, values())
			}
			b.WriteString("]}")
			body := b.String()
			res := mustInspect(t, testEngine(t), []byte(body), ctJSON, "", Redact)
			if string(res.Body) != body || len(res.Findings) != 0 {
				t.Errorf("unit %d: %d findings, body changed %v", unit, len(res.Findings), string(res.Body) != body)
			}
		}
	}
	// a sample: a time and a value, Prometheus' instant query
	for k := range 200 {
		body := fmt.Sprintf(`{"status":"success","data":{"result":[{"metric":{"job":"node"},"value":[%d,"%d"]}]}}`, 1_700_000_000+r.Int64N(300_000_000), k%10)
		if res := mustInspect(t, testEngine(t), []byte(body), ctJSON, "", Redact); res.Changed {
			t.Errorf("%s -> %s", body, res.Body)
		}
	}
	for num, want := range map[string]bool{
		"1733400000": true, "1733400000123": true, "1733400000123456": false,
		"3812345678": false, "5812345678": false, "9466848": false, "2208988801": false,
	} {
		if got := unixTime([]byte(num)); got != want {
			t.Errorf("unixTime(%s) = %v, want %v", num, got, want)
		}
	}
}
