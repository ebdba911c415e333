// unlink.go: unlink, rmdir and unlinkat, emulated: the name itself (never followed)
// is checked under delete, or rmdir for rmdir and unlinkat(AT_REMOVEDIR), and removed
// by the supervisor from the pinned parent. An append-only file (spec 05 §4.8) cannot
// be unlinked: EPERM, as for a file with the append-only attribute.
package handlers

import (
	"golang.org/x/sys/unix"

	"syd/sandbox"
)

func init() {
	// CatWrite: append-only rules, which forbid unlinking, apply whichever categories
	// are on, and a frozen policy keeps the write family supervised for them.
	register(unix.SYS_UNLINK, "unlink", sysUnlink, cats(sandbox.CatDelete, sandbox.CatWrite))
	register(unix.SYS_RMDIR, "rmdir", sysRmdir, cats(sandbox.CatRmdir))
	register(unix.SYS_UNLINKAT, "unlinkat", sysUnlinkat, cats(sandbox.CatDelete, sandbox.CatRmdir, sandbox.CatWrite))
}

func sysUnlink(c *Call) (int64, error) { return c.unlink(-1, 0, 0) }
func sysRmdir(c *Call) (int64, error)  { return c.unlink(-1, 0, unix.AT_REMOVEDIR) }

func sysUnlinkat(c *Call) (int64, error) {
	flags := int(int32(c.Arg(2)))
	if flags&^unix.AT_REMOVEDIR != 0 {
		return 0, unix.EINVAL
	}
	return c.unlink(0, 1, flags)
}

// unlink is do_unlinkat / do_rmdir. A final ".", ".." or "/" is refused before the
// policy, with each call's own errno, as the kernel does before any lookup.
func (c *Call) unlink(dirfdIdx, pathIdx int, flags int) (int64, error) {
	path, err := c.ReadPath(c.Arg(pathIdx))
	if err != nil {
		return 0, err
	}
	a, err := c.resolveName(c.dirfdArg(dirfdIdx), path)
	if err != nil {
		return 0, err
	}
	defer a.res.Close()
	rmdir := flags&unix.AT_REMOVEDIR != 0
	if a.last != lastNorm {
		errno := unix.EISDIR
		switch {
		case !rmdir:
		case a.last == lastDot:
			errno = unix.EINVAL
		case a.last == lastDotDot:
			errno = unix.ENOTEMPTY
		default:
			errno = unix.EBUSY
		}
		return 0, c.hiddenOr(a.res.Path, errno)
	}
	if !a.res.Exists {
		return 0, unix.ENOENT
	}
	cat := sandbox.CatDelete
	if rmdir {
		cat = sandbox.CatRmdir
	}
	if err := c.access(a.res.Path, cat); err != nil {
		return 0, err
	}
	if !rmdir && c.Policy.AppendOnly(c.rulePath(a.res.Path)) {
		return 0, unix.EPERM
	}
	return 0, unix.Unlinkat(a.res.Dir, a.name, flags)
}
