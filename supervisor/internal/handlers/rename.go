// rename.go: rename, renameat, renameat2, link and linkat, emulated. Both names are
// checked under rename (neither final component is followed unless linkat is asked
// to follow the old one) and the supervisor renames or links between the pinned
// parents. link is a rename-class act: the object becomes reachable under a second
// name, which can carry it out of (or into) a tree the policy treats differently.
// RENAME_WHITEOUT leaves a whiteout device at the old name, so it also needs mkdev.
// An append-only file (spec 05 §4.8) can be neither moved away nor replaced: EPERM.
package handlers

import (
	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/pathres"
)

func init() {
	// CatWrite: append-only rules, which forbid moving a file away or replacing it,
	// apply whichever categories are on, and a frozen policy keeps the write family
	// supervised for them.
	register(unix.SYS_RENAME, "rename", sysRename, cats(sandbox.CatRename, sandbox.CatWrite))
	register(unix.SYS_RENAMEAT, "renameat", sysRenameat, cats(sandbox.CatRename, sandbox.CatWrite))
	register(unix.SYS_RENAMEAT2, "renameat2", sysRenameat2, cats(sandbox.CatRename, sandbox.CatMkdev, sandbox.CatWrite))
	register(unix.SYS_LINK, "link", sysLink, cats(sandbox.CatRename))
	register(unix.SYS_LINKAT, "linkat", sysLinkat, cats(sandbox.CatRename))
}

func sysRename(c *Call) (int64, error)    { return c.rename(-1, 0, -1, 1, 0) }
func sysRenameat(c *Call) (int64, error)  { return c.rename(0, 1, 2, 3, 0) }
func sysRenameat2(c *Call) (int64, error) { return c.rename(0, 1, 2, 3, uint32(c.Arg(4))) }

// rename is do_renameat2. The flags are validated first; then both parents are
// resolved; a final ".", ".." or "/" is EBUSY (EEXIST for a new name with
// RENAME_NOREPLACE) and a missing source ENOENT before the policy, as the kernel
// finds them before touching anything. Every later error is the kernel's own.
func (c *Call) rename(oldDirIdx, oldIdx, newDirIdx, newIdx int, flags uint32) (int64, error) {
	const known = unix.RENAME_NOREPLACE | unix.RENAME_EXCHANGE | unix.RENAME_WHITEOUT
	if flags&^known != 0 || (flags&unix.RENAME_EXCHANGE != 0 && flags&(unix.RENAME_NOREPLACE|unix.RENAME_WHITEOUT) != 0) {
		return 0, unix.EINVAL
	}
	oldPath, err := c.ReadPath(c.Arg(oldIdx))
	if err != nil {
		return 0, err
	}
	newPath, err := c.ReadPath(c.Arg(newIdx))
	if err != nil {
		return 0, err
	}
	from, err := c.resolveName(c.dirfdArg(oldDirIdx), oldPath)
	if err != nil {
		return 0, err
	}
	defer from.res.Close()
	to, err := c.resolveName(c.dirfdArg(newDirIdx), newPath)
	if err != nil {
		return 0, err
	}
	defer to.res.Close()
	if from.last != lastNorm {
		return 0, c.hiddenOr(from.res.Path, unix.EBUSY)
	}
	if to.last != lastNorm {
		errno := unix.EBUSY
		if flags&unix.RENAME_NOREPLACE != 0 {
			errno = unix.EEXIST
		}
		return 0, c.hiddenOr(to.res.Path, errno)
	}
	if err := c.safeNew(to.res.Name); err != nil {
		return 0, err
	}
	if !from.res.Exists {
		return 0, unix.ENOENT
	}
	var capBuf [2]sandbox.Category
	oldCats := append(capBuf[:0], sandbox.CatRename)
	if flags&unix.RENAME_WHITEOUT != 0 {
		oldCats = append(oldCats, sandbox.CatMkdev)
	}
	if err := c.access(from.res.Path, oldCats...); err != nil {
		return 0, err
	}
	if err := c.access(to.res.Path, sandbox.CatRename); err != nil {
		return 0, err
	}
	if c.Policy.AppendOnly(c.rulePath(from.res.Path)) || (to.res.Exists && c.Policy.AppendOnly(c.rulePath(to.res.Path))) {
		return 0, unix.EPERM
	}
	return 0, unix.Renameat2(from.res.Dir, from.name, to.res.Dir, to.name, uint(flags))
}

func sysLink(c *Call) (int64, error) { return c.link(-1, 0, -1, 1, 0) }

func sysLinkat(c *Call) (int64, error) {
	flags := int(int32(c.Arg(4)))
	if flags&^(unix.AT_SYMLINK_FOLLOW|unix.AT_EMPTY_PATH) != 0 {
		return 0, unix.EINVAL
	}
	return c.link(0, 1, 2, 3, flags)
}

// link is do_linkat: the old path is looked up like any path (it must exist, its
// final symlink followed only with AT_SYMLINK_FOLLOW, an empty path with
// AT_EMPTY_PATH naming the dirfd's object), the new one like a created name.
func (c *Call) link(oldDirIdx, oldIdx, newDirIdx, newIdx int, flags int) (int64, error) {
	oldPath, err := c.ReadPath(c.Arg(oldIdx))
	if err != nil {
		return 0, err
	}
	newPath, err := c.ReadPath(c.Arg(newIdx))
	if err != nil {
		return 0, err
	}
	fl := pathres.Flags(0)
	if flags&unix.AT_SYMLINK_FOLLOW != 0 {
		fl = pathres.FollowLast
	}
	from, err := c.resolveRead(c.dirfdArg(oldDirIdx), oldPath, fl, flags&unix.AT_EMPTY_PATH != 0)
	if err != nil {
		return 0, err
	}
	defer from.Close()
	if !from.Exists {
		return 0, unix.ENOENT
	}
	to, err := c.resolveCreate(c.dirfdArg(newDirIdx), newPath)
	if err != nil {
		return 0, err
	}
	defer to.res.Close()
	if err := c.accessObject(&from, sandbox.CatRename); err != nil {
		return 0, err
	}
	if err := c.access(to.res.Path, sandbox.CatRename); err != nil {
		return 0, err
	}
	if err := pinMagic(&from); err != nil {
		return 0, err
	}
	if from.Name == "" {
		// The object itself: an fd result or a pinned magic link (an O_TMPFILE file
		// linked through /proc/self/fd/N, for one). Our O_PATH fd has our own
		// credentials, so AT_EMPTY_PATH needs no CAP_DAC_READ_SEARCH.
		return 0, unix.Linkat(from.Dir, "", to.res.Dir, to.name, unix.AT_EMPTY_PATH)
	}
	// linkat never follows the old name unless asked: a symlink swapped in after
	// the check is linked as a symlink.
	return 0, unix.Linkat(from.Dir, from.Name, to.res.Dir, to.name, 0)
}
