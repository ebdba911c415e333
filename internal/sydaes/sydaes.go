// Package sydaes is the syd-aes command: it encrypts and decrypts files in the
// format of crypt sandboxing (internal/cryptfile) outside the sandbox: what syd
// wrote for crypt+ paths can be read with the same key, and the other way round.
//
//	syd-aes -e|-d -k KEYHEX [-i IN] [-o OUT]
package sydaes

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"golang.org/x/sys/unix"

	"syd/internal/cryptfile"
)

// Main runs syd-aes with os.Args and exits.
func Main() {
	enc := flag.Bool("e", false, "encrypt")
	dec := flag.Bool("d", false, "decrypt")
	key := flag.String("k", "", "the key: 64 hex digits, as crypt/key")
	in := flag.String("i", "-", "input file (- for stdin)")
	out := flag.String("o", "-", "output file (- for stdout)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: syd-aes -e|-d -k KEYHEX [-i IN] [-o OUT]")
		flag.PrintDefaults()
	}
	if err := flag.CommandLine.Parse(os.Args[1:]); err != nil {
		os.Exit(2)
	}
	if *enc == *dec || flag.NArg() != 0 {
		flag.Usage()
		os.Exit(2)
	}
	keys, err := cryptfile.ParseKey(*key)
	if err != nil {
		fail(err)
	}
	src, err := openIn(*in)
	if err != nil {
		fail(err)
	}
	dst := os.Stdout
	if *out != "-" {
		if dst, err = os.OpenFile(*out, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600); err != nil {
			fail(err)
		}
	}
	if *enc {
		err = encrypt(keys, dst, src)
	} else {
		err = decrypt(keys, dst, src)
	}
	if err == nil {
		err = dst.Close()
	}
	if err != nil {
		fail(err)
	}
	os.Exit(0)
}

// openIn opens the input; a pipe is copied into memory first, since decrypting
// reads the file twice (the HMAC before any plaintext).
func openIn(name string) (*os.File, error) {
	f := os.Stdin
	if name != "-" {
		var err error
		if f, err = os.Open(name); err != nil {
			return nil, err
		}
	}
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		return f, nil
	}
	return spool(f)
}

// spool copies r into an unnamed memory file.
func spool(r io.Reader) (*os.File, error) {
	fd, err := unix.MemfdCreate("syd-aes", unix.MFD_CLOEXEC)
	if err != nil {
		return nil, err
	}
	m := os.NewFile(uintptr(fd), "syd-aes")
	if _, err := io.Copy(m, r); err != nil {
		return nil, err
	}
	_, err = m.Seek(0, io.SeekStart)
	return m, err
}

func encrypt(k cryptfile.Keys, dst, src *os.File) error {
	w := dst
	if fi, err := dst.Stat(); err != nil || !fi.Mode().IsRegular() {
		var err error
		if w, err = spool(eofReader{}); err != nil {
			return err
		}
	}
	n, err := cryptfile.Encrypt(k, w, src)
	if err != nil {
		return err
	}
	if w == dst {
		return dst.Truncate(n)
	}
	_, err = io.Copy(dst, io.NewSectionReader(w, 0, n))
	return err
}

func decrypt(k cryptfile.Keys, dst, src *os.File) error {
	fi, err := src.Stat()
	if err != nil {
		return err
	}
	return cryptfile.Decrypt(k, dst, src, fi.Size())
}

type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }

func fail(err error) {
	fmt.Fprintln(os.Stderr, "syd-aes:", err)
	if errors.Is(err, cryptfile.ErrAuth) || errors.Is(err, cryptfile.ErrFormat) {
		os.Exit(int(unix.EBADMSG))
	}
	os.Exit(1)
}
