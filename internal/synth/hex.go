package synth

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
)

// randBytes returns n random bytes from r.
func randBytes(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.IntN(256))
	}
	return b
}

// TraceID returns a 32-character lower-case hex trace ID.
func TraceID(r *rand.Rand) string { return hex.EncodeToString(randBytes(r, 16)) }

// UUID returns a version 4 UUID in the canonical 8-4-4-4-12 form.
func UUID(r *rand.Rand) string {
	b := randBytes(r, 16)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// HexHash returns the lower-case hex SHA-1 (40 characters) or SHA-256 (64
// characters) of random bytes.
func HexHash(r *rand.Rand) string {
	b := randBytes(r, 32)
	if r.IntN(2) == 0 {
		h := sha1.Sum(b)
		return hex.EncodeToString(h[:])
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
