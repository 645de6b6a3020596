package bodyformat

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestFix53EmptyStoredBlocksHead (fix53deflate): raw deflate that opens
// with empty stored blocks (five bytes each, nothing out) filling the
// whole sniffLen head, then a form: Inspect inflates past them and finds
// the mobile; DeflatedHead, which sees only the head, says yes (it ran
// out of input before it could tell) and the strict DeflatedText no.
func TestFix53EmptyStoredBlocksHead(t *testing.T) {
	r := rand.New(rand.NewPCG(53, 6))
	m := synth.CNMobile(r)
	empty := []byte{0x00, 0x00, 0x00, 0xff, 0xff}
	body := bytes.Repeat(empty, sniffLen/len(empty)+2)
	body = append(body, compress(t, "raw-deflate", []byte("a=1&tel="+m+"&b=2"))...)
	res := mustInspect(t, testEngine(t), body, "", "", Scan)
	if countCategory(res.Findings, detect.CNMobile) == 0 {
		t.Fatalf("Inspect does not find the mobile behind empty stored blocks (format %q)", res.Format)
	}
	if !DeflatedHead(body[:sniffLen]) {
		t.Error("DeflatedHead: a head of empty stored blocks taken for no raw deflate")
	}
	if DeflatedText(body[:sniffLen]) {
		t.Error("DeflatedText: a head that inflates to nothing taken for text")
	}
}

// TestFix53StoredHeadReadInflated (fix53deflate): a stored first block
// (a NUL, its length and complement, then a form as it is) sniffs as
// UTF-16 text; Inspect read it as text and never inflated the Huffman
// coded block after it. Now it is read as raw deflate: the mobile in the
// coded block is counted. Clean UTF-16 text is still read as text.
func TestFix53StoredHeadReadInflated(t *testing.T) {
	r := rand.New(rand.NewPCG(53, 7))
	m := synth.CNMobile(r)
	pad := strings.Repeat("item=fresh+and+cold&", 40)
	body := []byte{0x00}
	body = binary.LittleEndian.AppendUint16(body, uint16(len(pad)))
	body = binary.LittleEndian.AppendUint16(body, ^uint16(len(pad)))
	body = append(append(body, pad...), fix53Fixed("qty=2&tel="+m)...)
	res := mustInspect(t, testEngine(t), body, "", "", Scan)
	if res.Format != FormatDeflate || countCategory(res.Findings, detect.CNMobile) == 0 {
		t.Errorf("stored head then coded block: format %q, %d mobiles", res.Format, countCategory(res.Findings, detect.CNMobile))
	}
	wide := []byte{0xfe, 0xff}
	for _, c := range "name=alice&city=paris" {
		wide = append(wide, 0, byte(c))
	}
	if res := mustInspect(t, testEngine(t), wide, "", "", Scan); res.Format == FormatDeflate {
		t.Error("UTF-16 text read as raw deflate")
	}
}

// fix53Fixed returns s as a final raw deflate block with fixed Huffman
// codes, literals only: no byte of s appears as it is.
func fix53Fixed(s string) []byte {
	var out []byte
	var acc uint64
	n := 0
	put := func(v uint64, bits int) { // LSB first
		acc |= v << n
		n += bits
		for n >= 8 {
			out = append(out, byte(acc))
			acc >>= 8
			n -= 8
		}
	}
	putCode := func(code uint64, bits int) { // Huffman codes go MSB first
		var rev uint64
		for i := 0; i < bits; i++ {
			rev = rev<<1 | code>>i&1
		}
		put(rev, bits)
	}
	put(1, 1) // BFINAL
	put(1, 2) // BTYPE 01
	for i := 0; i < len(s); i++ {
		c := uint64(s[i])
		if c < 144 {
			putCode(0x30+c, 8)
		} else {
			putCode(0x190+c-144, 9)
		}
	}
	putCode(0, 7) // end of block (256)
	if n > 0 {
		out = append(out, byte(acc))
	}
	return out
}
