// faccess.go: access, faccessat and faccessat2, emulated: the supervisor resolves and
// checks the path (stat category; a hidden path is missing) and asks the kernel about
// exactly that object with faccessat2 on the pinned parent.
package handlers

import (
	"golang.org/x/sys/unix"

	"syd/magic"
	"syd/sandbox"
	"syd/supervisor/internal/pathres"
)

func init() {
	statCats := cats(sandbox.CatStat)
	register(unix.SYS_ACCESS, "access", sysAccess, statCats)
	register(unix.SYS_FACCESSAT, "faccessat", sysFaccessat, statCats)
	register(unix.SYS_FACCESSAT2, "faccessat2", sysFaccessat2, statCats)
}

func sysAccess(c *Call) (int64, error)    { return c.faccess(-1, 0, c.Arg(1), 0) }
func sysFaccessat(c *Call) (int64, error) { return c.faccess(0, 1, c.Arg(2), 0) }
func sysFaccessat2(c *Call) (int64, error) {
	return c.faccess(0, 1, c.Arg(2), c.Arg(3))
}

// faccess is do_faccessat: mode and flags are validated before the path is read.
func (c *Call) faccess(dirfdIdx, pathIdx int, mode, flags uint64) (int64, error) {
	if uint32(mode)&^uint32(unix.R_OK|unix.W_OK|unix.X_OK) != 0 {
		return 0, unix.EINVAL
	}
	fl32 := uint32(flags)
	if fl32&^uint32(unix.AT_EACCESS|unix.AT_SYMLINK_NOFOLLOW|unix.AT_EMPTY_PATH) != 0 {
		return 0, unix.EINVAL
	}
	fl := pathres.FollowLast
	if fl32&unix.AT_SYMLINK_NOFOLLOW != 0 {
		fl = 0
	}
	dirfd := c.dirfdArg(dirfdIdx)
	// The answer is an errno and nothing on the way has an effect, so the
	// request needs no validation of its own: a reply to a caller that is gone
	// is refused by the kernel. /dev/syd commands and logged or refused
	// decisions validate first (enforce).
	path, err := c.readPathUnchecked(c.Arg(pathIdx))
	if err != nil {
		return 0, err
	}
	if kind, name, err := c.magicPath(dirfd, path); err != nil {
		return 0, err
	} else if kind != magic.None {
		return c.magicAccess(kind, name, uint32(mode))
	}
	res, err := c.resolveRead(dirfd, path, fl, fl32&unix.AT_EMPTY_PATH != 0)
	if err != nil {
		return 0, err
	}
	defer res.Close() // not closeAfterReply: pinMagic may replace res.Dir
	if !res.Exists {
		return 0, unix.ENOENT
	}
	if err := c.accessObject(&res, sandbox.CatStat); err != nil {
		return 0, err
	}
	if err := pinMagic(&res); err != nil {
		return 0, err
	}
	// The thread runs with the caller's credentials (creds.go); without
	// AT_EACCESS the kernel checks with the real ids: take the caller's.
	objfd, name, atFlags := res.At()
	if fl32&unix.AT_EACCESS == 0 && !c.assumeCallerReal() {
		return 0, unix.EACCES
	}
	return 0, unix.Faccessat2(objfd, name, uint32(mode), atFlags|unix.AT_EACCESS)
}
