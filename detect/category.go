package detect

import (
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"
)

// Category names a kind of personal information. The names are the
// product's vocabulary: the same words appear in Caddyfiles, logs and
// metrics.
type Category string

// The categories the engine detects. Everything else the engine knows of
// a category (its description, how it is validated, its partial mask)
// stands in its entry of the registry below.
const (
	CNID       Category = "cn_id"       // Chinese resident identity number (18 or 15 digits)
	CNMobile   Category = "cn_mobile"   // mainland mobile number
	CNLandline Category = "cn_landline" // mainland fixed-line number with area code
	BankCard   Category = "bank_card"   // payment card number (UnionPay and international)
	Email      Category = "email"       // e-mail address
	CNPassport Category = "cn_passport" // PRC, HK SAR or Macau SAR passport number
	CNPermit   Category = "cn_permit"   // travel permits (回乡证, 往来港澳通行证, 台胞证)
	CNPlate    Category = "cn_plate"    // vehicle registration plate
	CNAddress  Category = "cn_address"  // residential address down to a street number or room
	CNName     Category = "cn_name"     // person's name, reported only with evidence
	USSSN      Category = "us_ssn"      // US social security number
	Phone      Category = "phone"       // international phone number in E.164 or labelled national form
	IBAN       Category = "iban"        // international bank account number
	HKID       Category = "hk_id"       // Hong Kong identity card number
	MOID       Category = "mo_id"       // Macau resident identity card number
	TWID       Category = "tw_id"       // Taiwan national identification number
	QQ         Category = "qq"          // QQ number, behind its label
	WeChat     Category = "wechat"      // WeChat ID, behind its label
	Geo        Category = "geo"         // precise coordinates (latitude and longitude)
)

// CategoryInfo describes a category: the one-line description and
// validation rule shown by the pii-scan help and the README table, and the
// words that name it in text and in keys.
type CategoryInfo struct {
	Category    Category
	What        string // what it is, with the spellings it covers
	ValidatedBy string // how a candidate is validated
	// Labels are label words naming the category in text (Chinese as
	// written, Simplified and Traditional; English in lower case, matched
	// in any case on word boundaries). A word several categories name is
	// evidence for each; one naming cn_name or cn_address also starts name
	// and address extraction.
	Labels []string
	// Keys are key words (JSON keys, form fields) naming the category, in
	// lower case, added to the shared ones of bodyformat's data/keys.txt.
	Keys []string
	// NotLabels are label words naming an identifier of another kind
	// that a value of the category's shape may be (an order or a
	// transaction number that passes Luhn), written as Labels are. A
	// value written whole (one group of digits) under a JSON key or form
	// field made of one (its spaces dropped: order_no, orderId, 订单号),
	// with no label or key of the category, is not reported (bodyformat);
	// in text they deny nothing, anyone could write them before a card.
	NotLabels []string
}

// categoryDef is one category in the registry: its description, its
// partial mask, which appends the masked form of a normalised value, and,
// for a category read after its labels, the reader of its values.
type categoryDef struct {
	CategoryInfo
	partial func(dst, norm []byte) []byte
	// maskGrowth bounds how many bytes longer partial's mask is than the
	// raw value it masks (a card's group spaces, the stars after a short
	// local part); the buffers masks are written into are sized by it.
	maskGrowth int
	// maxMask, when set, bounds the length of partial's mask whatever the
	// value's: an address's keeps at most its first maxKeptAddressRunes
	// characters
	maxMask int
	// keyDigits is the fewest digits a number written alone (no
	// separator, no letter, no '+') needs for the engine to read it as a
	// value of the category behind a key or label naming it (KeyDigits);
	// 0 for a category whose values are never digits alone (letters, an
	// '@', a fraction).
	keyDigits int
	// value reads a value of the category at text[pos], right after one of
	// its labels, and returns it as a candidate (ok false when there is
	// none). It looks at a bounded number of bytes and reports nothing
	// itself: the scanner emits what it returns.
	value func(text []byte, pos int, scratch []byte) cand
	// lettered reads a value of the category made of letters then digits
	// (A123456(7)) whose letters start at text[start], at the start of a
	// token; the scanner asks it when it meets digits glued to letters.
	lettered func(text []byte, start int, scratch []byte) cand
	// numeric reads a value of the category that starts with the digit at
	// text[pos] (31.2304, 121.4737), before the digit detectors do.
	numeric func(text []byte, pos int, scratch []byte) cand
}

// registry holds every category, in the stable order of AllCategories. A
// category's place in it is its bit in a CategorySet.
var registry = [...]categoryDef{
	{CategoryInfo: CategoryInfo{Category: CNID, What: "resident ID (居民身份证号), 18 chars or the old 15 digits; foreigners' permanent residence ID (2023, starts with 9)",
		ValidatedBy: "province code, a real birth date, GB 11643 check character; 15-digit form needs a label",
		Labels: []string{
			"身份证", "身份证号", "身份证号码", "公民身份号码", "身份号码", "证件号", "证件号码", "证件", "id card",
			"idcard", "id number", "id no", "identity", "身份證", "身份證號", "身份證號碼", "身分證",
			"身分證號", "身分證號碼", "身分證字號", "公民身份號碼", "證件號", "證件號碼", "證件",
		}}, partial: maskCNID, keyDigits: 15}, // the old 15-digit form
	{CategoryInfo: CategoryInfo{Category: CNMobile, What: "mainland mobile, with or without +86/0086",
		ValidatedBy: "allocated 13x–19x prefixes; usual groupings (3-4-4, 3-8 …); with the trunk 0 before it (015…) only after a label",
		Labels: []string{
			"手机", "手机号", "手机号码", "移动电话", "电话", "电话号码", "联系电话", "联系方式", "mobile", "cell",
			"phone", "tel", "telephone", "call", "call me", "wechat", "微信", "手機", "手機號",
			"手機號碼", "行動電話", "移動電話", "電話", "電話號碼", "聯絡電話", "聯繫電話", "聯絡方式", "聯繫方式",
		}}, partial: maskMobile, value: mobileValueAt, keyDigits: 11},
	{CategoryInfo: CategoryInfo{Category: CNLandline, What: "fixed line with area code: 010-, 02x-, 0xxx-, (0755), +86-755-, +86 (0)755-",
		ValidatedBy: "area-code structure, 7–8 digit local number starting 2–9; unseparated numbers, and a local number without its area code, need a label",
		Labels: []string{
			"电话", "电话号码", "联系电话", "联系方式", "座机", "固话", "phone", "tel", "telephone", "call",
			"call me", "fax", "電話", "電話號碼", "聯絡電話", "聯繫電話", "聯絡方式", "聯繫方式", "座機", "市話",
			"固話", "传真", "傳真", "办公电话", "家庭电话", "宅电",
		}}, partial: maskLandline, value: landlineAt, keyDigits: 7}, // a local number behind its key
	{CategoryInfo: CategoryInfo{Category: BankCard, What: "UnionPay and international payment cards",
		ValidatedBy: "IIN ranges and length per network (UnionPay 62 and 81, Visa, Mastercard, Amex, JCB, Discover, Diners, Maestro, Dankort, UATP), Luhn; a UnionPay number failing Luhn, a 14–15-digit UnionPay, one of the 81 range (the first digits of many machine numbers) or a UATP number only with a label",
		Labels: []string{
			"卡号", "银行卡", "银行卡号", "账号", "账户", "信用卡", "储蓄卡", "借记卡", "card", "card number",
			"credit card", "account", "銀行卡", "銀行卡號", "卡號", "帳號", "帳戶", "賬號", "賬戶", "儲蓄卡",
			"借記卡",
		},
		NotLabels: []string{
			"tid", "order id", "order no", "order number", "trade no", "transaction id", "txn id",
			"订单号", "订单编号", "交易号", "交易单号", "流水号", "交易流水号", "訂單號", "訂單編號", "交易單號",
		}}, partial: maskCard, maskGrowth: len("0000 **** **** *** 0000") - maxCardDigits, keyDigits: minCardDigits},
	{CategoryInfo: CategoryInfo{Category: Email, What: "e-mail addresses, also `＠`, `[at]`, `(at)`, `{at}`, `[@]`, `(@)`, `(a)`, `【at】`, `（at）`, `艾特`, ` @ `, `#` or `＃` for the `@` (`zhang#qq.com`, glued on both sides), `at … dot …`",
		ValidatedBy: "local part, at least two domain labels, alphabetic TLD, never a file extension (`icon@2x.png`); local parts and domains in any script, punycode (`xn--`) domains",
		Labels: []string{
			"邮箱", "联系方式", "电子邮箱", "邮件", "email", "e-mail", "mail", "聯絡方式", "聯繫方式", "郵箱",
			"電子郵箱", "電子郵件", "電郵", "郵件",
		}}, partial: maskEmail, maskGrowth: len("***")},
	{CategoryInfo: CategoryInfo{Category: CNPassport, What: "E/G/D/S/P passports, HK `K`/`KJ`/`H`, Macau `MA`/`MB`, the all-digit 14 and 15 series",
		ValidatedBy: "letter-digit structure, with a label or other personal data nearby; all-digit ones only after a label",
		Labels: []string{
			"护照", "证件号", "证件号码", "证件", "护照号", "护照号码", "passport", "證件號", "證件號碼", "證件",
			"護照", "護照號", "護照號碼",
		}}, partial: maskDocument, value: passportDigitsAt, keyDigits: 9}, // the all-digit 14 and 15 series
	{CategoryInfo: CategoryInfo{Category: CNPermit, What: "回乡证 `H`/`M`, 往来港澳通行证 `C`, 台胞证",
		ValidatedBy: "structure, with a label (or personal data nearby)",
		Labels: []string{
			"通行证", "证件号", "证件号码", "证件", "回乡证", "台胞证", "港澳通行证", "往来港澳通行证", "permit", "證件號",
			"證件號碼", "證件", "通行證", "回鄉證", "台胞證", "港澳通行證",
		}}, partial: maskDocument, keyDigits: 8}, // 台胞证
	{CategoryInfo: CategoryInfo{Category: CNPlate, What: "vehicle plates, including new-energy plates",
		ValidatedBy: "province character, authority letter (never I), 5–6 characters without I or O",
		Labels: []string{
			"车牌", "车牌号", "车牌号码", "plate", "車牌", "車牌號", "車牌號碼",
		}}, partial: maskPlate},
	{CategoryInfo: CategoryInfo{Category: CNAddress, What: "an address down to a street number or a room",
		ValidatedBy: "省/市/区 → 路/街 → 号 → 栋/单元/室 structure, with a label, a key or personal data nearby, or alone when it runs from a province or city through a district and a street number down to a building, unit or room",
		Labels: []string{
			"地址", "住址", "家庭住址", "家庭地址", "收货地址", "现住址", "户籍地址", "居住地", "address", "addr",
			"home address", "收貨地址", "現住址", "戶籍地址", "通訊地址",
			"家住", "住在", "家在", "搬到",
		}}, partial: maskAddress, maxMask: maxKeptAddressRunes*utf8.UTFMax + len(addressStars)},
	{CategoryInfo: CategoryInfo{Category: CNName, What: "a person's name",
		ValidatedBy: "surname lists, never common words (高兴, 方法, 黄金 …); only with a label, a key or personal data nearby; a line that is only a two- or three-character token and a phone (or other finding) is a contact, its token a name without a surname (小亭，198…), unless a greeting or a word for what the number is for (您好, 预约 …); a record (a line, a text, a JSON value, after `；`) that is only a segment and a mobile, apart by a comma, a space, a colon or `、`, is a contact too: two or three Han characters, a surname alone or with a title (曾, 宋院长), or a handle of letters, digits and Han characters with `_ - 丶 ·` inside, at most 18 bytes (林小萱Sandy, V_Jessie, kitty)",
		Labels: []string{
			"姓名", "真实姓名", "真名", "本名", "实名", "收件人", "收货人", "联系人", "户主", "持卡人", "name",
			"full name", "real name", "realname", "fullname", "contact", "真實姓名", "收貨人",
			"聯絡人", "聯繫人", "戶主", "寄件人", "发件人", "开户名", "户名", "开户人", "乘车人", "乘机人", "入住人",
			"申请人", "借款人", "法定代表人", "负责人", "父亲", "母亲", "配偶",
			"我叫", "名叫", "法人", "监护人", "家长",
		}}, partial: maskName},
	{CategoryInfo: CategoryInfo{Category: USSSN, What: "US social security number, and the individual taxpayer number (ITIN) written like it",
		ValidatedBy: "area, group and serial rules, never the numbers known to be no one's (078-05-1120 …); 123-45-6789 form or a label; an ITIN (9xx, IRS group ranges) or a dotted form only after a label",
		Labels: []string{
			"ssn", "social security", "itin", "individual taxpayer number", "taxpayer id",
		}}, partial: maskSSN, value: ssnAt, keyDigits: 9},
	{CategoryInfo: CategoryInfo{Category: Phone, What: "international numbers (+44 20 …, +1 415 …)",
		ValidatedBy: "E.164 calling codes and lengths; toll-free numbers are businesses and are left alone",
		Labels: []string{
			"phone", "手机", "手机号", "手机号码", "移动电话", "电话", "电话号码", "联系电话", "联系方式", "mobile",
			"cell", "tel", "telephone", "call", "call me", "fax", "whatsapp", "wechat",
			"手機", "手機號", "手機號碼", "行動電話", "移動電話", "電話", "電話號碼", "聯絡電話", "聯繫電話", "聯絡方式",
			"聯繫方式",
		}}, partial: maskPhone, keyDigits: 9}, // 00, a calling code and the number
	{CategoryInfo: CategoryInfo{Category: IBAN, What: "international bank account numbers",
		ValidatedBy: "country length table and mod-97",
		Labels: []string{
			"iban", "账号", "账户", "account", "帳號", "帳戶", "賬號", "賬戶",
		}}, partial: maskIBAN},
	hkIDDef,
	moIDDef,
	twIDDef,
	qqDef,
	weChatDef,
	geoDef,
}

// AllCategories lists every category in a stable order.
var AllCategories = func() []Category {
	if len(registry) > 32 {
		panic("detect: more categories than a CategorySet holds")
	}
	out := make([]Category, len(registry))
	for i, d := range registry {
		step()
		out[i] = d.Category
	}
	return out
}()

// Categories describes every category, in the order of AllCategories. The
// descriptions are copies: changing them changes nothing in the engine.
func Categories() []CategoryInfo {
	out := make([]CategoryInfo, len(registry))
	for i, d := range registry {
		step()
		out[i] = d.CategoryInfo
		out[i].Labels, out[i].Keys = slices.Clone(d.Labels), slices.Clone(d.Keys)
		out[i].NotLabels = slices.Clone(d.NotLabels)
	}
	return out
}

// catIndex is a category's place in the registry.
type catIndex uint8

var categoryIndex = func() map[Category]catIndex {
	m := make(map[Category]catIndex, len(registry))
	for i, d := range registry {
		step()
		m[d.Category] = catIndex(i)
	}
	return m
}()

// categorySlots finds a category's place without hashing its whole name:
// the scanner asks for one on every candidate. A name's slot is a function
// of its length and its first and last bytes; a slot two names share, or
// none has, falls back to the map.
var categorySlots = slotsOf(AllCategories)

// slotsOf returns the slot table of the names, each slot holding the place
// in names of the one name it belongs to.
func slotsOf(names []Category) (t [256]int8) {
	for i := range t {
		t[i] = slotEmpty
	}
	for i, c := range names {
		step()
		k := categorySlot(c)
		if t[k] == slotEmpty {
			t[k] = int8(i)
		} else {
			t[k] = slotShared
		}
	}
	return t
}

// The categorySlots entries that are not a place.
const (
	slotEmpty  = -1 // no category's slot: an unknown name
	slotShared = -2 // two categories' slot: ask the map
)

// categorySlot is a name's slot in categorySlots.
func categorySlot(c Category) uint8 {
	if c == "" {
		return 0
	}
	return uint8(len(c)*37) ^ c[0] ^ c[len(c)-1]<<3
}

// index gives each category its bit position in a CategorySet, or -1.
func (c Category) index() int {
	switch i := categorySlots[categorySlot(c)]; {
	case i >= 0 && registry[i].Category == c:
		return int(i)
	case i != slotShared:
		return -1
	}
	if i, ok := categoryIndex[c]; ok {
		return int(i)
	}
	return -1
}

// ParseCategory returns the category with the given name (case-insensitive)
// or an error listing the valid names.
func ParseCategory(name string) (Category, error) {
	c := Category(strings.ToLower(strings.TrimSpace(name)))
	if c.index() < 0 {
		return "", fmt.Errorf("unknown category %q (valid: %s)", name, CategoryNames())
	}
	return c, nil
}

// CategoryNames lists the names of every category, for errors.
func CategoryNames() string {
	names := make([]string, len(AllCategories))
	for i, c := range AllCategories {
		step()
		names[i] = string(c)
	}
	return strings.Join(names, ", ")
}

// Label returns the category's redaction label, such as "[CN_ID]".
func (c Category) Label() string { return "[" + strings.ToUpper(string(c)) + "]" }

// CategorySet is a set of categories stored as a bit mask.
type CategorySet uint32

// NewCategorySet returns the set holding the given categories.
func NewCategorySet(cats ...Category) CategorySet {
	var s CategorySet
	for _, c := range cats {
		step()
		s = s.With(c)
	}
	return s
}

// With returns the set with c added.
func (s CategorySet) With(c Category) CategorySet {
	if i := c.index(); i >= 0 {
		s |= 1 << uint(i)
	}
	return s
}

// Has reports whether c is in the set.
func (s CategorySet) Has(c Category) bool {
	i := c.index()
	return i >= 0 && s&(1<<uint(i)) != 0
}

// has reports whether the category at registry index i is in the set.
func (s CategorySet) has(i catIndex) bool { return s&(1<<i) != 0 }

// Len returns the number of categories in the set.
func (s CategorySet) Len() int {
	n := 0
	for ; s != 0; s &= s - 1 {
		step()
		n++
	}
	return n
}

// Categories returns the members in the order of AllCategories.
func (s CategorySet) Categories() []Category {
	var out []Category
	for i, c := range AllCategories {
		step()
		if s&(1<<uint(i)) != 0 {
			out = append(out, c)
		}
	}
	return out
}

// KeyDigits returns the fewest digits a number written alone needs for
// the engine to find a value of a category of hint in it behind a key
// naming that category ("座机": 6543210, a landline's local number: 7;
// "qq": 5; "permit_no": 8), or 0 when no category of hint has values
// written as digits alone. A format reading numbers under keys leaves
// shorter ones unread: the engine finds nothing in them.
func KeyDigits(hint CategorySet) int {
	least := 0
	for s := hint; s != 0; s &= s - 1 {
		step()
		i := bits.TrailingZeros32(uint32(s))
		if i >= len(registry) {
			break
		}
		if k := registry[i].keyDigits; k > 0 && (least == 0 || k < least) {
			least = k
		}
	}
	return least
}
