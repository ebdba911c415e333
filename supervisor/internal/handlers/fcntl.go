// fcntl.go: fcntl(F_SETFL) is checked only so that O_APPEND cannot be cleared on a
// file the policy makes append-only; every other fcntl stays in the kernel.
package handlers

import (
	"golang.org/x/sys/unix"

	"syd/supervisor/internal/filter"
)

func init() {
	// Only F_SETFL reaches us; the decision reads no tracee memory (fd and flags are
	// registers), so an allowed call may continue.
	register(unix.SYS_FCNTL, "fcntl", sysFcntl, nil,
		filter.ArgMask{Arg: 1, Mask: ^uint64(0) >> 32, Value: unix.F_SETFL})
}

func sysFcntl(c *Call) (int64, error) {
	if c.Arg(2)&unix.O_APPEND != 0 {
		return 0, errContinue
	}
	res, err := c.resolveFD(c.argFD(0))
	if err != nil {
		return 0, errContinue // let the kernel report EBADF and friends
	}
	defer res.Close()
	if res.HasPath() && c.Policy.AppendOnly(c.rulePath(res.Path)) {
		return 0, unix.EPERM
	}
	return 0, errContinue
}
