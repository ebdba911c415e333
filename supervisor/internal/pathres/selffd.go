// selffd.go: naming syd's own fds. readlinkat on one long-lived fd of
// /proc/self/fd skips the lookup of "/proc/self/fd" (a magic link and two procfs
// directories) that readlink("/proc/self/fd/N") pays on every call.
package pathres

import (
	"strconv"
	"sync"

	"golang.org/x/sys/unix"
)

var (
	selfFDOnce sync.Once
	selfFD     = -1
)

// FDLink returns readlink of /proc/self/fd/fd: the kernel's name for syd's fd,
// ENAMETOOLONG when that name does not fit in PATH_MAX.
func FDLink(fd int) (string, error) {
	selfFDOnce.Do(func() {
		// All of syd's threads share one fd table: the thread group's directory
		// names each of them.
		selfFD, _ = unix.Open("/proc/self/fd", unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	})
	dir, name := selfFD, strconv.Itoa(fd)
	if dir < 0 {
		dir, name = unix.AT_FDCWD, "/proc/self/fd/"+name
	}
	var buf [unix.PathMax]byte
	for {
		n, err := unix.Readlinkat(dir, name, buf[:])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return "", err
		}
		if n >= len(buf) {
			return "", unix.ENAMETOOLONG
		}
		return string(buf[:n]), nil
	}
}
