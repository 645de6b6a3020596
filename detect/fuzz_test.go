package detect_test

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"unicode/utf8"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// fuzzSeeds are generated texts with personal data in many spellings.
func fuzzSeeds() []string {
	r := rand.New(rand.NewPCG(7, 7))
	seeds := []string{
		"",
		"手机：" + synth.CNMobile(r),
		"身份证 " + synth.SeparatorEvery(synth.CNID18(r), " "),
		synth.ChineseNumerals(synth.CNMobile(r)),
		synth.HTMLDecimal(synth.CNID18X(r)),
		synth.ZeroWidth(synth.UnionPayCard(r), '\u200b'),
		"Email: " + synth.EmailAt(synth.Email(r), synth.AtForms[0]),
		"姓名：" + synth.CNName(r) + " 地址：" + synth.CNAddress(r),
		"IBAN " + synth.IBANGrouped(r) + " SSN " + synth.USSSN(r),
		"+" + "44 20 7946 0958 and " + synth.E164Phone(r),
		"\xff\xfe1380013\xe4\xb8" + synth.CNMobile(r),
	}
	for range 4 {
		seeds = append(seeds, string(synth.MixedCorpus(r, 600)))
	}
	// every category's values behind its own labels, and the spellings of
	// the international ones
	for _, c := range detect.Categories() {
		for _, k := range synth.ByCategory[string(c.Category)].Valid {
			for _, label := range c.Labels {
				seeds = append(seeds, labelled(label, k.Gen(r)))
			}
		}
	}
	seeds = append(seeds, "email: "+synth.EmailIntl(r)+" 。谢谢", "IBAN "+synth.IBANWritten(r), "坐标 "+synth.Coordinates(r)+"°N")
	// every crafted shape of the benchmarks: long separated digit runs in
	// every spelling, label, '@' and plate chains, zero-width runs
	for _, sh := range synth.Shapes {
		seeds = append(seeds, string(sh.Gen(r, 400)))
	}
	// the gaps of an address read since attack pass 46: spaces of any
	// kind, stars around its numbers, rooms in English
	seeds = append(seeds,
		"地址：河南省郑州市金水区建设路917&nbsp;号3\u2009幢2501\t室，电话 "+synth.CNMobile(r),
		"河南省郑州市金水区建设路**917**号**3**幢*2501*室 王**3号楼",
		"河南省郑州市金水区建设路917号3幢, Room 2501; 3幢 Rm . 2501 Apt #7 No.8")
	return seeds
}

// fuzzEngines are the engines the fuzz targets try: every mask style that
// writes something else in place of a value.
func fuzzEngines() []*detect.Engine {
	return []*detect.Engine{
		detect.MustCompile(detect.Policy{FingerprintKey: []byte("fuzz")}),
		detect.MustCompile(detect.Policy{FingerprintKey: []byte("fuzz"), Mask: detect.MaskHash}),
		detect.MustCompile(detect.Policy{FingerprintKey: []byte("fuzz"), Mask: detect.MaskFull}),
	}
}

// FuzzRedact checks the engine's promises on any input: no panic; findings
// ordered, inside the text and not overlapping; valid UTF-8 in, valid UTF-8
// out; only the bytes inside findings change; RedactSampled writes what
// Redact does.
func FuzzRedact(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add([]byte(s))
	}
	engines := fuzzEngines()
	f.Fuzz(func(t *testing.T, text []byte) {
		for _, e := range engines {
			orig := bytes.Clone(text)
			out, fs := e.Redact(text)
			if !bytes.Equal(text, orig) {
				t.Fatal("Redact modified its input")
			}
			prev := 0
			for _, fd := range fs {
				if fd.Start < prev || fd.End <= fd.Start || fd.End > len(text) {
					t.Fatalf("bad span %d..%d after %d in %d bytes", fd.Start, fd.End, prev, len(text))
				}
				prev = fd.End
			}
			if utf8.Valid(text) && !utf8.Valid(out) {
				t.Fatalf("valid UTF-8 in, invalid out: %q", out)
			}
			// outside the spans the output is the input, byte for byte
			rebuilt := detect.Apply(text, fs)
			if !bytes.Equal(rebuilt, out) {
				t.Fatal("output differs from the input outside the findings")
			}
			// the redaction that makes no Finding gives the same bytes
			if red, sum, _ := e.RedactSampled(text, 0, 3); !bytes.Equal(red, out) || sum.Categories != detect.Summarize(fs).Categories {
				t.Fatalf("RedactSampled gives %q (categories %v), Redact %q (%v)", red, sum.Categories, out, detect.Summarize(fs).Categories)
			}
		}
	})
}

// FuzzRedactTwice checks that redacting twice changes nothing more: no mask
// lends its characters to a neighbour, and nothing the first reading
// passed over is found in what it wrote. Its seeds are every shape that
// once failed; CI runs them, and does not fuzz it yet (see .ci/run).
func FuzzRedactTwice(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add([]byte(s))
	}
	engines := fuzzEngines()
	f.Fuzz(func(t *testing.T, text []byte) {
		for _, e := range engines {
			out, _ := e.Redact(text)
			again, _ := e.Redact(out)
			if !bytes.Equal(again, out) {
				t.Fatalf("not idempotent:\n in: %q\nout: %q\nagain: %q", text, out, again)
			}
		}
	})
}

// FuzzStream checks that the stream redactor, fed in small writes, gives
// the same output as redacting the whole text at once.
func FuzzStream(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add([]byte(s), uint8(7))
	}
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("fuzz")})
	f.Fuzz(func(t *testing.T, text []byte, step uint8) {
		n := int(step)%64 + 1
		var out bytes.Buffer
		sr := e.NewStreamRedactor(&out, nil)
		for i := 0; i < len(text); i += n {
			if _, err := sr.Write(text[i:min(len(text), i+n)]); err != nil {
				t.Fatal(err)
			}
		}
		if err := sr.Close(); err != nil {
			t.Fatal(err)
		}
		want, _ := e.Redact(text)
		if !bytes.Equal(out.Bytes(), want) {
			t.Fatalf("stream output differs:\nstream: %q\n whole: %q", out.Bytes(), want)
		}
	})
}
