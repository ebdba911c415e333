// Package guard is the reaper between the supervisor and the sandbox: a child
// subreaper that starts the stub, reports the exec child's exit status, and kills every
// sandboxed process when the supervisor dies, so nothing runs unsupervised.
package guard

import (
	"encoding/binary"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"syscall"

	"golang.org/x/sys/unix"

	"syd/supervisor/internal/boundary"
	"syd/supervisor/internal/handoff"
)

// Main runs the guard and never returns. The supervisor started us with
// PDEATHSIG=SIGUSR1: that signal means the supervisor is gone.
func Main() {
	// The stub's PDEATHSIG fires when the thread that forked it exits; this
	// goroutine never unlocks, so that thread lives as long as the guard.
	runtime.LockOSThread()
	if err := unix.Prctl(unix.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); err != nil {
		os.Exit(127)
	}
	fds := handoff.ControlFDs()
	if len(fds) != 2 {
		os.Exit(127)
	}
	ctlFD := fds[0]
	ctl := handoff.File(ctlFD, "syd-guard-ctl")
	stubConn := handoff.File(fds[1], "syd-guard-stub")
	unix.CloseOnExec(ctlFD)
	unix.CloseOnExec(fds[1])

	var cfg handoff.GuardConfig
	if err := handoff.ReadFrame(ctl, &cfg); err != nil {
		os.Exit(127)
	}
	// Nothing in the sandbox may attach to the guard or open its /proc files.
	if !cfg.Dumpable && boundary.NotDumpable() != nil {
		os.Exit(127)
	}
	watchSignals()

	pidfd := -1
	extra, nums := handoff.ExtraFiles(cfg.Inherit, stubConn)
	cmd := &exec.Cmd{
		Path:       "/proc/self/exe",
		Args:       []string{cfg.Argv0},
		Env:        []string{handoff.EnvMarker + "=" + handoff.ModeStub, handoff.FDsEnv(nums)},
		Stdin:      os.Stdin,
		Stdout:     os.Stdout,
		Stderr:     os.Stderr,
		ExtraFiles: extra,
		SysProcAttr: &syscall.SysProcAttr{
			Pdeathsig: syscall.SIGKILL,
			PidFD:     &pidfd,
		},
	}
	if err := cmd.Start(); err != nil {
		os.Exit(127)
	}
	stubConn.Close()
	stub := cmd.Process.Pid
	// The supervisor needs a pidfd of the stub for pidfd_getfd; a pid alone could be reused.
	rights := unix.UnixRights(pidfd)
	var pidb [4]byte
	binary.LittleEndian.PutUint32(pidb[:], uint32(stub))
	if err := unix.Sendmsg(ctlFD, pidb[:], rights, nil, 0); err != nil {
		killDescendants()
		os.Exit(127)
	}
	unix.Close(pidfd)

	status := int32(-1)
	for {
		var ws unix.WaitStatus
		pid, err := unix.Wait4(-1, &ws, 0, nil)
		if err == unix.EINTR {
			continue
		}
		if err != nil { // ECHILD: nothing left
			break
		}
		if pid == stub {
			status = int32(ws)
			if !cfg.WaitAll {
				break
			}
		}
	}
	killDescendants()
	_ = handoff.WriteInt32(ctl, status)
	os.Exit(0)
}

// watchSignals keeps terminal signals from killing the guard (the sandbox gets its
// own copy from the terminal) and turns SIGUSR1, our parent-death signal, into
// killing the whole sandbox. Signals that were ignored when we started stay ignored,
// so the sandbox inherits the disposition syd was started with.
func watchSignals() {
	ch := make(chan os.Signal, 4)
	signal.Notify(ch, syscall.SIGUSR1)
	for _, s := range []os.Signal{syscall.SIGINT, syscall.SIGQUIT, syscall.SIGTERM, syscall.SIGHUP} {
		if !signal.Ignored(s) {
			signal.Notify(ch, s)
		}
	}
	go func() {
		for s := range ch {
			if s == syscall.SIGUSR1 {
				killDescendants()
				os.Exit(1)
			}
		}
	}()
}
