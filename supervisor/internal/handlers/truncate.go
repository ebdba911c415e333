// truncate.go: truncate, ftruncate and fallocate, emulated under the truncate
// category: truncate acts on a pinned O_PATH fd of the checked object (through
// /proc/self/fd/N, so a symlink swapped in is never followed), ftruncate and
// fallocate on the caller's own open file description, whose access mode the kernel
// checks as for the caller.
package handlers

import (
	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/pathres"
)

func init() {
	register(unix.SYS_TRUNCATE, "truncate", sysTruncate, cats(sandbox.CatTruncate))
	register(unix.SYS_FTRUNCATE, "ftruncate", sysFtruncate, cats(sandbox.CatTruncate))
	register(unix.SYS_FALLOCATE, "fallocate", sysFallocate, cats(sandbox.CatTruncate))
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
	if err := pin(&res); err != nil {
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
	res, err := c.fileFor(sandbox.CatTruncate)
	if err != nil {
		return 0, err
	}
	defer res.Close()
	return 0, unix.Ftruncate(res.Dir, length)
}

// sysFallocate leaves every check of mode, offset and length to the kernel.
func sysFallocate(c *Call) (int64, error) {
	res, err := c.fileFor(sandbox.CatTruncate)
	if err != nil {
		return 0, err
	}
	defer res.Close()
	return 0, unix.Fallocate(res.Dir, uint32(c.Arg(1)), int64(c.Arg(2)), int64(c.Arg(3)))
}

// fileFor duplicates the caller's fd in argument 0 and checks its path under cat.
func (c *Call) fileFor(cat sandbox.Category) (pathres.Result, error) {
	res, err := c.callerFile(c.argFD(0))
	if err != nil {
		return res, err
	}
	if err := c.accessObject(&res, cat); err != nil {
		res.Close()
		return res, err
	}
	return res, nil
}
