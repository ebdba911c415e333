// callerfd.go: reaching one of the caller's fds. /proc/<tid>/fd/N is the cheap
// way, but the fd directory of a process that changed its ids belongs to root
// with mode 0500, so a supervisor thread running with the caller's file-system
// ids (handlers/creds.go) cannot search it; pidfd_getfd needs only the ptrace
// access that thread keeps.
package pathres

import (
	"strconv"

	"golang.org/x/sys/unix"

	"syd/supervisor/internal/tracee"
)

// openCallerFD returns an fd of syd's for the caller's fd: an O_PATH open of
// /proc/<tid>/fd/N, or a duplicate of the caller's open file when that is not
// permitted. ENOENT (no such fd) is EBADF, as for the caller.
func openCallerFD(tid int, fd int32) (int, error) {
	ofd, err := unix.Open("/proc/"+strconv.Itoa(tid)+"/fd/"+strconv.Itoa(int(fd)), unix.O_PATH|unix.O_CLOEXEC, 0)
	if err == unix.EACCES {
		pidfd, perr := tracee.Pidfd(tid)
		if perr != nil {
			return -1, err
		}
		ofd, err = unix.PidfdGetfd(pidfd, int(fd), 0)
		unix.Close(pidfd)
	}
	if err == unix.ENOENT {
		err = unix.EBADF
	}
	return ofd, err
}
