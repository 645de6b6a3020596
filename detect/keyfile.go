package detect

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
)

// MaxKeyFileSize is the largest fingerprint key file ReadKeyFile accepts.
const MaxKeyFileSize = 64 << 10

// ReadKeyFile reads a fingerprint key for Policy.FingerprintKey. A trailing
// line break is dropped so that a key written with echo works the same as
// one written without; an empty or oversized file is an error.
func ReadKeyFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	key, err := io.ReadAll(io.LimitReader(f, MaxKeyFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(key) > MaxKeyFileSize {
		return nil, fmt.Errorf("%s: larger than %d bytes; is it the right file?", name, MaxKeyFileSize)
	}
	key = bytes.TrimRight(key, "\r\n")
	if len(key) == 0 {
		return nil, errors.New(name + ": empty key")
	}
	return key, nil
}
