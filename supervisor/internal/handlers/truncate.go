// truncate.go: truncate, ftruncate and fallocate, emulated under the truncate
// category: truncate acts on a pinned O_PATH fd of the checked object (through
// /proc/self/fd/N, so a symlink swapped in is never followed), ftruncate and
// fallocate on the caller's own open file description, whose access mode the kernel
// checks as for the caller. An append-only file (spec 05 §4.8) refuses all three with
// EPERM, as the kernel does for a file with the append-only attribute. A file
// grown past the caller's RLIMIT_FSIZE is EFBIG with SIGXFSZ to the caller, as
// natively: syd's own limit is not the caller's (callerFsize).
package handlers

import (
	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/pathres"
	"syd/supervisor/internal/tracee"
)

func init() {
	// CatWrite: append-only rules apply whichever categories are on, and a frozen
	// policy keeps the write family supervised for them (table.go, neededByLists).
	truncCats := cats(sandbox.CatTruncate, sandbox.CatWrite)
	register(unix.SYS_TRUNCATE, "truncate", sysTruncate, truncCats)
	registerFD(unix.SYS_FTRUNCATE, "ftruncate", sysFtruncate, truncCats)
	registerFD(unix.SYS_FALLOCATE, "fallocate", sysFallocate, truncCats)
}

// sysTruncate is do_sys_truncate: a negative length is EINVAL before the lookup.
func sysTruncate(c *Call) (int64, error) {
	length := int64(c.Arg(1))
	if length < 0 {
		return 0, unix.EINVAL
	}
	res, err := c.resolveAt(-1, 0, pathres.FollowLast, false)
	if err != nil {
		return 0, err
	}
	defer res.Close()
	if !res.Exists {
		return 0, unix.ENOENT
	}
	if err := c.accessObject(&res, sandbox.CatTruncate); err != nil {
		return 0, err
	}
	if res.HasPath() && c.Policy.AppendOnly(c.rulePath(res.Path)) {
		return 0, unix.EPERM
	}
	if res.HasPath() {
		if err := c.cryptRefusal(res.Path); err != nil {
			return 0, err
		}
	}
	if err := pin(&res); err != nil {
		return 0, err
	}
	if err := c.callerFsize(res.Dir, length, true); err != nil {
		return 0, err
	}
	return 0, unix.Truncate(res.ProcPath(), length)
}

// sysFtruncate: a negative length is EINVAL before the fd is looked at.
func sysFtruncate(c *Call) (int64, error) {
	length := int64(c.Arg(1))
	if length < 0 {
		return 0, unix.EINVAL
	}
	res, err := c.truncateFile()
	if err != nil {
		return 0, err
	}
	defer res.Close()
	if err := c.callerFsize(res.Dir, length, false); err != nil {
		return 0, err
	}
	return 0, unix.Ftruncate(res.Dir, length)
}

// sysFallocate leaves every check of mode, offset and length to the kernel.
func sysFallocate(c *Call) (int64, error) {
	res, err := c.truncateFile()
	if err != nil {
		return 0, err
	}
	defer res.Close()
	mode, off, n := uint32(c.Arg(1)), int64(c.Arg(2)), int64(c.Arg(3))
	if mode&unix.FALLOC_FL_KEEP_SIZE == 0 && off >= 0 && n > 0 && off+n > 0 {
		if err := c.callerFsize(res.Dir, off+n, false); err != nil {
			return 0, err
		}
	}
	return 0, unix.Fallocate(res.Dir, mode, off, n)
}

// callerFsize applies the caller's RLIMIT_FSIZE to growing the regular file fd to
// size, as inode_newsize_ok does for the process that truncates: beyond the soft
// limit the call fails with EFBIG and the calling thread gets SIGXFSZ. A limit
// syd cannot read leaves the call to the kernel, and so do the errors the
// kernel reports first: no write permission on the path
// (path), a file description not open for writing (not path).
func (c *Call) callerFsize(fd int, size int64, path bool) error {
	lim, err := tracee.FsizeLimit(c.Pid())
	if err != nil || lim == unix.RLIM_INFINITY || uint64(size) <= lim {
		return nil
	}
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || size <= st.Size {
		return nil
	}
	if path {
		// The receiver holds the caller's credentials for the call.
		if unix.Faccessat2(fd, "", unix.W_OK, unix.AT_EMPTY_PATH|unix.AT_EACCESS) != nil {
			return nil
		}
	} else if fl, err := unix.FcntlInt(uintptr(fd), unix.F_GETFL, 0); err != nil || fl&unix.O_ACCMODE == unix.O_RDONLY {
		return nil
	}
	if ts, err := c.status(); err == nil && ts.Tgid > 0 && c.Valid() {
		_ = unix.Tgkill(ts.Tgid, c.Pid(), unix.SIGXFSZ)
	}
	return unix.EFBIG
}

// truncateFile is the caller's fd in argument 0, checked under truncate; an
// append-only file is EPERM.
func (c *Call) truncateFile() (pathres.Result, error) {
	res, err := c.fileFor(c.argFD(0), sandbox.CatTruncate)
	if err == nil && res.HasPath() && c.Policy.AppendOnly(c.rulePath(res.Path)) {
		res.Close()
		return res, unix.EPERM
	}
	return res, err
}
