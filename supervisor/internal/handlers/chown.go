// chown.go: chown, lchown, fchownat and fchown, emulated. A new owner is checked
// under chown, a new group under chgrp, both when both change; a call that changes
// neither (-1, -1) only touches ctime and tells whether the path exists, so it is
// checked under stat.
package handlers

import (
	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/pathres"
)

func init() {
	chownCats := cats(sandbox.CatChown, sandbox.CatChgrp, sandbox.CatStat)
	register(unix.SYS_CHOWN, "chown", sysChown, chownCats)
	register(unix.SYS_LCHOWN, "lchown", sysLchown, chownCats)
	registerFD(unix.SYS_FCHOWN, "fchown", sysFchown, chownCats)
	register(unix.SYS_FCHOWNAT, "fchownat", sysFchownat, chownCats)
}

func sysChown(c *Call) (int64, error) {
	return c.chown(-1, 0, c.Arg(1), c.Arg(2), pathres.FollowLast, false)
}

func sysLchown(c *Call) (int64, error) { return c.chown(-1, 0, c.Arg(1), c.Arg(2), 0, false) }

func sysFchownat(c *Call) (int64, error) {
	flags := uint32(c.Arg(4))
	if flags&^uint32(unix.AT_SYMLINK_NOFOLLOW|unix.AT_EMPTY_PATH) != 0 {
		return 0, unix.EINVAL
	}
	fl := pathres.FollowLast
	if flags&unix.AT_SYMLINK_NOFOLLOW != 0 {
		fl = 0
	}
	return c.chown(0, 1, c.Arg(2), c.Arg(3), fl, flags&unix.AT_EMPTY_PATH != 0)
}

// noID is (uid_t)-1 / (gid_t)-1: leave the owner or group as it is.
const noID = ^uint32(0)

// chownCats lists the categories a change of uid and gid needs.
func chownCats(uid, gid uint32, buf []sandbox.Category) []sandbox.Category {
	if uid != noID {
		buf = append(buf, sandbox.CatChown)
	}
	if gid != noID {
		buf = append(buf, sandbox.CatChgrp)
	}
	if len(buf) == 0 {
		buf = append(buf, sandbox.CatStat)
	}
	return buf
}

// id converts a uid_t or gid_t argument for the x/sys wrappers (-1 stays -1).
func id(v uint32) int { return int(int32(v)) }

func (c *Call) chown(dirfdIdx, pathIdx int, uidArg, gidArg uint64, fl pathres.Flags, emptyPath bool) (int64, error) {
	uid, gid := uint32(uidArg), uint32(gidArg)
	res, err := c.resolveAt(dirfdIdx, pathIdx, fl, emptyPath)
	if err != nil {
		return 0, err
	}
	defer res.Close()
	if !res.Exists {
		return 0, unix.ENOENT
	}
	var catBuf [2]sandbox.Category
	if err := c.accessObject(&res, chownCats(uid, gid, catBuf[:0])...); err != nil {
		return 0, err
	}
	if err := pinMagic(&res); err != nil {
		return 0, err
	}
	dirfd, name, atFlags := res.At()
	return 0, unix.Fchownat(dirfd, name, id(uid), id(gid), atFlags)
}

// sysFchown acts on the caller's open file description: an O_PATH fd is EBADF,
// as for the caller.
func sysFchown(c *Call) (int64, error) {
	uid, gid := uint32(c.Arg(1)), uint32(c.Arg(2))
	var catBuf [2]sandbox.Category
	res, err := c.fileFor(c.argFD(0), chownCats(uid, gid, catBuf[:0])...)
	if err != nil {
		return 0, err
	}
	defer res.Close()
	return 0, unix.Fchown(res.Dir, id(uid), id(gid))
}
