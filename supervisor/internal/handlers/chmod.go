// chmod.go: chmod, fchmodat, fchmodat2 and fchmod, emulated: the object is checked
// under chmod and the supervisor changes its mode with fchmodat2 on the pinned parent
// (never following a link swapped in after the check), or with fchmod on the caller's
// own open file description.
package handlers

import (
	"golang.org/x/sys/unix"

	"syd/sandbox"
)

func init() {
	register(unix.SYS_CHMOD, "chmod", sysChmod, cats(sandbox.CatChmod))
	registerFD(unix.SYS_FCHMOD, "fchmod", sysFchmod, cats(sandbox.CatChmod))
	register(unix.SYS_FCHMODAT, "fchmodat", sysFchmodat, cats(sandbox.CatChmod))
	register(unix.SYS_FCHMODAT2, "fchmodat2", sysFchmodat2, cats(sandbox.CatChmod))
}

func sysChmod(c *Call) (int64, error)    { return c.chmod(-1, 0, c.Arg(1), 0) }
func sysFchmodat(c *Call) (int64, error) { return c.chmod(0, 1, c.Arg(2), 0) } // no flags argument

func sysFchmodat2(c *Call) (int64, error) {
	flags := uint32(c.Arg(3))
	if flags&^uint32(unix.AT_SYMLINK_NOFOLLOW|unix.AT_EMPTY_PATH) != 0 {
		return 0, unix.EINVAL
	}
	return c.chmod(0, 1, c.Arg(2), flags)
}

// chmodMode is chmod_common's view of the mode argument, a umode_t, less the
// bits of trace/force_umask (it binds the chmod family too, as in Syd).
func (c *Call) chmodMode(mode uint64) uint32 {
	m := uint32(uint16(mode)) & sIALLUGO
	if force, ok := c.Policy.ForceUmask(); ok {
		m &^= force
	}
	return m
}

func (c *Call) chmod(dirfdIdx, pathIdx int, mode uint64, flags uint32) (int64, error) {
	res, err := c.existingObject(dirfdIdx, pathIdx, flags, sandbox.CatChmod)
	if err != nil {
		return 0, err
	}
	defer res.Close()
	// AT_SYMLINK_NOFOLLOW on the final name, resolved already: a symlink there is
	// one the caller asked for (lchmod: EOPNOTSUPP from the kernel) or one swapped
	// in since, which must not be followed.
	dirfd, name, atFlags := res.At()
	return 0, unix.Fchmodat(dirfd, name, c.chmodMode(mode), atFlags)
}

// sysFchmod acts on the caller's open file description: an O_PATH fd is EBADF,
// as for the caller.
func sysFchmod(c *Call) (int64, error) {
	res, err := c.fileFor(c.argFD(0), sandbox.CatChmod)
	if err != nil {
		return 0, err
	}
	defer res.Close()
	return 0, unix.Fchmod(res.Dir, c.chmodMode(c.Arg(1)))
}
