// symlink.go: symlink and symlinkat, emulated: only the new link's path is checked
// (under symlink); the target is stored verbatim, never resolved, as the kernel does.
package handlers

import (
	"golang.org/x/sys/unix"

	"syd/sandbox"
)

func init() {
	register(unix.SYS_SYMLINK, "symlink", sysSymlink, cats(sandbox.CatSymlink))
	register(unix.SYS_SYMLINKAT, "symlinkat", sysSymlinkat, cats(sandbox.CatSymlink))
}

func sysSymlink(c *Call) (int64, error)   { return c.symlink(-1, 1) }
func sysSymlinkat(c *Call) (int64, error) { return c.symlink(1, 2) }

// symlink is do_symlinkat: the target string is read first (empty: ENOENT), then
// the new name is resolved like any created name.
func (c *Call) symlink(dirfdIdx, pathIdx int) (int64, error) {
	target, err := c.ReadPath(c.Arg(0))
	if err != nil {
		return 0, err
	}
	if target == "" {
		return 0, unix.ENOENT
	}
	a, err := c.newName(dirfdIdx, pathIdx, sandbox.CatSymlink)
	if err != nil {
		return 0, err
	}
	defer a.res.Close()
	return 0, unix.Symlinkat(target, a.res.Dir, a.name)
}
