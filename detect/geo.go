package detect

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
// decimals, an optional '°' and hemisphere letter. Only ASCII digits: a
// coordinate is written by a machine.
func readCoord(text []byte, pos int, norm []byte) (coord, []byte) {
	c := coord{start: pos}
	if pos > 0 && text[pos-1] == '-' && (pos == 1 || !isASCIIAlnum(text[pos-2]) && text[pos-2] != '.') {
		c.start = pos - 1
		norm = append(norm, '-')
	}
	p := pos
	for p < len(text) && isASCIIDigit(text[p]) && p-pos < 4 {
		step()
		c.whole = c.whole*10 + int(text[p]-'0')
		norm = append(norm, text[p])
		p++
	}
	if p-pos > 3 || p >= len(text) || text[p] != '.' {
		return c, norm
	}
	norm = append(norm, '.')
	p++
	frac := p
	for p < len(text) && isASCIIDigit(text[p]) && p-frac <= 12 {
		step()
		norm = append(norm, text[p])
		p++
	}
	if n := p - frac; n < minGeoDecimals || n > 12 {
		return c, norm
	}
	if p+1 < len(text) && text[p] == '.' && (isASCIIDigit(text[p+1]) || text[p+1] == '*' || text[p+1] == '[') {
		return c, norm // 1.23456.7: a version, not a number (also once a mask, *** or [CN_…], stands for the 7)
	}
	if len(text)-p >= 2 && string(text[p:p+2]) == "°" {
		c.marked = true
		p += 2
	}
	if p < len(text) {
		switch text[p] {
		case 'N', 'S', 'E', 'W':
			if p+1 == len(text) || !isASCIIAlnum(text[p+1]) {
				c.marked = true
				norm = append(norm, text[p])
				p++
			}
		}
	}
	if p < len(text) && (isASCIIAlnum(text[p]) || text[p] == '_') {
		return c, norm
	}
	c.end, c.ok = p, true
	return c, norm
}

// decimalPointNear reports whether a '.' follows one to three digits at
// text[pos]: what every coordinate starts with.
func decimalPointNear(text []byte, pos int) bool {
	for k := pos + 1; k < len(text) && k <= pos+3; k++ {
		if text[k] == '.' {
			return true
		}
		if !isASCIIDigit(text[k]) {
			return false
		}
	}
	return false
}

// geoAt reads coordinates whose first digit stands at text[pos]: a
// latitude and longitude pair, or one coordinate.
func geoAt(text []byte, pos int, scratch []byte) cand {
	if pos > 0 && (isASCIIAlnum(text[pos-1]) || text[pos-1] == '.' || text[pos-1] == '_') {
		return cand{}
	}
	if !decimalPointNear(text, pos) {
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
		switch {
		case text[p] == ' ' || text[p] == ',' || text[p] == ';':
			p++
			continue
		case len(text)-p >= 3 && string(text[p:p+3]) == "，":
			p += 3
			continue
		}
		break
	}
	if p == a.end || p >= len(text) {
		return c
	}
	q := p
	if text[q] == '-' {
		q++
	}
	if q >= len(text) || !isASCIIDigit(text[q]) {
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
