package detect_test

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// segmentNick returns a synthetic handle of the kinds a contact record
// carries: a given name alone, a given name and letters, letters alone, a
// surname and letters, parts joined by _ or 丶.
func segmentNick(r *rand.Rand) string {
	surname, given := synth.CNNameParts(r)
	g := []rune(given)
	letters := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('a' + r.IntN(26))
			if i >= 2 && b[i] == b[i-1] && b[i] == b[i-2] {
				b[i] = 'a' + (b[i]-'a'+1)%26 // a letter three times is no handle (hhh)
			}
		}
		if r.IntN(2) == 0 {
			b[0] -= 'a' - 'A'
		}
		return string(b)
	}
	switch r.IntN(7) {
	case 0:
		return surname // 曾: a surname alone
	case 1:
		return given + letters(3+r.IntN(3)) // 小萱Sandy
	case 2:
		return letters(4 + r.IntN(5)) // kitty
	case 3:
		return surname + letters(4) // 廖Julie
	case 4:
		return letters(2) + "_" + letters(4) // V_Jessie
	case 5:
		return surname + "_" + given // 张_潞淼
	default:
		return string(g[0]) + "丶" + string(g[len(g)-1]) // 羽墨丶月
	}
}

// TestContactSegmentNames: in a contact record, the segment standing
// alone between the record's start (the text's, a line's, a JSON value's,
// after a semicolon) and a mobile, or between the mobile and the record's
// end, apart from it by a comma, a space, a colon or an ideographic comma,
// is who the number belongs to: a name or a handle of letters and Han
// characters, masked whole with no surname needed; the text around it is
// kept byte for byte, and a second redaction changes nothing.
func TestContactSegmentNames(t *testing.T) {
	r := rand.New(rand.NewPCG(46, 46))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Mask: detect.MaskLabel})
	for range 200 {
		nick := segmentNick(r)
		m := synth.CNMobile(r)
		for _, c := range []struct{ before, text, after string }{
			{"", nick + "，" + m, ""},
			{"", m + " " + nick, ""},
			{"", nick + "：" + m, ""},
			{"", nick + "、" + m, ""},
			{"备注\n", m + " " + nick, "\n下一行"},
			{"第一条；", nick + "，" + m, ""},
			{"第二条;", nick + "、" + m, ""},
			{`{"c":"`, nick + "，" + m, `"}`},
			{`["`, m + "，" + nick, `","x"]`},
		} {
			text := c.before + c.text + c.after
			out, fs := e.Redact([]byte(text))
			if !hasCategory(fs, detect.CNName) || bytes.Contains(out, []byte(nick)) || bytes.Contains(out, []byte(m)) {
				t.Errorf("%q: %v -> %q", text, fs, out)
				continue
			}
			if !bytes.HasPrefix(out, []byte(c.before)) || !bytes.HasSuffix(out, []byte(c.after)) {
				t.Errorf("%q -> %q: the text around the record changed", text, out)
			}
			if again, _ := e.Redact(out); !bytes.Equal(again, out) {
				t.Errorf("%q -> %q -> %q", text, out, again)
			}
		}
	}
	// the kinds the strict shape missed: a surname and a title, a given
	// name and a role, a surname alone, three characters and a 丶 (羽墨丶月),
	// generated from their parts
	for range 30 {
		surname, given := synth.CNNameParts(r)
		g := []rune(given)
		m := synth.CNMobile(r)
		for _, nick := range []string{surname + "院长", surname + "经理", string(g[0]) + "同学", surname, string(g[0]) + string(g[len(g)-1]) + "丶" + string(g[0])} {
			out, fs := e.Redact([]byte(nick + "，" + m))
			if !hasCategory(fs, detect.CNName) || bytes.Contains(out, []byte(nick)) {
				t.Errorf("%q: %v -> %q", nick+"，"+m, fs, out)
			}
		}
	}
}

// TestContactSegmentNotNames: a segment is read so only where it and the
// mobile make the whole record; a clause after a comma or a sentence's
// end, a segment with a space, a label, a number, a listed word, a
// particle or a pronoun, a character three times, a place's final, a
// character alone that is no surname (租, 售, 急: an ad's words), four Han
// characters or more (张记饺子, 空调维修: a shop's or a service's name as
// often as a nickname), two letters alone (ok), or more than eighteen
// bytes is no name. 我已经到了楼下，138… is kept: it holds
// particles (了) and is longer than six characters; a post's last clause
// after 。or ？ (。失望，138…) is not a record's start, measured on real
// posts with a mobile appended to each.
func TestContactSegmentNotNames(t *testing.T) {
	r := rand.New(rand.NewPCG(47, 47))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Mask: detect.MaskLabel})
	m := synth.CNMobile(r)
	for _, seg := range []string{
		"我已经到了楼下", "今天天气不错", "您好", "收到", "哈哈", "汗汗汗", "怒怒怒怒怒怒", "我在这里", "快来绑定吧",
		"电话", "手机号码", "联系方式", "Tel", "Phone", "mobile", "QQ", "12345", "一二三", "2143弄",
		"北京市", "朝阳区", "图书馆", "妈妈", "老板", "客服", "请联系", "欢迎来电", "谢谢", "大家好",
		"猪猪咸蛋超人超人", "abcdefghijklmnopqrs", "_abc", "abc_", "ok", "Hi",
		"张记饺子", "空调维修", "家政服务", "租", "售", "急",
	} {
		for _, text := range []string{seg + "，" + m, m + " " + seg, seg + " " + m} {
			if fs := e.Find([]byte(text)); hasCategory(fs, detect.CNName) {
				t.Errorf("%q: %v", text, fs)
			}
		}
	}
	nick := "Sandy"
	for _, text := range []string{
		"天气不错，" + nick + "，" + m, // a clause after a comma
		"到家了。" + nick + "，" + m,  // after a sentence's end
		"好的？" + nick + " " + m,
		"我和 " + nick + "，" + m, // a space inside
		m + " " + nick + "。好的", // a sentence goes on
		m + " " + nick + "，你好",
		"电话" + m,                                    // no separator
		"data: " + m, "epilogue " + m, "kitty," + m, // ASCII alone, ASCII separators before the mobile
		"懂的来，" + m + "，私聊",      // the mobile does not start the record
		"tel " + m + " ok",      // nor here
		"联系电话：" + m + " 已登记",    // nor here
		"小叶同学，" + m + "，北京市朝阳区", // the mobile does not end the record
	} {
		if fs := e.Find([]byte(text)); hasCategory(fs, detect.CNName) {
			t.Errorf("%q: %v", text, fs)
		}
	}
	// a clean post with a mobile after it keeps every byte of the post
	for _, post := range []string{"昨天走了很久，脚都疼了。大哭", "这个天气吃羊肉的美味。赞", "收藏吧，以后能用得到。转"} {
		text := post + "，" + m
		out, _ := e.Redact([]byte(text))
		if !bytes.HasPrefix(out, []byte(post)) {
			t.Errorf("%q -> %q", text, out)
		}
	}
}

// TestContactSegmentInvisible: invisible characters put inside a handle
// do not hide it, and do not count against its length.
func TestContactSegmentInvisible(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Mask: detect.MaskLabel})
	m := synth.CNMobile(rand.New(rand.NewPCG(48, 48)))
	for _, nick := range []string{"Ki\u200btty", "小\u200b叶\u200b子", "V_\u200dJessie"} {
		text := nick + "，" + m
		out, fs := e.Redact([]byte(text))
		if !hasCategory(fs, detect.CNName) || !bytes.HasPrefix(out, []byte("[CN_NAME]，")) {
			t.Errorf("%q: %v -> %q", text, fs, out)
		}
	}
}
