// ioctl.go: ioctl, checked under the ioctl category on the path behind the fd and
// then continued: the supervisor cannot perform an ioctl for the caller, whose
// argument is a pointer into the caller's memory with a meaning only the driver
// knows. The decision reads no tracee memory (only /proc/<tid>/fd/<fd>), so no
// argument can be rewritten after the check. What the check cannot close is the fd
// table: after CONTINUE the kernel looks the fd number up again, and a sibling thread
// (or a process sharing the table with CLONE_FILES) can dup2 another of its open
// files onto that number in between. The object swapped in is one the caller already
// holds (its opens were checked under read/write), so the ioctl path rules bound
// well-behaved and single-threaded programs exactly, and a racing multi-threaded one
// only to the objects it could open. Objects without a path (pipes, sockets,
// anonymous inodes) are not subject to path rules.
//
// Terminals call ioctl constantly, so the allowed case costs one readlinkat, one
// NOTIF_ID_VALID and no allocation.
package handlers

import (
	"strconv"
	"unsafe"

	"golang.org/x/sys/unix"

	"syd/sandbox"
)

func init() {
	registerFD(unix.SYS_IOCTL, "ioctl", sysIoctl, cats(sandbox.CatIoctl))
}

// atFDCWD is AT_FDCWD (-100) as a raw system call argument.
const atFDCWD = ^uintptr(99)

func sysIoctl(c *Call) (int64, error) {
	// The deny list as it stood at start is refused in the kernel (package
	// surface); requests denied later through /dev/syd are refused here.
	req := c.Arg(1) & 0xffffffff
	if act, listed := c.Policy.Ioctl(req); listed && act.Denies() {
		ctl := "0x" + strconv.FormatUint(req, 16)
		d := decision{act: act, cat: sandbox.CatIoctl, key: "ctl", tip: "ioctl/deny-" + ctl}
		return 0, c.enforce(d, ctl, unix.EPERM)
	}
	if !c.Policy.Enabled(sandbox.CatIoctl) {
		return 0, errContinue
	}
	fd := c.argFD(0)
	if fd < 0 {
		return 0, unix.EBADF
	}
	var link [64]byte
	p := append(link[:0], "/proc/"...)
	p = strconv.AppendInt(p, int64(c.Pid()), 10)
	p = append(p, "/fd/"...)
	p = strconv.AppendInt(p, int64(fd), 10)
	p = append(p, 0)
	// p is NUL-terminated; PathBuf receives the target.
	r, _, e := unix.Syscall6(unix.SYS_READLINKAT, atFDCWD, uintptr(unsafe.Pointer(&p[0])),
		uintptr(unsafe.Pointer(&c.PathBuf[0])), uintptr(len(c.PathBuf)), 0, 0)
	if e != 0 {
		if e == unix.ENOENT {
			return 0, unix.EBADF // no such fd (or the thread is gone: Valid below)
		}
		return 0, e
	}
	if !c.Valid() {
		return 0, errGone
	}
	if r == 0 || c.PathBuf[0] != '/' {
		return 0, errContinue // pipe:[..], socket:[..], anon_inode:[..]
	}
	// A view of PathBuf, used only until the decision is made.
	path := unsafe.String(&c.PathBuf[0], int(r))
	if d := c.checkPath(path, sandbox.CatIoctl); d.act == sandbox.ActionAllow {
		return 0, errContinue
	}
	// Logged or denied: the log line keeps its own copy of the path.
	if err := c.access(string(c.PathBuf[:r]), sandbox.CatIoctl); err != nil {
		return 0, err
	}
	return 0, errContinue
}
