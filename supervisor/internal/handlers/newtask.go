// newtask.go: the calls that make tasks (fork, vfork, clone, clone3), seen for
// two measures: the task limit of sandbox/pid (pidlimit.go), and whether a
// process shares its fd table with another (clone with CLONE_FILES and without
// CLONE_THREAD), which decides how a library mapped executable is checked
// (mmapexec.go). The calls are continued unless the task limit acts.
package handlers

import (
	"encoding/binary"
	"sync/atomic"

	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/filter"
	"syd/supervisor/internal/tracee"
)

// sharedFiles is set for good once a sandboxed process shares its fd table
// with a process other than its own threads.
var sharedFiles atomic.Bool

func init() {
	for _, c := range []sysName{{unix.SYS_FORK, "fork"}, {unix.SYS_VFORK, "vfork"}} {
		register(c.nr, c.name, sysNewTask, nil)
		table[c.nr].only = PidLimited
	}
	register(unix.SYS_CLONE, "clone", sysNewTask, nil)
	// Every clone under sandbox/pid; otherwise those that share the fd table
	// with a new process.
	table[unix.SYS_CLONE].whenFor = func(p *sandbox.Policy) []filter.ArgMask {
		if PidLimited(p) {
			return nil
		}
		return []filter.ArgMask{{Arg: 0, Mask: unix.CLONE_FILES | unix.CLONE_THREAD, Value: unix.CLONE_FILES}}
	}
	// clone3's flags are in memory: every call (the static layer refuses
	// clone3 unless namespaces are allowed).
	register(unix.SYS_CLONE3, "clone3", sysNewTask, nil)
}

func sysNewTask(c *Call) (int64, error) {
	c.noteSharedFiles()
	return c.pidLimit()
}

// noteSharedFiles sets sharedFiles for a clone that makes a process sharing
// the caller's fd table (a clone3 whose flags cannot be read counts as one).
func (c *Call) noteSharedFiles() {
	var flags uint64
	switch int(c.Req.Data.Nr) {
	case unix.SYS_CLONE:
		flags = c.Arg(0)
	case unix.SYS_CLONE3:
		var b [8]byte
		if err := tracee.Read(c.Pid(), c.Arg(0), b[:]); err != nil {
			sharedFiles.Store(true)
			return
		}
		flags = binary.LittleEndian.Uint64(b[:]) // struct clone_args starts with its flags
	default:
		return
	}
	if flags&unix.CLONE_FILES != 0 && flags&unix.CLONE_THREAD == 0 {
		sharedFiles.Store(true)
	}
}
