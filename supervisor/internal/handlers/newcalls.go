// newcalls.go: path system calls newer than this supervisor's emulation (Linux 6.13+
// *xattrat, 6.17 file_getattr/file_setattr). They are refused with ENOSYS, which
// callers treat as "kernel too old" and fall back to the older, supervised calls;
// letting them through would bypass the chattr and stat categories.
package handlers

import "golang.org/x/sys/unix"

func init() {
	for nr, name := range map[int]string{
		463: "setxattrat", 464: "getxattrat", 465: "listxattrat", 466: "removexattrat",
		468: "file_getattr", 469: "file_setattr",
	} {
		register(nr, name, sysNotSupervised, nil)
	}
}

func sysNotSupervised(*Call) (int64, error) { return 0, unix.ENOSYS }
