package synth

import (
	"bytes"
	"encoding/json"
	"html"
	"math/big"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

const samples = 2000

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x5eed)) }

// cnidCheckIndependent recomputes the MOD 11-2 check character from its
// definition: weight 2^(17-i) mod 11, check value (12 - sum mod 11) mod 11,
// 10 written X.
func cnidCheckIndependent(first17 string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		w := 1
		for range 17 - i {
			w = w * 2 % 11
		}
		sum += int(first17[i]-'0') * w
	}
	v := (12 - sum%11) % 11
	if v == 10 {
		return 'X'
	}
	return byte('0' + v)
}

func TestCNIDCheckCharMatchesDefinition(t *testing.T) {
	r := newRand(1)
	for range samples {
		p := digits(r, 17)
		if got, want := CNIDCheckChar(p), cnidCheckIndependent(p); got != want {
			t.Fatalf("CNIDCheckChar(%s) = %c, want %c", p, got, want)
		}
	}
}

func TestCNID18(t *testing.T) {
	r := newRand(2)
	var x, feb29 int
	for range samples {
		s := CNID18(r)
		if len(s) != 18 || !ValidCNID18(s) {
			t.Fatalf("CNID18 gave invalid %q", s)
		}
		if s[17] != cnidCheckIndependent(s[:17]) {
			t.Fatalf("%s: check char does not recompute", s)
		}
		y, _ := strconv.Atoi(s[6:10])
		if y < 1930 || y > 2020 {
			t.Fatalf("%s: birth year %d out of 1930-2020", s, y)
		}
		if s[17] == 'X' {
			x++
		}
		if s[10:14] == "0229" {
			feb29++
		}
	}
	if x == 0 || feb29 == 0 {
		t.Errorf("in %d IDs: %d end with X, %d born on 29 February; want some of each", samples, x, feb29)
	}
	for range 100 {
		if s := CNID18X(r); !ValidCNID18(s) || s[17] != 'X' {
			t.Fatalf("CNID18X gave %q", s)
		}
	}
	if s := CNID18X(r); !ValidCNID18(s[:17]+"x") || ValidCNID18(s[:17]+"Y") {
		t.Errorf("ValidCNID18 case handling wrong for %s", s)
	}
}

func TestCNID15(t *testing.T) {
	r := newRand(3)
	for range samples {
		s := CNID15(r)
		if len(s) != 15 || onlyDigits(s) != s {
			t.Fatalf("CNID15 gave %q", s)
		}
		p, _ := strconv.Atoi(s[:2])
		y, _ := strconv.Atoi(s[6:8])
		m, _ := strconv.Atoi(s[8:10])
		d, _ := strconv.Atoi(s[10:12])
		if !isProvince(p) || !ValidDate(1900+y, m, d) {
			t.Fatalf("CNID15 %s: bad province or date", s)
		}
	}
}

func TestCNIDInvalidVariants(t *testing.T) {
	r := newRand(4)
	for range samples {
		s := CNIDBadCheck(r)
		y, _ := strconv.Atoi(s[6:10])
		m, _ := strconv.Atoi(s[10:12])
		d, _ := strconv.Atoi(s[12:14])
		if len(s) != 18 || ValidCNID18(s) || !ValidDate(y, m, d) || s[17] == cnidCheckIndependent(s[:17]) {
			t.Fatalf("CNIDBadCheck gave %q: want a real date and a wrong check char", s)
		}
		if LooksLikeCard(s) {
			t.Fatalf("CNIDBadCheck gave a card-like %q", s)
		}
		s = CNIDBadDate(r)
		y, _ = strconv.Atoi(s[6:10])
		m, _ = strconv.Atoi(s[10:12])
		d, _ = strconv.Atoi(s[12:14])
		if len(s) != 18 || ValidCNID18(s) || ValidDate(y, m, d) || s[17] != cnidCheckIndependent(s[:17]) {
			t.Fatalf("CNIDBadDate gave %q: want an impossible date and a right check char", s)
		}
	}
}

func TestDates(t *testing.T) {
	for _, c := range []struct {
		y, m, d int
		ok      bool
	}{
		{2000, 2, 29, true}, {1900, 2, 29, false}, {2024, 2, 29, true}, {2023, 2, 29, false},
		{2023, 2, 30, false}, {2023, 4, 31, false}, {2023, 13, 1, false}, {2023, 0, 1, false},
		{2023, 12, 31, true}, {2023, 1, 0, false},
	} {
		if got := ValidDate(c.y, c.m, c.d); got != c.ok {
			t.Errorf("ValidDate(%d,%d,%d) = %v", c.y, c.m, c.d, got)
		}
	}
}

func TestCNMobile(t *testing.T) {
	r := newRand(5)
	seen := map[string]bool{}
	for range samples {
		s := CNMobile(r)
		if len(s) != 11 || onlyDigits(s) != s || !slices.Contains(MobilePrefixes, s[:3]) {
			t.Fatalf("CNMobile gave %q", s)
		}
		seen[s[:3]] = true
		if b := CNMobileBadPrefix(r); len(b) != 11 || b[1] > '2' || slices.Contains(MobilePrefixes, b[:3]) {
			t.Fatalf("CNMobileBadPrefix gave %q", b)
		}
		if s := IoTNumber(r); len(s) != 13 || !strings.HasPrefix(s, "14") {
			t.Fatalf("IoTNumber gave %q", s)
		}
	}
	for _, p := range []string{"130", "139", "145", "147", "149", "150", "153", "155", "159", "162", "165", "166", "167", "170", "178", "180", "199"} {
		if !slices.Contains(MobilePrefixes, p) {
			t.Errorf("prefix %s missing", p)
		}
	}
	for _, p := range []string{"140", "146", "148", "154", "160", "179"} {
		if slices.Contains(MobilePrefixes, p) {
			t.Errorf("prefix %s should not be listed", p)
		}
	}
	if len(seen) < 40 {
		t.Errorf("only %d distinct prefixes in %d numbers", len(seen), samples)
	}
}

var landlineRE = regexp.MustCompile(`^(?:0\d{2,3}-[2-9]\d{6,7}|\(0\d{2,3}\)[2-9]\d{6,7}|0\d{2,3} [2-9]\d{2,3} \d{4}|\+86-[1-9]\d{1,2}-[2-9]\d{6,7})$`)

func TestCNLandline(t *testing.T) {
	r := newRand(6)
	forms := map[byte]int{}
	for range samples {
		s := CNLandline(r)
		if !landlineRE.MatchString(s) {
			t.Fatalf("CNLandline gave %q", s)
		}
		d := onlyDigits(s)
		if strings.HasPrefix(s, "+86") {
			d = "0" + d[2:]
		}
		if len(d) < 10 || len(d) > 12 {
			t.Fatalf("CNLandline %q has %d digits", s, len(d))
		}
		forms[s[0]]++
		c := CNLandlineContiguous(r)
		if onlyDigits(c) != c || c[0] != '0' || len(c) < 10 || len(c) > 12 {
			t.Fatalf("CNLandlineContiguous gave %q", c)
		}
	}
	if forms['0'] == 0 || forms['('] == 0 || forms['+'] == 0 {
		t.Errorf("landline forms not all used: %v", forms)
	}
}

func TestLuhn(t *testing.T) {
	if !LuhnValid("18") || !LuhnValid("00") || LuhnValid("19") || LuhnValid("") || LuhnCheckDigit("1") != '8' {
		t.Fatal("Luhn basics wrong")
	}
	r := newRand(7)
	for range samples {
		p := digits(r, between(r, 10, 18))
		n := 0
		for c := byte('0'); c <= '9'; c++ {
			if LuhnValid(p + string(c)) {
				n++
				if c != LuhnCheckDigit(p) {
					t.Fatalf("LuhnCheckDigit(%s) = %c, but %c completes it", p, LuhnCheckDigit(p), c)
				}
			}
		}
		if n != 1 {
			t.Fatalf("%d digits complete %s", n, p)
		}
	}
}

func TestCards(t *testing.T) {
	r := newRand(8)
	type gen struct {
		name    string
		f       func(*rand.Rand) string
		lengths []int
		iin     func(string) bool
	}
	atoi := func(s string) int { v, _ := strconv.Atoi(s); return v }
	for _, g := range []gen{
		{"unionpay", UnionPayCard, []int{16, 17, 18, 19}, func(s string) bool { return s[:2] == "62" }},
		{"visa", Visa, []int{16}, func(s string) bool { return s[0] == '4' }},
		{"mastercard", Mastercard, []int{16}, func(s string) bool {
			return (atoi(s[:2]) >= 51 && atoi(s[:2]) <= 55) || (atoi(s[:4]) >= 2221 && atoi(s[:4]) <= 2720)
		}},
		{"amex", Amex, []int{15}, func(s string) bool { return s[:2] == "34" || s[:2] == "37" }},
		{"jcb", JCB, []int{16}, func(s string) bool { return atoi(s[:4]) >= 3528 && atoi(s[:4]) <= 3589 }},
		{"discover", Discover, []int{16}, func(s string) bool { return s[:4] == "6011" }},
		{"any", AnyCard, []int{15, 16, 17, 18, 19}, HasCardIIN},
	} {
		lens := map[int]bool{}
		for range samples / 4 {
			s := g.f(r)
			if !slices.Contains(g.lengths, len(s)) || onlyDigits(s) != s || !g.iin(s) || !LuhnValid(s) || !HasCardIIN(s) {
				t.Fatalf("%s gave %q", g.name, s)
			}
			if ValidCNID18(s) {
				t.Fatalf("%s gave %q, also a valid identity number", g.name, s)
			}
			lens[len(s)] = true
		}
		if g.name == "unionpay" && len(lens) != 4 {
			t.Errorf("unionpay lengths used: %v", lens)
		}
	}
	for range samples {
		s := UnionPayBadLuhn(r)
		if s[:2] != "62" || len(s) < 16 || len(s) > 19 || LuhnValid(s) || ValidCNID18(s) {
			t.Fatalf("UnionPayBadLuhn gave %q", s)
		}
	}
}

func TestLongNumberLookAlikes(t *testing.T) {
	r := newRand(9)
	for _, g := range []Kind{{"order", OrderNumber}, {"snowflake", SnowflakeID}} {
		for range samples {
			s := g.Gen(r)
			if len(s) < 18 || len(s) > 19 || onlyDigits(s) != s || s[0] == '0' || HasCardIIN(s) {
				t.Fatalf("%s gave %q", g.Name, s)
			}
			if len(s) == 18 && (ValidCNID18(s) || s[17] == cnidCheckIndependent(s[:17])) {
				t.Fatalf("%s gave %q, which passes the identity check digit", g.Name, s)
			}
		}
	}
	for range samples {
		if s := TimestampMillis(r); len(s) != 13 || s[:2] != "17" || onlyDigits(s) != s {
			t.Fatalf("TimestampMillis gave %q", s)
		}
		if s := TimestampSeconds(r); len(s) != 10 || s[:2] != "17" {
			t.Fatalf("TimestampSeconds gave %q", s)
		}
	}
}

var (
	hex32RE = regexp.MustCompile(`^[0-9a-f]{32}$`)
	uuidRE  = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	hashRE  = regexp.MustCompile(`^(?:[0-9a-f]{40}|[0-9a-f]{64})$`)
	isbnRE  = regexp.MustCompile(`^978-7-\d{3,4}-\d{4,5}-\d$`)
	priceRE = regexp.MustCompile(`^(?:¥\d{1,3}(?:,\d{3})*\.\d\d|￥\d+\.\d|\$\d+\.\d\d|USD \d{1,3}(?:,\d{3})*\.\d\d)$`)
	dateRE  = regexp.MustCompile(`^(?:\d{4}-\d\d-\d\d(?: \d\d:\d\d:\d\d)?|\d{4}/\d\d/\d\d|\d{4}年\d{1,2}月\d{1,2}日)$`)
	svcRE   = regexp.MustCompile(`^[48]00(?:\d{7}| [1-9]\d\d \d{4}|-[1-9]\d\d-\d{4})$`)
	shortRE = regexp.MustCompile(`^(?:95\d{3}|100\d\d|123\d\d)$`)
	ipRE    = regexp.MustCompile(`^(?:192\.0\.2|198\.51\.100|203\.0\.113)\.\d{1,3}$`)
	tollRE  = regexp.MustCompile(`^\+1(?:-8(00|33|44|55|66|77|88)-|\s\(8(00|33|44|55|66|77|88)\)\s)[2-9]\d\d-\d{4}$`)
)

func TestTextLookAlikes(t *testing.T) {
	r := newRand(10)
	for _, c := range []struct {
		name string
		f    func(*rand.Rand) string
		re   *regexp.Regexp
	}{
		{"trace", TraceID, hex32RE}, {"uuid", UUID, uuidRE}, {"hash", HexHash, hashRE},
		{"isbn", ISBN13, isbnRE}, {"price", Price, priceRE}, {"date", Date, dateRE},
		{"service400", ServiceNumber400, svcRE}, {"short", ServiceNumberShort, shortRE},
		{"ipv4", IPv4, ipRE}, {"tollfree", NANPTollFree, tollRE},
	} {
		for range samples / 4 {
			if s := c.f(r); !c.re.MatchString(s) {
				t.Fatalf("%s gave %q", c.name, s)
			}
		}
	}
	for range samples {
		if s := ISBN13(r); !ValidISBN13(s) {
			t.Fatalf("ISBN13 gave %q with a bad check digit", s)
		}
	}
}

func TestUSCC(t *testing.T) {
	r := newRand(11)
	const chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	for range samples {
		s := USCC(r)
		if len(s) != 18 || !ValidUSCC(s) || ValidCNID18(s) || LooksLikeCard(s) {
			t.Fatalf("USCC gave %q", s)
		}
		sum := 0
		w := 1
		for i := 0; i < 18; i++ {
			v := strings.IndexByte(chars, s[i])
			if v < 0 {
				t.Fatalf("USCC %q has character %c", s, s[i])
			}
			if i < 17 {
				sum += v * w
				w = w * 3 % 31
			} else {
				sum += v
			}
		}
		if sum%31 != 0 {
			t.Fatalf("USCC %q: weighted sum plus check is %d mod 31", s, sum%31)
		}
	}
}

var ssnRE = regexp.MustCompile(`^\d{3}-\d{2}-\d{4}$`)

func TestSSN(t *testing.T) {
	r := newRand(12)
	for range samples {
		s := USSSN(r)
		a, _ := strconv.Atoi(s[:3])
		if !ssnRE.MatchString(s) || !ValidUSSSN(s) || a == 0 || a == 666 || a >= 900 || s[4:6] == "00" || s[7:] == "0000" {
			t.Fatalf("USSSN gave %q", s)
		}
		if b := USSSNInvalid(r); !ssnRE.MatchString(b) || ValidUSSSN(b) {
			t.Fatalf("USSSNInvalid gave %q", b)
		}
	}
}

// mod97Big is the IBAN check computed with big integers.
func mod97Big(iban string) int64 {
	s := iban[4:] + iban[:4]
	var b strings.Builder
	for _, c := range s {
		if c >= 'A' && c <= 'Z' {
			b.WriteString(strconv.Itoa(int(c-'A') + 10))
		} else {
			b.WriteRune(c)
		}
	}
	n, _ := new(big.Int).SetString(b.String(), 10)
	return new(big.Int).Mod(n, big.NewInt(97)).Int64()
}

func TestIBAN(t *testing.T) {
	r := newRand(13)
	countries := map[string]bool{}
	for range samples {
		s := IBAN(r)
		countries[s[:2]] = true
		if len(s) != IBANLengths[s[:2]] || mod97Big(s) != 1 || !ValidIBAN(s) {
			t.Fatalf("IBAN gave %q (mod 97 = %d)", s, mod97Big(s))
		}
		switch s[:2] {
		case "FR":
			bank, _ := strconv.ParseInt(s[4:9], 10, 64)
			branch, _ := strconv.ParseInt(s[9:14], 10, 64)
			acct, _ := strconv.ParseInt(s[14:25], 10, 64)
			key, _ := strconv.ParseInt(s[25:27], 10, 64)
			if (89*bank+15*branch+3*acct+key)%97 != 0 {
				t.Fatalf("FR IBAN %s: RIB key wrong", s)
			}
		case "NL":
			sum := 0
			for i := 0; i < 10; i++ {
				sum += int(s[8+i]-'0') * (10 - i)
			}
			if sum%11 != 0 {
				t.Fatalf("NL IBAN %s fails the 11-test", s)
			}
		case "ES":
			if s[12:13] != esCheck("00"+s[4:12]) || s[13:14] != esCheck(s[14:24]) {
				t.Fatalf("ES IBAN %s: national check digits wrong", s)
			}
		}
		g := IBANGrouped(r)
		if !ValidIBAN(g) || strings.Count(g, " ") != (len(strings.ReplaceAll(g, " ", ""))-1)/4 {
			t.Fatalf("IBANGrouped gave %q", g)
		}
		for _, p := range strings.Split(g, " ")[:strings.Count(g, " ")] {
			if len(p) != 4 {
				t.Fatalf("IBANGrouped %q: group %q", g, p)
			}
		}
		b := IBANBadCheck(r)
		if len(b) != IBANLengths[b[:2]] || mod97Big(b) == 1 || ValidIBAN(b) {
			t.Fatalf("IBANBadCheck gave valid %q", b)
		}
	}
	if len(countries) != len(IBANLengths) {
		t.Errorf("countries used: %v", countries)
	}
}

var (
	passportRE = regexp.MustCompile(`^(?:E\d{8}|E[A-HJ-NP-Z]\d{7}|G\d{8})$`)
	permitRE   = regexp.MustCompile(`^(?:C\d{8}|C[A-HJ-NP-Z]\d{7}|[HM]\d{8})$`)
	plateRE    = regexp.MustCompile(`^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z](?:[0-9A-HJ-NP-Z]{5}|[0-9A-HJ-NP-Z]{4}[挂学警]|[DF]\d{5}|\d{5}[DF])$`)
	emailRE    = regexp.MustCompile(`^[a-z0-9._+]+@[a-z0-9.]+$`)
	e164RE     = regexp.MustCompile(`^\+(?:1|44|49|33|81)[ \d()-]+$`)
	addressRE  = regexp.MustCompile(`^(?:\p{Han}+(?:省|自治区))?\p{Han}+(?:市|自治州)\p{Han}+(?:区|县|市|旗)\p{Han}+(?:路|街|大道|巷|弄|里|村)\d+号(?:\p{Han}+(?:\d+-\d+-\d+|\d+幢\d+层\d+室)|\d+(?:栋|号楼)\d+单元\d+室)?$`)
)

func TestDocumentsAndText(t *testing.T) {
	r := newRand(14)
	var nev, plain int
	for range samples {
		if s := CNPassport(r); !passportRE.MatchString(s) {
			t.Fatalf("CNPassport gave %q", s)
		}
		if s := CNPermit(r); !permitRE.MatchString(s) {
			t.Fatalf("CNPermit gave %q", s)
		}
		s := CNPlate(r)
		if !plateRE.MatchString(s) {
			t.Fatalf("CNPlate gave %q", s)
		}
		if utf8.RuneCountInString(s) == 8 {
			nev++
		} else {
			plain++
		}
		e := Email(r)
		if !emailRE.MatchString(e) || !slices.Contains(EmailDomains, e[strings.IndexByte(e, '@')+1:]) {
			t.Fatalf("Email gave %q", e)
		}
		p := E164Phone(r)
		if !e164RE.MatchString(p) {
			t.Fatalf("E164Phone gave %q", p)
		}
		d := onlyDigits(p)
		if strings.HasPrefix(d, "1") && (len(d) != 11 || nanpTollFree[atoiMust(d[1:4])]) {
			t.Fatalf("E164Phone gave bad NANP %q", p)
		}
		if len(d) < 11 || len(d) > 13 {
			t.Fatalf("E164Phone %q has %d digits", p, len(d))
		}
		if n := onlyDigits(NANPNational(r)); len(n) != 10 || n[0] < '2' || n[:3] == "400" || nanpTollFree[atoiMust(n[:3])] {
			t.Fatalf("NANPNational gave %q", n)
		}
		a := CNAddress(r)
		if !addressRE.MatchString(a) {
			t.Fatalf("CNAddress gave %q", a)
		}
		sur, given := CNNameParts(r)
		n := utf8.RuneCountInString(sur + given)
		if n < 2 || n > 4 || (!slices.Contains(Surnames, sur) && !slices.Contains(CompoundSurnames, sur)) || commonWords[sur+given] {
			t.Fatalf("CNNameParts gave %q %q", sur, given)
		}
	}
	if nev == 0 || plain == 0 {
		t.Errorf("plates: %d new-energy, %d others", nev, plain)
	}
}

func atoiMust(s string) int {
	v, err := strconv.Atoi(s)
	if err != nil {
		panic(err)
	}
	return v
}

func TestObfuscators(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{FullWidth("138aZ-@"), "１３８ａＺ-@"},
		{FullWidthAll("a-@.1"), "ａ－＠．１"},
		{ChineseNumerals("1023456789X"), "一零二三四五六七八九X"},
		{ChineseNumeralsCircle("100"), "一〇〇"},
		{RadioReading("1234567890"), "幺两三四五六拐八勾洞"},
		{CircledDigits("1234567890"), "①②③④⑤⑥⑦⑧⑨⓪"},
		{SeparatorEvery("1234", "-"), "1-2-3-4"},
		{SeparatorEvery("12", "\n"), "1\n2"},
		{Grouped("13812345678", " ", 3, 4, 4), "138 1234 5678"},
		{Grouped("6222021234567890123", " ", 4), "6222 0212 3456 7890 123"},
		{Grouped("12345678", "-"), "1234-5678"},
		{ZeroWidth("123", '\u200B'), "1\u200B2\u200B3"},
		{SoftHyphen("12"), "1\u00AD2"},
		{HTMLDecimal("1X"), "&#49;&#88;"},
		{HTMLHex("1X"), "&#x31;&#x58;"},
		{EmailAt("a.b@example.com", AtFullWidth), "a.b＠example.com"},
		{EmailAt("a.b@example.com", AtBracket), "a.b[at]example.com"},
		{EmailAt("a.b@example.com", AtParen), "a.b(at)example.com"},
		{EmailAt("a.b@example.com", AtChinese), "a.b 艾特 example.com"},
		{EmailAt("a.b@mail.example.com", AtWords), "a.b at mail dot example dot com"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	if got := EmailAtForms("x@example.org"); len(got) != len(AtForms) || got[0] != "x＠example.org" {
		t.Errorf("EmailAtForms = %q", got)
	}
	r := newRand(15)
	for range 200 {
		s := CNID18(r) + "张三" + Email(r)
		if html.UnescapeString(HTMLDecimal(s)) != s || html.UnescapeString(HTMLHex(s)) != s {
			t.Fatalf("HTML forms of %q do not decode back", s)
		}
		m := CNMobile(r)
		for _, o := range []string{FullWidth(m), ChineseNumerals(m), ChineseNumeralsCircle(m), RadioReading(m), CircledDigits(m)} {
			if utf8.RuneCountInString(o) != 11 || strings.ContainsAny(o, "0123456789") {
				t.Fatalf("obfuscated %q of %s keeps ASCII digits or changes length", o, m)
			}
		}
		zw := pick(r, ZeroWidthChars)
		if z := ZeroWidth(m, zw); strings.ReplaceAll(z, string(zw), "") != m || utf8.RuneCountInString(z) != 21 {
			t.Fatalf("ZeroWidth(%s) = %q", m, z)
		}
		if z := SoftHyphen(m); strings.ReplaceAll(z, "\u00AD", "") != m {
			t.Fatalf("SoftHyphen(%s) = %q", m, z)
		}
	}
}

func TestCorpora(t *testing.T) {
	for _, n := range []int{1 << 10, 16 << 10, 200 << 10} {
		r := newRand(uint64(n))
		mixed, planted := MixedCorpusPlanted(r, n)
		clean := CleanCorpus(r, n)
		for name, b := range map[string][]byte{"mixed": mixed, "clean": clean} {
			if !utf8.Valid(b) {
				t.Fatalf("%s corpus of %d bytes is not valid UTF-8", name, n)
			}
			if len(b) < n || len(b) > n+1024 {
				t.Fatalf("%s corpus asked for %d bytes, got %d", name, n, len(b))
			}
		}
		if want := n / 600; len(planted) < want {
			t.Fatalf("mixed corpus of %d bytes has %d planted values, want at least %d", n, len(planted), want)
		}
		prev := 0
		kinds := map[string]bool{}
		for _, p := range planted {
			if p.Start < prev || p.End <= p.Start || p.End > len(mixed) || !utf8.Valid(mixed[p.Start:p.End]) {
				t.Fatalf("bad planted span %+v", p)
			}
			prev = p.End
			kinds[p.Kind] = true
		}
		if n >= 200<<10 && len(kinds) != 13 {
			t.Errorf("mixed corpus covers %d kinds: %v", len(kinds), kinds)
		}
		assertNoObviousPII(t, clean)
	}
	a := MixedCorpus(newRand(99), 4096)
	b := MixedCorpus(newRand(99), 4096)
	if !bytes.Equal(a, b) {
		t.Error("MixedCorpus is not deterministic for a fixed seed")
	}
}

var digitRunRE = regexp.MustCompile(`\d+`)

// assertNoObviousPII checks a clean corpus for the plainest personal data:
// an '@', an isolated 11-digit run with a mobile prefix, a valid 18-digit
// identity number, a card-like 15-19 digit run, a valid SSN shape.
func assertNoObviousPII(t *testing.T, b []byte) {
	t.Helper()
	if bytes.ContainsAny(b, "@＠") {
		t.Fatal("clean corpus contains an @")
	}
	for _, loc := range digitRunRE.FindAllIndex(b, -1) {
		s := string(b[loc[0]:loc[1]])
		before, after := byte(' '), byte(' ')
		if loc[0] > 0 {
			before = b[loc[0]-1]
		}
		if loc[1] < len(b) {
			after = b[loc[1]]
		}
		if isAlnum(before) || isAlnum(after) {
			continue
		}
		switch {
		case len(s) == 11 && slices.Contains(MobilePrefixes, s[:3]):
			t.Fatalf("clean corpus has mobile-like %s", s)
		case len(s) == 18 && ValidCNID18(s):
			t.Fatalf("clean corpus has ID-like %s", s)
		case len(s) >= 15 && len(s) <= 19 && LooksLikeCard(s):
			t.Fatalf("clean corpus has card-like %s", s)
		}
	}
	for _, m := range regexp.MustCompile(`\b\d{3}-\d{2}-\d{4}\b`).FindAll(b, -1) {
		if ValidUSSSN(string(m)) {
			t.Fatalf("clean corpus has SSN-like %s", m)
		}
	}
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func TestLookAlikesRegistry(t *testing.T) {
	r := newRand(16)
	names := map[string]bool{}
	for _, k := range LookAlikes {
		if names[k.Name] {
			t.Fatalf("duplicate look-alike %s", k.Name)
		}
		names[k.Name] = true
		if s := k.Gen(r); s == "" || !utf8.ValidString(s) {
			t.Fatalf("%s gave %q", k.Name, s)
		}
	}
}

// TestCustomersJSON checks the API document is valid JSON of about the
// requested size, with and without personal data.
func TestCustomersJSON(t *testing.T) {
	for _, pii := range []bool{true, false} {
		doc := CustomersJSON(rand.New(rand.NewPCG(1, 1)), 16<<10, pii)
		if !json.Valid(doc) {
			t.Fatalf("pii=%v: invalid JSON", pii)
		}
		if len(doc) < 15<<10 || len(doc) > 18<<10 {
			t.Fatalf("pii=%v: %d bytes, want about 16 KiB", pii, len(doc))
		}
		if got := strings.Contains(string(doc), `"idCard":""`); got == pii {
			t.Fatalf("pii=%v: empty idCard present = %v", pii, got)
		}
	}
}
