// watchers.go: whether a sandboxed process may be reading inotify or fanotify
// events. Until one may, an open syd emulates can be answered together with
// the fd's installation (quietClose, inject with send); from the first inotify_init,
// inotify_init1 or fanotify_init in the sandbox (or an inherited instance) on,
// every open is answered after syd's close, so that the caller's close is the
// one its watch reports, in order. The calls are continued: the kernel makes
// the instance.
package handlers

import (
	"os"
	"strconv"
	"strings"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// watched is set for good (for the life of syd) once the sandbox may watch files.
var watched atomic.Bool

func init() {
	registerEach(sysWatcherInit,
		sysName{unix.SYS_INOTIFY_INIT, "inotify_init"},
		sysName{unix.SYS_INOTIFY_INIT1, "inotify_init1"},
		sysName{unix.SYS_FANOTIFY_INIT, "fanotify_init"})
}

func sysWatcherInit(c *Call) (int64, error) {
	watched.Store(true)
	return 0, errContinue
}

// NoteInherited marks the sandbox as watching when one of fds, which it
// inherits, is an inotify or fanotify instance.
func NoteInherited(fds []int) {
	for _, fd := range fds {
		link, err := os.Readlink("/proc/self/fd/" + strconv.Itoa(fd))
		if err == nil && (strings.HasPrefix(link, "anon_inode:inotify") || strings.HasPrefix(link, "anon_inode:[fanotify]")) {
			watched.Store(true)
		}
	}
}
