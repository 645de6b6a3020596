package bodyformat

import (
	"bytes"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

func TestHintForKey(t *testing.T) {
	set := detect.NewCategorySet
	id := set(detect.CNID)
	idDoc := set(detect.CNID, detect.CNPassport, detect.CNPermit)
	mobile := set(detect.CNMobile, detect.Phone)
	phone := set(detect.CNMobile, detect.CNLandline, detect.Phone)
	name := set(detect.CNName)
	addr := set(detect.CNAddress)
	email := set(detect.Email)
	card := set(detect.BankCard)
	account := set(detect.BankCard, detect.IBAN)
	for _, c := range []struct {
		key  string
		want detect.CategorySet
	}{
		// resident ID, but never a bare id
		{"idCard", id}, {"id_card", id}, {"IDCard", id}, {"ID_CARD", id}, {"idcard", id},
		{"id-card", id}, {"idNo", id}, {"IDNO", id}, {"id_number", id}, {"idNumber", id},
		{"idCardNo", id}, {"identity", id}, {"sfz", id}, {"sfzh", id}, {"身份证", id},
		{"身份证号", id}, {"身份证号码", id}, {"user.idCard", id}, {"证件号", idDoc},
		{"id", 0}, {"ID", 0}, {"userId", 0}, {"user_id", 0}, {"orderID", 0}, {"ids", 0},
		{"cardId", 0}, {"idType", 0},
		// phones
		{"mobile", mobile}, {"Mobile", mobile}, {"mobileNumber", mobile}, {"cellphone", mobile},
		{"phone", phone}, {"phoneNo", phone}, {"PHONENUMBER", phone}, {"contactPhone", phone},
		{"tel", phone}, {"telephone", phone}, {"phones", phone}, {"phone2", phone},
		{"手机", mobile}, {"手机号", mobile}, {"手机号码", mobile}, {"电话", phone},
		{"联系人电话", phone}, {"hotel", 0}, {"phoneVerified", 0}, {"手机验证码", 0},
		// names, but not logins or names of things
		{"name", name}, {"realName", name}, {"real_name", name}, {"fullName", name},
		{"firstName", name}, {"contact", name}, {"contactName", name}, {"receiver", name},
		{"receiverName", name}, {"姓名", name}, {"联系人", name}, {"收件人", name},
		{"真实姓名", name}, {"nameCn", name}, {"names", name},
		{"username", 0}, {"userName", 0}, {"user_name", 0}, {"UserName", 0}, {"nickName", 0},
		{"fileName", 0}, {"companyName", 0}, {"用户名", 0}, {"nameSpace", 0}, {"namespace", 0},
		// addresses
		{"address", addr}, {"addr", addr}, {"homeAddress", addr}, {"addressLine1", addr},
		{"receiverAddress", addr}, {"addresses", addr}, {"地址", addr}, {"住址", addr},
		{"收件人地址", addr}, {"地址详情", addr},
		{"ipAddress", 0}, {"remote_addr", 0}, {"macAddr", 0},
		// e-mail
		{"email", email}, {"e-mail", email}, {"mail", email}, {"emailAddress", email},
		{"emails", email}, {"邮箱", email}, {"mailServer", 0},
		// cards and accounts
		{"bankCard", card}, {"bankcard", card}, {"card", card}, {"cardNo", card},
		{"card_number", card}, {"bankCardNumber", card}, {"银行卡号", card},
		{"account", account}, {"accountNo", account}, {"账号", account},
		// documents and the rest
		{"passport", set(detect.CNPassport)}, {"passportNo", set(detect.CNPassport)},
		{"护照", set(detect.CNPassport)}, {"permit", set(detect.CNPermit)},
		{"plate", set(detect.CNPlate)}, {"plateNo", set(detect.CNPlate)}, {"车牌号", set(detect.CNPlate)},
		{"ssn", set(detect.USSSN)}, {"SSN", set(detect.USSSN)}, {"iban", set(detect.IBAN)},
		// Traditional Chinese
		{"身分證字號", set(detect.CNID, detect.TWID)}, {"身份證號碼", id}, {"手機", mobile}, {"手機號碼", mobile},
		{"電話", phone}, {"聯絡電話", phone}, {"收件人地址", addr}, {"郵箱", email}, {"帳號", account},
		// the registry's key words
		{"qq", set(detect.QQ)}, {"qqNumber", set(detect.QQ)}, {"wechatId", set(detect.WeChat)},
		{"lat", set(detect.Geo)}, {"lng", set(detect.Geo)}, {"longitude", set(detect.Geo)},
		{"hkid", set(detect.HKID)}, {"macauId", set(detect.MOID)},
		// nothing
		{"", 0}, {"status", 0}, {"price", 0}, {"__", 0}, {"12345", 0}, {"number", 0},
		{"template", 0}, {"casino", 0},
	} {
		if got := HintForKey(c.key); got != c.want {
			t.Errorf("HintForKey(%q) = %v, want %v", c.key, got.Categories(), c.want.Categories())
		}
	}
}

func TestHintForKeyLong(t *testing.T) {
	long := strings.Repeat("abc_", 100)
	for _, c := range []struct {
		key  string
		want detect.CategorySet
	}{
		{long + "mobile", detect.NewCategorySet(detect.CNMobile, detect.Phone)},
		{"mobile_" + long, 0},
		{strings.Repeat("地", 100) + "地址", detect.NewCategorySet(detect.CNAddress)},
		{strings.Repeat("a", 300), 0},
		{strings.Repeat("x_", 40) + "id_card", detect.NewCategorySet(detect.CNID)},
		{"\xff\xfemobile", detect.NewCategorySet(detect.CNMobile, detect.Phone)},
	} {
		if got := HintForKey(c.key); got != c.want {
			t.Errorf("HintForKey(%.20q…) = %v, want %v", c.key, got.Categories(), c.want.Categories())
		}
	}
}

func TestKeyHintBytesMatchesString(t *testing.T) {
	for _, k := range []string{"idCard", "mobile", "姓名", "userName", "x"} {
		if a, b := keyHint(k), keyHint([]byte(k)); a != b {
			t.Errorf("keyHint(%q): string %v, bytes %v", k, a, b)
		}
	}
}

func TestParseKeys(t *testing.T) {
	for _, c := range []struct {
		name, txt string
		ok        bool
	}{
		{"good", "cn_id\tidcard\n# comment\n\n~\tno\n-\tid\n", true},
		{"no tab", "cn_id idcard\n", false},
		{"bad category", "nope\tword\n", false},
		{"upper case", "cn_id\tIdCard\n", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := parseKeys(c.txt)
			if (err == nil) != c.ok {
				t.Errorf("parseKeys: err = %v, want ok = %v", err, c.ok)
			}
		})
	}
}

func TestWithPlurals(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
	}{
		{"phone", "phone phones"}, {"address", "address addresses"}, {"identity", "identity identities"},
		{"key", "key keys"}, {"地址", "地址"}, {"box", "box boxes"},
	} {
		if got := strings.Join(withPlurals(c.in), " "); got != c.want {
			t.Errorf("withPlurals(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func BenchmarkHintForKey(b *testing.B) {
	ks := [][]byte{[]byte("id"), []byte("realName"), []byte("orderStatusCode"), []byte("身份证号码")}
	b.ReportAllocs()
	for b.Loop() {
		for _, k := range ks {
			keyHint(k)
		}
	}
}

func TestHintCache(t *testing.T) {
	var c hintCache
	doc := []byte(`idCard realName status idCard 姓名 id`)
	for _, f := range bytes.Fields(doc) {
		for range 2 {
			if got, want := c.hint(f), HintForKey(string(f)); got != want {
				t.Errorf("cached hint(%q) = %v, want %v", f, got.Categories(), want.Categories())
			}
		}
	}
	if c.hint(nil) != 0 {
		t.Error("empty key has a hint")
	}
}

// TestHintCacheKeepsRecordKeys checks that the keys of a typical record,
// some of which share a first slot, all stay cached from one record to
// the next.
func TestHintCacheKeepsRecordKeys(t *testing.T) {
	var c hintCache
	keys := bytes.Fields([]byte("code message data id name idCard mobile email address bankCard note orderNo createdAt"))
	for range 3 {
		for _, k := range keys {
			c.hint(k)
		}
	}
	for _, k := range keys {
		found := false
		for _, s := range c.slots {
			found = found || string(s.key) == string(k)
		}
		if !found {
			t.Errorf("key %q evicted by the other keys of its record", k)
		}
	}
}

// Every key word of the engine's registry hints its category.
func TestRegistryKeyWords(t *testing.T) {
	for _, c := range detect.Categories() {
		for _, k := range c.Keys {
			if !HintForKey(k).Has(c.Category) {
				t.Errorf("HintForKey(%q) = %v, want it to hold %s", k, HintForKey(k).Categories(), c.Category)
			}
		}
	}
}
