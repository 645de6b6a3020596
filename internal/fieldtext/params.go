package fieldtext

import (
	"cmp"
	"slices"
	"strings"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
)

// RedactParams returns a media type (a Content-Type value) with the
// personal information in its parameters masked, and the findings. The
// parameters a receiver reads as text are read (a download's name=, a
// profile, any extension parameter), each percent-decoded and with the
// hint of its name, and the sections of an RFC 2231 parameter
// (name*0, name*1*) joined as a receiver joins them; charset and boundary,
// which frame the body, and the type itself are not read. A value is
// masked in place and written back in its own syntax: a token that no
// longer is one is quoted, a quoted string keeps its quoted pairs, an
// RFC 8187 ext-value (name*=UTF-8”…) has its mask percent-encoded to
// attr-chars. A value with nothing in it comes back as it is.
func RedactParams(find Finder, s string) (string, []detect.Finding) {
	params := splitParams(s)
	var found []detect.Finding
	changed := false
	for _, idx := range paramGroups(params) {
		g := make([]param, len(idx))
		for k, i := range idx {
			g[k] = params[i]
		}
		if fs := redactGroup(find, g); len(fs) > 0 {
			found = append(found, fs...)
			changed = true
			for k, i := range idx {
				params[i].out = g[k].out
			}
		}
	}
	if !changed {
		return s, nil
	}
	var b strings.Builder
	b.Grow(len(s))
	prev := 0
	for _, p := range params {
		if p.out == nil {
			continue
		}
		b.WriteString(s[prev:p.start])
		b.WriteString(*p.out)
		prev = p.end
	}
	b.WriteString(s[prev:])
	return b.String(), found
}

// param is one parameter of a media type: where its value stands in the
// field (start, end), the name its sections share (base, lower case), the
// part of the value that is read (text: a quoted string unquoted, an
// ext-value's percent-encoded part) and what the value becomes (out).
type param struct {
	base       string
	section    int // -1 when the name has none
	start, end int
	prefix     string // an ext-value's charset'language'
	text       string
	quoted     bool
	ext        bool
	stray      bool // text that is no parameter's value, written back as it is
	out        *string
}

// appendStray adds s[start:end], text in a parameter list that is no
// parameter's value (`; tel 138…`, `name="a" 138…`), to ps as a value of
// its own when it holds more than white space: a receiver that shows the
// field (a script reading the CORS-safelisted Content-Type) shows it.
func appendStray(ps []param, s string, start, end int) []param {
	for start < end && (s[start] == ' ' || s[start] == '\t') {
		start++
	}
	end = start + len(strings.TrimRight(s[start:end], " \t"))
	if start == end {
		return ps
	}
	return append(ps, param{section: -1, start: start, end: end, text: s[start:end], stray: true})
}

// paramGroups returns the indices of params read as one value each: a
// parameter with no section alone, and the sections of one name together
// in the order of their numbers, wherever they stand in the field (Go's
// mime.ParseMediaType, Python's email package and Firefox join
// name*1=…; name*0=… by number, and a parameter between them does not part
// them).
func paramGroups(params []param) [][]int {
	var groups [][]int
	at := map[string]int{} // a sectioned name's group
	for i, p := range params {
		if p.section < 0 {
			groups = append(groups, []int{i})
			continue
		}
		g, ok := at[p.base]
		if !ok {
			g = len(groups)
			at[p.base] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
	}
	for _, g := range groups {
		slices.SortStableFunc(g, func(a, b int) int { return cmp.Compare(params[a].section, params[b].section) })
	}
	return groups
}

// splitParams returns the parameters of s in one pass: those after its
// first ';', and those a lenient receiver finds where a ',' parts them
// instead (`text/plain, name=…`, `attachment,filename=…`: a browser
// splits a field's list at commas, Python's cgi reads the type to the
// first ';', a script shows the whole field), text after the type that is
// neither included. A ';' or a ',' inside a quoted string does not end a
// value. charset and boundary are left out (they frame the body); so is a
// parameter with no name or no '='.
func splitParams(s string) []param {
	typeEnd := strings.IndexByte(s, ';')
	if typeEnd < 0 {
		typeEnd = len(s)
	}
	ps := scanList(nil, s, typeLead(s[:typeEnd]), typeEnd, ',')
	return scanList(ps, s, typeEnd, len(s), ';')
}

// typeLead returns where the type at the start of t ends: white space, a
// token and, for a media type, '/' and its subtype.
func typeLead(t string) int {
	i := 0
	for i < len(t) && (t[i] == ' ' || t[i] == '\t') {
		i++
	}
	for i < len(t) && isTokenChar(t[i]) {
		i++
	}
	if i < len(t) && t[i] == '/' {
		i++
		for i < len(t) && isTokenChar(t[i]) {
			i++
		}
	}
	return i
}

// scanList adds to ps the parameters of s[i:end], a list whose items sep
// parts; i is at a sep or at the start of the first item. An unquoted
// value runs to the next sep, but charset's and boundary's end at a ','
// or white space (no token holds one): what follows, like the text after
// a closing quote, is read as a ','-parted list of its own when it opens
// with a ',', as stray text otherwise (`charset=utf-8 138…`).
func scanList(ps []param, s string, i, end int, sep byte) []param {
	for i < end {
		if s[i] == sep {
			i++
		}
		nameStart := i
		for i < end && s[i] != '=' && s[i] != sep {
			i++
		}
		if i >= end || s[i] == sep {
			ps = appendStray(ps, s, nameStart, i) // no '=': text all the same
			continue
		}
		name := strings.ToLower(strings.TrimSpace(s[nameStart:i]))
		i++ // past '='
		for i < end && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		base, section, ext := sectionOf(name)
		framing := base == "charset" || base == "boundary" || base == ""
		p := param{start: i}
		tail := [2]int{} // text after the value that is none of it
		if i < end && s[i] == '"' {
			var text strings.Builder
			i++
			for i < end && s[i] != '"' {
				if s[i] == '\\' && i+1 < end {
					i++
				}
				text.WriteByte(s[i])
				i++
			}
			if i < end {
				i++ // the closing quote
			}
			p.text, p.quoted = text.String(), true
			p.end = i
			for i < end && s[i] != sep {
				i++
			}
			tail = [2]int{p.end, i}
		} else {
			for i < end && s[i] != sep {
				i++
			}
			valueEnd := i
			if framing && sep != ',' {
				if k := strings.IndexAny(s[p.start:i], ", \t"); k >= 0 {
					valueEnd = p.start + k
					tail = [2]int{valueEnd, i}
				}
			}
			p.end = p.start + len(strings.TrimRight(s[p.start:valueEnd], " \t"))
			p.text = s[p.start:p.end]
		}
		if !framing {
			p.base, p.section, p.ext = base, section, ext
			if ext && section <= 0 && !p.quoted {
				// charset'language'value: only the value is text
				if k := strings.IndexByte(p.text, '\''); k >= 0 {
					if l := strings.IndexByte(p.text[k+1:], '\''); l >= 0 {
						n := k + 1 + l + 1
						p.prefix, p.text = p.text[:n], p.text[n:]
					}
				}
			}
			ps = append(ps, p)
		}
		if tail[0] < tail[1] {
			ps = scanTail(ps, s, tail[0], tail[1])
		}
	}
	return ps
}

// scanTail reads s[i:end], text after a value that is none of it
// (`name="a" 138…`, `charset="utf-8", name=138…`): as a ','-parted list
// when it starts with a ',', as stray text otherwise.
func scanTail(ps []param, s string, i, end int) []param {
	j := i
	for j < end && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	if j < end && s[j] == ',' {
		return scanList(ps, s, j, end, ',')
	}
	return appendStray(ps, s, i, end)
}

// sectionOf splits an RFC 2231 parameter name: "filename*1*" is section
// 1 of filename, extended; "name*" is extended and has no section (-1).
func sectionOf(name string) (base string, section int, ext bool) {
	if strings.HasSuffix(name, "*") {
		name, ext = name[:len(name)-1], true
	}
	section = -1
	if k := strings.IndexByte(name, '*'); k >= 0 {
		n := 0
		for _, c := range name[k+1:] {
			if c < '0' || c > '9' || n > 1000 {
				return name, -1, ext
			}
			n = n*10 + int(c-'0')
		}
		name, section = name[:k], n
	}
	return name, section, ext
}

// redactGroup reads the sections of one parameter as one text, each
// percent-decoded (an ext-value must be; a lenient receiver decodes the
// others too), with the hint of its name, and masks each section the
// findings fall in: a finding's mask goes where it starts, the rest of
// its span is dropped from the sections it runs into.
func redactGroup(find Finder, ps []param) []detect.Finding {
	if fs := redactWords(find, ps); fs != nil {
		return fs
	}
	var text []byte
	decs := make([][]byte, len(ps))
	offs := make([][]int32, len(ps))
	starts := make([]int, len(ps)+1)
	whole := false // one ext-value read in its charset
	for k, p := range ps {
		var inCS bool
		if p.ext {
			// an ext-value's bytes are text in its charset (gbk''…);
			// later sections take the first one's
			decs[k], offs[k], inCS = inCharset(ps[0].prefix, p.text)
			whole = inCS && len(ps) == 1
		}
		if !inCS {
			decs[k], offs[k] = percentDecode(p.text, false)
		}
		starts[k] = len(text)
		text = append(text, decs[k]...)
	}
	starts[len(ps)] = len(text)
	findings := findAll(find, text, bodyformat.HintForKey(ps[0].base))
	if len(findings) == 0 {
		return nil
	}
	if whole {
		out := ps[0].inUTF8(text, findings)
		ps[0].out = &out
		return findings
	}
	fi := 0
	for k := range ps {
		p := &ps[k]
		var b strings.Builder
		prev := 0 // in p.text
		touched := false
		for fi < len(findings) && findings[fi].Start < starts[k+1] {
			fd := findings[fi]
			if fd.End <= starts[k] {
				fi++
				continue
			}
			touched = true
			ds, de := max(fd.Start, starts[k])-starts[k], min(fd.End, starts[k+1])-starts[k]
			rs, re := ds, de
			if offs[k] != nil {
				rs, re = int(offs[k][ds]), int(offs[k][de])
			}
			b.WriteString(p.text[prev:rs])
			if fd.Start >= starts[k] {
				b.WriteString(maskFor(*p, fd.Masked, re-rs != de-ds))
			}
			prev = re
			if fd.End > starts[k+1] {
				break // it runs into the next section
			}
			fi++
		}
		if !touched {
			continue
		}
		b.WriteString(p.text[prev:])
		v := b.String()
		if v == "" {
			v = maskFor(*p, "*", false) // a section the mask ran through: still a value
		}
		out := p.encode(v)
		p.out = &out
	}
	return findings
}

// maskFor is a mask as it can stand in p's value: percent-encoded to
// attr-chars in an ext-value, percent-encoded as in a URI where the span
// it replaces held escapes, as it is otherwise (encode quotes the value
// when it has to).
func maskFor(p param, mask string, escaped bool) string {
	switch {
	case p.ext:
		return escapeAttr(mask)
	case escaped:
		return escapeMask(mask)
	}
	return mask
}

// encode writes a rewritten value in p's syntax: an ext-value after its
// charset'language', a quoted string with '"' and '\' as quoted pairs, a
// token as it is while it still is one, quoted when it is not.
func (p param) encode(v string) string {
	if p.stray {
		return v
	}
	if p.ext {
		return p.prefix + v
	}
	if !p.quoted && isToken(v) {
		return v
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(v); i++ {
		if v[i] == '"' || v[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(v[i])
	}
	b.WriteByte('"')
	return b.String()
}

// isToken reports whether v is an RFC 9110 token.
func isToken(v string) bool {
	if v == "" {
		return false
	}
	for i := 0; i < len(v); i++ {
		if !isTokenChar(v[i]) {
			return false
		}
	}
	return true
}

// isTokenChar reports whether c is an RFC 9110 tchar.
func isTokenChar(c byte) bool {
	return c > ' ' && c < 0x7f && strings.IndexByte("\"(),/:;<=>?@[\\]{}", c) < 0
}

// escapeAttr percent-encodes a mask for an RFC 8187 ext-value: every byte
// but an attr-char (letters, digits, !#$&+-.^_`|~) is escaped, '*' too.
func escapeAttr(mask string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(mask); i++ {
		c := mask[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// inUTF8 writes p, an ext-value read in its charset as text, back as a
// UTF-8 ext-value (UTF-8'lang'…) of text with the findings masked: a mask
// of ASCII bytes is no text in the charset the value named when that is
// UTF-16 or UTF-32 (%2A%2A is one CJK character in UTF-16LE), and the
// text is the same in UTF-8 whatever the charset was.
func (p param) inUTF8(text []byte, findings []detect.Finding) string {
	_, lang, _ := strings.Cut(p.prefix, "'")
	return "UTF-8'" + lang + escapeAttr(masked(text, findings))
}

// masked is text with the findings' spans replaced by their masks.
func masked(text []byte, findings []detect.Finding) string {
	var b strings.Builder
	prev := 0
	for _, fd := range findings {
		if fd.Start < prev {
			continue // within one already masked
		}
		b.Write(text[prev:fd.Start])
		b.WriteString(fd.Masked)
		prev = fd.End
	}
	b.Write(text[prev:])
	return b.String()
}
