// table_test.go: the dispatch table's invariants.
package handlers

import (
	"slices"
	"testing"

	"golang.org/x/sys/unix"
)

// A creating call applies the caller's umask from syd's cache, which only a
// supervised umask(2) keeps right: whenever a creating call may be supervised,
// umask must be too.
func TestUmaskSupervisedWheneverACreatingCallIs(t *testing.T) {
	umask := table[unix.SYS_UMASK].cats
	for _, nr := range []int{unix.SYS_OPEN, unix.SYS_OPENAT, unix.SYS_OPENAT2, unix.SYS_CREAT, unix.SYS_MKDIR,
		unix.SYS_MKDIRAT, unix.SYS_MKNOD, unix.SYS_MKNODAT, unix.SYS_BIND} {
		e := table[nr]
		if e.cats == nil {
			t.Fatalf("%s: always supervised; umask must be too", e.name)
		}
		for _, c := range e.cats {
			if !slices.Contains(umask, c) {
				t.Errorf("%s is supervised for category %v, umask is not", e.name, c)
			}
		}
	}
}
