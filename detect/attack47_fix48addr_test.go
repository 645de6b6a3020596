package detect_test

import (
	"bytes"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestAttack47AddressSpaceAfterMarker (F3): an ASCII space between an
// address marker and the next number (917号 3幢 2501室) is read, but a
// no-break or medium mathematical space there (917号\u00a03幢: what
// &nbsp; decodes to) ends the address: the building and room are
// delivered raw after the mask, and with no label the whole address is
// delivered raw (no finding).
func TestAttack47AddressSpaceAfterMarker(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for _, sp := range []string{" ", "\u00a0", "\u205f", "\u2009", "\u3000"} {
		for _, label := range []string{"地址：", ""} {
			text := label + "河南省郑州市金水区建设路917号" + sp + "3幢" + sp + "2501室"
			out, fs := e.Redact([]byte(text))
			if bytes.Contains(out, []byte("2501")) || bytes.Contains(out, []byte("幢")) || !hasCategory(fs, detect.CNAddress) {
				t.Errorf("%q -> %q: building or room left raw", text, out)
			}
		}
	}
}
