// This file defines the boolean trace/* options and the names that select them.

package sandbox

import (
	"strconv"
	"strings"
)

// Flag is one boolean "trace/<name>" option (spec 02 §5.6, spec 06). All are
// off by default. Policy.Has reports whether one is on.
type Flag uint8

// The flags, in the order the JSON state lists them.
const (
	FlagExitWaitAll            Flag = iota // exit_wait_all: wait for every process, not only the first
	FlagAllowSafeBind                      // allow_safe_bind: a bound address becomes allowed for connect
	FlagAllowSafeKCAPI                     // allow_safe_kcapi: AF_ALG sockets
	FlagAllowSafeSetuid                    // allow_safe_setuid: set*uid along setuid+ rules
	FlagAllowSafeSetgid                    // allow_safe_setgid: set*gid along setgid+ rules
	FlagAllowUnsuppSocket                  // allow_unsupp_socket: socket families syd does not mediate
	FlagAllowUnsafeSocket                  // allow_unsafe_socket: raw and packet sockets
	FlagAllowUnsafeFilename                // allow_unsafe_filename: no Safename rules
	FlagAllowUnsafeOpen                    // allow_unsafe_open: O_PATH opens continue in the caller
	FlagAllowUnsafeMagiclinks              // allow_unsafe_magiclinks: other processes' /proc magic links
	FlagAllowUnsafeExec                    // allow_unsafe_exec: no post-exec check, Force or SegvGuard
	FlagAllowUnsafePtrace                  // allow_unsafe_ptrace (and allow_unsafe_debug): ptrace
	FlagAllowUnsafePerf                    // allow_unsafe_perf (and allow_unsafe_debug): perf_event_open
	FlagAllowUnsafeEnv                     // allow_unsafe_env: keep loader and libc variables
	FlagAllowUnsafeMemory                  // allow_unsafe_memory: no W^X (MDWE)
	FlagAllowUnsafeNopie                   // allow_unsafe_nopie (allow_unsafe_exec_nopie): non-PIE executables
	FlagAllowUnsafeStack                   // allow_unsafe_stack (allow_unsafe_exec_stack): executable stacks
	FlagAllowUnsafeLdso                    // allow_unsafe_exec_ldso: running ld.so directly
	FlagAllowUnsafeCaps                    // allow_unsafe_caps: keep capabilities
	FlagAllowUnsafePrctl                   // allow_unsafe_prctl: every prctl option
	FlagAllowUnsafePrlimit                 // allow_unsafe_prlimit: setrlimit, prlimit64
	FlagAllowUnsafeTime                    // allow_unsafe_time: setting clocks
	FlagAllowUnsafeIouring                 // allow_unsafe_iouring (allow_unsafe_uring): io_uring
	FlagAllowUnsafeKeyring                 // allow_unsafe_keyring: add_key, keyctl, request_key
	FlagAllowUnsafePkey                    // allow_unsafe_pkey: memory protection keys
	FlagAllowUnsafeNice                    // allow_unsafe_nice: scheduling priority changes
	FlagAllowUnsafeSync                    // allow_unsafe_sync: sync, syncfs
	FlagAllowUnsafeSyslog                  // allow_unsafe_syslog: syslog(2)
	FlagAllowUnsafeChown                   // allow_unsafe_chown: chown to other users
	FlagAllowUnsafeMsgsnd                  // allow_unsafe_msgsnd: System V message queues
	FlagAllowUnsafeCbpf                    // allow_unsafe_cbpf: loading further seccomp filters
	FlagAllowUnsafeEbpf                    // allow_unsafe_ebpf: bpf(2)
	FlagAllowUnsafeCPU                     // allow_unsafe_cpu: modify_ldt, vm86 and friends
	FlagAllowUnsafeMemfd                   // allow_unsafe_memfd: executable memfds
	FlagAllowUnsafeLibc                    // allow_unsafe_libc: no AT_SECURE
	FlagAllowUnsafeSpecExec                // allow_unsafe_spec_exec: speculation controls
	FlagAllowUnsafeDumpable                // allow_unsafe_dumpable: core dumps
	FlagAllowUnsafePersonality             // allow_unsafe_personality: every personality(2) persona
	FlagDenyDotdot                         // deny_dotdot: refuse ".." components
	FlagDenyElf32                          // deny_elf32: refuse 32-bit ELF executables
	FlagDenyElfDynamic                     // deny_elf_dynamic: refuse dynamically linked executables
	FlagDenyElfStatic                      // deny_elf_static: refuse statically linked executables
	FlagDenyScript                         // deny_script: refuse "#!" scripts
	FlagDenyTSC                            // deny_tsc: PR_SET_TSC(PR_TSC_SIGSEGV)
	FlagLockPersonality                    // lock_personality: lock personality(2)
	FlagForceCloexec                       // force_cloexec: O_CLOEXEC on every new fd
	FlagForceRandFD                        // force_rand_fd: randomised fd numbers
	FlagSyncSeccomp                        // sync_seccomp: synchronous seccomp-notify wake-ups
	numFlags

	// NoFlag stands for "no flag" where a flag is expected (a measure nothing lifts).
	NoFlag Flag = 255
)

var flagNames = [numFlags]string{
	"exit_wait_all", "allow_safe_bind", "allow_safe_kcapi", "allow_safe_setuid", "allow_safe_setgid",
	"allow_unsupp_socket", "allow_unsafe_socket", "allow_unsafe_filename", "allow_unsafe_open",
	"allow_unsafe_magiclinks", "allow_unsafe_exec", "allow_unsafe_ptrace", "allow_unsafe_perf",
	"allow_unsafe_env", "allow_unsafe_memory", "allow_unsafe_nopie", "allow_unsafe_stack",
	"allow_unsafe_exec_ldso", "allow_unsafe_caps", "allow_unsafe_prctl", "allow_unsafe_prlimit",
	"allow_unsafe_time", "allow_unsafe_iouring", "allow_unsafe_keyring", "allow_unsafe_pkey",
	"allow_unsafe_nice", "allow_unsafe_sync", "allow_unsafe_syslog", "allow_unsafe_chown",
	"allow_unsafe_msgsnd", "allow_unsafe_cbpf", "allow_unsafe_ebpf", "allow_unsafe_cpu",
	"allow_unsafe_memfd", "allow_unsafe_libc", "allow_unsafe_spec_exec", "allow_unsafe_dumpable",
	"allow_unsafe_personality",
	"deny_dotdot", "deny_elf32", "deny_elf_dynamic", "deny_elf_static", "deny_script", "deny_tsc",
	"lock_personality", "force_cloexec", "force_rand_fd", "sync_seccomp",
}

// String returns the flag's name without the "trace/" prefix.
func (f Flag) String() string {
	if f < numFlags {
		return flagNames[f]
	}
	return "flag(" + strconv.Itoa(int(f)) + ")"
}

// flagSet is a set of flags as a bit mask.
type flagSet uint64

func (s flagSet) has(f Flag) bool { return s&(1<<f) != 0 }

func flagSetOf(fs ...Flag) flagSet {
	var s flagSet
	for _, f := range fs {
		s |= 1 << f
	}
	return s
}

// flagByName maps every accepted "trace/<name>" to the flags it sets: the
// canonical names, the older spellings and allow_unsafe_debug (ptrace and
// perf together).
var flagByName = func() map[string]flagSet {
	m := map[string]flagSet{
		"allow_unsafe_debug":      flagSetOf(FlagAllowUnsafePtrace, FlagAllowUnsafePerf),
		"allow_unsafe_exec_nopie": flagSetOf(FlagAllowUnsafeNopie),
		"allow_unsafe_exec_stack": flagSetOf(FlagAllowUnsafeStack),
		"allow_unsafe_uring":      flagSetOf(FlagAllowUnsafeIouring),
	}
	for f := range numFlags {
		m[f.String()] = flagSetOf(f)
	}
	return m
}()

// runtimeFlags may change after Sandbox.Start: the supervisor consults them
// per call. Every other flag shapes the seccomp filter or the process set-up,
// so changing it after the start fails with EBUSY.
var runtimeFlags = flagSetOf(
	FlagExitWaitAll, FlagAllowSafeBind, FlagAllowUnsafeFilename, FlagAllowUnsafeOpen,
	FlagAllowUnsafeMagiclinks, FlagDenyDotdot, FlagDenyElf32, FlagDenyElfDynamic,
	FlagDenyElfStatic, FlagDenyScript, FlagForceCloexec, FlagForceRandFD,
)

// flagReduces reports whether setting f to on reduces privilege, which is
// what lock:drop accepts: turning an allow_* flag off, or a deny_*, force_*
// or lock_* flag on.
func flagReduces(f Flag, on bool) bool {
	name := f.String()
	switch {
	case strings.HasPrefix(name, "allow_"):
		return !on
	case strings.HasPrefix(name, "deny_"), strings.HasPrefix(name, "force_"), strings.HasPrefix(name, "lock_"):
		return on
	}
	return false
}
