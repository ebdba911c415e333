// signals.go: a foreground run or exec passes the signals syd-oci gets on to
// the container's process, as runc does.
package sydoci

import (
	"os"
	"os/signal"

	"github.com/opencontainers/runc/libcontainer"
	"golang.org/x/sys/unix"
)

// forwardSignals passes SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2
// and SIGWINCH on to p until the returned stop is called.
func forwardSignals(p *libcontainer.Process) (stop func()) {
	ch := make(chan os.Signal, 16)
	signal.Notify(ch, unix.SIGINT, unix.SIGTERM, unix.SIGHUP, unix.SIGQUIT, unix.SIGUSR1, unix.SIGUSR2, unix.SIGWINCH)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case s := <-ch:
				_ = p.Signal(s)
			case <-done:
				return
			}
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}
