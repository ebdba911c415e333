// Package filter turns the set of intercepted system calls into a seccomp BPF program
// (built with libseccomp) and loads it with the flags syd needs.
package filter

import (
	"fmt"
	"io"
	"os"

	seccomp "github.com/seccomp/libseccomp-golang"
	"golang.org/x/sys/unix"
)

// ArgMask is one condition on a system call argument: (arg & Mask) == Value, or
// with Op a plain comparison of the whole 64-bit argument with Value.
type ArgMask struct {
	Arg   uint
	Mask  uint64
	Value uint64
	Op    Op
}

// Op is how an ArgMask compares.
type Op uint8

const (
	MaskedEqual  Op = iota // (arg & Mask) == Value
	NotEqual               // arg != Value
	GreaterEqual           // arg >= Value (unsigned)
	Equal                  // arg == Value (MaskedEqual with a zero Mask matches anything)
)

// condition turns c into libseccomp's form.
func (c ArgMask) condition() (seccomp.ScmpCondition, error) {
	switch c.Op {
	case NotEqual:
		return seccomp.MakeCondition(c.Arg, seccomp.CompareNotEqual, c.Value)
	case GreaterEqual:
		return seccomp.MakeCondition(c.Arg, seccomp.CompareGreaterEqual, c.Value)
	case Equal:
		return seccomp.MakeCondition(c.Arg, seccomp.CompareEqual, c.Value)
	}
	return seccomp.MakeCondition(c.Arg, seccomp.CompareMaskedEqual, c.Mask, c.Value)
}

// Rule sends a system call to the supervisor: always when Any is empty,
// otherwise when any one of the conditions holds. Nr is the native number: it is
// used as is, so calls newer than libseccomp's tables are covered too.
type Rule struct {
	Name string
	Nr   int
	Any  []ArgMask
}

// Build compiles rules into a libseccomp filter for the native architecture. Calls
// from other architectures (i386, x32 on x86_64) kill the process: they are not
// supervised yet, and letting them through would bypass the sandbox.
func Build(rules []Rule) (*seccomp.ScmpFilter, error) {
	f, err := newFilter(seccomp.ActAllow)
	if err != nil {
		return nil, err
	}
	for _, r := range rules {
		// On the native architecture libseccomp's syscall number is the kernel's.
		sc := seccomp.ScmpSyscall(r.Nr)
		var err error
		if len(r.Any) == 0 {
			err = f.AddRule(sc, seccomp.ActNotify)
		}
		for _, c := range r.Any {
			cond, cerr := c.condition()
			if cerr != nil {
				err = cerr
				break
			}
			if err = f.AddRuleConditional(sc, seccomp.ActNotify, []seccomp.ScmpCondition{cond}); err != nil {
				break
			}
		}
		if err != nil {
			f.Release()
			return nil, fmt.Errorf("syscall %s: %w", r.Name, err)
		}
	}
	return f, nil
}

// export runs one of libseccomp's exporters into a memfd and returns the bytes.
func export(write func(*os.File) error) ([]byte, error) {
	fd, err := unix.MemfdCreate("syd-filter", unix.MFD_CLOEXEC)
	if err != nil {
		return nil, err
	}
	file := os.NewFile(uintptr(fd), "syd-filter")
	defer file.Close()
	if err := write(file); err != nil {
		return nil, err
	}
	if _, err := file.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	return io.ReadAll(file)
}

// BPF returns the raw program (an array of 8-byte struct sock_filter).
func BPF(f *seccomp.ScmpFilter) ([]byte, error) { return export(f.ExportBPF) }

// PFC returns libseccomp's human-readable pseudo filter code.
func PFC(f *seccomp.ScmpFilter) ([]byte, error) { return export(f.ExportPFC) }

// LoadFlags are the flags the stub loads the notify filter with (launch/stub.c): a listener fd, killable waits
// (so tracee signals do not abort requests the supervisor already acted on), and
// every thread of the caller synchronised.
const LoadFlags = unix.SECCOMP_FILTER_FLAG_NEW_LISTENER | unix.SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV |
	unix.SECCOMP_FILTER_FLAG_TSYNC | unix.SECCOMP_FILTER_FLAG_TSYNC_ESRCH
