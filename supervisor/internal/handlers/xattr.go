// xattr.go: the extended-attribute calls, emulated. Reads (getxattr, listxattr and
// their l/f forms) are checked under stat, writes (setxattr, removexattr and their
// l/f forms) under chattr. The supervisor copies the name and value in and out of the
// caller with the kernel's limits and errnos, and acts on the resolved object with the
// *xattrat calls (Linux 6.13) relative to the pinned parent, or on the caller's own
// open file description for the f* forms.
package handlers

import (
	"runtime"
	"sync/atomic"
	"unsafe"

	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/pathres"
	"syd/supervisor/internal/tracee"
)

// Kernel limits of include/uapi/linux/limits.h.
const (
	xattrNameMax = 255   // XATTR_NAME_MAX
	xattrSizeMax = 65536 // XATTR_SIZE_MAX
	xattrListMax = 65536 // XATTR_LIST_MAX
)

func init() {
	read := cats(sandbox.CatStat)
	write := cats(sandbox.CatChattr)
	register(unix.SYS_GETXATTR, "getxattr", sysGetxattr, read)
	register(unix.SYS_LGETXATTR, "lgetxattr", sysLgetxattr, read)
	register(unix.SYS_FGETXATTR, "fgetxattr", sysFgetxattr, read)
	register(unix.SYS_LISTXATTR, "listxattr", sysListxattr, read)
	register(unix.SYS_LLISTXATTR, "llistxattr", sysLlistxattr, read)
	register(unix.SYS_FLISTXATTR, "flistxattr", sysFlistxattr, read)
	register(unix.SYS_SETXATTR, "setxattr", sysSetxattr, write)
	register(unix.SYS_LSETXATTR, "lsetxattr", sysLsetxattr, write)
	register(unix.SYS_FSETXATTR, "fsetxattr", sysFsetxattr, write)
	register(unix.SYS_REMOVEXATTR, "removexattr", sysRemovexattr, write)
	register(unix.SYS_LREMOVEXATTR, "lremovexattr", sysLremovexattr, write)
	register(unix.SYS_FREMOVEXATTR, "fremovexattr", sysFremovexattr, write)
}

func sysGetxattr(c *Call) (int64, error)  { return c.getxattr(pathres.FollowLast, false) }
func sysLgetxattr(c *Call) (int64, error) { return c.getxattr(0, false) }
func sysFgetxattr(c *Call) (int64, error) { return c.getxattr(0, true) }

func sysListxattr(c *Call) (int64, error)  { return c.listxattr(pathres.FollowLast, false) }
func sysLlistxattr(c *Call) (int64, error) { return c.listxattr(0, false) }
func sysFlistxattr(c *Call) (int64, error) { return c.listxattr(0, true) }

func sysSetxattr(c *Call) (int64, error)  { return c.setxattr(pathres.FollowLast, false) }
func sysLsetxattr(c *Call) (int64, error) { return c.setxattr(0, false) }
func sysFsetxattr(c *Call) (int64, error) { return c.setxattr(0, true) }

func sysRemovexattr(c *Call) (int64, error)  { return c.removexattr(pathres.FollowLast, false) }
func sysLremovexattr(c *Call) (int64, error) { return c.removexattr(0, false) }
func sysFremovexattr(c *Call) (int64, error) { return c.removexattr(0, true) }

// xattrObject resolves argument 0, a path or (byFD) an fd, and checks it under cat.
// Path results are left unpinned for the *xattrat calls; fd results are the caller's
// open file description.
func (c *Call) xattrObject(fl pathres.Flags, byFD bool, cat sandbox.Category) (pathres.Result, error) {
	if byFD {
		return c.fileFor(c.argFD(0), cat)
	}
	res, err := c.resolveAt(-1, 0, fl, false)
	if err != nil {
		return res, err
	}
	if !res.Exists {
		res.Close()
		return res, unix.ENOENT
	}
	if err := c.accessObject(&res, cat); err != nil {
		res.Close()
		return res, err
	}
	if err := pinMagic(&res); err != nil {
		res.Close()
		return res, err
	}
	return res, nil
}

// readXattrName is import_xattr_name: at most XATTR_NAME_MAX bytes before the NUL,
// ERANGE for an empty or longer name, EFAULT when unreadable before the NUL.
func (c *Call) readXattrName(addr uint64) (string, error) {
	var buf [xattrNameMax + 1]byte
	for off := 0; off < len(buf); {
		chunk := min(len(buf)-off, 4096-int((addr+uint64(off))%4096))
		if err := tracee.Read(c.Pid(), addr+uint64(off), buf[off:off+chunk]); err != nil {
			return "", unix.EFAULT
		}
		for i := off; i < off+chunk; i++ {
			if buf[i] == 0 {
				if i == 0 {
					return "", unix.ERANGE
				}
				return string(buf[:i]), nil
			}
		}
		off += chunk
	}
	return "", unix.ERANGE
}

// xattrBuf returns a scratch buffer of n bytes: the call's getdents buffer when it
// is large enough (it is idle during xattr calls), else a new one.
func (c *Call) xattrBuf(n int) []byte {
	if n <= len(c.DirBuf) {
		return c.DirBuf[:n]
	}
	return make([]byte, n)
}

// getxattr is path_getxattrat / fgetxattr: the name first, then the object; a value
// larger than the caller's size is ERANGE, and E2BIG if the size was the maximum.
func (c *Call) getxattr(fl pathres.Flags, byFD bool) (int64, error) {
	name, err := c.readXattrName(c.Arg(1))
	if err != nil {
		return 0, err
	}
	res, err := c.xattrObject(fl, byFD, sandbox.CatStat)
	if err != nil {
		return 0, err
	}
	defer res.Close()
	size := min(c.Arg(3), xattrSizeMax)
	buf := c.xattrBuf(int(size))
	var n int
	if byFD {
		n, err = unix.Fgetxattr(res.Dir, name, buf)
	} else {
		n, err = xattrGet(&res, name, buf)
	}
	if err == unix.ERANGE && size >= xattrSizeMax {
		return 0, unix.E2BIG
	}
	if err != nil {
		return 0, err
	}
	if size > 0 {
		if err := c.writeMem(c.Arg(2), buf[:n]); err != nil {
			return 0, err
		}
	}
	return int64(n), nil
}

// listxattr is path_listxattrat / flistxattr.
func (c *Call) listxattr(fl pathres.Flags, byFD bool) (int64, error) {
	res, err := c.xattrObject(fl, byFD, sandbox.CatStat)
	if err != nil {
		return 0, err
	}
	defer res.Close()
	size := min(c.Arg(2), xattrListMax)
	buf := c.xattrBuf(int(size))
	var n int
	if byFD {
		n, err = unix.Flistxattr(res.Dir, buf)
	} else {
		n, err = xattrList(&res, buf)
	}
	if err == unix.ERANGE && size >= xattrListMax {
		return 0, unix.E2BIG
	}
	if err != nil {
		return 0, err
	}
	if size > 0 {
		if err := c.writeMem(c.Arg(1), buf[:n]); err != nil {
			return 0, err
		}
	}
	return int64(n), nil
}

// setxattr is setxattr_copy then the object: flags, name, size (E2BIG) and value
// (EFAULT) are all validated before the path or fd is looked at.
func (c *Call) setxattr(fl pathres.Flags, byFD bool) (int64, error) {
	flags := int(int32(c.Arg(4)))
	if flags&^(unix.XATTR_CREATE|unix.XATTR_REPLACE) != 0 {
		return 0, unix.EINVAL
	}
	name, err := c.readXattrName(c.Arg(1))
	if err != nil {
		return 0, err
	}
	size := c.Arg(3)
	if size > xattrSizeMax {
		return 0, unix.E2BIG
	}
	val := c.xattrBuf(int(size))
	if err := tracee.Read(c.Pid(), c.Arg(2), val); err != nil {
		return 0, err
	}
	res, err := c.xattrObject(fl, byFD, sandbox.CatChattr)
	if err != nil {
		return 0, err
	}
	defer res.Close()
	if byFD {
		return 0, unix.Fsetxattr(res.Dir, name, val, flags)
	}
	return 0, xattrSet(&res, name, val, flags)
}

// removexattr is path_removexattrat / fremovexattr: the name first.
func (c *Call) removexattr(fl pathres.Flags, byFD bool) (int64, error) {
	name, err := c.readXattrName(c.Arg(1))
	if err != nil {
		return 0, err
	}
	res, err := c.xattrObject(fl, byFD, sandbox.CatChattr)
	if err != nil {
		return 0, err
	}
	defer res.Close()
	if byFD {
		return 0, unix.Fremovexattr(res.Dir, name)
	}
	return 0, xattrRemove(&res, name)
}

// The four helpers below act on a resolved path object without following anything:
// with the *xattrat calls on (Dir, Name, AT_SYMLINK_NOFOLLOW) in one system call, or,
// for an object that is pinned itself (Name "", where AT_EMPTY_PATH would refuse the
// O_PATH fd) and on kernels before 6.13, through /proc/self/fd/N of a pinned fd.

// xattrArgs is struct xattr_args of the *xattrat calls.
type xattrArgs struct {
	value uint64
	size  uint32
	flags uint32
}

// noXattrat is set once the kernel answered ENOSYS to an *xattrat call.
var noXattrat atomic.Bool

// xattrAt reports whether res can be reached with an *xattrat call.
func xattrAt(res *pathres.Result) bool { return res.Name != "" && !noXattrat.Load() }

// xattrFallback notes an ENOSYS and pins res for the path-based calls.
func xattrFallback(res *pathres.Result, err error) (bool, error) {
	if err != unix.ENOSYS {
		return false, err
	}
	noXattrat.Store(true)
	return true, pin(res)
}

func xattrGet(res *pathres.Result, name string, buf []byte) (int, error) {
	if xattrAt(res) {
		args := xattrArgs{size: uint32(len(buf))}
		if len(buf) > 0 {
			args.value = uint64(uintptr(unsafe.Pointer(&buf[0])))
		}
		n, err := xattrat(unix.SYS_GETXATTRAT, res.Dir, res.Name, name, &args)
		runtime.KeepAlive(buf) // args holds its address as an integer
		if retry, err := xattrFallback(res, err); !retry {
			return n, err
		}
	} else if err := pin(res); err != nil {
		return 0, err
	}
	return unix.Getxattr(res.ProcPath(), name, buf)
}

func xattrSet(res *pathres.Result, name string, val []byte, flags int) error {
	if xattrAt(res) {
		args := xattrArgs{size: uint32(len(val)), flags: uint32(flags)}
		if len(val) > 0 {
			args.value = uint64(uintptr(unsafe.Pointer(&val[0])))
		}
		_, err := xattrat(unix.SYS_SETXATTRAT, res.Dir, res.Name, name, &args)
		runtime.KeepAlive(val) // args holds its address as an integer
		if retry, err := xattrFallback(res, err); !retry {
			return err
		}
	} else if err := pin(res); err != nil {
		return err
	}
	return unix.Setxattr(res.ProcPath(), name, val, flags)
}

func xattrList(res *pathres.Result, buf []byte) (int, error) {
	if xattrAt(res) {
		p, err := unix.BytePtrFromString(res.Name)
		if err != nil {
			return 0, err
		}
		var bp unsafe.Pointer
		if len(buf) > 0 {
			bp = unsafe.Pointer(&buf[0])
		}
		// listxattrat(dfd, path, at_flags, list, size): plain pointers, no struct.
		r, _, e := unix.Syscall6(unix.SYS_LISTXATTRAT, uintptr(res.Dir), uintptr(unsafe.Pointer(p)),
			unix.AT_SYMLINK_NOFOLLOW, uintptr(bp), uintptr(len(buf)), 0)
		var err2 error
		if e != 0 {
			err2 = e
		}
		if retry, err := xattrFallback(res, err2); !retry {
			return int(r), err
		}
	} else if err := pin(res); err != nil {
		return 0, err
	}
	return unix.Listxattr(res.ProcPath(), buf)
}

func xattrRemove(res *pathres.Result, name string) error {
	if xattrAt(res) {
		p, err := unix.BytePtrFromString(res.Name)
		if err != nil {
			return err
		}
		n, err := unix.BytePtrFromString(name)
		if err != nil {
			return err
		}
		// removexattrat(dfd, path, at_flags, name): plain pointers, no struct.
		_, _, e := unix.Syscall6(unix.SYS_REMOVEXATTRAT, uintptr(res.Dir), uintptr(unsafe.Pointer(p)),
			unix.AT_SYMLINK_NOFOLLOW, uintptr(unsafe.Pointer(n)), 0, 0)
		var err2 error
		if e != 0 {
			err2 = e
		}
		if retry, err := xattrFallback(res, err2); !retry {
			return err
		}
	} else if err := pin(res); err != nil {
		return err
	}
	return unix.Removexattr(res.ProcPath(), name)
}

// xattrat calls getxattrat or setxattrat(dfd, path, AT_SYMLINK_NOFOLLOW, name, args, sizeof args).
func xattrat(nr uintptr, dirfd int, path, name string, args *xattrArgs) (int, error) {
	p, err := unix.BytePtrFromString(path)
	if err != nil {
		return 0, err
	}
	n, err := unix.BytePtrFromString(name)
	if err != nil {
		return 0, err
	}
	// args is the kernel's struct xattr_args; the kernel reads it (and the value
	// buffer it points to) during the call.
	r, _, e := unix.Syscall6(nr, uintptr(dirfd), uintptr(unsafe.Pointer(p)), unix.AT_SYMLINK_NOFOLLOW,
		uintptr(unsafe.Pointer(n)), uintptr(unsafe.Pointer(args)), unsafe.Sizeof(*args))
	if e != 0 {
		return 0, e
	}
	return int(r), nil
}
