package detect

import "unicode/utf8"

// Instant-messaging accounts that doxxing posts carry next to a name: QQ
// numbers and WeChat IDs. Neither has a structure of its own that text
// does not also have, so both are read only after their labels.

var qqDef = categoryDef{
	CategoryInfo: CategoryInfo{Category: QQ,
		What:        "QQ number (QQ号), `QQ：12345678`",
		ValidatedBy: "5–11 digits not starting with 0; only after its label",
		Labels:      []string{"qq", "qq号", "qq号码", "qq号碼", "qq號", "qq號碼", "企鹅号", "企鵝號", "扣扣", "qq account", "qq number"},
		Keys:        []string{"qq", "qqno", "qqnum", "qqnumber", "qqaccount", "qq号", "qq号码"},
	},
	partial:   maskQQ,
	keyDigits: 5,
	value:     qqAt,
}

// qqAt reads a QQ number at text[pos]: its digits together, or one
// separator after each (QQ：1 2 3 4 5, 1-2-3-4-5), the evasion of every
// number.
func qqAt(text []byte, pos int, scratch []byte) cand {
	norm, end, ok := readDigits(text, pos, 5, 11, scratch)
	if !ok || !endsToken(text, end) {
		norm, end, ok = readDigitEach(text, pos, 5, 11, scratch[:0])
	}
	if !ok || norm[0] == '0' || !endsToken(text, end) {
		return cand{}
	}
	return cand{ok: true, cat: QQ, conf: 0.8, ev: EvStructure, start: pos, end: end, norm: norm}
}

// readDigitEach reads lo to hi digits at text[pos], one separator (a space,
// '-', '.', '/', a line break, an emoji …) between every two of them, and
// returns them appended to dst and the end of the last; ok is false when
// there are fewer than lo, more than hi, or two digits stand together.
func readDigitEach(text []byte, pos, lo, hi int, dst []byte) (out []byte, end int, ok bool) {
	n := 0
	for pos < len(text) {
		step()
		u := decodeUnit(text, pos)
		if u.kind != uDigit || n == hi {
			return dst, end, false
		}
		dst = append(dst, u.val)
		n++
		pos += u.size
		end = pos
		p := skipIgnored(text, pos)
		if p >= len(text) {
			break
		}
		if sep := decodeUnit(text, p); sep.kind == uDigit {
			return dst, end, false // two digits together: not one separator after each
		} else if sep.kind != uSep || sep.val == '(' || sep.val == ')' {
			break
		} else {
			p = skipIgnored(text, p+sep.size)
		}
		if p >= len(text) || decodeUnit(text, p).kind != uDigit {
			break
		}
		pos = p
	}
	return dst, end, n >= lo
}

// maskQQ keeps two digits at each end, never fewer than four hidden.
func maskQQ(dst, v []byte) []byte { return keepEnds(dst, v, 2, 2) }

var weChatDef = categoryDef{
	CategoryInfo: CategoryInfo{Category: WeChat,
		What:        "WeChat ID (微信号), `微信：wxid_abc123`",
		ValidatedBy: "6–20 letters, digits, `_` or `-`, starting with a letter; letters alone only after a Chinese label with a colon or 号 (`wechat: enabled` is a setting); only after its label (a mobile number as WeChat ID is a `cn_mobile`)",
		Labels:      []string{"微信", "微信号", "微信号码", "微信id", "微信账号", "微信號", "微信帳號", "威信", "薇信", "v信", "v信号", "vx号", "wx号", "vx", "wx", "wechat", "wechat id", "weixin"},
		Keys:        []string{"wechat", "wechatid", "weixin", "wxid", "微信", "微信号"},
	},
	partial: maskWeChat,
	value:   weChatAt,
}

// weChatAt reads a WeChat ID at text[pos]: ASCII letters, digits, '_' and
// '-', starting with a letter. An ID of letters alone is read only after a
// Chinese label that a colon sets off or that names the number (微信：
// zhangsan, 微信号 zhangsan): after an English one it is as likely a word
// (wechat: enabled), and after 微信 alone a word of the sentence (微信
// Pay).
func weChatAt(text []byte, pos int, scratch []byte) cand {
	norm := scratch
	end := pos
	letters := 0
	for end < len(text) && len(norm) <= 20 {
		step()
		c, size := wideASCII(text, end) // full-width too: ｗｘｉｄ＿１２３
		if size == 0 || !isASCIILetter(c) && (len(norm) == 0 || !isASCIIDigit(c) && c != '_' && c != '-') {
			break
		}
		if isASCIILetter(c) {
			letters++
		}
		norm = append(norm, c)
		end += size
	}
	if len(norm) < 6 || len(norm) > 20 || norm[len(norm)-1] == '-' || !endsToken(text, end) {
		return cand{}
	}
	if letters == len(norm) && !chineseIDLabelBefore(text, pos) {
		return cand{}
	}
	if end < len(text) && (text[end] == '.' || text[end] == '@') && end+1 < len(text) && isASCIILetter(text[end+1]) {
		return cand{} // a domain or an e-mail address, not an ID
	}
	return cand{ok: true, cat: WeChat, conf: 0.8, ev: EvStructure, start: pos, end: end, norm: norm}
}

// maskWeChat keeps the first character: w*********.
func maskWeChat(dst, v []byte) []byte { return appendStars(append(dst, v[0]), len(v)-1) }

// chineseIDLabelBefore reports whether the label before the value at
// text[pos] is Chinese and either set off by a colon (微信：) or ending in
// 号 (微信号 …). It looks back over at most eight bytes of glue.
func chineseIDLabelBefore(text []byte, pos int) bool {
	colon := false
	j := pos
	for j > 0 && pos-j < 8 {
		step()
		c := text[j-1]
		if c == ' ' || c == '"' || c == '\'' || c == '=' {
			j--
			continue
		}
		if c == ':' {
			colon = true
			j--
			continue
		}
		if j >= 3 && string(text[j-3:j]) == "：" {
			colon = true
			j -= 3
			continue
		}
		break
	}
	r, _ := utf8.DecodeLastRune(text[:j])
	return isHan(r) && (colon || r == '号' || r == '號')
}
