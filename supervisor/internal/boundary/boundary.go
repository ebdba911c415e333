// Package boundary keeps syd and the guard out of the sandbox's reach (spec 06 §1)
// with what the kernel enforces by itself: the sandbox runs in a Landlock domain
// of its own, so it can neither ptrace, read nor write the memory of, nor (Landlock
// ABI 6, Linux 6.12) signal any process outside that domain; the sandbox holds no
// capabilities unless the policy keeps them; syd and the guard are not dumpable.
// Where the kernel lacks scoped signals the supervisor checks the signal calls
// itself (handlers/signal.go). The stub enters the domain and drops the
// capabilities (launch/stub.c); this package holds syd's side.
package boundary

import (
	ll "github.com/landlock-lsm/go-landlock/landlock/syscall"
	"golang.org/x/sys/unix"
)

// scopedSignalsABI is the first Landlock ABI that scopes signals.
const scopedSignalsABI = 6

// ABI returns the Landlock ABI of the running kernel (0: none).
func ABI() int {
	v, err := ll.LandlockGetABIVersion()
	if err != nil {
		return 0
	}
	return v
}

// ScopedSignals reports whether the kernel keeps signals inside a Landlock domain.
func ScopedSignals() bool { return ABI() >= scopedSignalsABI }

// HasCapabilities reports whether the calling thread holds any effective capability.
func HasCapabilities() bool {
	eff, ok := effective()
	return !ok || eff != 0 // unknown: assume the worst
}

// HasCapability reports whether the calling thread holds capability c in its
// effective set.
func HasCapability(c int) bool {
	eff, ok := effective()
	return ok && eff&(1<<uint(c)) != 0
}

// effective is the calling thread's effective capability set.
func effective() (uint64, bool) {
	eff, _, _, err := Capabilities()
	return eff, err == nil
}

// Capabilities returns the calling thread's effective, permitted and
// inheritable capability sets.
func Capabilities() (eff, prm, inh uint64, err error) {
	hdr := unix.CapUserHeader{Version: unix.LINUX_CAPABILITY_VERSION_3}
	var data [2]unix.CapUserData
	if err = unix.Capget(&hdr, &data[0]); err != nil {
		return
	}
	eff = uint64(data[0].Effective) | uint64(data[1].Effective)<<32
	prm = uint64(data[0].Permitted) | uint64(data[1].Permitted)<<32
	inh = uint64(data[0].Inheritable) | uint64(data[1].Inheritable)<<32
	return
}

// NotDumpable makes the calling process undumpable: its /proc/<pid> files belong
// to root and need CAP_SYS_PTRACE to open, and it cannot be attached to without
// it, even by a process of the same user outside the Landlock domain.
func NotDumpable() error {
	return unix.Prctl(unix.PR_SET_DUMPABLE, 0, 0, 0, 0)
}
