// Package stub is the child side of syd: it loads the seccomp filter, hands the
// listener to the supervisor and execs the sandboxed command. It reads top to bottom.
package stub

import (
	"encoding/binary"
	"os"
	"runtime"

	"golang.org/x/sys/unix"

	"syd/supervisor/internal/boundary"
	"syd/supervisor/internal/filter"
	"syd/supervisor/internal/handoff"
	"syd/supervisor/internal/lockexec"
)

// Main runs the stub and never returns. The guard started us with PDEATHSIG=SIGKILL,
// so we die with it.
func Main() {
	runtime.LockOSThread()
	fds := handoff.ControlFDs()
	if len(fds) != 1 {
		os.Exit(127)
	}
	ctlFD = fds[0]
	unix.CloseOnExec(ctlFD) // a successful exec closes it, which the supervisor reads as success
	conn := handoff.File(ctlFD, "syd-stub")

	var cfg handoff.StubConfig
	if err := handoff.ReadFrame(conn, &cfg); err != nil {
		os.Exit(127)
	}

	// A plugin is loaded before the filter, like Syd loads it in the parent: its
	// constructors and dependencies are not sandboxed, its syd_main is.
	var pluginMain func() int32
	if cfg.Plugin != "" {
		fn, errno := loadPlugin(cfg.Plugin)
		if errno != 0 {
			writeInt32(-int32(errno))
			unix.Exit(127)
		}
		pluginMain = fn
	}

	// The sandbox's reach ends at its Landlock domain (syd and the guard are
	// outside it), and it holds no capability unless the policy keeps them.
	if err := boundary.EnterDomain(cfg.ScopeSignals); err != nil {
		writeInt32(-int32(unix.EPERM))
		unix.Exit(127)
	}
	if !cfg.KeepCaps {
		if err := boundary.DropCapabilities(); err != nil {
			writeInt32(-int32(unix.EPERM))
			unix.Exit(127)
		}
	}

	if cfg.ExecRoots != nil {
		if err := lockexec.Restrict(cfg.ExecRoots); err != nil {
			writeInt32(-int32(unix.EPERM))
			unix.Exit(127)
		}
	}

	// From here on, any intercepted system call of ours would wait for a supervisor
	// that does not have the listener yet: only raw read, write, close, fcntl, execve.
	listener, err := filter.Load(cfg.Static, cfg.BPF)
	if err != nil {
		errno, _ := err.(unix.Errno)
		if errno == 0 {
			errno = unix.EINVAL
		}
		writeInt32(-int32(errno))
		unix.Exit(127)
	}
	writeInt32(int32(listener))

	var ack [1]byte
	if n, _ := unix.Read(ctlFD, ack[:]); n != 1 {
		unix.Exit(127) // the supervisor went away
	}
	unix.Close(listener)

	if pluginMain != nil {
		// No exec will close the control socket: close it so syd sees "started".
		unix.Close(ctlFD)
		exitFlushingC(int(pluginMain()))
	}

	err = unix.Exec(cfg.Path, cfg.Argv, cfg.Env)
	errno, _ := err.(unix.Errno)
	writeInt32(int32(errno))
	unix.Exit(127)
}

// ctlFD is the stub's control socket to the supervisor.
var ctlFD int

func writeInt32(v int32) {
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], uint32(v))
	_, _ = unix.Write(ctlFD, b[:])
}
