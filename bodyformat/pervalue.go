package bodyformat

import (
	"hash/maphash"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// valueSet is what one reading of a body found, value by value, so that a
// second reading of the same bytes (a content coding's stream read
// decoded, then the body read raw for what follows the stream) counts a
// value the first found once: a deflate stream of stored blocks holds its
// text as it is. Values are hashed (valueKey): each costs the set a few
// bytes, charged with the finding.
type valueSet struct {
	seed   maphash.Seed
	keys   map[uint64]struct{}
	record bool // the first reading: add values; else drop those in keys
}

// valueEntryCost is what a value in the set is charged.
const valueEntryCost = 16

// perValue records or drops fs, the findings of text, as vs says.
func (in *inspector) perValue(text []byte, fs []detect.Finding) []detect.Finding {
	vs := in.values
	if vs.record {
		for _, f := range fs {
			k := vs.key(text, f)
			if _, ok := vs.keys[k]; !ok {
				vs.keys[k] = struct{}{}
				if in.meter != nil {
					in.meter.owe(valueEntryCost)
				}
			}
		}
		return fs
	}
	var kept []detect.Finding
	for i, f := range fs {
		if _, ok := vs.keys[vs.key(text, f)]; ok {
			if kept == nil {
				kept = append(make([]detect.Finding, 0, len(fs)), fs[:i]...)
			}
			continue
		}
		if kept != nil {
			kept = append(kept, f)
		}
	}
	if kept == nil {
		return fs
	}
	return kept
}

// key hashes f's category and its value as written in text, its ASCII
// letters lower-cased. A value of a category made of its letters and
// digits alone (numberValue) is hashed with full-width digits as ASCII
// ones and every other ASCII byte (spaces, dashes, punctuation) left out:
// "138 1234 5678" and "13812345678" are one value. Any other value (an
// e-mail, a name, coordinates) keeps its punctuation: "ab@c.cn" and
// "a@bc.cn", "j.li@x.cn" and "jli@x.cn" are two.
func (vs *valueSet) key(text []byte, f detect.Finding) uint64 {
	var h maphash.Hash
	h.SetSeed(vs.seed)
	h.WriteString(string(f.Category))
	h.WriteByte(0)
	if f.Start < 0 || f.End > len(text) || f.Start > f.End {
		return h.Sum64()
	}
	v := text[f.Start:f.End]
	number := numberValue(f.Category)
	for len(v) > 0 {
		c := v[0]
		if c < utf8.RuneSelf {
			switch {
			case c >= 'A' && c <= 'Z':
				h.WriteByte(c + 'a' - 'A')
			case !number, c >= '0' && c <= '9', c >= 'a' && c <= 'z':
				h.WriteByte(c)
			}
			v = v[1:]
			continue
		}
		r, n := utf8.DecodeRune(v)
		if number && r >= '０' && r <= '９' {
			h.WriteByte(byte('0' + r - '０'))
		} else {
			h.Write(v[:n])
		}
		v = v[n:]
	}
	return h.Sum64()
}

// numberValue reports whether a value of category c is its letters and
// digits alone, whatever separators it is written with (an ID, a phone,
// a card, a plate). Any other category, one added later included, is
// hashed as written: two spellings counted twice cost a count, two
// values counted once would hide one.
func numberValue(c detect.Category) bool {
	switch c {
	case detect.CNID, detect.CNMobile, detect.CNLandline, detect.BankCard,
		detect.CNPassport, detect.CNPermit, detect.CNPlate, detect.USSSN,
		detect.Phone, detect.IBAN, detect.HKID, detect.MOID, detect.TWID,
		detect.QQ:
		return true
	}
	return false
}
