package detect_test

import (
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// Labels written in Traditional Chinese are read as their Simplified
// forms are: what follows them is found, and what needs a label gets it.
func TestTraditionalLabels(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("trad")})
	r := rand.New(rand.NewPCG(11, 12))
	for range 50 {
		for _, c := range []struct {
			label string
			cat   detect.Category
			value string
		}{
			{"身分證字號", detect.CNID, synth.CNID18(r)},
			{"身分證字號", detect.TWID, synth.TWID(r)},
			{"身份證號碼", detect.CNID, synth.CNID15(r)},
			{"電話", detect.CNMobile, synth.CNMobile(r)},
			{"手機", detect.CNMobile, synth.CNMobile(r)},
			{"聯絡電話", detect.CNLandline, synth.CNLandlineContiguous(r)},
			{"地址", detect.CNAddress, synth.CNAddress(r)},
			{"住址", detect.CNAddress, synth.CNAddress(r)},
			{"姓名", detect.CNName, synth.CNName(r)},
			{"護照號碼", detect.CNPassport, synth.CNPassport(r)},
			{"回鄉證", detect.CNPermit, synth.CNPermit(r)},
			{"車牌號", detect.CNPlate, synth.CNPlate(r)},
		} {
			text := c.label + "：" + c.value
			start := len(c.label + "：")
			if fs := e.Find([]byte(text)); !covers(fs, c.cat, start, len(text)) {
				t.Errorf("%q: no %s found whole: %v", text, c.cat, fs)
			}
		}
	}
}

// A plate whose serial holds several letters is read after a plate
// label, and only there.
func TestPlatesWithSeveralLetters(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("plates")})
	r := rand.New(rand.NewPCG(11, 13))
	const letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
	provinces := []rune("京沪粤苏浙川鲁豫")
	for range 200 {
		serial := make([]byte, 5)
		nd := 1 + r.IntN(2) // one or two digits, the rest letters
		for k := range serial {
			serial[k] = letters[r.IntN(len(letters))]
		}
		for _, k := range r.Perm(5)[:nd] {
			serial[k] = byte('0' + r.IntN(10))
		}
		plate := string(provinces[r.IntN(len(provinces))]) + string(letters[r.IntN(len(letters))]) + string(serial)
		text := "车牌号：" + plate
		if fs := e.Find([]byte(text)); !covers(fs, detect.CNPlate, len("车牌号："), len(text)) {
			t.Errorf("%q: not found: %v", text, fs)
		}
		bare := "编码 " + plate + " 已入库"
		for _, f := range e.Find([]byte(bare)) {
			if f.Category == detect.CNPlate {
				t.Errorf("%q: found without a label: %+v", bare, f)
			}
		}
	}
}
