package detect

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
)

// MaxKeyFileSize is the largest fingerprint key file ReadKeyFile accepts.
const MaxKeyFileSize = 64 << 10

// MinKeySize is the shortest fingerprint key ReadKeyFile accepts, in
// bytes: 32 hexadecimal digits, 128 bits. A shorter key (a word, a date)
// could be guessed, and with it every fingerprint tested against a list of
// candidate values.
const MinKeySize = 32

// keygenHint ends the errors about a key file's content.
const keygenHint = "generate one with: caddy pii-keygen <new file>"

// newKeyBytes is how many random bytes WriteNewKeyFile draws: 256 bits,
// written as 64 hexadecimal digits.
const newKeyBytes = 32

// ReadKeyFile reads a fingerprint key for Policy.FingerprintKey: the
// file's bytes, used as they are. A trailing line break is dropped so that
// a key written with echo works the same as one written without; an
// empty, short (under MinKeySize bytes) or oversized file is an error.
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
		return nil, errors.New(name + ": empty key; " + keygenHint)
	}
	if len(key) < MinKeySize {
		return nil, fmt.Errorf("%s: the key is %d bytes, at least %d are needed; %s", name, len(key), MinKeySize, keygenHint)
	}
	return key, nil
}

// WriteNewKeyFile creates the file name holding a new random fingerprint
// key (64 hexadecimal digits and a line break), readable and writable by
// its owner only. It never replaces an existing file: a key changed by
// mistake would silently stop fingerprints from correlating with the old
// ones.
func WriteNewKeyFile(name string) error {
	raw := make([]byte, newKeyBytes)
	if _, err := rand.Read(raw); err != nil {
		return err
	}
	text := make([]byte, hex.EncodedLen(len(raw))+1)
	hex.Encode(text, raw)
	text[len(text)-1] = '\n'
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(name)
		return err
	}
	return nil
}
