// static.go: the static layers, two more seccomp programs the kernel decides by
// itself, stacked with the notify filter (the kernel takes the strictest answer,
// so a refusal here wins over a notification):
//
//   - the known-calls gate allows every system call number this supervisor
//     knows and answers ENOSYS to any other, so a system call newer than syd
//     never bypasses the sandbox;
//   - the hardening layer refuses calls, or argument values of them, with an
//     errno (or turns them into no-ops that succeed), and allows everything else.
//
// Calls whose answer does not depend on their arguments are cached by the kernel
// per filter: an allowed call costs nothing here.
package filter

import (
	"encoding/binary"
	"fmt"

	seccomp "github.com/seccomp/libseccomp-golang"
	"golang.org/x/sys/unix"
)

// Refusal is one answer of the hardening layer: the call fails with Errno (0:
// succeeds without running) when all of When hold (no conditions: always).
type Refusal struct {
	When  []ArgMask
	Errno unix.Errno
}

// Static is what the hardening layer refuses of one system call.
type Static struct {
	Name   string
	Nr     int
	Refuse []Refusal
}

// Known reports whether nr is a native system call number this supervisor knows
// (x86_64 up to listns and rseq_slice_yield; 337-423 are unused).
func Known(nr int) bool { return nr >= 0 && nr <= 336 || nr >= 424 && nr <= 471 }

// The known-calls gate is four comparisons, written out here rather than as one
// libseccomp rule per known number.
const (
	auditArchX86_64 = 0xc000003e // AUDIT_ARCH_X86_64
	x32SyscallBit   = 0x40000000
	offNr           = 0 // struct seccomp_data: nr
	offArch         = 4 //                      arch
)

// KnownGate returns the known-calls gate as a raw BPF program: other
// architectures and the x32 ABI are killed, native numbers this supervisor does
// not know are ENOSYS, the rest is allowed.
func KnownGate() []byte {
	stmt := func(code uint16, k uint32) unix.SockFilter { return unix.SockFilter{Code: code, K: k} }
	jump := func(code uint16, k uint32, jt, jf uint8) unix.SockFilter {
		return unix.SockFilter{Code: code, Jt: jt, Jf: jf, K: k}
	}
	const (
		ld  = unix.BPF_LD | unix.BPF_W | unix.BPF_ABS
		jeq = unix.BPF_JMP | unix.BPF_JEQ | unix.BPF_K
		jge = unix.BPF_JMP | unix.BPF_JGE | unix.BPF_K
		jgt = unix.BPF_JMP | unix.BPF_JGT | unix.BPF_K
		ret = unix.BPF_RET | unix.BPF_K
	)
	prog := []unix.SockFilter{
		stmt(ld, offArch),                                     // 0
		jump(jeq, auditArchX86_64, 1, 0),                      // 1 -> 3
		stmt(ret, unix.SECCOMP_RET_KILL_PROCESS),              // 2
		stmt(ld, offNr),                                       // 3
		jump(jge, 0x80000000, 5, 0),                           // 4 -> 10: negative (syscall(-1) is ENOSYS natively)
		jump(jge, x32SyscallBit, 5, 0),                        // 5 -> 11: the x32 ABI
		jump(jgt, 471, 3, 0),                                  // 6 -> 10
		jump(jge, 424, 1, 0),                                  // 7 -> 9
		jump(jgt, 336, 1, 0),                                  // 8 -> 10
		stmt(ret, unix.SECCOMP_RET_ALLOW),                     // 9
		stmt(ret, unix.SECCOMP_RET_ERRNO|uint32(unix.ENOSYS)), // 10
		stmt(ret, unix.SECCOMP_RET_KILL_PROCESS),              // 11
	}
	out := make([]byte, 0, 8*len(prog))
	for _, f := range prog {
		out = binary.NativeEndian.AppendUint16(out, f.Code)
		out = append(out, f.Jt, f.Jf)
		out = binary.NativeEndian.AppendUint32(out, f.K)
	}
	return out
}

// KnownGatePFC describes the known-calls gate in the style of libseccomp's pseudo
// filter code.
const KnownGatePFC = `#
# pseudo filter code start
#
if ($arch != 3221225534) action KILL_PROCESS;
if ($syscall >= 0x80000000) action ERRNO(38);     # negative: syscall(-1)
if ($syscall >= 0x40000000) action KILL_PROCESS;  # x32
if ($syscall > 471) action ERRNO(38);
if ($syscall >= 424) action ALLOW;
if ($syscall > 336) action ERRNO(38);
action ALLOW;
#
# pseudo filter code end
#
`

// BuildStatic compiles the hardening layer.
func BuildStatic(statics []Static) (*seccomp.ScmpFilter, error) {
	f, err := newFilter(seccomp.ActAllow)
	if err != nil {
		return nil, err
	}
	for _, s := range statics {
		if err := addRefusals(f, s); err != nil {
			f.Release()
			return nil, fmt.Errorf("hardening layer: %s: %w", s.Name, err)
		}
	}
	return f, nil
}

// newFilter is a filter for the native architecture with def as its default;
// calls from other architectures kill the process.
func newFilter(def seccomp.ScmpAction) (*seccomp.ScmpFilter, error) {
	f, err := seccomp.NewFilter(def)
	if err != nil {
		return nil, err
	}
	if err := f.SetBadArchAction(seccomp.ActKillProcess); err != nil {
		f.Release()
		return nil, err
	}
	return f, nil
}

func addRefusals(f *seccomp.ScmpFilter, s Static) error {
	sc := seccomp.ScmpSyscall(s.Nr)
	for _, r := range s.Refuse {
		act := seccomp.ActErrno.SetReturnCode(int16(r.Errno))
		if len(r.When) == 0 {
			if err := f.AddRule(sc, act); err != nil {
				return err
			}
			continue
		}
		conds := make([]seccomp.ScmpCondition, len(r.When))
		for i, w := range r.When {
			var err error
			if conds[i], err = w.condition(); err != nil {
				return err
			}
		}
		if err := f.AddRuleConditional(sc, act, conds); err != nil {
			return err
		}
	}
	return nil
}

// Blocks covers the range [lo, hi] of a 64-bit argument with masked-equality
// conditions (aligned power-of-two blocks, as a CIDR range is covered by
// prefixes), for answers that hold on a range, whose two ends libseccomp cannot
// compare in one rule. Each block is an alternative: one rule each.
func Blocks(arg uint, lo, hi uint64) []ArgMask {
	var out []ArgMask
	for lo <= hi {
		// The largest aligned block starting at lo that ends at or before hi.
		size := uint64(1)
		for size<<1 != 0 && lo&(size<<1-1) == 0 && lo+(size<<1)-1 <= hi {
			size <<= 1
		}
		out = append(out, ArgMask{Arg: arg, Mask: ^(size - 1), Value: lo})
		if lo+size-1 == hi || lo+size == 0 {
			break
		}
		lo += size
	}
	return out
}
