// Package execcheck decides what an executable is, from the file the kernel is
// about to run or has loaded (an fd syd holds of it): the facts the exec checks
// of spec 06 §3 need: whether it is the dynamic loader itself, and whether it is
// a kind of program the policy refuses (non-PIE, executable stack, 32-bit,
// dynamic, static, a script).
package execcheck

import (
	"debug/elf"
	"encoding/binary"
	"os"
	"strings"

	"golang.org/x/sys/unix"
)

// elfHeader64 is what the quick look reads: e_ident, e_type.
const elfHeader64 = 64

// IsLoader reports whether the file open at fd is a dynamic loader (ld.so):
// a shared object with no interpreter of its own whose soname is a loader's.
// Running it directly (`ld.so PROG`) runs PROG without exec checks on PROG, so
// it is refused by default (trace/allow_unsafe_exec_ldso). fd stays open.
func IsLoader(fd int) bool {
	var hdr [elfHeader64]byte
	if n, err := unix.Pread(fd, hdr[:], 0); err != nil || n < 20 || string(hdr[:4]) != elf.ELFMAG {
		return false // not ELF: scripts and other formats
	}
	if elf.Type(binary.LittleEndian.Uint16(hdr[16:])) != elf.ET_DYN {
		return false // ET_EXEC: a non-PIE program
	}
	dup, err := unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, 0)
	if err != nil {
		return false
	}
	f := os.NewFile(uintptr(dup), "exec")
	defer f.Close()
	ef, err := elf.NewFile(f)
	if err != nil {
		return false
	}
	for _, p := range ef.Progs {
		if p.Type == elf.PT_INTERP {
			return false // a PIE program: it names its loader
		}
	}
	sonames, err := ef.DynString(elf.DT_SONAME)
	if err != nil {
		return false // static-pie programs have no dynamic section to speak of
	}
	for _, s := range sonames {
		if strings.HasPrefix(s, "ld-linux") || strings.HasPrefix(s, "ld-musl") || strings.HasPrefix(s, "ld.so") || strings.HasPrefix(s, "ld64.so") {
			return true
		}
	}
	return false
}

// MemfdName returns NAME for the path of a memfd ("/memfd:NAME (deleted)").
func MemfdName(path string) (string, bool) {
	rest, ok := strings.CutPrefix(path, "/memfd:")
	if !ok {
		return "", false
	}
	return strings.TrimSuffix(rest, " (deleted)"), true
}

// Rules are the exec checks of spec 06 §3 that look inside the file.
type Rules struct {
	AllowNoPIE, AllowExecStack                     bool // trace/allow_unsafe_nopie, trace/allow_unsafe_stack
	DenyElf32, DenyDynamic, DenyStatic, DenyScript bool // trace/deny_elf32, deny_elf_dynamic, deny_elf_static, deny_script
}

// AllowsAll reports whether r refuses nothing (no file needs reading).
func (r Rules) AllowsAll() bool { return r == Rules{AllowNoPIE: true, AllowExecStack: true} }

// Kind names what a refused file is, for the log and the tip.
type Kind string

// What Check refuses.
const (
	NoPIE     Kind = "a non-PIE executable"
	ExecStack Kind = "an executable with an executable stack"
	Elf32     Kind = "a 32-bit executable"
	Dynamic   Kind = "a dynamically linked executable"
	Static    Kind = "a statically linked executable"
	Script    Kind = "a script"
	// Unreadable is a loaded binary syd cannot open to check.
	Unreadable Kind = "an executable syd cannot read"
)

// Check returns what r refuses in the file open at fd, or "" when nothing. A file
// that is neither ELF nor a script is left to the kernel (ENOEXEC). fd stays open.
func Check(fd int, r Rules) Kind {
	var hdr [2]byte
	if n, _ := unix.Pread(fd, hdr[:], 0); n == 2 && hdr == [2]byte{'#', '!'} {
		if r.DenyScript {
			return Script
		}
		return ""
	}
	dup, err := unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, 0)
	if err != nil {
		return ""
	}
	f := os.NewFile(uintptr(dup), "exec")
	defer f.Close()
	ef, err := elf.NewFile(f)
	if err != nil {
		return "" // not ELF (or damaged): the kernel refuses it itself
	}
	if ef.Class == elf.ELFCLASS32 && r.DenyElf32 {
		return Elf32
	}
	interp, stack := false, false
	for _, p := range ef.Progs {
		switch p.Type {
		case elf.PT_INTERP:
			interp = true
		case elf.PT_GNU_STACK:
			stack = p.Flags&elf.PF_X != 0
		}
	}
	switch {
	case ef.Type == elf.ET_EXEC && !r.AllowNoPIE:
		return NoPIE
	case stack && !r.AllowExecStack:
		return ExecStack
	case interp && r.DenyDynamic:
		return Dynamic
	case !interp && r.DenyStatic:
		return Static
	}
	return ""
}
