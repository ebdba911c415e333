// iouring.go: io_uring is refused unless trace/allow_unsafe_iouring is set: its ring
// operations (openat, connect, sendmsg, ...) run in the kernel without any system call
// the supervisor could see, so they would bypass every category (spec 06 §2).
package handlers

import (
	"golang.org/x/sys/unix"

	"syd/sandbox"
)

func init() {
	register(unix.SYS_IO_URING_SETUP, "io_uring_setup", sysIouring, nil)
	register(unix.SYS_IO_URING_ENTER, "io_uring_enter", sysIouring, nil)
	register(unix.SYS_IO_URING_REGISTER, "io_uring_register", sysIouring, nil)
}

// sysIouring decides on registers only, so an allowed call may continue. ENOSYS makes
// programs that can use io_uring fall back to ordinary, supervised system calls.
func sysIouring(c *Call) (int64, error) {
	if c.Policy.Has(sandbox.FlagAllowUnsafeIouring) {
		return 0, errContinue
	}
	return 0, unix.ENOSYS
}
