// Package execcheck decides what an executable is, from the file the kernel is
// about to run (an fd syd holds of it): the facts the exec checks of spec 06 §3
// need, here whether it is the dynamic loader itself.
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
