package detect_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestAttack54cCountRowNotMobile (attack54c F1): mobileGroupsAt reads up
// to eleven short groups behind a phone label, and a table row of small
// counts whose first cell is the product 手机 or the column 电话 (a sales
// report by month, a call log by day) reads as a mobile in 4-11 groups
// when its digits happen to start 13/15/18: 手机\t13\t9\t12\t34\t56\t78 ->
// 手机\t13\t9\t**\t**\t56\t78, a report's figures starred (main keeps
// them). Counts in their own cells under a header of months are no
// mobile: the table must be kept byte for byte with no finding. A lone
// line behind a phone label whose eleven digits are set apart by tabs
// (电话\t15\t5\t2007\t12\t19, no header above) is read as the mobile
// it may be: fail closed (TestFix54LabelledMobileShortGroups).
func TestAttack54cCountRowNotMobile(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Mask: detect.MaskPartial})
	r := rand.New(rand.NewPCG(54, 4))
	for range 20 {
		n := func() int { return 10 + r.IntN(90) }
		lead := []string{"13", "15", "18"}[r.IntN(3)]
		for _, text := range []string{
			fmt.Sprintf("品类\t1月\t2月\t3月\t4月\t5月\t6月\n手机\t%s\t%d\t%d\t%d\t%d\t%d\n电脑\t%d\t%d\t%d\t%d\t%d\t%d\n",
				lead, r.IntN(10), n(), n(), n(), n(), n(), n(), n(), n(), n(), n()),
			fmt.Sprintf("类型\t周一\t周二\t周三\t周四\t周五\t周六\n电话\t%s\t%d\t%d\t%d\t%d\t%d\n",
				lead, r.IntN(10), n(), n(), n(), n()),
		} {
			out, fs := e.Redact([]byte(text))
			if string(out) != text || len(fs) != 0 {
				t.Errorf("%q -> %q (%d findings): a row of counts read as a mobile", text, out, len(fs))
			}
		}
	}
}

// TestAttack54cKeyValueRecordMobileGroups: a record written as key-value
// lines set apart by tabs (姓名\t<name> above 手机\t1629\t9818\t5\t92) is no
// table of counts: its line above holds fewer tabs than the groups have
// between them, and the mobile is read.
func TestAttack54cKeyValueRecordMobileGroups(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k"), Mask: detect.MaskPartial})
	r := rand.New(rand.NewPCG(54, 5))
	for range 20 {
		m := synth.CNMobile(r)
		text := "姓名\t" + synth.CNName(r) + "\n手机\t" + m[:4] + "\t" + m[4:8] + "\t" + m[8:9] + "\t" + m[9:] + "\n"
		out, fs := e.Redact([]byte(text))
		if countCategory(fs, detect.CNMobile) != 1 || bytes.Contains(out, []byte(m[4:8])) {
			t.Errorf("%q -> %q: the record's mobile in tab groups goes out raw", text, out)
		}
	}
}
