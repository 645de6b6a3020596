package bodyformat

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// keyedShortNumbers are values of fewer than nine digits the engine finds
// under a key naming their category: a landline's local number (7 or 8
// digits, starting 2–9), a permit's 8 digits (台胞证), a Macau ID's 8.
func keyedShortNumbers(t *testing.T) []struct {
	key, digits string
	cat         detect.Category
} {
	r := rng(t.Name())
	var out []struct {
		key, digits string
		cat         detect.Category
	}
	add := func(key, digits string, cat detect.Category) {
		out = append(out, struct {
			key, digits string
			cat         detect.Category
		}{key, digits, cat})
	}
	for range 5 {
		local := strconv.Itoa(2+r.IntN(8)) + fmt.Sprintf("%07d", r.IntN(10_000_000))[:6+r.IntN(2)]
		add("座机", local, detect.CNLandline)
		add("landline", local, detect.CNLandline)
		add("permit_no", "1"+strconv.Itoa(1000000+r.IntN(9000000)), detect.CNPermit)
		add("macau_id", strings.NewReplacer("(", "", ")", "").Replace(synth.MOID(r)), detect.MOID)
	}
	return out
}

// TestKeyedShortNumbersRead: a bare JSON number, or a MessagePack
// integer, under a key naming a category whose values have fewer than
// nine digits ({"座机": 6543210}, {"permit_no": 12345678}) is read with
// the key's hint, as the same digits in a string are, and masked.
func TestKeyedShortNumbersRead(t *testing.T) {
	eng := testEngine(t)
	for _, c := range keyedShortNumbers(t) {
		str := mustInspect(t, eng, []byte(fmt.Sprintf(`{%q:%q}`, c.key, c.digits)), ctJSON, "", Redact)
		if !hasCategory(str.Findings, c.cat) {
			t.Fatalf("%s: %s in a string is no %s to the engine (%v): the fixture is wrong", c.key, c.digits, c.cat, str.Findings)
		}
		num := mustInspect(t, eng, []byte(fmt.Sprintf(`{%q:%s}`, c.key, c.digits)), ctJSON, "", Redact)
		if !hasCategory(num.Findings, c.cat) || strings.Contains(string(num.Body), c.digits) {
			t.Errorf("JSON number %s under %q went out: %s (%v)", c.digits, c.key, num.Body, num.Findings)
		}
		v, _ := strconv.ParseUint(c.digits, 10, 64)
		mp := mustInspect(t, eng, mpMap(mpStr(c.key), mpUint64(v)), "application/msgpack", "", Redact)
		if !hasCategory(mp.Findings, c.cat) || strings.Contains(string(mp.Body), c.digits) {
			t.Errorf("MessagePack integer %s under %q went out: %q (%v)", c.digits, c.key, mp.Body, mp.Findings)
		}
	}
}

// TestKeyedShortNumbersGate: a number is read only when it has as many
// digits as the fewest a category of its key's hint has
// (detect.KeyDigits): ordinary small numbers under keys that name nothing
// (counts, prices, ids) and numbers shorter than the hinted minimum cost
// no engine call (counted), and one at the minimum costs one.
func TestKeyedShortNumbersGate(t *testing.T) {
	eng := testEngine(t)
	calls := func(body string) (int, Result) {
		f := &countingFinder{eng: eng}
		res, err := inspect(f, []byte(body), ctJSON, "", Redact, Limits{}.withDefaults())
		if err != nil {
			t.Fatal(err)
		}
		return f.calls, res
	}
	for _, c := range []struct {
		key, num string
		calls    int
	}{
		{"count", "1234567", 0}, {"price", "87654321", 0}, {"id", "23456789", 0}, // no hint: nine digits or more
		{"tel", "654321", 0},        // a landline's local number has seven digits
		{"座机", "6543210", 1},        // seven: read
		{"permit", "1234567", 0},    // a permit has eight
		{"permit", "12345678", 1},   // eight: read
		{"qq", "1234", 0},           // a QQ number has five
		{"qq", "12345", 1},          // five: read
		{"mobile", "87654321", 0},   // a mobile has eleven, an international number nine
		{"ssn", "12345678", 0},      // an SSN has nine
		{"passport", "12345678", 0}, // an all-digit passport too
	} {
		body := fmt.Sprintf(`{%q:%s}`, c.key, c.num)
		keyOnly, _ := calls(fmt.Sprintf(`{%q:0}`, c.key)) // the key itself may be read
		got, res := calls(body)
		if got-keyOnly != c.calls {
			t.Errorf("%s: %d engine calls for the number, want %d", body, got-keyOnly, c.calls)
		}
		if c.calls == 0 && res.Changed {
			t.Errorf("%s: changed to %s", body, res.Body)
		}
	}
}

// TestNumberFloorFromKeyDigits: the fewest digits a number is read with
// comes from the registry's keyDigits alone: nine under a key naming
// nothing (the fewest of the categories read under any key), fewer only
// under a key naming a category read behind its key only, and every
// category with such values is either read under any key with at least
// nine digits or listed as read behind its key only with fewer (a new
// category of shorter values must choose, or it would lower the gate of
// every number).
func TestNumberFloorFromKeyDigits(t *testing.T) {
	if minNumberLen != 9 || minNumberFor(0) != 9 {
		t.Errorf("minNumberLen %d, minNumberFor(no hint) %d, want 9", minNumberLen, minNumberFor(0))
	}
	for _, c := range detect.AllCategories {
		h := detect.NewCategorySet(c)
		k := detect.KeyDigits(h)
		switch {
		case k == 0:
			if minNumberFor(h) != minNumberLen {
				t.Errorf("%s has no digit values: minNumberFor %d", c, minNumberFor(h))
			}
		case keyOnlyNumbers&h != 0:
			if k >= minNumberLen || minNumberFor(h) != k {
				t.Errorf("%s, read behind its key only: KeyDigits %d, minNumberFor %d", c, k, minNumberFor(h))
			}
		case k < minNumberLen:
			t.Errorf("%s has values of %d digits: list it in keyOnlyNumbers or read every number of %d digits", c, k, k)
		}
	}
	for key, want := range map[string]int{"qq": 5, "座机": 7, "permit_no": 8, "mobile": 9, "count": 9} {
		if got := minNumberFor(hintForKey(key)); got != want {
			t.Errorf("minNumberFor(%q) = %d, want %d", key, got, want)
		}
	}
}
