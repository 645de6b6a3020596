package detect

import "unicode/utf8"

// Precise coordinates: a latitude and a longitude with at least four
// decimals (about ten metres), which locate a home as well as an address
// does. A pair in text (31.2304, 121.4737) needs other personal data
// nearby unless degrees or hemispheres mark it; one number needs a label
// or a key (纬度：31.2304, "lat": 31.2304).

var geoDef = categoryDef{
	CategoryInfo: CategoryInfo{Category: Geo,
		What:        "precise coordinates: `31.2304, 121.4737`, `31.2304°N 121.4737°E`, `\"lat\": 31.2304`",
		ValidatedBy: "latitude within ±90 and longitude within ±180, four decimals or more; a pair with degrees or N/E marks stands alone, a bare pair with personal data nearby, one number with a label or key",
		Labels:      []string{"经纬度", "坐标", "纬度", "经度", "定位坐标", "位置坐标", "gps坐标", "經緯度", "座標", "緯度", "經度", "gps", "coordinates", "coords", "latitude", "longitude", "lat", "lng", "lon"},
		Keys:        []string{"lat", "latitude", "lng", "lon", "long", "longitude", "coordinates", "coords", "latlng", "latlon", "gps", "geo", "经度", "纬度", "经纬度", "坐标"},
	},
	partial: maskGeo,
	numeric: geoAt,
}

// minGeoDecimals is the fewest decimals of a precise coordinate.
const minGeoDecimals = 4

// coord is one coordinate read from text.
type coord struct {
	start, end int
	whole      int  // the integer part
	marked     bool // a degree sign or a hemisphere letter follows
	ok         bool
}

// readCoord reads a coordinate whose digits start at text[pos]: an
// optional '-' before them, one to three digits, a '.', four to twelve
// decimals, an optional '°' and hemisphere letter. ASCII characters, or
// their full-width forms (wideASCII): a coordinate is written by a
// machine, or spelled wide to hide it.
func readCoord(text []byte, pos int, norm []byte) (coord, []byte) {
	c := coord{start: pos}
	if m, ms := wideASCIIBefore(text, pos); m == '-' {
		if b, _ := wideASCIIBefore(text, pos-ms); pos == ms || !isASCIIAlnum(b) && b != '.' {
			c.start = pos - ms
			norm = append(norm, '-')
		}
	}
	p, whole := pos, 0
	for ; p < len(text) && whole < 4; whole++ {
		step()
		d, size := wideASCII(text, p)
		if !isASCIIDigit(d) {
			break
		}
		c.whole = c.whole*10 + int(d-'0')
		norm = append(norm, d)
		p += size
	}
	if whole > 3 || p >= len(text) {
		return c, norm
	}
	point, size := wideASCII(text, p)
	if point != '.' {
		return c, norm
	}
	p += size
	norm = append(norm, '.')
	decimals := 0
	for p < len(text) && decimals <= 12 {
		step()
		d, size := wideASCII(text, p)
		if !isASCIIDigit(d) {
			break
		}
		norm = append(norm, d)
		p += size
		decimals++
	}
	if decimals < minGeoDecimals || decimals > 12 {
		return c, norm
	}
	if d, size := wideASCIIAt(text, p); d == '.' && p+size < len(text) {
		if e, _ := wideASCII(text, p+size); isASCIIDigit(e) || e == '*' || e == '[' {
			return c, norm // 1.23456.7: a version, not a number (also once a mask, *** or [CN_…], stands for the 7)
		}
	}
	if len(text)-p >= 2 && string(text[p:p+2]) == "°" {
		c.marked = true
		p += 2
	}
	if p < len(text) {
		switch d, size := wideASCII(text, p); d {
		case 'N', 'S', 'E', 'W':
			if e, _ := wideASCIIAt(text, p+size); p+size == len(text) || !isASCIIAlnum(e) {
				c.marked = true
				norm = append(norm, d)
				p += size
			}
		}
	}
	if e, _ := wideASCIIAt(text, p); isASCIIAlnum(e) || e == '_' {
		return c, norm
	}
	c.end, c.ok = p, true
	return c, norm
}

// wideASCIIAt returns the ASCII character at text[p], written as itself
// or in its full-width form (Ｒｍ．, ＃: wideASCII), and its size; 0, 0
// outside the text or for any other character.
func wideASCIIAt(text []byte, p int) (byte, int) {
	if p < 0 || p >= len(text) {
		return 0, 0
	}
	return wideASCII(text, p)
}

// wideASCIIBefore returns the ASCII character that ends at text[pos], as
// itself or full-width, and its size, or 0, 0.
func wideASCIIBefore(text []byte, pos int) (byte, int) {
	if pos >= 1 && text[pos-1] < utf8.RuneSelf {
		return text[pos-1], 1
	}
	if pos >= 3 {
		if b, size := wideASCII(text, pos-3); size == 3 {
			return b, 3
		}
	}
	return 0, 0
}

// decimalPointNear reports whether a '.' follows one to three digits at
// text[pos]: what every coordinate starts with.
func decimalPointNear(text []byte, pos int) bool {
	_, size := wideASCII(text, pos)
	for k, n := pos+size, 0; k < len(text) && n < 3; n++ {
		step()
		d, size := wideASCII(text, k)
		if d == '.' {
			return true
		}
		if !isASCIIDigit(d) {
			return false
		}
		k += size
	}
	return false
}

// geoAt reads coordinates whose first digit stands at text[pos]: a
// latitude and longitude pair, or one coordinate.
func geoAt(text []byte, pos int, scratch []byte) cand {
	if b, _ := wideASCIIBefore(text, pos); isASCIIAlnum(b) || b == '.' || b == '_' {
		return cand{}
	}
	if d, _ := wideASCII(text, pos); !isASCIIDigit(d) || !decimalPointNear(text, pos) {
		return cand{}
	}
	a, norm := readCoord(text, pos, scratch)
	if !a.ok || a.whole > 180 {
		return cand{}
	}
	c := cand{ok: true, cat: Geo, conf: 0.6, ev: EvStructure, weak: true, labelOnly: true, start: a.start, end: a.end, norm: norm}
	// a second coordinate after ',', '，', ';' or spaces
	p := a.end
	for sep := 0; p < len(text) && sep < 4; sep++ {
		step()
		if d, size := wideASCII(text, p); d == ' ' || d == ',' || d == ';' {
			p += size
			continue
		}
		if len(text)-p >= 3 && string(text[p:p+3]) == "，" {
			p += 3
			continue
		}
		break
	}
	if p == a.end || p >= len(text) {
		return c
	}
	q := p
	if d, size := wideASCII(text, q); d == '-' {
		q += size
	}
	if d, _ := wideASCIIAt(text, q); !isASCIIDigit(d) {
		return c
	}
	b, norm2 := readCoord(text, q, append(norm, ','))
	if !b.ok || !(a.whole <= 90 && b.whole <= 180 || a.whole <= 180 && b.whole <= 90) {
		return c
	}
	c.end, c.norm, c.labelOnly = b.end, norm2, false
	if a.marked && b.marked {
		c.weak, c.conf = false, 0.85
	} else {
		c.conf = 0.7
	}
	return c
}

// maskGeo keeps the whole degrees and hides every decimal: 31.****,121.****.
func maskGeo(dst, v []byte) []byte {
	hide := false
	for _, c := range v {
		step()
		switch {
		case c == '.':
			hide = true
		case c == ',':
			hide = false
		case hide && isASCIIDigit(c):
			c = '*'
		}
		dst = append(dst, c)
	}
	return dst
}

// numericMay reports whether a registry numeric shape may start at the
// number at text[i], read by shortNumber as short with so many digits
// (counted over every spelling and across its separators) or not. A
// coordinate, the only numeric shape (TestNumericShapesAreGeo), has a
// whole digit and four decimals, and a decimal point after one to three
// digits (decimalPointNear, asked here of ASCII bytes without a call).
func numericMay(text []byte, i int, short bool, digits int) bool {
	if short && digits < 1+minGeoDecimals {
		return false
	}
	if text[i] >= utf8.RuneSelf {
		return true // a full-width digit: geoAt decides
	}
	for k := i + 1; k < len(text) && k < i+4; k++ {
		if c := text[k]; c >= utf8.RuneSelf || c == '.' {
			return true
		} else if !isASCIIDigit(c) {
			return false
		}
	}
	return false
}
