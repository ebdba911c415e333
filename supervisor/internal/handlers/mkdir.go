// mkdir.go: mkdir and mkdirat, emulated: the new name is checked under mkdir and the
// supervisor creates the directory in the pinned parent with the caller's umask.
package handlers

import (
	"golang.org/x/sys/unix"

	"syd/sandbox"
)

func init() {
	register(unix.SYS_MKDIR, "mkdir", sysMkdir, cats(sandbox.CatMkdir))
	register(unix.SYS_MKDIRAT, "mkdirat", sysMkdirat, cats(sandbox.CatMkdir))
}

func sysMkdir(c *Call) (int64, error)   { return c.mkdir(-1, 0, c.Arg(1)) }
func sysMkdirat(c *Call) (int64, error) { return c.mkdir(0, 1, c.Arg(2)) }

func (c *Call) mkdir(dirfdIdx, pathIdx int, mode uint64) (int64, error) {
	a, err := c.newName(dirfdIdx, pathIdx, sandbox.CatMkdir)
	if err != nil {
		return 0, err
	}
	defer a.res.Close()
	umask, err := c.callerUmask()
	if err != nil {
		return 0, err
	}
	// mode is a umode_t; the kernel keeps only the permission and sticky bits.
	return 0, unix.Mkdirat(a.res.Dir, a.name, uint32(uint16(mode))&^umask)
}
