package detect

// Address forms a mail system delivers that the plain reading of a local
// part and a domain does not take: a quoted local part ("zhang.wei"@qq.com
// is the mailbox zhang.wei, RFC 5321 4.1.2) and a domain written as an
// address literal (zhang@[203.0.113.9], zhang@[IPv6:2001:db8::1]).

// maxIPLiteral bounds the bytes of an address literal between its
// brackets: "IPv6:" and the longest IPv6 text form.
const maxIPLiteral = len("IPv6:") + len("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255")

// quotedLocalPart reads a quoted local part ending right before the '@'
// at text[atStart], no further back than floor: a '"', then one to
// maxLocalPart printable ASCII characters but '"' and '\', then a '"'.
// It writes what the quotes hold, in lower case, into the end of local
// and returns where the opening quote stands and how many bytes it wrote,
// or ok false when none stands there or it holds no letter or digit.
func quotedLocalPart(text []byte, atStart, floor int, local *[maxLocalBytes]byte) (start, nb int, ok bool) {
	if atStart < 2 || text[atStart-1] != '"' {
		return 0, 0, false
	}
	j := atStart - 2
	for ; j >= floor && atStart-2-j < maxLocalPart; j-- {
		step()
		c := text[j]
		if c == '"' {
			break
		}
		if c < ' ' || c > '~' || c == '\\' {
			return 0, 0, false
		}
	}
	if j < floor || text[j] != '"' || j == atStart-2 {
		return 0, 0, false
	}
	held := text[j+1 : atStart-1]
	if held[0] == '.' || held[0] == ' ' || held[len(held)-1] == ' ' {
		return 0, 0, false
	}
	alnum := false
	for k, c := range held {
		step()
		local[maxLocalBytes-len(held)+k] = lower(c)
		alnum = alnum || isASCIIAlnum(c)
	}
	return j, len(held), alnum
}

// ipLiteralDomain reads an address literal at text[pos], right after an
// '@': '[', four decimal octets of 0 to 255 set apart by '.', or "IPv6:"
// and hex digits, ':' and '.', then ']'. It writes it as written (the
// prefix in lower case) into out and returns the byte end and its
// length, or end 0 when none stands there.
func ipLiteralDomain(text []byte, pos int, out []byte) (end, n int) {
	if pos >= len(text) || text[pos] != '[' {
		return 0, 0
	}
	j := pos + 1
	for j < len(text) && j-pos-1 <= maxIPLiteral && text[j] != ']' {
		step()
		j++
	}
	if j >= len(text) || text[j] != ']' || j-pos+1 > len(out) {
		return 0, 0
	}
	lit := text[pos+1 : j]
	if !ipv4Literal(lit) && !ipv6Literal(lit) {
		return 0, 0
	}
	n = copy(out, text[pos:j+1])
	for k := 1; k < 5 && k < n; k++ {
		out[k] = lower(out[k]) // IPv6: as ipv6
	}
	return j + 1, n
}

// ipv4Literal reports whether b is a dotted IPv4 address.
func ipv4Literal(b []byte) bool {
	parts, v, digits := 0, 0, 0
	for i := 0; i <= len(b); i++ {
		step()
		if i == len(b) || b[i] == '.' {
			if digits == 0 || v > 255 {
				return false
			}
			parts, v, digits = parts+1, 0, 0
			continue
		}
		if !isASCIIDigit(b[i]) || digits == 3 {
			return false
		}
		v, digits = v*10+int(b[i]-'0'), digits+1
	}
	return parts == 4
}

// ipv6Literal reports whether b is "IPv6:" (any case) and an address of
// hex digits, at least two ':', and perhaps a dotted IPv4 tail.
func ipv6Literal(b []byte) bool {
	if len(b) < len("IPv6:::") || !asciiEqualFold(b[:5], []byte("ipv6:")) {
		return false
	}
	colons := 0
	for _, c := range b[5:] {
		step()
		switch {
		case c == ':':
			colons++
		case c == '.' || isHexByte(c):
		default:
			return false
		}
	}
	return colons >= 2
}

// ideographicStop reports whether t starts with a full stop a reader takes
// for a domain's dot as the Chinese write it: '。' (U+3002) or its
// half-width form '｡' (U+FF61), which IDNA maps to '.' too. Both are
// three bytes.
func ideographicStop(t []byte) bool {
	return len(t) >= 3 && (t[0] == 0xE3 && t[1] == 0x80 && t[2] == 0x82 || t[0] == 0xEF && t[1] == 0xBD && t[2] == 0xA1)
}
