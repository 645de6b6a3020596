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
// letters lower-cased, full-width digits as ASCII ones, and every other
// ASCII byte (spaces, dashes, punctuation) left out: "138 1234 5678" and
// "13812345678" are one value.
func (vs *valueSet) key(text []byte, f detect.Finding) uint64 {
	var h maphash.Hash
	h.SetSeed(vs.seed)
	h.WriteString(string(f.Category))
	h.WriteByte(0)
	if f.Start < 0 || f.End > len(text) || f.Start > f.End {
		return h.Sum64()
	}
	v := text[f.Start:f.End]
	for len(v) > 0 {
		c := v[0]
		if c < utf8.RuneSelf {
			switch {
			case c >= '0' && c <= '9', c >= 'a' && c <= 'z':
				h.WriteByte(c)
			case c >= 'A' && c <= 'Z':
				h.WriteByte(c + 'a' - 'A')
			}
			v = v[1:]
			continue
		}
		r, n := utf8.DecodeRune(v)
		if r >= '０' && r <= '９' {
			h.WriteByte(byte('0' + r - '０'))
		} else {
			h.Write(v[:n])
		}
		v = v[n:]
	}
	return h.Sum64()
}
