// umask.go: umask(2) is run by the kernel as the caller made it; syd only notes
// it, so that the umasks it has cached for creating calls are read again
// (tracee/umask.go).
package handlers

import (
	"golang.org/x/sys/unix"

	"syd/supervisor/internal/tracee"
)

func init() {
	register(unix.SYS_UMASK, "umask", sysUmask, nil)
}

func sysUmask(c *Call) (int64, error) {
	tracee.UmaskChanging(c.Pid())
	return 0, errContinue
}
