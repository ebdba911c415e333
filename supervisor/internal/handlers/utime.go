// utime.go: utime, utimes, futimesat and utimensat, emulated: the times are read from
// the caller and converted as the kernel does, the object is checked under utime and
// the supervisor sets the times with utimensat on the pinned parent (never following
// a link swapped in after the check), or on the caller's own open file description
// when the call names an fd (utimensat or futimesat with a NULL path).
package handlers

import (
	"unsafe"

	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/tracee"
)

func init() {
	register(unix.SYS_UTIME, "utime", sysUtime, cats(sandbox.CatUtime))
	register(unix.SYS_UTIMES, "utimes", sysUtimes, cats(sandbox.CatUtime))
	register(unix.SYS_FUTIMESAT, "futimesat", sysFutimesat, cats(sandbox.CatUtime))
	register(unix.SYS_UTIMENSAT, "utimensat", sysUtimensat, cats(sandbox.CatUtime))
}

// sysUtime converts struct utimbuf (whole seconds); NULL means now.
func sysUtime(c *Call) (int64, error) {
	var ts *[2]unix.Timespec
	if addr := c.Arg(1); addr != 0 {
		var buf struct{ actime, modtime int64 } // struct utimbuf
		if err := tracee.ReadStruct(c.Pid(), addr, &buf); err != nil {
			return 0, unix.EFAULT
		}
		ts = &[2]unix.Timespec{{Sec: buf.actime}, {Sec: buf.modtime}}
	}
	return c.utimes(-1, 0, ts, 0)
}

func sysUtimes(c *Call) (int64, error) {
	ts, err := c.readTimevals(c.Arg(1))
	if err != nil {
		return 0, err
	}
	return c.utimes(-1, 0, ts, 0)
}

func sysFutimesat(c *Call) (int64, error) {
	ts, err := c.readTimevals(c.Arg(2))
	if err != nil {
		return 0, err
	}
	return c.utimes(0, 1, ts, 0)
}

// readTimevals is do_futimesat's conversion: microseconds out of range are EINVAL
// (this also refuses UTIME_NOW and UTIME_OMIT, which only utimensat knows).
func (c *Call) readTimevals(addr uint64) (*[2]unix.Timespec, error) {
	if addr == 0 {
		return nil, nil
	}
	var tv [2]unix.Timeval
	if err := tracee.ReadStruct(c.Pid(), addr, &tv); err != nil {
		return nil, unix.EFAULT
	}
	for _, t := range tv {
		if t.Usec < 0 || t.Usec >= 1000000 {
			return nil, unix.EINVAL
		}
	}
	return &[2]unix.Timespec{{Sec: tv[0].Sec, Nsec: tv[0].Usec * 1000}, {Sec: tv[1].Sec, Nsec: tv[1].Usec * 1000}}, nil
}

func sysUtimensat(c *Call) (int64, error) {
	var ts *[2]unix.Timespec
	if addr := c.Arg(2); addr != 0 {
		var buf [2]unix.Timespec
		if err := tracee.ReadStruct(c.Pid(), addr, &buf); err != nil {
			return 0, unix.EFAULT
		}
		if buf[0].Nsec == unix.UTIME_OMIT && buf[1].Nsec == unix.UTIME_OMIT {
			return 0, nil // "Nothing to do, we must not even check the path."
		}
		ts = &buf
	}
	return c.utimes(0, 1, ts, uint32(c.Arg(3)))
}

// utimes is do_utimes: a NULL path with a real dirfd names the fd (flags must be 0);
// otherwise the path is looked up with the flags utimensat allows.
func (c *Call) utimes(dirfdIdx, pathIdx int, ts *[2]unix.Timespec, flags uint32) (int64, error) {
	dirfd := c.dirfdArg(dirfdIdx)
	if c.Arg(pathIdx) == 0 && dirfd != unix.AT_FDCWD {
		if flags != 0 {
			return 0, unix.EINVAL
		}
		res, err := c.fileFor(dirfd, sandbox.CatUtime)
		if err != nil {
			return 0, err
		}
		defer res.Close()
		// The caller's open file description: an O_PATH fd is EBADF, as for the caller.
		return 0, utimensat(res.Dir, nil, ts, 0)
	}
	if flags&^uint32(unix.AT_SYMLINK_NOFOLLOW|unix.AT_EMPTY_PATH) != 0 {
		return 0, unix.EINVAL
	}
	res, err := c.existingObject(dirfdIdx, pathIdx, flags, sandbox.CatUtime)
	if err != nil {
		return 0, err
	}
	defer res.Close()
	dirfd2, name, atFlags := res.At()
	p, err := unix.BytePtrFromString(name)
	if err != nil {
		return 0, err
	}
	// The kernel validates the nanoseconds (EINVAL) after the lookup, as here.
	return 0, utimensat(dirfd2, p, ts, atFlags)
}

// utimensat is the raw system call: x/sys has no form with a NULL path or NULL times.
func utimensat(dirfd int, path *byte, ts *[2]unix.Timespec, flags int) error {
	// path and ts are NUL-terminated bytes and the kernel's struct timespec[2], or nil.
	_, _, e := unix.Syscall6(unix.SYS_UTIMENSAT, uintptr(dirfd), uintptr(unsafe.Pointer(path)),
		uintptr(unsafe.Pointer(ts)), uintptr(flags), 0, 0)
	if e != 0 {
		return e
	}
	return nil
}
