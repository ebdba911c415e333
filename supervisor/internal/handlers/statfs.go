// statfs.go: statfs and fstatfs, emulated: the object is resolved and checked under
// stat, and the supervisor writes struct statfs of exactly that object (pinned, so a
// mount point is reported as itself, not as its parent's filesystem).
package handlers

import (
	"unsafe"

	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/pathres"
)

func init() {
	register(unix.SYS_STATFS, "statfs", sysStatfs, cats(sandbox.CatStat))
	register(unix.SYS_FSTATFS, "fstatfs", sysFstatfs, cats(sandbox.CatStat))
}

func sysStatfs(c *Call) (int64, error) {
	res, err := c.resolveAt(-1, 0, pathres.FollowLast, false)
	if err != nil {
		return 0, err
	}
	defer res.Close()
	return c.statfsResult(&res, c.Arg(1))
}

// sysFstatfs accepts O_PATH fds, as fstatfs(2) does: the pinned O_PATH reopening of
// the caller's fd is as good as the fd itself.
func sysFstatfs(c *Call) (int64, error) {
	res, err := c.resolveFD(c.argFD(0))
	if err != nil {
		return 0, err
	}
	defer res.Close()
	return c.statfsResult(&res, c.Arg(1))
}

func (c *Call) statfsResult(res *pathres.Result, buf uint64) (int64, error) {
	if !res.Exists {
		return 0, unix.ENOENT
	}
	if err := c.accessObject(res, sandbox.CatStat); err != nil {
		return 0, err
	}
	if err := pin(res); err != nil {
		return 0, err
	}
	var st unix.Statfs_t
	if err := unix.Fstatfs(res.Dir, &st); err != nil {
		return 0, err
	}
	// st is the kernel's struct statfs for this architecture.
	b := unsafe.Slice((*byte)(unsafe.Pointer(&st)), unsafe.Sizeof(st))
	if err := c.writeMem(buf, b); err != nil {
		return 0, err
	}
	return 0, nil
}
