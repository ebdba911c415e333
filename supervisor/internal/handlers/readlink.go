// readlink.go: readlink and readlinkat, emulated: the link itself (the final
// component is never followed) is checked under stat and read by the supervisor, and
// /proc/self and /proc/thread-self answer with the caller's ids, not syd's.
package handlers

import (
	"strconv"

	"golang.org/x/sys/unix"

	"syd/sandbox"
)

func init() {
	register(unix.SYS_READLINK, "readlink", sysReadlink, cats(sandbox.CatStat))
	register(unix.SYS_READLINKAT, "readlinkat", sysReadlinkat, cats(sandbox.CatStat))
}

func sysReadlink(c *Call) (int64, error)   { return c.readlink(-1, 0, 1, 2) }
func sysReadlinkat(c *Call) (int64, error) { return c.readlink(0, 1, 2, 3) }

// readlink is do_readlinkat: bufsiz is checked first; an empty path names the dirfd
// itself (LOOKUP_EMPTY), and is ENOENT rather than EINVAL when that is no symlink.
func (c *Call) readlink(dirfdIdx, pathIdx, bufIdx, sizeIdx int) (int64, error) {
	size := int32(c.Arg(sizeIdx))
	if size <= 0 {
		return 0, unix.EINVAL
	}
	dirfd := c.dirfdArg(dirfdIdx)
	// Validated once, before the answer is written (writeMem); refusals and
	// logged decisions validate first (enforce).
	path, err := c.readPathUnchecked(c.Arg(pathIdx))
	if err != nil {
		return 0, err
	}
	if path == "" && dirfd == unix.AT_FDCWD {
		return 0, unix.ENOENT // the cwd is never a symlink
	}
	res, err := c.resolveRead(dirfd, path, 0, true)
	if err != nil {
		return 0, err
	}
	c.closeAfterReply(&res)
	if res.Mode&unix.S_IFMT != unix.S_IFLNK {
		if path == "" {
			return 0, unix.ENOENT
		}
		if err := c.accessObject(&res, sandbox.CatStat); err != nil {
			return 0, err
		}
		return 0, unix.EINVAL
	}
	if err := c.accessObject(&res, sandbox.CatStat); err != nil {
		return 0, err
	}
	buf := c.PathBuf[:min(int(size), len(c.PathBuf))]
	var n int
	switch res.Path {
	case "/proc/self", "/proc/thread-self":
		// In the supervisor these name syd; the caller expects its own ids.
		st, err := c.status()
		if err != nil {
			return 0, goneIfESRCH(err)
		}
		if !c.Valid() {
			return 0, errGone
		}
		target := strconv.Itoa(st.Tgid)
		if res.Path == "/proc/thread-self" {
			target += "/task/" + strconv.Itoa(c.Pid())
		}
		n = copy(buf, target)
	default:
		n, err = unix.Readlinkat(res.Dir, res.Name, buf)
		if err != nil {
			return 0, err
		}
	}
	if err := c.writeMem(c.Arg(bufIdx), buf[:n]); err != nil {
		return 0, err
	}
	return int64(n), nil
}
