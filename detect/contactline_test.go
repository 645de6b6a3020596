package detect_test

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestContactLineNames: a line that is a short Han token and a phone, in
// either order, is a contact; its token is a name with no surname needed
// (a given name, a nickname, a doubled one: 小亭，198…, 130… 雯子). A
// greeting, a reply or a word saying what the number is for is none, nor
// is a token inside a longer line or before a label.
func TestContactLineNames(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 17))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for range 30 {
		_, given := synth.CNNameParts(r)
		g := []rune(given)
		nick := string(g[0]) + string(g[len(g)-1])
		if r.IntN(3) == 0 {
			nick = string(g[0]) + string(g[0]) // 佳佳
		}
		m := synth.CNMobile(r)
		for _, text := range []string{nick + "，" + m, m + " " + nick, "备注\n" + nick + " " + m + "\r\n下一行"} {
			out, fs := e.Redact([]byte(text))
			if !hasCategory(fs, detect.CNName) || bytes.Contains(out, []byte(nick)) {
				t.Errorf("%q: %v -> %q", text, fs, out)
			}
			if again, _ := e.Redact(out); !bytes.Equal(again, out) {
				t.Errorf("%q -> %q -> %q", text, out, again)
			}
		}
	}
	m := synth.CNMobile(r)
	for _, text := range []string{
		"您好，" + m, "收到 " + m, "急急急，" + m, "哈哈，" + m, "预约热线 " + m,
		"今天天气不错，" + m, "我们，" + m + " 明天见", "收货地址：" + m,
	} {
		if fs := e.Find([]byte(text)); hasCategory(fs, detect.CNName) {
			t.Errorf("%q: %v", text, fs)
		}
	}
	if fs := e.Find([]byte(strings.Repeat("小亭，"+m+"\n", 3))); len(fs) != 6 {
		t.Errorf("three contact lines: %v", fs)
	}
}

// TestContactLineVerbs: a line that asks to call (请联系, 欢迎来电, 请致电)
// holds a listed word, and is no contact's name.
func TestContactLineVerbs(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	m := synth.CNMobile(rand.New(rand.NewPCG(21, 21)))
	for _, w := range []string{"请联系", "欢迎来电", "请致电", "电话咨询", "拨打", "请拨打"} {
		for _, text := range []string{w + " " + m, m + " " + w} {
			if fs := e.Find([]byte(text)); hasCategory(fs, detect.CNName) {
				t.Errorf("%q: %v", text, fs)
			}
		}
	}
}

// TestNameIntroducers: a name after the words that introduce one in a
// sentence (我叫, 名叫, 真名叫) or behind the labels of a record's other
// persons (法人, 监护人, 家长) is found; 我叫 before no name finds none.
func TestNameIntroducers(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 23))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for range 20 {
		surname, given := synth.CNNameParts(r)
		name := surname + given
		for _, text := range []string{"我叫" + name + "，电话" + synth.CNMobile(r), "他的真名叫" + name, "法人：" + name, "监护人：" + name, "家长：" + name + " 电话"} {
			out, fs := e.Redact([]byte(text))
			if !hasCategory(fs, detect.CNName) || bytes.Contains(out, []byte(name)) {
				t.Errorf("%q: %v -> %q", text, fs, out)
			}
		}
	}
	for _, text := range []string{"我叫你别来", "我叫外卖", "名叫什么"} {
		if fs := e.Find([]byte(text)); len(fs) != 0 {
			t.Errorf("%q: %v", text, fs)
		}
	}
}

// TestAddressIntroducers: an address after the words that say where
// someone lives (家住, 住在, 家在, 搬到) is found as behind a label, down to
// a village; a place with no house number, or left unnamed (某县某村), is
// none.
func TestAddressIntroducers(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for _, text := range []string{"我家住在朝阳区建国路88号", "他家住幸福村3组", "他住在北京市朝阳区建国路88号院3号楼", "他搬到了海淀区中关村大街27号"} {
		out, fs := e.Redact([]byte(text))
		if !hasCategory(fs, detect.CNAddress) || bytes.ContainsAny(out, "0123456789") {
			t.Errorf("%q: %v -> %q", text, fs, out)
		}
	}
	for _, text := range []string{"我住在酒店", "住在一起3年", "家在农村", "住在河北省某县某村"} {
		if fs := e.Find([]byte(text)); len(fs) != 0 {
			t.Errorf("%q: %v", text, fs)
		}
	}
}

// TestPlatformsAreNoNames: a platform, payment service, courier or bank
// named before an account or a number (支付宝：138…, 京东 138…) is no name,
// though its first character is a surname.
func TestPlatformsAreNoNames(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	m := synth.CNMobile(rand.New(rand.NewPCG(24, 24)))
	for _, w := range []string{"支付宝", "支付宝账号", "京东", "顺丰", "美团", "百度", "申通"} {
		for _, text := range []string{w + "：" + m, w + " " + m, m + " " + w} {
			if fs := e.Find([]byte(text)); hasCategory(fs, detect.CNName) {
				t.Errorf("%q: %v", text, fs)
			}
		}
	}
}

// TestShopLinesAreNoNames: a line that is a shop's or a service's name of
// four characters and a phone is no contact's name.
func TestShopLinesAreNoNames(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	m := synth.CNMobile(rand.New(rand.NewPCG(25, 25)))
	for _, w := range []string{"张记饺子", "金牌月嫂", "黄焖鸡米饭", "文印店", "中介", "晚上", "看房"} {
		if fs := e.Find([]byte(w + " " + m)); hasCategory(fs, detect.CNName) {
			t.Errorf("%q: %v", w, fs)
		}
	}
}

// TestFaxLabel: 传真 (fax) is a landline's label, not a name before one.
func TestFaxLabel(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for _, text := range []string{"传真 +86 10 8234 5678", "传真：010-82345678", "傳真 (0755) 2345 6789"} {
		fs := e.Find([]byte(text))
		if hasCategory(fs, detect.CNName) || !hasCategory(fs, detect.CNLandline) {
			t.Errorf("%q: %v", text, fs)
		}
	}
}
