// crypt.go: opens of files that crypt+ rules match, under sandbox/crypt: the
// caller gets a description of the plaintext copy syd keeps (package crypt);
// only ciphertext reaches the disk.
package handlers

import (
	"os"

	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/pathres"
)

// crypted reports whether open o of res is an open of an encrypted file: a
// regular file (or one the open creates) that a crypt+ rule matches, opened for
// data (not O_PATH, O_TMPFILE or O_DIRECTORY).
func (c *Call) crypted(o openReq, res *pathres.Result) bool {
	if c.Env.Crypt == nil || !res.HasPath() ||
		o.flags&(unix.O_PATH|unix.O_DIRECTORY) != 0 || o.flags&unix.O_TMPFILE == unix.O_TMPFILE {
		return false
	}
	if res.Exists && res.Mode&unix.S_IFMT != unix.S_IFREG {
		return false
	}
	if !res.Exists && !willCreate(o.flags) {
		return false
	}
	return c.Policy.Crypted(c.rulePath(res.Path))
}

// openCrypted opens the encrypted file as the caller (its permissions decide:
// read-only for a read-only open, read-write otherwise, since appending
// decrypts what is there) and injects a description of its plaintext. A file
// that is not encrypted with the key is EBADMSG.
func (c *Call) openCrypted(o openReq, res *pathres.Result) (int64, bool, error) {
	if res.Magic {
		// A reopen through /proc/self/fd of an encrypted file (an O_PATH fd of
		// it) would reach the ciphertext itself, and a write would put plaintext
		// on disk: refused.
		return 0, false, c.enforce(decision{act: sandbox.ActionDeny, cat: sandbox.CatWrite, tip: "open(2) of the path itself"}, res.Path, unix.EACCES)
	}
	acc := uint64(unix.O_RDWR)
	if o.flags&unix.O_ACCMODE == unix.O_RDONLY {
		acc = unix.O_RDONLY
	}
	how := unix.OpenHow{
		Flags:   acc | o.flags&(unix.O_CREAT|unix.O_EXCL) | unix.O_CLOEXEC | unix.O_NOCTTY | unix.O_NOFOLLOW,
		Mode:    o.mode,
		Resolve: unix.RESOLVE_NO_MAGICLINKS,
	}
	if willCreate(o.flags) {
		umask, err := c.callerUmask()
		if err != nil {
			return 0, false, err
		}
		how.Mode &^= uint64(umask)
	}
	fd, err := unix.Openat2(res.Dir, res.Name, &how)
	if err != nil {
		return 0, err == unix.ELOOP && o.flags&unix.O_NOFOLLOW == 0, err
	}
	plain, err := c.Env.Crypt.Open(os.NewFile(uintptr(fd), res.Path), int(o.flags))
	if err != nil {
		return 0, false, err
	}
	return 0, false, c.inject(plain, o.flags, false)
}

// cryptRefusal refuses calls that would change an encrypted file's bytes behind
// the plaintext copy's back (truncate by path): EACCES, logged with no tip.
func (c *Call) cryptRefusal(path string) error {
	if c.Env.Crypt == nil || !c.Policy.Crypted(c.rulePath(path)) {
		return nil
	}
	return c.enforce(decision{act: sandbox.ActionDeny, cat: sandbox.CatTruncate, tip: "ftruncate(2) of the open file"}, path, unix.EACCES)
}
