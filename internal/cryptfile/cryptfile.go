// Package cryptfile is the on-disk format of crypt sandboxing (Syd's Crypt
// Sandboxing): a file is
//
//	"\x7fSYD" | version 3 | HMAC-SHA256 (32 bytes) | IV (16 bytes) | AES-256-CTR ciphertext
//
// The HMAC covers the IV and the ciphertext, so a wrong key or a changed byte is
// found before any plaintext is given out. Both keys are derived from the one
// 256-bit crypt/key with HKDF-SHA256, one per purpose. An empty file is an empty
// plaintext. syd (supervisor/internal/crypt) and syd-aes share this package.
package cryptfile

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
)

// Magic and Version open every encrypted file.
const (
	Magic   = "\x7fSYD" // 4 bytes
	Version = 3
)

// Layout of the header: magic, version, HMAC, IV.
const (
	macOff = 4 + 1
	ivOff  = macOff + sha256.Size
	// HeaderSize is the size of the header: 53 bytes.
	HeaderSize = ivOff + aes.BlockSize
	hdrSize    = int64(HeaderSize)
)

// ErrFormat: the file is not in this format (no magic, another version, cut short).
var ErrFormat = errors.New("not a syd encrypted file")

// ErrAuth: the HMAC does not match: a wrong key, or the file was changed.
var ErrAuth = errors.New("authentication failed (wrong key or changed file)")

// Keys are the two keys derived from crypt/key.
type Keys struct {
	enc, mac []byte
}

// ParseKey derives the keys from crypt/key: 64 hex digits (256 bits).
func ParseKey(hexKey string) (Keys, error) {
	master, err := hex.DecodeString(hexKey)
	if err != nil || len(master) != 32 {
		return Keys{}, fmt.Errorf("crypt/key must be 64 hex digits (a 256-bit key)")
	}
	enc, err := hkdf.Key(sha256.New, master, nil, "syd crypt v3 aes-256-ctr", 32)
	if err != nil {
		return Keys{}, err
	}
	mac, err := hkdf.Key(sha256.New, master, nil, "syd crypt v3 hmac-sha256", 32)
	if err != nil {
		return Keys{}, err
	}
	return Keys{enc: enc, mac: mac}, nil
}

// chunk is how much is read and written at a time.
const chunk = 64 << 10

// Encrypt writes the plaintext read from src to dst from offset 0, with a new
// random IV, and returns the size written (dst is not truncated: the caller
// truncates to it).
func Encrypt(k Keys, dst io.WriterAt, src io.Reader) (int64, error) {
	var hdr [HeaderSize]byte
	copy(hdr[:], Magic)
	hdr[len(Magic)] = Version
	iv := hdr[ivOff:]
	if _, err := rand.Read(iv); err != nil {
		return 0, err
	}
	block, err := aes.NewCipher(k.enc)
	if err != nil {
		return 0, err
	}
	stream := cipher.NewCTR(block, iv)
	mac := hmac.New(sha256.New, k.mac)
	mac.Write(iv)
	off := int64(HeaderSize)
	buf := make([]byte, chunk)
	for {
		n, rerr := io.ReadFull(src, buf)
		if n > 0 {
			stream.XORKeyStream(buf[:n], buf[:n])
			mac.Write(buf[:n])
			if _, err := dst.WriteAt(buf[:n], off); err != nil {
				return 0, err
			}
			off += int64(n)
		}
		if rerr == io.EOF || rerr == io.ErrUnexpectedEOF {
			break
		}
		if rerr != nil {
			return 0, rerr
		}
	}
	copy(hdr[macOff:ivOff], mac.Sum(nil))
	if _, err := dst.WriteAt(hdr[:], 0); err != nil {
		return 0, err
	}
	return off, nil
}

// Decrypt writes the plaintext of the size bytes of src to dst. The whole file
// is authenticated first: on ErrAuth or ErrFormat nothing is written.
func Decrypt(k Keys, dst io.Writer, src io.ReaderAt, size int64) error {
	if size == 0 {
		return nil
	}
	if size < hdrSize {
		return ErrFormat
	}
	var hdr [HeaderSize]byte
	if _, err := src.ReadAt(hdr[:], 0); err != nil {
		return err
	}
	if string(hdr[:len(Magic)]) != Magic || hdr[len(Magic)] != Version {
		return ErrFormat
	}
	iv := hdr[ivOff:]
	body := io.NewSectionReader(src, hdrSize, size-hdrSize)
	mac := hmac.New(sha256.New, k.mac)
	mac.Write(iv)
	if _, err := io.Copy(mac, body); err != nil {
		return err
	}
	if !hmac.Equal(mac.Sum(nil), hdr[macOff:ivOff]) {
		return ErrAuth
	}
	block, err := aes.NewCipher(k.enc)
	if err != nil {
		return err
	}
	r := cipher.StreamReader{S: cipher.NewCTR(block, iv), R: io.NewSectionReader(src, hdrSize, size-hdrSize)}
	_, err = io.Copy(dst, r)
	return err
}
