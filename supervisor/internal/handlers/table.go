// table.go: the dispatch table, syscall number -> handler, for the native architecture.
package handlers

import "golang.org/x/sys/unix"

// auditArchNative is AUDIT_ARCH_X86_64; other architectures are killed by the filter.
const auditArchNative = unix.AUDIT_ARCH_X86_64

// tableSize covers every x86_64 syscall number.
const tableSize = 512

var (
	table [tableSize]Handler
	names [tableSize]string
)

func register(nr int, name string, h Handler) {
	table[nr] = h
	names[nr] = name
}

func init() {
	register(unix.SYS_OPEN, "open", sysOpen)
	register(unix.SYS_OPENAT, "openat", sysOpenat)
	register(unix.SYS_CREAT, "creat", sysCreat)
	register(unix.SYS_OPENAT2, "openat2", sysOpenat2)
}
