// netns.go: opening /proc/sys/net for a caller in a network namespace of its
// own. Those files are the namespace of the task that opens them, and syd is
// the opener: without this a sysctl written by a process in a new network
// namespace lands in syd's.
package handlers

import (
	"runtime"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// netSysctl reports whether path is a per-network-namespace sysctl file.
func netSysctl(path string) bool { return strings.HasPrefix(path, "/proc/sys/net/") }

// openInNetns opens path (canonical, under /proc/sys/net, where the sandbox can
// neither mount nor link) with how in the network namespace of thread tid. In
// syd's own namespace it returns ok false: the caller opens as usual. Another
// namespace is joined by a thread of its own, which ends with the open (it is
// never unlocked), so no other goroutine runs in it.
func openInNetns(tid int, path string, how *unix.OpenHow) (fd int, ok bool, err error) {
	nsfd, other, err := otherNS(tid, "net")
	if nsfd < 0 {
		return -1, other, err
	}
	defer unix.Close(nsfd)
	type result struct {
		fd  int
		err error
	}
	done := make(chan result)
	go func() {
		runtime.LockOSThread()
		if err := unix.Setns(nsfd, unix.CLONE_NEWNET); err != nil {
			done <- result{-1, err}
			return
		}
		fd, err := unix.Openat2(unix.AT_FDCWD, path, how)
		done <- result{fd, err}
	}()
	r := <-done
	return r.fd, true, r.err
}

// otherNS opens the namespace kind ("net", "user") of thread tid when it is
// not syd's own (this thread's). Otherwise fd is -1: with other false the
// namespace is syd's (or unknown), with other true err says why it could not
// be opened.
func otherNS(tid int, kind string) (fd int, other bool, err error) {
	var mine, theirs unix.Stat_t
	if unix.Stat("/proc/thread-self/ns/"+kind, &mine) != nil {
		return -1, false, nil
	}
	fd, err = unix.Open("/proc/"+strconv.Itoa(tid)+"/ns/"+kind, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return -1, true, unix.ESRCH
	}
	if unix.Fstat(fd, &theirs) != nil || (theirs.Dev == mine.Dev && theirs.Ino == mine.Ino) {
		unix.Close(fd)
		return -1, false, nil
	}
	return fd, true, nil
}
