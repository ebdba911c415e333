// Package surface decides the static seccomp layer (spec 06 §2, §5): the system
// calls the kernel refuses by itself, or turns into no-ops, for every sandboxed
// process, at no notification cost. Each measure names the trace/allow_unsafe_*
// flag that turns it off; the rest of the policy does not matter here, and the
// layer is fixed when the sandbox starts.
package surface

import (
	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/boundary"
	"syd/supervisor/internal/filter"
)

// none marks a measure no flag relaxes.
const none = sandbox.NoFlag

// measure is one hardening measure: the calls it answers and the flag that lifts it.
type measure struct {
	what  string
	relax sandbox.Flag
	calls func(p *sandbox.Policy) []filter.Static
}

// refuse answers every call of names with errno (0: a no-op that succeeds).
func refuse(errno unix.Errno, calls ...call) func(*sandbox.Policy) []filter.Static {
	return func(*sandbox.Policy) []filter.Static {
		out := make([]filter.Static, len(calls))
		for i, c := range calls {
			out[i] = filter.Static{Name: c.name, Nr: c.nr, Refuse: []filter.Refusal{{Errno: errno}}}
		}
		return out
	}
}

type call struct {
	nr   int
	name string
}

// measures is the static layer, in the order -E pfc lists the measures (its code
// is sorted by system call).
var measures = []measure{
	{"kernel administration: modules, kexec, reboot, swap, accounting, quotas, I/O ports, vhangup", none,
		refuse(unix.EPERM, call{unix.SYS_INIT_MODULE, "init_module"}, call{unix.SYS_FINIT_MODULE, "finit_module"},
			call{unix.SYS_DELETE_MODULE, "delete_module"}, call{unix.SYS_KEXEC_LOAD, "kexec_load"},
			call{unix.SYS_KEXEC_FILE_LOAD, "kexec_file_load"}, call{unix.SYS_REBOOT, "reboot"},
			call{unix.SYS_SWAPON, "swapon"}, call{unix.SYS_SWAPOFF, "swapoff"}, call{unix.SYS_ACCT, "acct"},
			call{unix.SYS_QUOTACTL, "quotactl"}, call{unix.SYS_QUOTACTL_FD, "quotactl_fd"},
			call{unix.SYS_IOPL, "iopl"}, call{unix.SYS_IOPERM, "ioperm"}, call{unix.SYS_VHANGUP, "vhangup"})},
	{"mounts: a mount would change what every checked path names (Syd mounts only at start)", none,
		refuse(unix.EPERM, call{unix.SYS_MOUNT, "mount"}, call{unix.SYS_UMOUNT2, "umount2"},
			call{unix.SYS_FSOPEN, "fsopen"}, call{unix.SYS_FSCONFIG, "fsconfig"}, call{unix.SYS_FSMOUNT, "fsmount"},
			call{unix.SYS_FSPICK, "fspick"}, call{unix.SYS_MOVE_MOUNT, "move_mount"},
			call{unix.SYS_OPEN_TREE, "open_tree"}, call{unix.SYS_OPEN_TREE_ATTR, "open_tree_attr"},
			call{unix.SYS_MOUNT_SETATTR, "mount_setattr"}, call{unix.SYS_PIVOT_ROOT, "pivot_root"})},
	{"file handles: open_by_handle_at opens a file by inode, past every path rule", none,
		func(*sandbox.Policy) []filter.Static {
			return []filter.Static{
				{Name: "name_to_handle_at", Nr: unix.SYS_NAME_TO_HANDLE_AT, Refuse: []filter.Refusal{{Errno: unix.EOPNOTSUPP}}},
				{Name: "open_by_handle_at", Nr: unix.SYS_OPEN_BY_HANDLE_AT, Refuse: []filter.Refusal{{Errno: unix.EPERM}}},
			}
		}},
	{"path calls newer than the supervisor (*xattrat, file_getattr, file_setattr): callers fall back to supervised ones", none,
		refuse(unix.ENOSYS, call{unix.SYS_SETXATTRAT, "setxattrat"}, call{unix.SYS_GETXATTRAT, "getxattrat"},
			call{unix.SYS_LISTXATTRAT, "listxattrat"}, call{unix.SYS_REMOVEXATTRAT, "removexattrat"},
			call{unix.SYS_FILE_GETATTR, "file_getattr"}, call{unix.SYS_FILE_SETATTR, "file_setattr"})},
	{"userfaultfd (the call, and USERFAULTFD_IOC_NEW on /dev/userfaultfd): it lets a process stall the supervisor's reads of its memory", none,
		refuse(unix.EPERM, call{unix.SYS_USERFAULTFD, "userfaultfd"})},
	{"io_uring: its operations make no system call the supervisor sees", sandbox.FlagAllowUnsafeIouring,
		refuse(unix.ENOSYS, call{unix.SYS_IO_URING_SETUP, "io_uring_setup"},
			call{unix.SYS_IO_URING_ENTER, "io_uring_enter"}, call{unix.SYS_IO_URING_REGISTER, "io_uring_register"})},
	{"debugging other processes: ptrace, their memory, their fds", sandbox.FlagAllowUnsafePtrace,
		refuse(unix.EPERM, call{unix.SYS_PTRACE, "ptrace"}, call{unix.SYS_PROCESS_VM_READV, "process_vm_readv"},
			call{unix.SYS_PROCESS_VM_WRITEV, "process_vm_writev"}, call{unix.SYS_PIDFD_GETFD, "pidfd_getfd"},
			call{unix.SYS_KCMP, "kcmp"}, call{unix.SYS_PROCESS_MADVISE, "process_madvise"},
			call{unix.SYS_PROCESS_MRELEASE, "process_mrelease"})},
	{"perf events", sandbox.FlagAllowUnsafePerf,
		refuse(unix.EACCES, call{unix.SYS_PERF_EVENT_OPEN, "perf_event_open"})},
	{"kernel keyrings", sandbox.FlagAllowUnsafeKeyring,
		refuse(unix.ENOSYS, call{unix.SYS_ADD_KEY, "add_key"}, call{unix.SYS_REQUEST_KEY, "request_key"},
			call{unix.SYS_KEYCTL, "keyctl"})},
	{"eBPF", sandbox.FlagAllowUnsafeEbpf, refuse(unix.EPERM, call{unix.SYS_BPF, "bpf"})},
	{"CPU emulation: local descriptor tables", sandbox.FlagAllowUnsafeCPU,
		refuse(unix.ENOSYS, call{unix.SYS_MODIFY_LDT, "modify_ldt"})},
	{"memory protection keys", sandbox.FlagAllowUnsafePkey,
		refuse(unix.ENOSYS, call{unix.SYS_PKEY_ALLOC, "pkey_alloc"}, call{unix.SYS_PKEY_FREE, "pkey_free"},
			call{unix.SYS_PKEY_MPROTECT, "pkey_mprotect"})},
	{"setting clocks", sandbox.FlagAllowUnsafeTime,
		refuse(unix.EPERM, call{unix.SYS_ADJTIMEX, "adjtimex"}, call{unix.SYS_CLOCK_ADJTIME, "clock_adjtime"},
			call{unix.SYS_CLOCK_SETTIME, "clock_settime"}, call{unix.SYS_SETTIMEOFDAY, "settimeofday"})},
	{"the kernel log", sandbox.FlagAllowUnsafeSyslog, refuse(unix.EPERM, call{unix.SYS_SYSLOG, "syslog"})},
	{"sync: a no-op (flushing every file system is a host-wide cost)", sandbox.FlagAllowUnsafeSync,
		refuse(0, call{unix.SYS_SYNC, "sync"}, call{unix.SYS_SYNCFS, "syncfs"})},
	{"System V message queues (kernel heap grooming)", sandbox.FlagAllowUnsafeMsgsnd,
		refuse(unix.EPERM, call{unix.SYS_MSGSND, "msgsnd"})},
	{"scheduling and priority of other processes (a process may still lower its own)", sandbox.FlagAllowUnsafeNice, selfOnly},
	{"namespaces the sandbox creates (trace/allow_unsafe_namespace lists the ones it may)", none, namespaces},
	{"prctl options outside the allowlist", sandbox.FlagAllowUnsafePrctl, prctl},
	{"executable memfds (MFD_EXEC)", sandbox.FlagAllowUnsafeMemfd,
		func(*sandbox.Policy) []filter.Static {
			return []filter.Static{{Name: "memfd_create", Nr: unix.SYS_MEMFD_CREATE, Refuse: []filter.Refusal{
				{When: []filter.ArgMask{{Arg: 1, Mask: unix.MFD_EXEC, Value: unix.MFD_EXEC}}, Errno: unix.EACCES},
			}}}
		}},
	{"W^X: mappings writable and executable at once (mmap, mprotect, pkey_mprotect); the stub's PR_SET_MDWE also refuses making a mapping executable", sandbox.FlagAllowUnsafeMemory, writeExec},
	{"ioctl requests of the deny list (TIOCSTI, TIOCLINUX: terminal input injection)", none, ioctls},
}

// writeExec refuses a protection that is writable and executable at once, for
// every call that sets one (spec 06 §3). Making an existing mapping executable
// takes its history, which BPF cannot see: PR_SET_MDWE in the stub refuses that.
func writeExec(*sandbox.Policy) []filter.Static {
	wx := uint64(unix.PROT_WRITE | unix.PROT_EXEC)
	var out []filter.Static
	for _, c := range []call{{unix.SYS_MMAP, "mmap"}, {unix.SYS_MPROTECT, "mprotect"}, {unix.SYS_PKEY_MPROTECT, "pkey_mprotect"}} {
		out = append(out, filter.Static{Name: c.name, Nr: c.nr, Refuse: []filter.Refusal{
			{When: []filter.ArgMask{{Arg: 2, Mask: wx, Value: wx}}, Errno: unix.EACCES},
		}})
	}
	return out
}

// Rules returns the static layer for p.
func Rules(p *sandbox.Policy) []filter.Static {
	var out []filter.Static
	for _, m := range measures {
		if m.relax != none && p.Has(m.relax) {
			continue
		}
		out = append(out, m.calls(p)...)
	}
	return out
}

// Measures lists what the static layer refuses and the flag that lifts each, for
// -E pfc and the documentation.
func Measures() []string {
	out := make([]string, len(measures))
	for i, m := range measures {
		out[i] = m.what
		if m.relax != none {
			out[i] += " [trace/" + m.relax.String() + ":1]"
		}
	}
	return out
}

// selfOnly lets a process change its own scheduling (pid 0) and refuses it for
// others, among them syd: lowering the supervisor's priority would slow every
// sandboxed call.
func selfOnly(*sandbox.Policy) []filter.Static {
	var out []filter.Static
	for _, c := range []call{{unix.SYS_SCHED_SETSCHEDULER, "sched_setscheduler"}, {unix.SYS_SCHED_SETPARAM, "sched_setparam"},
		{unix.SYS_SCHED_SETATTR, "sched_setattr"}, {unix.SYS_SCHED_SETAFFINITY, "sched_setaffinity"}} {
		out = append(out, filter.Static{Name: c.name, Nr: c.nr, Refuse: []filter.Refusal{
			{When: []filter.ArgMask{{Arg: 0, Value: 0, Op: filter.NotEqual}}, Errno: unix.EPERM},
		}})
	}
	// setpriority(PRIO_PROCESS, 0, n), ioprio_set(IOPRIO_WHO_PROCESS, 0, p).
	for _, c := range []struct {
		call
		self uint64
	}{{call{unix.SYS_SETPRIORITY, "setpriority"}, unix.PRIO_PROCESS}, {call{unix.SYS_IOPRIO_SET, "ioprio_set"}, 1}} {
		out = append(out, filter.Static{Name: c.name, Nr: c.nr, Refuse: []filter.Refusal{
			{When: []filter.ArgMask{{Arg: 0, Value: c.self, Op: filter.NotEqual}}, Errno: unix.EPERM},
			{When: []filter.ArgMask{{Arg: 1, Value: 0, Op: filter.NotEqual}}, Errno: unix.EPERM},
		}})
	}
	return out
}

// namespaceFlags are the CLONE_NEW* bits of each namespace.
var namespaceFlags = []struct {
	ns   sandbox.Namespaces
	flag uint64
}{
	{sandbox.NSMount, unix.CLONE_NEWNS}, {sandbox.NSUTS, unix.CLONE_NEWUTS}, {sandbox.NSIPC, unix.CLONE_NEWIPC},
	{sandbox.NSUser, unix.CLONE_NEWUSER}, {sandbox.NSPID, unix.CLONE_NEWPID}, {sandbox.NSNet, unix.CLONE_NEWNET},
	{sandbox.NSCgroup, unix.CLONE_NEWCGROUP}, {sandbox.NSTime, unix.CLONE_NEWTIME},
}

// namespaces refuses clone and unshare with the CLONE_NEW* bit of a namespace the
// policy does not let the sandbox create, setns unless it may create one, and
// clone3 (its flags are in memory, out of a filter's reach) unless it may create
// all: libc falls back to clone on ENOSYS.
func namespaces(p *sandbox.Policy) []filter.Static {
	allowed := p.UnsafeNamespaces()
	var denied uint64
	for _, n := range namespaceFlags {
		if !allowed.Has(n.ns) {
			denied |= n.flag
		}
	}
	var out []filter.Static
	for _, c := range []call{{unix.SYS_CLONE, "clone"}, {unix.SYS_UNSHARE, "unshare"}} {
		bits := denied
		if c.nr == unix.SYS_CLONE {
			bits &^= unix.CLONE_NEWTIME // clone's low byte is the exit signal
		}
		s := filter.Static{Name: c.name, Nr: c.nr}
		for b := uint64(1); b != 0; b <<= 1 {
			if bits&b != 0 {
				s.Refuse = append(s.Refuse, filter.Refusal{When: []filter.ArgMask{{Arg: 0, Mask: b, Value: b}}, Errno: unix.EPERM})
			}
		}
		if len(s.Refuse) > 0 {
			out = append(out, s)
		}
	}
	if allowed == 0 {
		out = append(out, filter.Static{Name: "setns", Nr: unix.SYS_SETNS, Refuse: []filter.Refusal{{Errno: unix.EPERM}}})
	}
	if denied != 0 {
		out = append(out, filter.Static{Name: "clone3", Nr: unix.SYS_CLONE3, Refuse: []filter.Refusal{{Errno: unix.ENOSYS}}})
	}
	return out
}

// prctlAllowed are the prctl options a sandboxed process may use: what programs
// ask about themselves and the settings that only restrict them. Left out, among
// others: PR_SET_MM (rewrites the memory map's bounds), PR_SET_SPECULATION_CTRL
// (turns mitigations off), PR_SET_IO_FLUSHER, PR_SCHED_CORE (acts on other
// processes), PR_SET_PTRACER and PR_SET_VMA.
var prctlAllowed = []uint64{
	unix.PR_SET_PDEATHSIG, unix.PR_GET_PDEATHSIG, unix.PR_GET_DUMPABLE, unix.PR_SET_DUMPABLE,
	unix.PR_GET_UNALIGN, unix.PR_GET_KEEPCAPS, unix.PR_SET_KEEPCAPS, unix.PR_GET_FPEMU,
	unix.PR_GET_FPEXC, unix.PR_GET_TIMING, unix.PR_SET_NAME, unix.PR_GET_NAME, unix.PR_GET_ENDIAN,
	unix.PR_GET_SECCOMP, unix.PR_SET_SECCOMP, unix.PR_CAPBSET_READ, unix.PR_CAPBSET_DROP,
	unix.PR_GET_TSC, unix.PR_SET_TSC, unix.PR_GET_SECUREBITS, unix.PR_SET_SECUREBITS,
	unix.PR_SET_TIMERSLACK, unix.PR_GET_TIMERSLACK, unix.PR_TASK_PERF_EVENTS_DISABLE,
	unix.PR_TASK_PERF_EVENTS_ENABLE, unix.PR_MCE_KILL, unix.PR_MCE_KILL_GET,
	unix.PR_SET_CHILD_SUBREAPER, unix.PR_GET_CHILD_SUBREAPER, unix.PR_SET_NO_NEW_PRIVS,
	unix.PR_GET_NO_NEW_PRIVS, unix.PR_GET_TID_ADDRESS, unix.PR_SET_THP_DISABLE,
	unix.PR_GET_THP_DISABLE, unix.PR_GET_FP_MODE, unix.PR_CAP_AMBIENT, unix.PR_GET_SPECULATION_CTRL,
	unix.PR_GET_TAGGED_ADDR_CTRL, unix.PR_GET_IO_FLUSHER, unix.PR_SET_MDWE, unix.PR_GET_MDWE,
	74, 75, 76, // PR_GET/SET/LOCK_SHADOW_STACK_STATUS
}

// prctl refuses every option outside prctlAllowed with EINVAL, what the kernel
// answers for an option it does not know (PR_SET_TSC too under trace/deny_tsc,
// which must stay in force; PR_SET_SPECULATION_CTRL is allowed under
// trace/allow_unsafe_spec_exec). Options are small numbers: everything from 128
// on is one comparison, the gaps below are covered by blocks.
func prctl(p *sandbox.Policy) []filter.Static {
	allowed := map[uint64]bool{}
	for _, o := range prctlAllowed {
		allowed[o] = true
	}
	if p.Has(sandbox.FlagDenyTSC) {
		delete(allowed, unix.PR_SET_TSC)
	}
	if p.Has(sandbox.FlagAllowUnsafeSpecExec) {
		allowed[unix.PR_SET_SPECULATION_CTRL] = true
	}
	s := filter.Static{Name: "prctl", Nr: unix.SYS_PRCTL, Refuse: []filter.Refusal{
		{When: []filter.ArgMask{{Arg: 0, Value: 128, Op: filter.GreaterEqual}}, Errno: unix.EINVAL},
	}}
	if !boundary.HasCapability(unix.CAP_SYS_PTRACE) {
		// An undumpable process's memory and /proc files need CAP_SYS_PTRACE to
		// read: a supervisor without it could no longer read that process's
		// arguments, and every call it makes would fail. PR_SET_DUMPABLE 0
		// succeeds without effect; what it protects against inside the sandbox
		// (ptrace, process_vm_readv, other processes' /proc) is refused anyway.
		s.Refuse = append(s.Refuse, filter.Refusal{When: []filter.ArgMask{
			{Arg: 0, Op: filter.Equal, Value: unix.PR_SET_DUMPABLE}, {Arg: 1, Op: filter.Equal, Value: 0}}, Errno: 0})
	}
	for lo, o := uint64(0), uint64(0); o <= 128; o++ {
		if o < 128 && !allowed[o] {
			continue
		}
		if o > lo {
			for _, b := range filter.Blocks(0, lo, o-1) {
				s.Refuse = append(s.Refuse, filter.Refusal{When: []filter.ArgMask{b}, Errno: unix.EINVAL})
			}
		}
		lo = o + 1
	}
	return []filter.Static{s}
}

// userfaultfdIocNew is USERFAULTFD_IOC_NEW, _IO(0xAA, 0x00): a userfaultfd from
// /dev/userfaultfd, refused like the system call.
const userfaultfdIocNew = 0xaa00

// ioctls refuses the requests of the ioctl deny list as they stand at start (the
// request is an unsigned int: only its low 32 bits count). Requests denied later
// through /dev/syd are refused by the supervisor.
func ioctls(p *sandbox.Policy) []filter.Static {
	deny := p.IoctlDenyList()
	s := filter.Static{Name: "ioctl", Nr: unix.SYS_IOCTL, Refuse: []filter.Refusal{
		{When: []filter.ArgMask{{Arg: 1, Mask: 0xffffffff, Value: userfaultfdIocNew}}, Errno: unix.EPERM},
	}}
	for _, r := range deny {
		s.Refuse = append(s.Refuse, filter.Refusal{When: []filter.ArgMask{{Arg: 1, Mask: 0xffffffff, Value: r.Req & 0xffffffff}}, Errno: unix.EPERM})
	}
	return []filter.Static{s}
}
