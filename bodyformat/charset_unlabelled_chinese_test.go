package bodyformat

// (attack24) the unlabelled fallback's tolerance, refusals behind a BOM,
// and false positives on clean Chinese text.

import (
	"bufio"
	"bytes"
	"os"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// TestUnlabelledCleanChineseIntact: clean Chinese lines, encoded in
// GBK, Big5 or Shift_JIS with no label, with a stray byte, go out byte
// for byte.
func TestUnlabelledCleanChineseIntact(t *testing.T) {
	f, err := os.Open("../../shared/corpora/realtext-dev/clean.txt")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	eng := testEngine(t)
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	var lines []string
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	fps := 0
	for ei, e := range []struct {
		label string
		enc   encoding.Encoding
	}{
		{"gbk", simplifiedchinese.GBK},
		{"big5", traditionalchinese.Big5},
		{"shift_jis", japanese.ShiftJIS},
	} {
		enc := encoding.ReplaceUnsupported(e.enc.NewEncoder())
		for i, line := range lines {
			if raceEnabled && i%3 != ei {
				continue // each line in one of the charsets
			}
			if res, err := Inspect(eng, []byte(line), "text/plain", "", Redact, Limits{}); err != nil || res.Changed {
				continue // read so in UTF-8 too: not the fallback's doing
			}
			b, err := enc.Bytes([]byte(line))
			if err != nil || bytes.Equal(b, []byte(line)) {
				continue
			}
			for _, stray := range []string{"", "\xff", "\x80"} {
				body := append(bytes.Clone(b), stray...)
				for _, ct := range []string{"text/plain", "application/json"} {
					in := body
					if ct == "application/json" {
						in = append(append([]byte(`{"t":"`), bytes.ReplaceAll(bytes.ReplaceAll(body, []byte(`\`), []byte(`\\`)), []byte(`"`), []byte(`\"`))...), `"}`...)
					}
					res, err := Inspect(eng, in, ct, "", Redact, Limits{})
					if err != nil || res.Changed || !bytes.Equal(res.Body, in) {
						fps++
						if fps < 15 {
							t.Errorf("FALSE POSITIVE %s line %d stray %q %s: err %v changed %v\n in  %q\n out %q", e.label, i, stray, ct, err, err == nil && res.Changed, in, func() []byte {
								if err != nil {
									return nil
								}
								return res.Body
							}())
						}
					}
				}
			}
		}
	}
	if fps > 0 {
		t.Errorf("%d false positives", fps)
	}
}
