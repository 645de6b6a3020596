package detect_test

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestStarsHideNothing: stars in front of a value are not a mask that
// kept it. "**** 13812345678", "***alice@example.com" and "***DE89…" are
// an attacker's way to make a value look like what a mask left behind.
func TestStarsHideNothing(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for range 20 {
		mobile, email, iban := synth.CNMobile(r), synth.Email(r), synth.IBAN(r)
		for _, c := range []struct {
			text  string
			cat   detect.Category
			value string
		}{
			{"**** " + mobile, detect.CNMobile, mobile},
			{"****" + mobile, detect.CNMobile, mobile},
			{"***-**-" + mobile, detect.CNMobile, mobile},
			{"a *** " + mobile + " b", detect.CNMobile, mobile},
			{"***" + email, detect.Email, email},
			{"****" + iban, detect.IBAN, iban},
		} {
			out, fs := e.Redact([]byte(c.text))
			if !hasCategory(fs, c.cat) || bytes.Contains(out, []byte(c.value)) {
				t.Errorf("%q: %v, out %q", c.text, fs, out)
			}
		}
	}
}

// TestKeptDigitsNeverGlue: a partial mask keeps digits only where no
// neighbour can be read together with them, so redacting twice changes
// nothing.
func TestKeptDigitsNeverGlue(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for _, text := range []string{
		"001 01 0700 2000000",
		"SSN " + synth.USSSN(r) + " 2000000",
		"card " + synth.UnionPayCard(r) + " 0571 8",
		"手机 " + synth.CNMobile(r) + "_x",
		"1700000000&#178" + synth.CNMobile(r)[3:], // ² after the mask would complete the number before it
		"1700000000&#x" + synth.CNMobile(r),
		"0@妕.冀A0@妕.冀A", // the second address's kept 'a' would end the first one's domain
		"x@ex.ample" + synth.Email(r),
	} {
		out, _ := e.Redact([]byte(text))
		again, fs := e.Redact(out)
		if !bytes.Equal(again, out) {
			t.Errorf("%q -> %q -> %q (%v)", text, out, again, fs)
		}
	}
}

// TestKeptLettersJoinOnlyTouching: a separator joins digits, not a kept
// letter to a digit: an address before a number keeps its partial mask
// (z***@qq.com 1***@qq.com), and stays so when redacted again.
func TestKeptLettersJoinOnlyTouching(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for range 20 {
		text := "x " + synth.Email(r) + " 1" + synth.Email(r) + " " + synth.CNMobile(r)
		out, _ := e.Redact([]byte(text))
		if bytes.Count(out, []byte("***@")) != 2 {
			t.Errorf("%q -> %q: want two partly masked addresses", text, out)
		}
		if again, _ := e.Redact(out); !bytes.Equal(again, out) {
			t.Errorf("%q -> %q -> %q", text, out, again)
		}
	}
}

func hasCategory(fs []detect.Finding, c detect.Category) bool {
	for _, f := range fs {
		if f.Category == c {
			return true
		}
	}
	return false
}

// TestSpelledAddressAfterTokens: a token a detector reads on its own (a
// passport-shaped local part, a mobile) followed by " at qq dot com" is
// never let through: a passport shape without a label is the local part
// of the spelled address, and a finding that keeps the token masks it
// whole, since its kept characters would be that local part on a second
// reading (0 at 0 dot AA P0000000 at 0 dot AA was found once as an
// address, then again as another; 护照 P1234567[at]qq.com went out as
// P*****67[at]qq.com, read again as the address 67@qq.com).
func TestSpelledAddressAfterTokens(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for range 20 {
		passport, mobile := synth.CNPassport(r), synth.CNMobile(r)
		for _, c := range []struct {
			text, value string
			cat         detect.Category
		}{
			{"mail " + passport + " at qq dot com", passport, detect.Email},
			{"0 at 0 dot AA " + passport + " at 0 dot AA", passport, detect.Email},
			{"护照 " + passport + " at qq dot com", passport, detect.CNPassport},
			{"mail " + mobile + " at qq dot com", mobile, detect.CNMobile},
			{"手机 " + mobile + " AT example dot org", mobile, detect.CNMobile},
			// the other spellings of '@': [at], (at) in any case, 艾特,
			// with a space or an invisible character before them
			{"护照 " + passport + "[at]qq.com", passport, detect.CNPassport},
			{"护照 " + passport + " [AT] qq.com", passport, detect.CNPassport},
			{"护照 " + passport + "(at)qq.com", passport, detect.CNPassport},
			{"护照 " + passport + "艾特qq.com", passport, detect.CNPassport},
			{"护照 " + passport + "\u200b[at]qq.com", passport, detect.CNPassport},
			{"护照 " + passport + "\u200b at qq dot com", passport, detect.CNPassport},
			{"手机 " + mobile + "(AT)example.org", mobile, detect.CNMobile},
			{"手机 " + mobile + " 艾特 example.org", mobile, detect.CNMobile},
		} {
			out, fs := e.Redact([]byte(c.text))
			if !hasCategory(fs, c.cat) || bytes.Contains(bytes.ToUpper(out), []byte(c.value[1:])) {
				t.Errorf("%q: %v, out %q", c.text, fs, out)
			}
			if again, _ := e.Redact(out); !bytes.Equal(again, out) {
				t.Errorf("%q: redacting twice: %q then %q", c.text, out, again)
			}
		}
	}
	// a passport before " at " that is no address keeps its partial mask
	out, _ := e.Redact([]byte("护照 P1234567 at the airport"))
	if string(out) != "护照 P*****67 at the airport" {
		t.Errorf("passport at the airport: %q", out)
	}
}

// TestEmailDomainShowsNoNumber: an address whose domain holds a number
// (x@a.13812345678.com, dotted or not) keeps no digit of it in its mask,
// while short digit names (163.com, 12306.cn) stay.
func TestEmailDomainShowsNoNumber(t *testing.T) {
	r := rand.New(rand.NewPCG(10, 10))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for range 20 {
		m := synth.CNMobile(r)
		for _, text := range []string{
			"x@a." + m + ".com",
			"0@A." + m + ".AA",
			"mail x@" + m[:3] + "." + m[3:7] + "." + m[7:] + ".cn ok",
		} {
			out, _ := e.Redact([]byte(text))
			if bytes.Contains(bytes.ReplaceAll(out, []byte("."), nil), []byte(m[3:])) {
				t.Errorf("%q: the mask shows the number: %q", text, out)
			}
			if again, _ := e.Redact(out); !bytes.Equal(again, out) {
				t.Errorf("%q: redacting twice: %q then %q", text, out, again)
			}
		}
	}
	if out, _ := e.Redact([]byte("x@mail.12306.cn")); string(out) != "x***@mail.12306.cn" {
		t.Errorf("a short digit name was starred: %q", out)
	}
	// digits glued to letters (qq10000) read as a QQ number behind its
	// label once the address is masked: starred in the first mask
	// (FuzzRedactTwice: 0[At#qq10000.AA gave 0[a***@qq10000.aa, then
	// 0[a***@qq*****.aa)
	for _, text := range []string{"0[At#qq10000.AA", "x#qq10000.AA", "x@qq123456.com", "x@web1234.com"} {
		out, _ := e.Redact([]byte(text))
		if again, _ := e.Redact(out); !bytes.Equal(again, out) {
			t.Errorf("%q: redacting twice: %q then %q", text, out, again)
		}
	}
	if out, _ := e.Redact([]byte("x@web1234.com")); string(out) != "x***@web1234.com" {
		t.Errorf("four digits glued to a name were starred: %q", out)
	}
}

// TestLocalPartAfterWeakHit: an address whose local part runs into a weak
// hit (an address found only by its shape) that is then confirmed and
// wins the overlap is hidden all the same: the hit covers it, or it is
// read from where that hit ends, as a second reading finds it after the
// hit's mask. It was dropped whole: 源村区0-0-0%00@0.AA went out as
// 源村区****%00@0.AA.
func TestLocalPartAfterWeakHit(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for _, c := range []struct{ text, rest string }{
		{"源村区0-0-0%00@0.AA", "%00@0.AA"},
		{"源村区0-0-0%ab@0.AA", "%ab@0.AA"},
		{"源村区1-2-3%x.y@0.AA", "%x.y@0.AA"},
	} {
		out, fs := e.Redact([]byte(c.text))
		if !hasCategory(fs, detect.CNAddress) || bytes.Contains(out, []byte(c.rest)) {
			t.Errorf("%q: %v, out %q", c.text, fs, out)
		}
		if again, _ := e.Redact(out); !bytes.Equal(again, out) {
			t.Errorf("%q: redacting twice: %q then %q", c.text, out, again)
		}
	}
}

// TestNumberAfterShapeValue: digits one separator after a value a shape
// read (a coordinate behind its label) are a number of their own, as they
// are on a second reading behind the value's mask; 纬度31.2304-13812345678
// let the mobile out raw.
func TestNumberAfterShapeValue(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 12))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for range 20 {
		m := synth.CNMobile(r)
		for _, text := range []string{"纬度31.2304-" + m, "纬度0.0000-" + m, "lat: 31.2304/" + m} {
			out, fs := e.Redact([]byte(text))
			if !hasCategory(fs, detect.CNMobile) || bytes.Contains(out, []byte(m[3:])) {
				t.Errorf("%q: %v, out %q", text, fs, out)
			}
			if again, _ := e.Redact(out); !bytes.Equal(again, out) {
				t.Errorf("%q: redacting twice: %q then %q", text, out, again)
			}
		}
	}
}

// TestPseudonymOfDigitsIsNoNumber: a hash mask's pseudonym is hex, and
// about one in three hundred is decimal digits only: [PHONE_055045387617]
// is no landline on a second reading (FuzzRedactTwice ff4ee5baaf67caf4).
func TestPseudonymOfDigitsIsNoNumber(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Mask: detect.MaskHash})
	for _, text := range []string{"CAll[PHONE_055045387617]", "x [CN_LANDLINE_055045387617] y", "[EMAIL_013812345678]"} {
		if fs := e.Find([]byte(text)); len(fs) != 0 {
			t.Errorf("%q: %+v", text, fs)
		}
	}
}

// TestStarAfterANameHidesNothing: a partial mask keeps the surname alone
// (张*, 欧阳**, 慕容*), so a name with more before a star (姓名：张三*) is a
// name a star was put after to pass for a mask: it was let through raw.
func TestStarAfterANameHidesNothing(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 11))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for range 20 {
		surname, given := synth.CNNameParts(r)
		name := surname + given
		for _, text := range []string{"姓名：" + name + "*", "姓名：" + name + "** 电话", "NAme:" + name + "*000"} {
			out, fs := e.Redact([]byte(text))
			if !hasCategory(fs, detect.CNName) || bytes.Contains(out, []byte(name)) {
				t.Errorf("%q: %v -> %q", text, fs, out)
			}
			if again, _ := e.Redact(out); !bytes.Equal(again, out) {
				t.Errorf("%q -> %q -> %q", text, out, again)
			}
		}
	}
	for _, masked := range []string{"姓名：张*", "姓名：欧阳**", "姓名：慕容*"} {
		if fs := e.Find([]byte(masked)); len(fs) != 0 {
			t.Errorf("%q: a mask read as a name: %v", masked, fs)
		}
	}
}

// TestAddressMaskKeepsNoNumber: an address that starts with its street
// (路284号) keeps nothing of it in a partial mask; the fallback of two
// characters kept "路2", a digit of the house number.
func TestAddressMaskKeepsNoNumber(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 12))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for range 20 {
		num := digitsOf(r, 3+r.IntN(2)) // an address has nine bytes at least
		for _, text := range []string{"地址：西院 (湓浦 路" + num + "号) 电话", "地址：路" + num + "号"} {
			out, fs := e.Redact([]byte(text))
			if !hasCategory(fs, detect.CNAddress) || bytes.ContainsAny(out, "0123456789") {
				t.Errorf("%q: %v -> %q", text, fs, out)
			}
		}
	}
}

// TestAddressInsideParenthesis: a house number inside a parenthesis is read
// with the parenthesis whole, from wherever the address is read, so a
// dashed room number after it is masked with it and a second redaction
// changes nothing (设( 设路0号)0-0-0 gave 设( 设路****)0-0-0, then 设(****).
func TestAddressInsideParenthesis(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 13))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for range 20 {
		room := digitsOf(r, 1) + "-" + digitsOf(r, 1) + "-" + digitsOf(r, 2)
		text := "Addr设( 设路" + digitsOf(r, 2) + "号)" + room
		out, fs := e.Redact([]byte(text))
		if !hasCategory(fs, detect.CNAddress) || bytes.Contains(out, []byte(room)) {
			t.Errorf("%q: %v -> %q", text, fs, out)
		}
		if again, _ := e.Redact(out); !bytes.Equal(again, out) {
			t.Errorf("%q -> %q -> %q", text, out, again)
		}
	}
}

// TestLocalPartAfterAnEarlierAddress: a local part read back from an '@'
// that reaches an earlier '@' starts where that address's domain ends, as
// it does after that address's finding. Before, a fake mask in front
// (x***@qq.com收件人john@abc.com) let john's address out raw, and the
// domain of a masked address was read as the local part of a spelled one
// after it (0***@蓓.aa at  dot dot AA gave 0***@蓓.a***@dot.aa). A
// domain label running from ASCII into wide characters ends the domain
// there, before a dot too: xyz@qq.com收件人gao.zhang@… kept gao.zhang in
// the first address's mask.
func TestLocalPartAfterAnEarlierAddress(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 14))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for range 20 {
		email := synth.Email(r)
		for _, text := range []string{"x***@qq.com收件人" + email, "x***@qq.com." + email, "x@qq.com收件人" + email, "xyz@qq.com收件人" + email, "a@b@" + email, "x@foo收件人" + email} {
			out, fs := e.Redact([]byte(text))
			if !hasCategory(fs, detect.Email) || bytes.Contains(out, []byte(email)) {
				t.Errorf("%q: %v -> %q", text, fs, out)
			}
			if again, _ := e.Redact(out); !bytes.Equal(again, out) {
				t.Errorf("%q -> %q -> %q", text, out, again)
			}
		}
	}
	for _, text := range []string{"0 at 蓓 dot AA at  dot dot AA", "0***@蓓.aa at  dot dot AA", "0 at 蓓0 dot AA at  dot dot AA"} {
		out, _ := e.Redact([]byte(text))
		if again, _ := e.Redact(out); !bytes.Equal(again, out) {
			t.Errorf("%q -> %q -> %q", text, out, again)
		}
	}
}

// TestNoNameStartsWithALabel: a label word (母亲, 车牌 …) starts no name,
// wherever a name is read from: 母亲母亲母母 masked 母母 after the second
// label, and a second reading took 母亲母 before the star for a name.
func TestNoNameStartsWithALabel(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 15))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for range 20 {
		surname, given := synth.CNNameParts(r)
		for _, text := range []string{"母亲母亲" + surname + given, "母亲母亲母母", "姓名车牌" + surname + "*"} {
			out, _ := e.Redact([]byte(text))
			if again, _ := e.Redact(out); !bytes.Equal(again, out) {
				t.Errorf("%q -> %q -> %q", text, out, again)
			}
		}
	}
}

// TestLongRunBeforeAWideLocalPart: a walk back from an '@' that runs
// through a wide character to more than a local part may hold falls back
// to what follows the wide character, as a short one does; before, the
// address was dropped as too long and went out raw.
func TestLongRunBeforeAWideLocalPart(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 16))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for range 20 {
		email := synth.Email(r)
		text := digitsOf(r, 60+r.IntN(40)) + "区" + email
		out, fs := e.Redact([]byte(text))
		if !hasCategory(fs, detect.Email) || bytes.Contains(out, []byte(email)) {
			t.Errorf("%q: %v -> %q", text, fs, out)
		}
		if again, _ := e.Redact(out); !bytes.Equal(again, out) {
			t.Errorf("%q -> %q -> %q", text, out, again)
		}
	}
}

// TestDomainOfAnyScriptGluesToAnAt: an address's mask that ends in a
// letter of its domain in any script, right before another '@', is masked
// whole, as one ending in an ASCII letter is: 0@ϡ0.Aϡ@0.ϊA kept aϡ, which
// a second reading took for the local part of the next address.
func TestDomainOfAnyScriptGluesToAnAt(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for _, text := range []string{"0@ϡ0.Aϡ@0.ϊA", "x@例子.广告@qq.com", "ab@ü0.äü@0.éa"} {
		out, _ := e.Redact([]byte(text))
		if again, _ := e.Redact(out); !bytes.Equal(again, out) {
			t.Errorf("%q -> %q -> %q", text, out, again)
		}
	}
}

// TestLetterSpacedAddress: an address behind its label written a
// character at a time (北 京 市 朝 阳 区 建 国 路 8 8 号), with spaces or
// ideographic spaces, is read and masked as it is written together.
func TestLetterSpacedAddress(t *testing.T) {
	r := rand.New(rand.NewPCG(20, 20))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for range 20 {
		num := digitsOf(r, 2+r.IntN(2))
		for _, sp := range []string{" ", "\u3000"} {
			spaced := strings.Join(strings.Split("北京市朝阳区建国路"+num+"号", ""), sp)
			text := "地址：" + spaced + " 电话"
			out, fs := e.Redact([]byte(text))
			if !hasCategory(fs, detect.CNAddress) || bytes.ContainsAny(out, "0123456789") {
				t.Errorf("%q: %v -> %q", text, fs, out)
			}
			if again, _ := e.Redact(out); !bytes.Equal(again, out) {
				t.Errorf("%q -> %q -> %q", text, out, again)
			}
		}
	}
}

// TestCheckXLookalikes: a resident ID whose check character is written
// with a character a reader takes for X (×, ✕, Ⅹ, Cyrillic Х, Greek χ, 𝐗,
// &times; …), plain
// or with a separator after every digit, is found and masked whole; a
// multiplication in a sum or an order is none.
func TestCheckXLookalikes(t *testing.T) {
	r := rand.New(rand.NewPCG(22, 22))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for range 10 {
		id := synth.CNID18X(r)
		head := id[:17]
		for _, x := range []string{"×", "Ⅹ", "ⅹ", "Х", "х", "Χ", "χ", "✕", "✖", "✗", "✘", "☓", "╳", "⨯",
			"乂", "ㄨ", "Ⓧ", "ⓧ", "𝐗", "𝑥", "𝕏", "𝚡", "&times;", "&#xD7;", "&#x2715;", "&#10006;", "&cross;", "&chi;"} {
			for _, text := range []string{"身份证 " + head + x, "身份证 " + strings.Join(strings.Split(head, ""), " ") + " " + x} {
				out, fs := e.Redact([]byte(text))
				if !hasCategory(fs, detect.CNID) || bytes.Contains(out, []byte(head[6:14])) {
					t.Errorf("%q: %v -> %q", text, fs, out)
				}
			}
		}
	}
	for _, text := range []string{"3×4=12", "订单 12345678901234567×2件", "订单 12345678901234567&times;2件", "订单 12345678901234567✕2件"} {
		if fs := e.Find([]byte(text)); len(fs) != 0 {
			t.Errorf("%q: %v", text, fs)
		}
	}
}

// TestLocalPartAfterAWeakHitBeforeAWideChar: a local part that runs into a
// weak hit and holds a wide character is read, should the hit win, as what
// follows the hit when that may start a local part: before, the walk fell
// back to the part after its last wide character (nothing) and dropped the
// address (路元0室000…室@0.AA went out raw; a second reading found it).
func TestLocalPartAfterAWeakHitBeforeAWideChar(t *testing.T) {
	r := rand.New(rand.NewPCG(26, 26))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for range 10 {
		card := synth.UnionPayCard(r)
		local := digitsOf(r, 15) + "室" // a long run: no house number, the address ends before it
		for _, at := range []string{"@", "#"} {
			text := card + "!路元0室" + local + at + "qq.com"
			out, fs := e.Redact([]byte(text))
			if !hasCategory(fs, detect.Email) || bytes.Contains(out, []byte(local)) {
				t.Errorf("%q: %v -> %q", text, fs, out)
			}
			if again, _ := e.Redact(out); !bytes.Equal(again, out) {
				t.Errorf("%q -> %q -> %q", text, out, again)
			}
		}
	}
}

// TestNumberAfterADomainWithDigits: the pass goes on after an address, not
// inside its domain, so a number glued after a domain that holds digits is
// read as after the address (0@GB00.0000.AAA1700000 0000 left the mobile
// raw; a second reading found it).
func TestNumberAfterADomainWithDigits(t *testing.T) {
	r := rand.New(rand.NewPCG(27, 27))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for range 10 {
		m := synth.CNMobile(r)
		text := "0@GB00.0000.AAA" + m[:7] + " " + m[7:]
		out, fs := e.Redact([]byte(text))
		if !hasCategory(fs, detect.CNMobile) || bytes.Contains(out, []byte(m[3:7])) {
			t.Errorf("%q: %v -> %q", text, fs, out)
		}
		if again, _ := e.Redact(out); !bytes.Equal(again, out) {
			t.Errorf("%q -> %q -> %q", text, out, again)
		}
	}
}

// TestAddressMaskAfterNameLabel: an address's partial mask keeps its
// district (宋区****); behind a name label, what it left is no name, or a
// second redaction would mask the district the first one kept.
func TestAddressMaskAfterNameLabel(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	card := synth.CardWith(rand.New(rand.NewPCG(12, 12)), "62", 17)
	for _, label := range []string{"name:", "nAme:", "姓名："} {
		text := []byte(label + "宋区幢层0室 " + card)
		out, fs := e.Redact(text)
		if len(fs) == 0 {
			t.Fatalf("%q: nothing found", text)
		}
		if again, _ := e.Redact(out); !bytes.Equal(again, out) {
			t.Errorf("%q -> %q -> %q", text, out, again)
		}
	}
	if fs := e.Find([]byte("姓名：宋区****")); len(fs) != 0 {
		t.Errorf("an address's mask read as a name: %v", fs)
	}
}

// TestKeptDigitsNotAfterEscapeOpener: a partial mask keeps no digit right
// after a '%' or a backslash: a reading would decode the kept digits as
// an escape (%17 is a control, 0 after it joins the digits before the
// '%': an ID on a second redaction, FuzzWrappedJSON seed keptafterpercent).
func TestKeptDigitsNotAfterEscapeOpener(t *testing.T) {
	r := rand.New(rand.NewPCG(50, 1))
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for _, opener := range []string{"%", `\`} {
		m := synth.CNMobile(r)
		out, fs := e.Redact([]byte("a " + opener + m + " b"))
		if len(fs) != 1 || bytes.Contains(out, []byte(opener+m[:3])) || bytes.ContainsAny(out, "0123456789") {
			t.Errorf("%q after %q -> %q %v: want masked whole", m, opener, out, fs)
		}
	}
}
