// inotify.go: inotify_add_watch and fanotify_mark, emulated under stat (a watch tells
// whether a path exists and reports what happens to it): the supervisor takes the
// caller's notification fd with pidfd_getfd, resolves and checks the path, and adds
// the watch or mark itself on a pinned fd of the object, so it lands on exactly the
// object that was checked; the watch descriptor is the caller's, as the group is.
package handlers

import (
	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/pathres"
)

func init() {
	register(unix.SYS_INOTIFY_ADD_WATCH, "inotify_add_watch", sysInotifyAddWatch, cats(sandbox.CatStat))
	register(unix.SYS_FANOTIFY_MARK, "fanotify_mark", sysFanotifyMark, cats(sandbox.CatStat))
}

func sysInotifyAddWatch(c *Call) (int64, error) {
	mask := uint32(c.Arg(2))
	group, err := c.callerFile(c.argFD(0))
	if err != nil {
		return 0, err
	}
	defer group.Close()
	// The kernel validates the mask and the fd before it reads the path; an empty
	// path makes it stop right after those checks (ENOENT), so their errno is exact.
	if _, err := unix.InotifyAddWatch(group.Dir, "", mask); err != unix.ENOENT {
		return 0, err
	}
	fl := pathres.FollowLast
	if mask&unix.IN_DONT_FOLLOW != 0 {
		fl = 0
	}
	res, err := c.resolveAt(-1, 1, fl, false)
	if err != nil {
		return 0, err
	}
	defer res.Close()
	if err := c.notifyTarget(&res, mask&unix.IN_ONLYDIR != 0); err != nil {
		return 0, err
	}
	// Through /proc/self/fd/N the kernel reaches the pinned object; with
	// IN_DONT_FOLLOW it would watch the magic link instead (a pinned symlink is
	// reached as itself without it).
	wd, err := unix.InotifyAddWatch(group.Dir, res.ProcPath(), mask&^unix.IN_DONT_FOLLOW)
	return int64(wd), err
}

// sysFanotifyMark handles fanotify_mark(fd, flags, mask, dirfd, pathname).
func sysFanotifyMark(c *Call) (int64, error) {
	flags := uint(uint32(c.Arg(1)))
	mask := c.Arg(2)
	if flags&unix.FAN_MARK_FLUSH != 0 {
		// A flush (or an invalid combination with it) never looks at the path:
		// there is nothing to decide and nothing is read from the caller.
		return 0, errContinue
	}
	group, err := c.callerFile(c.argFD(0))
	if err != nil {
		return 0, err
	}
	defer group.Close()
	// The kernel validates flags, mask, the group fd and the caller's capability
	// before the object; a NULL path with dirfd -1 stops right after them (EBADF).
	if err := unix.FanotifyMark(group.Dir, flags, mask, -1, ""); err != unix.EBADF {
		return 0, err
	}
	dirfd := c.argFD(3)
	if c.Arg(4) == 0 {
		// A NULL path names the dirfd's object, through the caller's own open file
		// description: the kernel refuses O_PATH fds there (EBADF), as for the caller.
		obj, err := c.fileFor(dirfd, sandbox.CatStat)
		if err != nil {
			return 0, err
		}
		defer obj.Close()
		return 0, unix.FanotifyMark(group.Dir, flags, mask, obj.Dir, "")
	}
	fl := pathres.FollowLast
	if flags&unix.FAN_MARK_DONT_FOLLOW != 0 {
		fl = 0
	}
	res, err := c.resolveAt(3, 4, fl, false)
	if err != nil {
		return 0, err
	}
	defer res.Close()
	if err := c.notifyTarget(&res, flags&unix.FAN_MARK_ONLYDIR != 0); err != nil {
		return 0, err
	}
	return 0, unix.FanotifyMark(group.Dir, flags&^unix.FAN_MARK_DONT_FOLLOW, mask, unix.AT_FDCWD, res.ProcPath())
}

// notifyTarget checks the object of a watch or mark under stat (ENOTDIR first when
// only a directory was asked for) and pins it.
func (c *Call) notifyTarget(res *pathres.Result, onlyDir bool) error {
	if !res.Exists {
		return unix.ENOENT
	}
	if onlyDir && res.Mode&unix.S_IFMT != unix.S_IFDIR {
		return c.hiddenOr(res.Path, unix.ENOTDIR)
	}
	if err := c.accessObject(res, sandbox.CatStat); err != nil {
		return err
	}
	return pin(res)
}
