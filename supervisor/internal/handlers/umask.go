// umask.go: umask(2) is run by the kernel as the caller made it; syd only notes
// it, so that the umasks it has cached for creating calls are read again
// (tracee/umask.go).
package handlers

import (
	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/tracee"
)

func init() {
	// Every category of a call that creates (open, mkdir, mknod, bind): umask
	// is supervised whenever one of them may be, so the cache cannot go stale.
	register(unix.SYS_UMASK, "umask", sysUmask, cats(sandbox.CatRead, sandbox.CatReaddir, sandbox.CatWrite,
		sandbox.CatCreate, sandbox.CatTruncate, sandbox.CatMktemp, sandbox.CatStat, sandbox.CatMkdir,
		sandbox.CatMkdev, sandbox.CatMkfifo, sandbox.CatNetBind, sandbox.CatNetConnect))
}

func sysUmask(c *Call) (int64, error) {
	tracee.UmaskChanging(c.Pid())
	return 0, errContinue
}
