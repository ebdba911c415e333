// chroot.go: chroot, checked under chroot and then refused with EPERM, as the
// kernel refuses it to a caller without CAP_SYS_CHROOT (Syd drops that capability).
// It is neither continued nor emulated: continuing would let the kernel read the path
// again after the check (a sibling thread can rewrite it), and a caller with its own
// root would no longer see the paths the supervisor resolves for it against the
// shared root. It is intercepted whether chroot sandboxing is on or off, for the
// same reason.
package handlers

import (
	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/pathres"
)

func init() {
	register(unix.SYS_CHROOT, "chroot", sysChroot, nil)
}

// sysChroot keeps the kernel's order of errors: the lookup (ENOENT, ENOTDIR, ELOOP,
// ...), the search permission (EACCES), then the capability (EPERM).
func sysChroot(c *Call) (int64, error) {
	res, err := c.resolveAt(-1, 0, pathres.FollowLast, false)
	if err != nil {
		return 0, err
	}
	defer res.Close()
	if !res.Exists {
		return 0, unix.ENOENT
	}
	if res.Mode&unix.S_IFMT != unix.S_IFDIR {
		return 0, c.hiddenOr(res.Path, unix.ENOTDIR)
	}
	if err := c.accessObject(&res, sandbox.CatChroot); err != nil {
		return 0, err
	}
	if err := pinMagic(&res); err != nil {
		return 0, err
	}
	dirfd, name, atFlags := res.At()
	if err := unix.Faccessat2(dirfd, name, unix.X_OK, atFlags); err != nil {
		return 0, err
	}
	return 0, unix.EPERM
}
