package fuzzshape

import (
	"bytes"
	"fmt"
	"math/rand/v2"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// MaxPiece bounds the piece a complexity target repeats: at n = 16 KiB a
// piece is then repeated at least four times.
const MaxPiece = 4 << 10

// Tile returns unit repeated whole as many times as it takes to reach n
// bytes (at least once), and unit repeated exactly eight times as often:
// the large input is the small one eight times over, with no piece cut, so
// that a linear reading costs about eight times as much for it. An empty
// unit gives two empty inputs.
func Tile(unit []byte, n int) (small, large []byte) {
	if len(unit) == 0 {
		return nil, nil
	}
	copies := max(1, (n+len(unit)-1)/len(unit))
	return bytes.Repeat(unit, copies), bytes.Repeat(unit, 8*copies)
}

// Record is one dense customer record, a CSV line with a name, a resident
// ID, a mobile, an e-mail, an address and a bank card (synth.CustomersCSV),
// the same for every call.
func Record() []byte {
	r := rand.New(rand.NewPCG(42, 42))
	return fmt.Appendf(nil, "%s,%s,%s,%s,%s,%s\n",
		synth.CNName(r), synth.CNID18(r), synth.CNMobile(r), synth.Email(r), synth.CNAddress(r), synth.UnionPayCard(r))
}

// Units returns the units a complexity target tiles for a piece p: p
// alone, and p followed by a dense Record, so that p is also read among
// findings.
func Units(p []byte) [][]byte {
	if len(p) == 0 {
		return nil
	}
	return [][]byte{p, append(append([]byte{}, p...), Record()...)}
}
