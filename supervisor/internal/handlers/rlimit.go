// rlimit.go: setrlimit(2) and prlimit64(2). A sandboxed process may lower its
// limits but not raise them (spec 06 §2: a raised RLIMIT_NPROC or RLIMIT_NOFILE is
// room for a fork or fd bomb beyond what the sandbox was started with), and it
// may not touch syd's or the guard's limits at all: a supervisor left with no
// fds or no address space stops answering. The new limit is read once and syd
// sets it itself, so the value checked is the value applied. Reading limits
// stays in the kernel. trace/allow_unsafe_prlimit lifts the raise check; the
// protection of syd and the guard stays.
package handlers

import (
	"encoding/binary"

	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/filter"
	"syd/supervisor/internal/tracee"
)

func init() {
	otherPid := filter.ArgMask{Arg: 0, Op: filter.NotEqual, Value: 0}
	registerRelaxed(unix.SYS_SETRLIMIT, "setrlimit", sysSetrlimit, sandbox.FlagAllowUnsafePrlimit, nil, nil)
	registerRelaxed(unix.SYS_PRLIMIT64, "prlimit64", sysPrlimit64, sandbox.FlagAllowUnsafePrlimit,
		[]filter.ArgMask{otherPid, {Arg: 2, Op: filter.NotEqual, Value: 0}}, []filter.ArgMask{otherPid})
}

// rlimNlimits is RLIM_NLIMITS: resources are numbered below it.
const rlimNlimits = 16

func sysSetrlimit(c *Call) (int64, error) {
	return c.prlimit(0, c.Arg(0), c.Arg(1), 0)
}

func sysPrlimit64(c *Call) (int64, error) {
	return c.prlimit(int32(c.Arg(0)), c.Arg(1), c.Arg(2), c.Arg(3))
}

// prlimit sets (newAddr != 0) or reads resource of process pid (0: the caller's)
// for the caller, writing the previous limit to oldAddr when it is not 0.
func (c *Call) prlimit(pid int32, resource, newAddr, oldAddr uint64) (int64, error) {
	target := 0
	if pid < 0 {
		return 0, unix.ESRCH
	}
	if pid != 0 {
		host := c.hostPid(int(pid))
		if host <= 0 {
			return 0, unix.ESRCH
		}
		st, err := tracee.ReadStatus(host)
		if err != nil {
			return 0, unix.ESRCH
		}
		if c.Env.Supervisor(st.Tgid) {
			return 0, unix.EPERM
		}
		target = st.Tgid
	}
	if newAddr == 0 || c.Policy.Has(sandbox.FlagAllowUnsafePrlimit) {
		// A read, or a set the policy does not check: the target is in the
		// sandbox, and the pid stays its until the call runs (a pid is reused only
		// after every other one has been handed out).
		if !c.Valid() {
			return 0, errGone
		}
		return 0, errContinue
	}
	if uint32(resource) >= rlimNlimits {
		return 0, unix.EINVAL
	}
	var b [16]byte
	if err := tracee.Read(c.Pid(), newAddr, b[:]); err != nil {
		return 0, unix.EFAULT
	}
	want := unix.Rlimit{Cur: binary.NativeEndian.Uint64(b[:8]), Max: binary.NativeEndian.Uint64(b[8:])}
	if target == 0 {
		st, err := c.status()
		if err != nil {
			return 0, goneIfESRCH(err)
		}
		target = st.Tgid
	}
	if !c.Valid() {
		return 0, errGone
	}
	if want.Cur > want.Max {
		return 0, unix.EINVAL
	}
	var cur unix.Rlimit
	if err := unix.Prlimit(target, int(resource), nil, &cur); err != nil {
		return 0, err
	}
	if want.Cur > cur.Cur || want.Max > cur.Max {
		return 0, unix.EPERM // a raise
	}
	var old unix.Rlimit
	if err := unix.Prlimit(target, int(resource), &want, &old); err != nil {
		return 0, err
	}
	if oldAddr != 0 {
		binary.NativeEndian.PutUint64(b[:8], old.Cur)
		binary.NativeEndian.PutUint64(b[8:], old.Max)
		if err := c.writeMem(oldAddr, b[:]); err != nil {
			return 0, unix.EFAULT
		}
	}
	return 0, nil
}
