package bodyformat

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// skippableFrame returns a zstd skippable frame of magic 0x184D2A50+k
// holding data.
func skippableFrame(k uint32, data string) []byte {
	b := binary.LittleEndian.AppendUint32(nil, 0x184d2a50+k)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(data)))
	return append(b, data...)
}

// TestFix50ZstdSkippableFrames (attack pass 49a, F6): skippable frames
// before a zstd frame, which every zstd decoder passes over, no longer
// hide it: the body is read decompressed (the split doc found, refused
// in Redact), the skippable frames' bytes read raw too (a form field in
// one found), a clean body kept byte for byte; an LZ4 frame after a
// skippable frame is no zstd.
func TestFix50ZstdSkippableFrames(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(50, 6))
	doc, _ := fix49SplitDoc(r, 2<<10, true)
	clean, _ := fix49SplitDoc(r, 2<<10, false)
	z, zc := compress(t, "zstd", doc), compress(t, "zstd", clean)
	meta := skippableFrame(0, "meta")
	for name, c := range map[string]struct {
		body     []byte
		personal bool
	}{
		"one frame":            {append(bytes.Clone(meta), z...), true},
		"four frames":          {append(bytes.Repeat(skippableFrame(15, "\x00\x01"), 4), z...), true},
		"six frames":           {append(bytes.Repeat(skippableFrame(3, ""), 6), z...), true},
		"field in skip frame":  {append(skippableFrame(1, "\x00&tel="+synth.CNMobile(r)+"&"), zc...), true},
		"clean":                {append(bytes.Clone(meta), zc...), false},
		"clean, frames only":   {bytes.Repeat(meta, 3), false},
		"clean, frame runs on": {meta[:6], false},
	} {
		if !ZstdFile(c.body) || !CompressedFile(c.body[:min(len(c.body), sniffLen)]) {
			t.Errorf("%s: not told as zstd", name)
		}
		res, err := Inspect(eng, c.body, "", "", Scan, Limits{})
		if c.personal && (err != nil || res.Summary.Counts["cn_mobile"] == 0) {
			t.Errorf("%s: Scan %v, counts %v", name, err, res.Summary.Counts)
		}
		res, err = Inspect(eng, c.body, "", "", Redact, Limits{})
		if c.personal {
			if !errors.Is(err, ErrMalformed) {
				t.Errorf("%s: Redact %v, want refused", name, err)
			}
			continue
		}
		if name != "clean, frame runs on" && (err != nil || res.Changed || !bytes.Equal(res.Body, c.body)) {
			t.Errorf("%s: Redact %v, changed %v", name, err, res.Changed)
		}
	}
	lz4 := append(bytes.Clone(meta), 0x04, 0x22, 0x4d, 0x18, 0x64, 0x40, 0xa7)
	if ZstdFile(lz4) {
		t.Error("an LZ4 frame after a skippable frame is told as zstd")
	}
}
