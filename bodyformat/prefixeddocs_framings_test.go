package bodyformat

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"testing"
)

// TestPrefixedDocsOtherFramings: a JSON document after a length-prefixed
// binary message, or framed as an untyped gRPC message with its trailer
// frame after it, is read as a message (messageFrames, skipMessage): a
// mobile split over three of its fields is refused by Inspect and the
// BinaryScreen in Redact mode at 4 to 64 KiB; the same bodies with a clean
// document pass byte for byte.
func TestPrefixedDocsOtherFramings(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(48, 1))
	blob := append(binary.BigEndian.AppendUint32(nil, 8), 1, 2, 3, 0, 5, 6, 7, 8)
	grpcOf := func(doc []byte) []byte {
		b := append([]byte{0}, binary.BigEndian.AppendUint32(nil, uint32(len(doc)))...)
		return append(append(b, doc...), append([]byte{0x80, 0, 0, 0, 15}, "grpc-status:0\r\n"...)...)
	}
	for _, n := range []int{4 << 10, 20 << 10, 64 << 10} {
		for _, pii := range []bool{true, false} {
			framed := prefixedDoc(r, n, false, false, false)
			if pii {
				framed = attack46aSplitMobileDoc(r, n) // (only a split mobile: no run of text shows it)
			}
			doc := framed[lengthPrefixWidth:]
			for name, body := range map[string][]byte{
				"binary message, then the document": append(bytes.Clone(blob), framed...),
				"two binary messages around it":     append(append(bytes.Clone(blob), framed...), blob...),
				"untyped gRPC frame and trailer":    grpcOf(doc),
			} {
				res, ierr := Inspect(eng, body, "", "", Redact, Limits{})
				out, _, serr := screenAll(t, eng, body, Redact, 4096)
				switch {
				case pii && (!errors.Is(ierr, ErrMalformed) || !errors.Is(serr, ErrMalformed)):
					t.Errorf("%s, %d B: Inspect %v, the screen passed %d bytes (%v)", name, n, ierr, len(out), serr)
				case !pii && (ierr != nil || res.Changed || serr != nil || !bytes.Equal(out, body)):
					t.Errorf("%s, %d B clean: Inspect %v changed %v, the screen %v, %d of %d bytes", name, n, ierr, res.Changed, serr, len(out), len(body))
				}
			}
		}
	}
}
