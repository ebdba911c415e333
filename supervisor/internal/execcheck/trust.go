// trust.go: the facts of Trusted Path Execution and verified execution (Force):
// whether a directory is a trusted place to run programs from, and a file's
// checksum with the algorithm a force rule names.
package execcheck

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha3"
	"encoding/hex"
	"fmt"
	"hash"
	"hash/crc32"
	"hash/crc64"
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// Untrusted says why a program in the directory dir (its stat) is not trusted
// for a caller of uid, or "" when it is: a directory others or the group can
// write is never trusted; rootOwned (tpe/root_owned) also wants it owned by
// root, userOwned (tpe/user_owned) by root or the caller.
func Untrusted(dir *unix.Stat_t, uid int, rootOwned, userOwned bool) string {
	switch {
	case dir.Mode&unix.S_IWOTH != 0:
		return "its directory is world-writable"
	case dir.Mode&unix.S_IWGRP != 0:
		return "its directory is group-writable"
	case rootOwned && dir.Uid != 0:
		return "its directory is not owned by root"
	case userOwned && dir.Uid != 0 && int(dir.Uid) != uid:
		return "its directory is owned by neither root nor the user"
	}
	return ""
}

// Checksum is a force rule's algorithm and expected checksum (Alg empty: none).
type Checksum struct{ Alg, Hex string }

// Matches reports whether the file open at fd has checksum c.
func (c Checksum) Matches(fd int) bool {
	got, err := Hash(fd, c.Alg)
	return err == nil && got == c.Hex
}

// Hash returns the lower-case hex checksum of the file open at fd with alg
// (sandbox.ForceRule.Alg: crc32, crc64, md5, sha1, sha3-256, sha3-384,
// sha3-512). fd stays open; it is read from the start.
func Hash(fd int, alg string) (string, error) {
	var h hash.Hash
	switch alg {
	case "crc32":
		h = crc32.NewIEEE()
	case "crc64":
		h = crc64.New(crc64.MakeTable(crc64.ECMA))
	case "md5":
		h = md5.New()
	case "sha1":
		h = sha1.New()
	case "sha3-256":
		h = sha3.New256()
	case "sha3-384":
		h = sha3.New384()
	case "sha3-512":
		h = sha3.New512()
	default:
		return "", fmt.Errorf("unknown checksum algorithm %q", alg)
	}
	dup, err := unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, 0)
	if err != nil {
		return "", err
	}
	f := os.NewFile(uintptr(dup), "force")
	defer f.Close()
	if _, err := io.Copy(h, io.NewSectionReader(f, 0, 1<<62)); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
