package detect_test

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// Shared helpers for the table-driven engine tests (validators, evasion,
// look-alikes, redaction). Fixtures come from internal/synth with fixed
// seeds, so every failure is reproducible.

// perCase is how many generated values each table row tries.
const perCase = 200

// testKey is the fingerprint key of the test engines.
var testKey = []byte("detect-test-fingerprint-key-0001")

// newEngine compiles p with testKey unless p has its own key.
func newEngine(t testing.TB, p detect.Policy) *detect.Engine {
	t.Helper()
	if p.FingerprintKey == nil {
		p.FingerprintKey = testKey
	}
	e, err := detect.Compile(p)
	if err != nil {
		t.Fatalf("Compile(%+v): %v", p, err)
	}
	return e
}

// seeded returns a deterministic random source for a test row.
func seeded(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0xdec0de)) }

// seedOf derives a seed from a row name, so rows do not share streams.
func seedOf(name string) uint64 {
	var h uint64 = 1469598103934665603
	for i := 0; i < len(name); i++ {
		h ^= uint64(name[i])
		h *= 1099511628211
	}
	return h
}

// sample is a text with one value of interest at [start, end).
type sample struct {
	text       string
	start, end int
}

// embed places value between prefix and suffix.
func embed(prefix, value, suffix string) sample {
	return sample{text: prefix + value + suffix, start: len(prefix), end: len(prefix) + len(value)}
}

// fillTemplate replaces {L} with label and splits the template at {V}.
func fillTemplate(tmpl, label, value string) sample {
	tmpl = strings.ReplaceAll(tmpl, "{L}", label)
	pre, post, ok := strings.Cut(tmpl, "{V}")
	if !ok {
		panic("template without {V}: " + tmpl)
	}
	return embed(pre, value, post)
}

// describe lists findings with the text they cover, for failure messages.
func describe(text string, fs []detect.Finding) string {
	if len(fs) == 0 {
		return "no findings"
	}
	var b strings.Builder
	for i, f := range fs {
		if i > 0 {
			b.WriteString("; ")
		}
		cov := "<bad span>"
		if f.Start >= 0 && f.End <= len(text) && f.Start <= f.End {
			cov = text[f.Start:f.End]
		}
		fmt.Fprintf(&b, "%s[%d:%d]=%q ev=%s masked=%q", f.Category, f.Start, f.End, cov, f.Evidence, f.Masked)
	}
	return b.String()
}

// failures collects failures of one kind so a row reports its first
// failing sample and how many failed, instead of hundreds of lines.
type failures struct {
	n     int
	first string
}

func (f *failures) add(format string, args ...any) {
	if f.n == 0 {
		f.first = fmt.Sprintf(format, args...)
	}
	f.n++
}

// report fails t once per kind of failure that occurred.
func (f *failures) report(t *testing.T, what string, total int) {
	t.Helper()
	if f.n > 0 {
		t.Errorf("%s: %d/%d failed; first: %s", what, f.n, total, f.first)
	}
}

// invariantViolation returns what is wrong with findings in general: order,
// overlap, bounds, unknown category, confidence, empty mask or fingerprint.
func invariantViolation(text []byte, fs []detect.Finding) string {
	prev := 0
	for i, f := range fs {
		switch {
		case f.Start < 0 || f.End > len(text) || f.Start >= f.End:
			return fmt.Sprintf("finding %d has span [%d:%d] in %d bytes", i, f.Start, f.End, len(text))
		case f.Start < prev:
			return fmt.Sprintf("finding %d [%d:%d] overlaps or precedes the previous end %d", i, f.Start, f.End, prev)
		case f.Confidence < 0 || f.Confidence > 1:
			return fmt.Sprintf("finding %d confidence %v", i, f.Confidence)
		case f.Masked == "" || f.Fingerprint == "":
			return fmt.Sprintf("finding %d has empty Masked or Fingerprint", i)
		}
		if _, err := detect.ParseCategory(string(f.Category)); err != nil {
			return fmt.Sprintf("finding %d: %v", i, err)
		}
		if !utf8.ValidString(f.Masked) {
			return fmt.Sprintf("finding %d mask %q is not UTF-8", i, f.Masked)
		}
		prev = f.End
	}
	return ""
}

// exactly returns the finding of category c spanning exactly [start, end).
func exactly(fs []detect.Finding, c detect.Category, start, end int) (detect.Finding, bool) {
	for _, f := range fs {
		if f.Category == c && f.Start == start && f.End == end {
			return f, true
		}
	}
	return detect.Finding{}, false
}

// ofCategory returns the findings of category c.
func ofCategory(fs []detect.Finding, c detect.Category) []detect.Finding {
	var out []detect.Finding
	for _, f := range fs {
		if f.Category == c {
			out = append(out, f)
		}
	}
	return out
}

// lowerX writes an identity number's check character X as x.
func lowerX(g func(*rand.Rand) string) func(*rand.Rand) string {
	return func(r *rand.Rand) string { return strings.ToLower(g(r)) }
}

// Sentence templates. {L} is a label, {V} the value.
var (
	labelledTemplates = []string{
		"用户资料更新：{L}{V}，请核对。",
		"Record updated. {L}{V}; please verify.",
		"客户信息 {L}{V} 已登记",
		"{L}{V}",
	}
	bareTemplates = []string{
		"请核对 {V} 是否正确。",
		"see {V} for details",
		"备注：{V}，谢谢",
	}
	// proximityTemplates put another finding (a mobile, {M}) next to the
	// value, with no label for the value itself.
	proximityTemplates = []string{
		"{V}，{M}",
		"{V} {M} 已登记",
		"备注：{V} / {M}",
	}
)

// validCase is one row of the valid-value table.
type validCase struct {
	name   string
	cat    detect.Category
	gen    func(*rand.Rand) string
	labels []string
	// bare: found in a sentence with no label and nothing else nearby. When
	// false the engine's contract is that it is NOT reported there.
	bare bool
	// bareWhen, when set, says of a value that is not bare whether it is
	// found bare all the same (a full address: province or city down to a
	// room, TestFullAddressUnlabelled); the others keep the contract.
	bareWhen func(string) bool
	// proximity: found without a label when another finding is nearby.
	proximity bool
	// checksum: the finding must carry EvChecksum.
	checksum bool
}

var (
	idLabels       = []string{"身份证号码：", "身份证号:", "公民身份号码 ", "身份证 "}
	mobileLabels   = []string{"手机：", "手机号码：", "联系电话：", "Mobile: "}
	landlineLabels = []string{"电话：", "座机：", "Tel: ", "固定电话 "}
	cardLabels     = []string{"银行卡号：", "卡号：", "银行卡号 ", "Card number: "}
	emailLabels    = []string{"Email: ", "邮箱：", "电子邮件："}
	passportLabels = []string{"护照号码：", "护照：", "Passport No.: ", "passport "}
	permitLabels   = []string{"通行证号码：", "往来港澳通行证 ", "回乡证：", "permit no. "}
	plateLabels    = []string{"车牌：", "车牌号：", "车牌号码 "}
	addressLabels  = []string{"地址：", "收货地址：", "住址："}
	nameLabels     = []string{"姓名：", "收件人：", "联系人："}
	ssnLabels      = []string{"SSN: ", "Social Security Number: "}
	phoneLabels    = []string{"Phone: ", "Tel: ", "phone "}
	ibanLabels     = []string{"IBAN: ", "IBAN "}
)

var validCases = []validCase{
	{name: "cn_id_18", cat: detect.CNID, gen: synth.CNID18, labels: idLabels, bare: true, checksum: true},
	{name: "cn_id_18_X", cat: detect.CNID, gen: synth.CNID18X, labels: idLabels, bare: true, checksum: true},
	{name: "cn_id_18_lower_x", cat: detect.CNID, gen: lowerX(synth.CNID18X), labels: idLabels, bare: true, checksum: true},
	{name: "cn_id_15", cat: detect.CNID, gen: synth.CNID15, labels: idLabels},
	{name: "cn_mobile", cat: detect.CNMobile, gen: synth.CNMobile, labels: mobileLabels, bare: true},
	{name: "cn_landline_separated", cat: detect.CNLandline, gen: synth.CNLandline, labels: landlineLabels, bare: true},
	{name: "cn_landline_contiguous", cat: detect.CNLandline, gen: synth.CNLandlineContiguous, labels: landlineLabels},
	{name: "bank_card_unionpay", cat: detect.BankCard, gen: synth.UnionPayCard, labels: cardLabels, bare: true, checksum: true},
	{name: "bank_card_visa", cat: detect.BankCard, gen: synth.Visa, labels: cardLabels, bare: true, checksum: true},
	{name: "bank_card_mastercard", cat: detect.BankCard, gen: synth.Mastercard, labels: cardLabels, bare: true, checksum: true},
	{name: "bank_card_amex", cat: detect.BankCard, gen: synth.Amex, labels: cardLabels, bare: true, checksum: true},
	{name: "bank_card_jcb", cat: detect.BankCard, gen: synth.JCB, labels: cardLabels, bare: true, checksum: true},
	{name: "bank_card_discover", cat: detect.BankCard, gen: synth.Discover, labels: cardLabels, bare: true, checksum: true},
	{name: "email", cat: detect.Email, gen: synth.Email, labels: emailLabels, bare: true},
	{name: "cn_passport", cat: detect.CNPassport, gen: synth.CNPassport, labels: passportLabels, proximity: true},
	{name: "cn_permit", cat: detect.CNPermit, gen: synth.CNPermit, labels: permitLabels, proximity: true},
	{name: "cn_plate", cat: detect.CNPlate, gen: synth.CNPlate, labels: plateLabels, bare: true},
	{name: "cn_address", cat: detect.CNAddress, gen: synth.CNAddress, labels: addressLabels, proximity: true, bareWhen: fullSynthAddress},
	{name: "cn_name", cat: detect.CNName, gen: synth.CNName, labels: nameLabels, proximity: true},
	{name: "us_ssn", cat: detect.USSSN, gen: synth.USSSN, labels: ssnLabels, bare: true},
	{name: "phone_e164", cat: detect.Phone, gen: synth.E164Phone, labels: phoneLabels, bare: true},
	{name: "phone_nanp_national", cat: detect.Phone, gen: synth.NANPNational, labels: phoneLabels},
	{name: "iban", cat: detect.IBAN, gen: synth.IBAN, labels: ibanLabels, bare: true, checksum: true},
	{name: "iban_grouped", cat: detect.IBAN, gen: synth.IBANGrouped, labels: ibanLabels, bare: true, checksum: true},
}

// TestValidValues checks every category's generated valid values: with a
// label, bare, and next to another finding, each must be reported with
// exactly the value's byte span (or, where the contract needs evidence, not
// reported when bare).
func TestValidValues(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	for _, c := range validCases {
		t.Run(c.name, func(t *testing.T) {
			r := seeded(seedOf(c.name))
			var missL, extraL, missB, fpB, missP, ev, inv failures
			for range perCase {
				v := c.gen(r)

				s := fillTemplate(pickOf(r, labelledTemplates), pickOf(r, c.labels), v)
				fs := e.Find([]byte(s.text))
				if msg := invariantViolation([]byte(s.text), fs); msg != "" {
					inv.add("%q: %s", s.text, msg)
				}
				if f, ok := exactly(fs, c.cat, s.start, s.end); !ok {
					missL.add("%q: want %s at [%d:%d] (%q), got %s", s.text, c.cat, s.start, s.end, v, describe(s.text, fs))
				} else {
					if len(fs) != 1 {
						extraL.add("%q: want only the %s, got %s", s.text, c.cat, describe(s.text, fs))
					}
					if c.checksum && f.Evidence&detect.EvChecksum == 0 {
						ev.add("%q: %s evidence %s lacks checksum", s.text, c.cat, f.Evidence)
					}
				}

				s = fillTemplate(pickOf(r, bareTemplates), "", v)
				fs = e.Find([]byte(s.text))
				if c.bare || c.bareWhen != nil && c.bareWhen(v) {
					if _, ok := exactly(fs, c.cat, s.start, s.end); !ok {
						missB.add("%q: want %s at [%d:%d] without a label, got %s", s.text, c.cat, s.start, s.end, describe(s.text, fs))
					}
				} else if got := ofCategory(fs, c.cat); len(got) > 0 {
					fpB.add("%q: %s needs a label or a neighbour, yet got %s", s.text, c.cat, describe(s.text, fs))
				}

				if c.proximity {
					m := synth.CNMobile(r)
					tmpl := strings.Replace(pickOf(r, proximityTemplates), "{M}", m, 1)
					s = fillTemplate(tmpl, "", v)
					fs = e.Find([]byte(s.text))
					if _, ok := exactly(fs, c.cat, s.start, s.end); !ok {
						missP.add("%q: want %s at [%d:%d] next to a mobile, got %s", s.text, c.cat, s.start, s.end, describe(s.text, fs))
					}
				}
			}
			inv.report(t, "finding invariants", perCase)
			missL.report(t, "labelled value not found with exact span", perCase)
			extraL.report(t, "labelled sentence gave extra findings", perCase)
			ev.report(t, "checksum evidence", perCase)
			missB.report(t, "unlabelled value not found with exact span", perCase)
			fpB.report(t, "value reported without the evidence its contract needs", perCase)
			missP.report(t, "value next to another finding not found with exact span", perCase)
		})
	}
}

// pickOf returns a random element of xs.
func pickOf[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// invalidCase is a row of invalid variants that must not be reported as
// cat, even with a label.
type invalidCase struct {
	name   string
	cat    []detect.Category
	gen    func(*rand.Rand) string
	labels []string // "" means no label
}

var invalidCases = []invalidCase{
	{"cnid_bad_check", []detect.Category{detect.CNID}, synth.CNIDBadCheck, append([]string{""}, idLabels...)},
	{"cnid_bad_date", []detect.Category{detect.CNID}, synth.CNIDBadDate, append([]string{""}, idLabels...)},
	// Unlabelled only: pii-rules.md allows a labelled 62-number that fails
	// Luhn to be reported (some UnionPay cards do not pass it).
	{"unionpay_bad_luhn", []detect.Category{detect.BankCard}, synth.UnionPayBadLuhn, []string{""}},
	{"ssn_invalid", []detect.Category{detect.USSSN}, synth.USSSNInvalid, append([]string{""}, ssnLabels...)},
	{"iban_bad_check", []detect.Category{detect.IBAN}, synth.IBANBadCheck, append([]string{""}, ibanLabels...)},
	{"mobile_bad_prefix", []detect.Category{detect.CNMobile}, synth.CNMobileBadPrefix, append([]string{""}, mobileLabels...)},
	{"iot_number", []detect.Category{detect.CNMobile, detect.Phone}, synth.IoTNumber, []string{"", "物联网卡号：", "SIM: "}},
	{"nanp_toll_free", []detect.Category{detect.Phone}, synth.NANPTollFree, append([]string{""}, phoneLabels...)},
	{"service_400", []detect.Category{detect.Phone, detect.CNLandline, detect.CNMobile}, synth.ServiceNumber400, []string{"", "客服电话：", "Tel: ", "热线 "}},
	{"service_short", []detect.Category{detect.Phone, detect.CNLandline, detect.CNMobile}, synth.ServiceNumberShort, []string{"", "客服电话：", "请拨打"}},
}

// TestInvalidVariants checks that values failing a check digit, a date, a
// prefix or an allocation rule are not reported as their category.
func TestInvalidVariants(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	for _, c := range invalidCases {
		t.Run(c.name, func(t *testing.T) {
			r := seeded(seedOf(c.name))
			var fp failures
			for range perCase {
				label := pickOf(r, c.labels)
				tmpl := pickOf(r, bareTemplates)
				if label != "" {
					tmpl = pickOf(r, labelledTemplates)
				}
				s := fillTemplate(tmpl, label, c.gen(r))
				fs := e.Find([]byte(s.text))
				for _, cat := range c.cat {
					if got := ofCategory(fs, cat); len(got) > 0 {
						fp.add("%q: got %s", s.text, describe(s.text, fs))
						break
					}
				}
			}
			fp.report(t, "invalid value reported", perCase)
		})
	}
}

// TestHintedKey checks that a context hint (a JSON or form key) counts as
// evidence: a bare name or passport number is reported when the hint names
// its category, and not without it.
func TestHintedKey(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	for _, c := range []struct {
		cat detect.Category
		gen func(*rand.Rand) string
	}{
		{detect.CNName, synth.CNName},
		{detect.CNPassport, synth.CNPassport},
		{detect.CNPermit, synth.CNPermit},
		{detect.CNAddress, streetNumberOnly(synth.CNAddress)}, // (a full one needs no hint: fullSynthAddress)
	} {
		t.Run(string(c.cat), func(t *testing.T) {
			r := seeded(seedOf("hint" + string(c.cat)))
			var miss, ev, fp failures
			for range perCase {
				v := c.gen(r)
				fs := e.FindHinted([]byte(v), detect.NewCategorySet(c.cat))
				if f, ok := exactly(fs, c.cat, 0, len(v)); !ok {
					miss.add("FindHinted(%q, %s): got %s", v, c.cat, describe(v, fs))
				} else if f.Evidence&detect.EvKey == 0 {
					ev.add("FindHinted(%q): evidence %s lacks key", v, f.Evidence)
				}
				if got := ofCategory(e.Find([]byte(v)), c.cat); len(got) > 0 {
					fp.add("Find(%q) without hint: got %s", v, describe(v, got))
				}
			}
			miss.report(t, "hinted value not found", perCase)
			ev.report(t, "hinted evidence", perCase)
			fp.report(t, "unhinted bare value reported", perCase)
		})
	}
}

// TestMixedCorpus checks recall and precision on a generated corpus: every
// planted value is found with its exact span and category, and no finding
// falls outside a planted value.
func TestMixedCorpus(t *testing.T) {
	e := newEngine(t, detect.Policy{})
	text, planted := synth.MixedCorpusPlanted(seeded(7), 256<<10)
	fs := e.Find(text)
	if msg := invariantViolation(text, fs); msg != "" {
		t.Fatalf("invariants: %s", msg)
	}
	type key struct{ kind, form string }
	missed := map[key]int{}
	firstMiss := map[key]string{}
	total := map[key]int{}
	for _, p := range planted {
		k := key{p.Kind, p.Form}
		total[k]++
		if _, ok := exactly(fs, detect.Category(p.Kind), p.Start, p.End); !ok {
			missed[k]++
			if _, seen := firstMiss[k]; !seen {
				lo, hi := max(0, p.Start-30), min(len(text), p.End+30)
				for lo > 0 && !utf8.RuneStart(text[lo]) {
					lo--
				}
				for hi < len(text) && !utf8.RuneStart(text[hi]) {
					hi++
				}
				var near []detect.Finding
				for _, f := range fs {
					if f.End > lo && f.Start < hi {
						near = append(near, f)
					}
				}
				firstMiss[k] = fmt.Sprintf("value %q in %q; findings there: %s", text[p.Start:p.End], text[lo:hi], describe(string(text), near))
			}
		}
	}
	var keys []key
	for k := range missed {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].kind+keys[i].form < keys[j].kind+keys[j].form })
	for _, k := range keys {
		t.Errorf("missed %d/%d %s (%s); first: %s", missed[k], total[k], k.kind, k.form, firstMiss[k])
	}
	var fp failures
	j := 0
	for _, f := range fs {
		for j < len(planted) && planted[j].End <= f.Start {
			j++
		}
		if j < len(planted) && planted[j].Start < f.End {
			continue
		}
		lo, hi := max(0, f.Start-20), min(len(text), f.End+20)
		for lo > 0 && !utf8.RuneStart(text[lo]) {
			lo--
		}
		for hi < len(text) && !utf8.RuneStart(text[hi]) {
			hi++
		}
		fp.add("%s %q in %q", f.Category, text[f.Start:f.End], text[lo:hi])
	}
	fp.report(t, "findings outside planted values", len(fs))
}

// fullSynthAddress reports whether v, an address of synth.CNAddress, runs
// down to a building, unit or room (a room marker, or 3-2-401 numbering):
// the engine finds such an address with no evidence (detect/addressfull.go).
func fullSynthAddress(v string) bool { return strings.ContainsAny(v, "室-") }

// streetNumberOnly returns gen's addresses cut after their street number
// (…和平里289号): an address that still needs a label, a key or a
// neighbour.
func streetNumberOnly(gen func(*rand.Rand) string) func(*rand.Rand) string {
	return func(r *rand.Rand) string {
		v := gen(r)
		if i := strings.Index(v, "号"); i >= 0 {
			return v[:i+len("号")]
		}
		return v
	}
}
