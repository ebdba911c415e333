// run.go: running a command under `syd -x` with syd's log on a pipe, and
// reading the log while it runs.

package pandora

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// RunConfig says what to run.
type RunConfig struct {
	Syd     string        // syd binary, looked up in PATH
	SydOpts []string      // options given to syd after -x
	Command []string      // the command and its arguments
	Timeout time.Duration // SIGKILL syd after this long; 0 = never
}

// RunResult is how a run ended.
type RunResult struct {
	Started  bool // syd ran (errors after that leave a partial log)
	Status   int  // syd's exit status: the command's, 128+n when syd was killed by signal n
	TimedOut bool // syd was killed at the timeout
	Skipped  int  // log lines that were not access records
}

// logFD is the fd syd gets its log pipe on (ExtraFiles[0]).
const logFD = 3

// drainGrace is how long to keep reading after syd exited: the pipe's write
// end belongs to syd alone, so EOF comes at once unless something kept it.
const drainGrace = 5 * time.Second

// Run runs cfg.Command under `syd -x`, calling fn for every access record of
// the log (from one goroutine, in order) until the log ends and syd exited.
// The command's stdin, stdout and stderr are pandora's. An error with
// Started unset means the run did not happen (syd not found, no pipe).
func Run(cfg RunConfig, fn func(Record)) (RunResult, error) {
	var res RunResult
	bin, err := exec.LookPath(cfg.Syd)
	if err != nil {
		return res, fmt.Errorf("cannot run syd: %w", err)
	}
	r, w, err := os.Pipe()
	if err != nil {
		return res, fmt.Errorf("cannot create the log pipe: %w", err)
	}
	defer r.Close()
	// A larger pipe gives the reader slack: syd drops log lines rather than
	// stall the sandbox when the reader falls behind. At most the user's
	// limit (fs.pipe-max-size); failure leaves the default.
	_, _ = unix.FcntlInt(w.Fd(), unix.F_SETPIPE_SZ, 1<<20)

	args := append([]string{"-x"}, cfg.SydOpts...)
	args = append(append(args, "--"), cfg.Command...)
	cmd := exec.Command(bin, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.ExtraFiles = []*os.File{w}
	cmd.Env = sydEnv(os.Environ())

	// Terminal signals reach syd and the sandbox from the terminal; pandora
	// stays to write what it collected. SIGTERM and SIGHUP sent to pandora
	// are passed on to syd (which passes them to the command).
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGQUIT, syscall.SIGTERM, syscall.SIGHUP)
	defer func() { signal.Stop(sigs); close(sigs) }()

	err = cmd.Start()
	w.Close()
	if err != nil {
		return res, fmt.Errorf("cannot run syd: %w", err)
	}
	res.Started = true
	go func() {
		for s := range sigs {
			if s == syscall.SIGTERM || s == syscall.SIGHUP {
				_ = cmd.Process.Signal(s)
			}
		}
	}()

	var timedOut atomic.Bool
	if cfg.Timeout > 0 {
		t := time.AfterFunc(cfg.Timeout, func() {
			timedOut.Store(true)
			_ = cmd.Process.Kill() // syd's death kills the whole sandbox
		})
		defer t.Stop()
	}

	done := make(chan struct{})
	var scanErr error
	go func() {
		defer close(done)
		res.Skipped, scanErr = Scan(r, fn)
	}()

	waitErr := cmd.Wait()
	select {
	case <-done:
	case <-time.After(drainGrace):
		_ = r.SetReadDeadline(time.Now()) // stop the reader; keep what it read
		<-done
	}
	res.TimedOut = timedOut.Load()
	res.Status = exitStatus(cmd.ProcessState)
	if scanErr != nil && !errors.Is(scanErr, os.ErrDeadlineExceeded) {
		return res, fmt.Errorf("reading syd's log: %w", scanErr)
	}
	var ee *exec.ExitError
	if waitErr != nil && !errors.As(waitErr, &ee) {
		return res, fmt.Errorf("waiting for syd: %w", waitErr)
	}
	return res, nil
}

// sydEnv is pandora's environment for syd: the log on logFD as JSON (no
// SYD_FORCE_TTY, which would make it the readable form), no syslog copy
// unless the caller asked for one (SYD_NO_SYSLOG set), and a log level that
// lets the warn records through.
func sydEnv(env []string) []string {
	out := make([]string, 0, len(env)+2)
	noSyslog := false
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "SYD_LOG_FD", "SYD_FORCE_TTY":
			continue
		case "SYD_NO_SYSLOG":
			noSyslog = true
		case "SYD_LOG":
			switch strings.ToLower(v) {
			case "emerg", "alert", "crit", "error":
				kv = "SYD_LOG=warn" // access records are warn: a quieter level hides them all
			}
		}
		out = append(out, kv)
	}
	out = append(out, fmt.Sprintf("SYD_LOG_FD=%d", logFD))
	if !noSyslog {
		out = append(out, "SYD_NO_SYSLOG=1")
	}
	return out
}

// exitStatus is a finished process's status as a shell reports it.
func exitStatus(ps *os.ProcessState) int {
	if ps == nil {
		return 1
	}
	if ws, ok := ps.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal())
	}
	return ps.ExitCode()
}
