// objects.go: how the emulated path calls reach the object they name without a
// window for swaps: the final name itself in a pinned parent (create, remove, rename,
// link), an O_PATH fd of the object (calls that take no dirfd), or the caller's own
// open file description (the f* calls, so the kernel judges the fd as it would).
package handlers

import (
	"strings"

	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/pathres"
)

// lastType is the kind of a path's final component, as the kernel's
// filename_parentat reports it: only a normal name can be created or removed.
type lastType uint8

const (
	lastNorm   lastType = iota
	lastDot             // "x/."
	lastDotDot          // "x/.."
	lastRoot            // "/" (or only slashes)
)

// nameArg is a path argument resolved up to its final name, which is not followed.
type nameArg struct {
	res  pathres.Result
	name string   // final name to pass to the kernel: res.Name, plus "/" when the path had one
	last lastType // "." / ".." / "/" are answered by each call's own errno
}

// resolveName resolves path for a call that acts on its final name itself. The
// final component is never followed, even with a trailing slash: the slash is given
// back on the name, so the kernel applies its own rules to it (ENOENT for
// mknod("new/"), ENOTDIR for unlink("file/"), EEXIST for mkdir("link/"), ...).
func (c *Call) resolveName(dirfd int32, path string) (nameArg, error) {
	trimmed := strings.TrimRight(path, "/")
	if trimmed == "" && path != "" {
		trimmed = "/"
	}
	a := nameArg{last: lastTypeOf(trimmed)}
	res, err := c.resolveRead(dirfd, trimmed, pathres.AllowMissing, false)
	if err != nil {
		return nameArg{res: res}, err
	}
	a.res, a.name = res, res.Name
	if len(trimmed) < len(path) && a.name != "." {
		a.name += "/"
	}
	return a, nil
}

func lastTypeOf(trimmed string) lastType {
	if trimmed == "/" {
		return lastRoot
	}
	switch trimmed[strings.LastIndexByte(trimmed, '/')+1:] {
	case ".":
		return lastDot
	case "..":
		return lastDotDot
	}
	return lastNorm
}

// resolveCreate resolves the path argument of a creating call (mkdir, mknod,
// symlink, the new name of link). An existing final name, "." or ".." is EEXIST,
// decided before the policy as the kernel's filename_create does (nothing can be
// created, so there is nothing to decide), except that a path stat sandboxing
// hides stays missing: ENOENT.
func (c *Call) resolveCreate(dirfd int32, path string) (nameArg, error) {
	a, err := c.resolveName(dirfd, path)
	if err != nil {
		return a, err
	}
	if a.res.Exists {
		a.res.Close()
		return a, c.hiddenOr(a.res.Path, unix.EEXIST)
	}
	if err := c.safeNew(a.res.Name); err != nil {
		a.res.Close()
		return a, err
	}
	return a, nil
}

// safeNew refuses to create a name that breaks the Safename rules (spec 06 §4)
// with EINVAL, unless trace/allow_unsafe_filename.
func (c *Call) safeNew(name string) error {
	if c.Policy.Has(sandbox.FlagAllowUnsafeFilename) || sandbox.SafeFilename(name) {
		return nil
	}
	return unix.EINVAL
}

// hiddenOr returns errno, or ENOENT when stat sandboxing hides path: an error that
// proves the path exists must not leak it.
func (c *Call) hiddenOr(path string, errno unix.Errno) error {
	if strings.HasPrefix(path, "/") && c.hidden(path) {
		return unix.ENOENT
	}
	return errno
}

// dirfdArg returns argument i as a dirfd, or AT_FDCWD when i < 0 (calls without one).
func (c *Call) dirfdArg(i int) int32 {
	if i < 0 {
		return unix.AT_FDCWD
	}
	return c.argFD(i)
}

// pin makes res name the final object itself: Dir becomes an O_PATH fd of it and
// Name "", so calls that take no dirfd reach exactly the checked object through
// res.ProcPath(), and *at calls through AT_EMPTY_PATH. A symlink swapped in after the
// check is pinned as the link, never followed. A caller's magic link is followed,
// and must still name the object that was checked (its fd table may have changed).
func pin(res *pathres.Result) error {
	switch res.Name {
	case "":
		return nil
	case ".":
		res.Name = ""
		return nil
	}
	flags := unix.O_PATH | unix.O_CLOEXEC
	if !res.Magic {
		flags |= unix.O_NOFOLLOW
	}
	fd, err := unix.Openat(res.Dir, res.Name, flags, 0)
	if err != nil {
		return err
	}
	if res.Magic && !sameObject(fd, res.Path) {
		unix.Close(fd)
		return unix.EACCES
	}
	unix.Close(res.Dir)
	res.Dir, res.Name, res.Magic = fd, "", false
	return nil
}

// pinMagic pins res only when it is a caller's magic link: other results are safe to
// use through res.At(), whose AT_SYMLINK_NOFOLLOW never follows a swapped-in link.
func pinMagic(res *pathres.Result) error {
	if res.Magic {
		return pin(res)
	}
	return nil
}

// callerFile duplicates the caller's fd into the supervisor with pidfd_getfd. The
// duplicate shares the caller's open file description, so the operation behaves as
// the caller's own call would (EBADF for O_PATH fds where the kernel refuses them,
// EBADF/EINVAL by access mode for ftruncate and fallocate), and the path that is
// checked is the one of the very object operated on. Close the Result.
func (c *Call) callerFile(fd int32) (pathres.Result, error) {
	res := pathres.Result{Dir: -1}
	if fd < 0 {
		return res, unix.EBADF
	}
	ofd, err := c.callerFD(int(fd))
	if err != nil {
		return res, err
	}
	path, err := pathres.FDLink(ofd)
	if err != nil {
		unix.Close(ofd)
		return res, unix.EBADF
	}
	res.Dir, res.Path, res.Exists = ofd, path, true
	return res, nil
}

// fileFor is callerFile checked under cs: the object of an f* call.
func (c *Call) fileFor(fd int32, cs ...sandbox.Category) (pathres.Result, error) {
	res, err := c.callerFile(fd)
	if err != nil {
		return res, err
	}
	if err := c.accessObject(&res, cs...); err != nil {
		res.Close()
		return res, err
	}
	return res, nil
}

// callerUmask is the caller's umask: the supervisor's own is 0, so creating calls
// apply it to the mode themselves.
func (c *Call) callerUmask() (uint32, error) {
	umask, err := c.procs.Umask(c.Pid())
	c.noteShort(err)
	if err != nil {
		return 0, goneIfESRCH(err)
	}
	// trace/force_umask is applied on top of the caller's own.
	if force, ok := c.Policy.ForceUmask(); ok {
		return umask&0o777 | force, nil
	}
	return umask & 0o777, nil
}

// newName reads the path argument of a call that creates a name (mkdir, mknod,
// symlink), resolves it and checks cat on it. On success the caller closes a.res.
func (c *Call) newName(dirfdIdx, pathIdx int, cat sandbox.Category) (nameArg, error) {
	path, err := c.ReadPath(c.Arg(pathIdx))
	if err != nil {
		return nameArg{}, err
	}
	a, err := c.resolveCreate(c.dirfdArg(dirfdIdx), path)
	if err != nil {
		return a, err
	}
	if err := c.access(a.res.Path, cat); err != nil {
		a.res.Close()
		return a, err
	}
	return a, nil
}

// existingObject resolves the path argument of a call on an existing object (honouring
// AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH in flags), checks cat on it and pins it. On
// success the caller closes the result.
func (c *Call) existingObject(dirfdIdx, pathIdx int, flags uint32, cat sandbox.Category) (pathres.Result, error) {
	fl := pathres.FollowLast
	if flags&unix.AT_SYMLINK_NOFOLLOW != 0 {
		fl = 0
	}
	res, err := c.resolveAt(dirfdIdx, pathIdx, fl, flags&unix.AT_EMPTY_PATH != 0)
	if err != nil {
		return res, err
	}
	if !res.Exists {
		err = unix.ENOENT
	} else if err = c.accessObject(&res, cat); err == nil {
		err = pinMagic(&res)
	}
	if err != nil {
		res.Close()
	}
	return res, err
}
