// mknod.go: mknod and mknodat, emulated. The category follows the file type: a FIFO
// is mkfifo, a character or block device mkdev, a regular file (type 0 or S_IFREG)
// create. A socket inode made by mknod is also create: it is an inert name (nothing
// listens on it, connect gets ECONNREFUSED), unlike a device node, and a UNIX socket
// that can be connected to is only made by bind, which net/bind confines.
package handlers

import (
	"golang.org/x/sys/unix"

	"syd/sandbox"
)

func init() {
	nodeCats := cats(sandbox.CatCreate, sandbox.CatMkdev, sandbox.CatMkfifo)
	register(unix.SYS_MKNOD, "mknod", sysMknod, nodeCats)
	register(unix.SYS_MKNODAT, "mknodat", sysMknodat, nodeCats)
}

func sysMknod(c *Call) (int64, error)   { return c.mknod(-1, 0, c.Arg(1), c.Arg(2)) }
func sysMknodat(c *Call) (int64, error) { return c.mknod(0, 1, c.Arg(2), c.Arg(3)) }

// mknod is do_mknodat: may_mknod() rejects the type before the path is read.
func (c *Call) mknod(dirfdIdx, pathIdx int, mode, dev uint64) (int64, error) {
	m := uint32(uint16(mode)) // umode_t
	var cat sandbox.Category
	switch m & unix.S_IFMT {
	case 0, unix.S_IFREG, unix.S_IFSOCK:
		cat = sandbox.CatCreate
	case unix.S_IFCHR, unix.S_IFBLK:
		cat = sandbox.CatMkdev
	case unix.S_IFIFO:
		cat = sandbox.CatMkfifo
	case unix.S_IFDIR:
		return 0, unix.EPERM
	default:
		return 0, unix.EINVAL
	}
	a, err := c.newName(dirfdIdx, pathIdx, cat)
	if err != nil {
		return 0, err
	}
	defer a.res.Close()
	umask, err := c.callerUmask()
	if err != nil {
		return 0, err
	}
	// dev is an unsigned int in the kernel's prototype.
	return 0, unix.Mknodat(a.res.Dir, a.name, m&^umask, int(uint32(dev)))
}
