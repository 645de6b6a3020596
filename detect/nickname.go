package detect

import "bytes"

// Long nicknames beside a mobile (attack pass 49): a contact record's
// segment of four to maxSegmentHanOnly Han characters alone (小叶子呀，
// 138…; 138… 孤单的旅人) is a handle as a shorter one is when it starts
// like a nickname (小, 阿: 小叶同学) or with a compound surname (司马娜娜),
// or holds the particles a handle holds and a phrase holds elsewhere: 的
// between two parts of two characters or more (孤单的旅人), a soft final
// (呀, 吖, 哟, 啦) after three or more (小叶子呀). A shop's name glued to
// 记 (张记饺子) is none, nor a service's (金牌月嫂). Measured with scripts/accuracy on real posts with a mobile
// appended to each: no clean line altered.

// nicknameSoftFinals are the soft particles a long handle may end with.
var nicknameSoftFinals = [...]string{"呀", "吖", "哟", "啦"}

// longNickname reports whether the segment t of n Han characters alone
// (four to maxSegmentHanOnly) may be a nickname: no shop's 记, and either
// name-shaped whole (nameShaped) after 小 or 阿 or a compound surname, or
// made of name-shaped parts around one 的 or before one soft final, its
// only particle.
func longNickname(t []byte, n int) bool {
	if n < 4 || n > maxSegmentHanOnly || bytes.Contains(t, []byte("记")) {
		return false
	}
	if nameShaped(t, true) {
		// 金牌月嫂, 黄焖鸡米饭: a service or a dish as often as a handle;
		// a nickname's 小 or 阿 (小叶同学), or a compound surname and a
		// given name (司马娜娜), says who
		return bytes.HasPrefix(t, []byte("小")) || bytes.HasPrefix(t, []byte("阿")) || n == 4 && compoundSurname(t)
	}
	for _, f := range nicknameSoftFinals {
		if rest, ok := bytes.CutSuffix(t, []byte(f)); ok {
			return !holdsNotNameChar(rest) && nameShaped(rest, true)
		}
	}
	a, b, ok := bytes.Cut(t, []byte("的"))
	return ok && runeCount(a) >= 2 && runeCount(b) >= 2 &&
		!holdsNotNameChar(a) && !holdsNotNameChar(b) && nameShaped(a, true) && nameShaped(b, true)
}

// holdsNotNameChar reports whether the Han token t holds a particle,
// pronoun or function word (notnamechars.txt).
func holdsNotNameChar(t []byte) bool {
	for p := 0; p < len(t); {
		step()
		_, n := decodeRune(t[p:])
		if notNameChars.has(t[p : p+n]) {
			return true
		}
		p += n
	}
	return false
}
